"use client";

import { useState, useTransition, type FormEvent } from "react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { TDeleteAccountAction } from "@/components/account/types";
import { deleteConversationHistory } from "@/components/chat/conversation-store";

/**
 * Account deletion behind a password confirmation; afterwards this browser's chat history of the
 * account is deleted (it never was on the server), the session is ended and the browser leaves.
 */
export function DeleteAccount({
  email,
  accountId,
  action,
}: {
  email: string;
  accountId: string;
  action: TDeleteAccountAction;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onOpenChange(open: boolean) {
    if (isPending) return;
    setIsOpen(open);
    if (!open) setError(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setError(null);
    startTransition(async () => {
      const result = await action({ password });
      if (!result.ok) {
        setError(result.fieldErrors?.password ?? result.error);
        return;
      }
      // The account is gone: its chats in this browser go too, then the session cookie, then the
      // page, with a full load.
      await deleteConversationHistory(accountId);
      await signOut({ redirect: false }).catch(() => undefined);
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- the full load is the point
      window.location.assign("/?account=deleted");
    });
  }

  return (
    <>
      <Button variant="destructive" onClick={() => setIsOpen(true)}>
        Delete account…
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={onOpenChange}
        title="Delete your account?"
        description={
          <div className="flex flex-col gap-2">
            <p>
              <strong className="text-foreground">{email}</strong> and everything it holds are deleted for good: your
              activity, logged content, linked samples, API keys (they stop working at once), settings, and the chat
              history this browser keeps for it. This cannot be undone.
            </p>
            <p>Anonymous samples stay: they hold nothing that ties them to you.</p>
          </div>
        }
      >
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <TextField
            id="delete-account-password"
            name="password"
            type="password"
            label="Your password"
            autoComplete="current-password"
            required
            error={error}
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" isPending={isPending}>
              {isPending ? "Deleting…" : "Delete my account"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
