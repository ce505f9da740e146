// The end-user id a provider sees (PRODUCT.md rule 9). Clients put their own user's id in `user`
// (often an email); a provider gets an opaque, stable stand-in instead: HMAC-SHA256 of the value
// under a key derived for the account from AUTH_SECRET. The same client user gets the same id on
// every request and every instance (providers use it for abuse detection and caching), two
// accounts' identical values get different ids, and nobody without AUTH_SECRET can test a guess.
// The raw value stays in the account's own metadata only (`externalUser`, shown to the account).
import crypto from "node:crypto";
import { authSecret } from "@/lib/env";

const accountKeys = new Map<string, Buffer>();

function accountKey(accountId: string): Buffer {
  let key = accountKeys.get(accountId);
  if (key === undefined) {
    key = crypto.createHmac("sha256", authSecret()).update(`privet end-user id\0${accountId}`).digest();
    // A bounded cache: one HMAC saved per request; the map is dropped whole when it fills up.
    if (accountKeys.size >= 10_000) accountKeys.clear();
    accountKeys.set(accountId, key);
  }
  return key;
}

/** The id sent to providers for the client's `user`; null when the client sent none. */
export function endUserForProvider(accountId: string, user: unknown): string | null {
  if (typeof user !== "string" || user.length === 0) return null;
  return `user-${crypto.createHmac("sha256", accountKey(accountId)).update(user).digest("base64url").slice(0, 32)}`;
}
