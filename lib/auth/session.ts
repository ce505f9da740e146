// The signed-in account for pages and server actions. Always re-read from the database, so a
// deleted account's still-valid cookie opens nothing.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/next-auth";
import { findAccountById, type TAccount } from "@/lib/accounts/accounts";

export async function getSessionAccount(): Promise<TAccount | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return findAccountById(id);
}

/** For pages: the account, or a redirect to sign-in that comes back here afterwards. */
export async function requireAccount(callbackPath: string): Promise<TAccount> {
  const account = await getSessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return account;
}
