import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const account = await requireAccount("/sign-out");
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Sign out?
        </CardTitle>
        <CardDescription>
          You are signed in as <span className="font-medium text-foreground">{account.email}</span>. API keys keep
          working after you sign out.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignOutForm accountId={account.id} />
      </CardContent>
    </Card>
  );
}
