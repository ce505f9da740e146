"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import type { TResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";

export type TSignUpAction = (input: {
  email: string;
  password: string;
  invite?: string;
}) => Promise<TResult<{ email: string }>>;

/**
 * Creates the account through the server action, then signs in with the same credentials and
 * reloads into `callbackUrl` (a full load, so the header and the proxy see the new session).
 */
export function SignUpForm({
  signUpAction,
  callbackUrl,
  invite,
}: {
  signUpAction: TSignUpAction;
  callbackUrl: string;
  /** The invitation token from the link, when sign-up needs one. */
  invite?: string;
}) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isNavigating, setIsNavigating] = useState(false);
  const [isPending, startTransition] = useTransition();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    startTransition(async () => {
      try {
        const result = await signUpAction(invite ? { email, password, invite } : { email, password });
        if (!result.ok) {
          const errors = result.fieldErrors ?? {};
          setFieldErrors(errors);
          setFormError(errors.email || errors.password ? null : result.error);
          (errors.email ? emailRef : passwordRef).current?.focus();
          return;
        }
        setFieldErrors({});
        setFormError(null);
        const signedIn = await signIn("credentials", { email, password, redirect: false });
        if (!signedIn?.ok || signedIn.error) {
          // The same answer comes back whether or not the email already had an account; only a new
          // account takes this password.
          setFormError("Could not sign you in. If this email already has an account, sign in with its password.");
          return;
        }
        setIsNavigating(true);
        window.location.assign(callbackUrl);
      } catch {
        setFormError("Could not reach Privet. Check your connection and try again.");
      }
    });
  }

  const isBusy = isPending || isNavigating;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <TextField
        ref={emailRef}
        id="sign-up-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={fieldErrors.email}
      />
      <TextField
        ref={passwordRef}
        id="sign-up-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={fieldErrors.password}
      />
      <FormError message={formError} />
      <Button type="submit" size="lg" isPending={isBusy} className="w-full">
        {isBusy ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
