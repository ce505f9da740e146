import Link from "next/link";
import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { callbackPathFrom, DEFAULT_AFTER_SIGN_IN, type TSearchParams } from "@/lib/auth/callback-url";
import { getSessionAccount } from "@/lib/auth/session";
import { getSignUpPageState } from "@/lib/accounts/signup-page";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const params = await searchParams;
  const callbackUrl = callbackPathFrom(params);
  if (await getSessionAccount()) redirect(callbackUrl);
  const state = await getSignUpPageState(typeof params.invite === "string" ? params.invite : undefined);
  const signInHref =
    callbackUrl === DEFAULT_AFTER_SIGN_IN ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {state.kind === "form" ? "Create your account" : "Sign-up unavailable"}
        </CardTitle>
        <CardDescription>
          {state.kind === "form"
            ? "Privacy-first defaults: no prompt logging, no providers that train on your data. You can change both later."
            : state.message}
        </CardDescription>
      </CardHeader>
      {state.kind === "form" ? (
        <CardContent>
          <SignUpForm signUpAction={signUpAction} callbackUrl={callbackUrl} invite={state.invite} />
        </CardContent>
      ) : null}
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-foreground underline underline-offset-4 hover:text-brand">
            Sign in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
