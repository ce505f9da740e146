// API keys: create (plaintext returned once), list, revoke, and resolve a Bearer header to its owner.
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/auth/api-key-crypto";
import { ZKeyName } from "@/lib/auth/schemas";

export type TApiKeyInfo = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type TKeyOwner = { userId: string; keyId: string; keyName: string; prefix: string; createdAt: Date };

const INFO = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function createApiKey(userId: string, name: string): Promise<{ key: string; info: TApiKeyInfo }> {
  const parsed = ZKeyName.safeParse(name);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid name.");
  const key = generateApiKey();
  const info = await db.apiKey.create({
    data: { userId, name: parsed.data, prefix: apiKeyPrefix(key), hash: hashApiKey(key, authSecret()) },
    select: INFO,
  });
  return { key, info };
}

export async function findApiKeys(userId: string): Promise<TApiKeyInfo[]> {
  return db.apiKey.findMany({ where: { userId }, select: INFO, orderBy: { createdAt: "desc" } });
}

/** Revokes one of the user's keys. Another user's key id is "not found", never "forbidden". */
export async function revokeApiKey(userId: string, keyId: string): Promise<TApiKeyInfo> {
  const result = await db.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const owned = await db.apiKey.findFirst({ where: { id: keyId, userId }, select: INFO });
    if (!owned) throw new AppError("not_found", "API key not found.");
    keyCache().invalidateKey(keyId);
    return owned;
  }
  keyCache().invalidateKey(keyId);
  return db.apiKey.findFirstOrThrow({ where: { id: keyId, userId }, select: INFO });
}

export async function revokeApiKeyByPrefix(userId: string, prefix: string): Promise<TApiKeyInfo> {
  const matches = await db.apiKey.findMany({ where: { userId, prefix: { startsWith: prefix } }, select: INFO });
  const active = matches.filter((k) => !k.revokedAt);
  if (matches.length === 0) throw new AppError("not_found", `No API key starting with ${prefix}.`);
  if (active.length === 0) throw new AppError("conflict", `The key starting with ${prefix} is already revoked.`);
  if (active.length > 1)
    throw new AppError("conflict", `${active.length} keys start with ${prefix}; give more characters.`);
  return revokeApiKey(userId, active[0]!.id);
}

// Key lookups sit on every API request's path, so owners are kept in memory by key hash.
// Revocation in this process drops the entry at once; the short lifetime bounds staleness for
// changes made by another process (the CLI, another instance).
const CACHE_TTL_MS = 1_000;
type TCacheEntry = { owner: TKeyOwner | null; expires: number };

function createKeyCache() {
  const byHash = new Map<string, TCacheEntry>();
  const lastUsedWritten = new Map<string, number>();
  return {
    get(hash: string): TCacheEntry | undefined {
      const entry = byHash.get(hash);
      if (entry && entry.expires > Date.now()) return entry;
      if (entry) byHash.delete(hash);
      return undefined;
    },
    set(hash: string, owner: TKeyOwner | null) {
      if (byHash.size > 10_000) byHash.clear();
      byHash.set(hash, { owner, expires: Date.now() + CACHE_TTL_MS });
    },
    invalidateKey(keyId: string) {
      for (const [hash, entry] of byHash) if (!entry.owner || entry.owner.keyId === keyId) byHash.delete(hash);
    },
    invalidateUser(userId: string) {
      for (const [hash, entry] of byHash) if (!entry.owner || entry.owner.userId === userId) byHash.delete(hash);
    },
    /** lastUsedAt is written at most once a minute per key, off the request path. */
    shouldTouch(keyId: string): boolean {
      const now = Date.now();
      if ((lastUsedWritten.get(keyId) ?? 0) > now - 60_000) return false;
      lastUsedWritten.set(keyId, now);
      return true;
    },
  };
}

export function keyCache() {
  return singleton("key-cache", createKeyCache);
}
