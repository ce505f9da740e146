"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { TApiKeyView } from "@/lib/keys/api-key-view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";
import type { TRevokeApiKeyAction } from "@/components/keys/types";

/**
 * Revoke, after a confirmation. The key id travels in the form (a hidden input), and the server
 * action checks that the signed-in account owns it, whatever the browser sends.
 */
export function RevokeApiKeyButton({
  apiKey,
  revokeAction,
}: {
  apiKey: Pick<TApiKeyView, "id" | "name" | "prefix">;
  revokeAction: TRevokeApiKeyAction;
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
    const keyId = String(new FormData(event.currentTarget).get("keyId") ?? "");
    startTransition(async () => {
      const result = await revokeAction({ keyId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setIsOpen(false);
      toast.success(`Revoked “${result.data.name}”. It stops working immediately.`);
    });
  }

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setIsOpen(true)} aria-label={`Revoke ${apiKey.name}`}>
        Revoke
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={onOpenChange}
        title={`Revoke “${apiKey.name}”?`}
        description={
          <p>
            Anything using the key <code className="font-mono text-foreground">{apiKey.prefix}…</code> will get 401
            errors from now on. This cannot be undone.
          </p>
        }
      >
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <input type="hidden" name="keyId" value={apiKey.id} />
          <FormError message={error} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" isPending={isPending}>
              {isPending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
