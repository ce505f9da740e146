"use client";

import { useState } from "react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-error";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { deleteConversationHistory } from "@/components/chat/conversation-store";

/**
 * Sign out, optionally clearing this browser's chat history first (it lives in the browser only,
 * so signing out alone leaves it for the next person at this browser to find in its storage).
 */
export function SignOutForm({
  accountId,
  shouldClearChats = false,
}: {
  accountId: string;
  shouldClearChats?: boolean;
}) {
  const [isPending, setIsPending] = useState(false);
  const [isClearing, setIsClearing] = useState(shouldClearChats);
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setIsPending(true);
    setError(null);
    try {
      if (isClearing && !(await deleteConversationHistory(accountId))) {
        setIsPending(false);
        setError("Could not clear this browser's chats. Close Privet's other tabs and try again.");
        return;
      }
      // No redirect from next-auth: its URL is built from NEXTAUTH_URL, which may not be the
      // address this browser uses. A full load of "/" also clears every signed-in view.
      await signOut({ redirect: false });
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- the full load is the point
      window.location.assign("/");
    } catch {
      setIsPending(false);
      setError("Could not reach Privet. Check your connection and try again.");
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <FormError message={error} />
      <CheckboxField
        label="Also clear this browser's chats"
        hint="Your chat history is kept in this browser only, not on the server. Clear it on a shared or borrowed computer."
        isChecked={isClearing}
        isDisabled={isPending}
        onChange={setIsClearing}
      />
      <div className="flex flex-col gap-3 sm:flex-row-reverse">
        <Button size="lg" isPending={isPending} onClick={onSignOut} className="sm:flex-1">
          {isPending ? "Signing out…" : isClearing ? "Clear chats and sign out" : "Sign out"}
        </Button>
        <Link href="/chat" className={buttonClasses({ size: "lg", variant: "outline", className: "sm:flex-1" })}>
          Stay signed in
        </Link>
      </div>
    </div>
  );
}
