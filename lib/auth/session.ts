// The signed-in account for pages and server actions: the session's account while the session is
// current (lib/auth/session-version.ts, cached for 1 s), so a deleted account's or an ended
// session's still-valid cookie opens nothing.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/next-auth";
import { addressFromForwardedFor } from "@/lib/auth/password-check";
import { findCurrentSessionAccount } from "@/lib/auth/session-version";
import type { TAccount } from "@/lib/accounts/accounts";
import { isAdmin } from "@/lib/accounts/roles";
import { notFound } from "next/navigation";

export async function getSessionAccount(): Promise<TAccount | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sessionVersion?: unknown } | undefined;
  if (!user?.id) return null;
  return findCurrentSessionAccount(user.id, user.sessionVersion);
}

/** For pages: the account, or a redirect to sign-in that comes back here afterwards. */
export async function requireAccount(callbackPath: string): Promise<TAccount> {
  const account = await getSessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return account;
}

/** The client address of the request a server action serves, for throttling its password checks. */
export async function requestAddress(): Promise<string> {
  return addressFromForwardedFor((await headers()).get("x-forwarded-for"));
}

/** For /admin's pages: the signed-in admin, else 404 for everyone (the pages' existence included). */
export async function requireAdmin(): Promise<TAccount> {
  const account = await getSessionAccount();
  if (!account || !(await isAdmin(account.id))) notFound();
  return account;
}
