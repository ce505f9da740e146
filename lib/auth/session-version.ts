// Session versions: a session (next-auth's JWT) carries the account's `sessionVersion` from when it
// was signed in and counts only while the account still has that version. Raising the version —
// a password change, "Sign out everywhere", `privet user set-password` — ends every session signed
// in before, whichever instance or browser holds it. The lookup runs on every request that uses a
// session, so it is cached for 1 s like the other per-account caches (ARCHITECTURE.md, "Caches"):
// a change made in this process holds at once, one made by another instance or the CLI within 1 s.
import { db } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import type { TAccount } from "@/lib/accounts/accounts";

type TSessionAccount = TAccount & { sessionVersion: number; disabledAt: Date | null };
type TEntry = { value: TSessionAccount | null; expires: number };

const CACHE_TTL_MS = 1_000;
const cache = () => singleton("session-account-cache", () => new Map<string, TEntry>());

async function findSessionAccount(userId: string): Promise<TSessionAccount | null> {
  const entries = cache();
  const hit = entries.get(userId);
  const now = Date.now();
  if (hit && hit.expires > now) return hit.value;
  const value = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, sessionVersion: true, disabledAt: true },
  });
  if (entries.size > 10_000) for (const [id, entry] of entries) if (entry.expires <= now) entries.delete(id);
  entries.set(userId, { value, expires: now + CACHE_TTL_MS });
  return value;
}

/** A session's version as its token holds it; sessions signed in before versions existed hold none and count as 0. */
export function tokenSessionVersion(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) ? value : 0;
}

/**
 * The session's account while the session is current; null once the account is gone, disabled, or
 * its sessions were ended.
 */
export async function findCurrentSessionAccount(userId: string, version: unknown): Promise<TAccount | null> {
  const account = await findSessionAccount(userId);
  if (!account || account.disabledAt !== null || account.sessionVersion !== tokenSessionVersion(version)) return null;
  return { id: account.id, email: account.email };
}

/**
 * The version a session signed in now carries, read from the database: right after a password
 * change on another instance, a cached version would sign the new session in already ended.
 */
export async function currentSessionVersion(userId: string): Promise<number> {
  forgetSessionAccount(userId);
  const account = await findSessionAccount(userId);
  return account?.sessionVersion ?? 0;
}

/** Drops the cached entry, so a change made in this process (new version, deletion) holds for the very next request. */
export function forgetSessionAccount(userId: string): void {
  cache().delete(userId);
}

/** Ends every session of the account, this one included. */
export async function endAllSessions(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  forgetSessionAccount(userId);
}
