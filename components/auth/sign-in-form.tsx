"use client";

import { useState, useTransition, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";

// One message for every failed attempt, so the form does not reveal which emails have accounts.
const WRONG_CREDENTIALS = "Wrong email or password.";

/** next-auth reports a throttled attempt as `throttled:<seconds>` (lib/auth/next-auth.ts). */
function describeFailure(error: string | null | undefined): string {
  if (error === "disabled") return "This account is disabled. Ask the admin of this Privet to enable it.";
  const throttled = /^throttled:(\d+)$/.exec(error ?? "");
  if (!throttled) return WRONG_CREDENTIALS;
  const seconds = Math.max(1, Number(throttled[1]));
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? "" : "s"}`
      : `${Math.ceil(seconds / 60)} minute${seconds <= 60 ? "" : "s"}`;
  return `Too many failed sign-in attempts from here. Try again in ${wait}.`;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isNavigating, setIsNavigating] = useState(false);
  const [isPending, startTransition] = useTransition();
  const errorId = "sign-in-error";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      try {
        const result = await signIn("credentials", {
          email: String(data.get("email") ?? ""),
          password: String(data.get("password") ?? ""),
          redirect: false,
        });
        if (!result?.ok || result.error) {
          setError(describeFailure(result?.error));
          form.querySelector<HTMLInputElement>("input[name=password]")?.select();
          return;
        }
        setIsNavigating(true);
        // A full load: a client-side push could be answered from the redirect cached before sign-in.
        window.location.assign(callbackUrl);
      } catch {
        setError("Could not reach Privet. Check your connection and try again.");
      }
    });
  }

  const isBusy = isPending || isNavigating;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <TextField
        id="sign-in-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        describedBy={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
      />
      <TextField
        id="sign-in-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        describedBy={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
      />
      <FormError id={errorId} message={error} />
      <Button type="submit" size="lg" isPending={isBusy} className="w-full">
        {isBusy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
