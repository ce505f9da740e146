import Link from "next/link";
import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { callbackPathFrom, DEFAULT_AFTER_SIGN_IN, type TSearchParams } from "@/lib/auth/callback-url";
import { getSessionAccount } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const callbackUrl = callbackPathFrom(await searchParams);
  if (await getSessionAccount()) redirect(callbackUrl);
  const signUpHref =
    callbackUrl === DEFAULT_AFTER_SIGN_IN ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Sign in
        </CardTitle>
        <CardDescription>Welcome back to Privet.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm callbackUrl={callbackUrl} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          New here?{" "}
          <Link href={signUpHref} className="font-medium text-foreground underline underline-offset-4 hover:text-brand">
            Create an account
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
