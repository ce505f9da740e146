"use client";

import { useState } from "react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-error";

export function SignOutForm() {
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setIsPending(true);
    setError(null);
    try {
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
      <div className="flex flex-col gap-3 sm:flex-row-reverse">
        <Button size="lg" isPending={isPending} onClick={onSignOut} className="sm:flex-1">
          {isPending ? "Signing out…" : "Sign out"}
        </Button>
        <Link href="/chat" className={buttonClasses({ size: "lg", variant: "outline", className: "sm:flex-1" })}>
          Stay signed in
        </Link>
      </div>
    </div>
  );
}
