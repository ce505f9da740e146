"use client";

import { useState, useTransition, type FormEvent } from "react";
import { signIn, signOut } from "next-auth/react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";
import { ConfirmAction } from "@/components/activity/confirm-action";
import type { TChangePasswordAction, TSignOutEverywhereAction } from "@/components/account/types";

const SIGN_IN_AGAIN = "/sign-in?callbackUrl=%2Fsettings%2Faccount";

/**
 * A password change ends every session, this browser's too; the form then signs this browser in
 * again with the new password, so only the others are signed out.
 */
function ChangePassword({ email, action }: { email: string; action: TChangePasswordAction }) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    startTransition(async () => {
      try {
        const result = await action({ password, newPassword });
        if (!result.ok) {
          const errors = result.fieldErrors ?? {};
          setFieldErrors(errors);
          setFormError(errors.password || errors.newPassword ? null : result.error);
          return;
        }
        setFieldErrors({});
        setFormError(null);
        const signedIn = await signIn("credentials", { email, password: newPassword, redirect: false });
        if (!signedIn?.ok || signedIn.error) {
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the ended session's views
          window.location.assign(SIGN_IN_AGAIN);
          return;
        }
        form.reset();
        toast.success("Password changed. Every other session was signed out.");
      } catch {
        setFormError("Could not reach Privet. Check your connection and try again.");
      }
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Change password</CardTitle>
        <CardDescription>
          Signs out every other browser signed in to this account. API keys keep working.
        </CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate>
        <CardContent className="flex max-w-md flex-col gap-4">
          <TextField
            id="current-password"
            name="password"
            type="password"
            label="Current password"
            autoComplete="current-password"
            required
            error={fieldErrors.password}
          />
          <TextField
            id="new-password"
            name="newPassword"
            type="password"
            label="New password"
            autoComplete="new-password"
            required
            minLength={8}
            hint="At least 8 characters."
            error={fieldErrors.newPassword}
          />
          <FormError message={formError} />
        </CardContent>
        <CardFooter>
          <Button type="submit" size="sm" isPending={isPending}>
            {isPending ? "Changing…" : "Change password"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

/** The account's password and the sessions signed in to it. */
export function PasswordAndSessions({
  email,
  changePasswordAction,
  signOutEverywhereAction,
}: {
  email: string;
  changePasswordAction: TChangePasswordAction;
  signOutEverywhereAction: TSignOutEverywhereAction;
}) {
  return (
    <section aria-labelledby="password-and-sessions-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="password-and-sessions-heading" className="text-xl font-semibold tracking-tight">
          Password and sessions
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Signed in as <span className="font-medium text-foreground">{email}</span>. A session lasts 30 days unless you
          end it here.
        </p>
      </div>
      <ChangePassword email={email} action={changePasswordAction} />
      <Card>
        <CardHeader>
          <CardTitle as="h3">Sign out everywhere</CardTitle>
          <CardDescription>
            Ends every session of this account in every browser, this one included — for a lost device or a session you
            do not recognise. API keys keep working: revoke them under API keys.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <ConfirmAction
            trigger="Sign out everywhere"
            title="Sign out everywhere?"
            description="Every browser signed in to this account, this one included, is signed out. Sign in again to continue."
            confirmLabel="Sign out everywhere"
            pendingLabel="Signing out…"
            run={() => signOutEverywhereAction({})}
            onSuccess={() => {
              // This browser's cookie no longer counts; clear it too and leave with a full load.
              void signOut({ redirect: false })
                .catch(() => undefined)
                // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- the full load is the point
                .finally(() => window.location.assign("/sign-in"));
            }}
          />
        </CardFooter>
      </Card>
    </section>
  );
}
