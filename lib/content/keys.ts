// Content keys (crypto-shredding, lib/content/crypto.ts): each account's logged content is encrypted
// under its own random key, stored wrapped by the master key. The key is made by the account's first
// logged request that finds none, and deleted with all of the account's logged content or with the
// account, which leaves every copy of that content unreadable. Unwrapped keys are cached in memory
// for 2 s, like the other caches (ARCHITECTURE.md, "Caches"): a deletion in this process drops the
// entry at once, one on another instance is seen within 2 s. Owner-scoped: every lookup names the user.
import { db } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import { logError, logInfo } from "@/lib/log";
import {
  currentMasterKeyId,
  newContentKey,
  openContent,
  sealContent,
  unwrapContentKey,
  wrapContentKey,
  type TContentKey,
} from "@/lib/content/crypto";

const CACHE_MS = 2_000;

type TKeyCache = {
  entries: Map<string, { key: TContentKey; expiresAt: number }>;
  /** Bumped by every deletion, so a lookup that began before it never caches the deleted key. */
  epochs: Map<string, number>;
};
const keyCache = () => singleton<TKeyCache>("content-keys", () => ({ entries: new Map(), epochs: new Map() }));

function cached(userId: string): TContentKey | null {
  const entry = keyCache().entries.get(userId);
  if (!entry || entry.expiresAt <= Date.now()) return null;
  return entry.key;
}

/** Drops the account's cached key (its key was deleted, here or on another instance). */
export function forgetContentKey(userId: string): void {
  const cache = keyCache();
  cache.entries.delete(userId);
  cache.epochs.set(userId, (cache.epochs.get(userId) ?? 0) + 1);
}

async function loadKey(userId: string, create: boolean): Promise<TContentKey | null> {
  const cache = keyCache();
  const epoch = cache.epochs.get(userId) ?? 0;
  let row = await db.contentKey.findUnique({ where: { userId } });
  if (!row && create) {
    const fresh = wrapContentKey(newContentKey(), userId);
    try {
      row = await db.contentKey.create({ data: { ...fresh, wrapped: new Uint8Array(fresh.wrapped) } });
    } catch (error) {
      // Another request (or instance) made the account's key first: use that one.
      row = await db.contentKey.findUnique({ where: { userId } });
      if (!row) throw error;
    }
  }
  if (!row) return null;
  const key = unwrapContentKey(row);
  if ((cache.epochs.get(userId) ?? 0) === epoch) cache.entries.set(userId, { key, expiresAt: Date.now() + CACHE_MS });
  return key;
}

/** The account's content key for new content, made when it has none. */
export async function getContentKey(userId: string): Promise<TContentKey> {
  return cached(userId) ?? (await loadKey(userId, true))!;
}

/** The account's content key with this id, or null when it was deleted (its content can no longer be read). */
export async function findContentKey(userId: string, keyId: string): Promise<TContentKey | null> {
  const key = cached(userId) ?? (await loadKey(userId, false));
  return key && key.id === keyId ? key : null;
}

export type TKeyUpgrade = {
  /** Content keys re-wrapped by the current master key. */
  rewrappedKeys: number;
  /** Logged items that were encrypted directly under a master key, now under their account's content key. */
  reencryptedContent: number;
  /** Keys or items whose master key is not configured: left as they are. */
  unreadable: number;
};

type TUpgradeOptions = { batchSize?: number; shouldStop?: () => boolean };

/**
 * Brings stored content to the current master key without re-encrypting it: every content key
 * wrapped by a previous master key (PRIVET_ENCRYPTION_KEY_PREVIOUS) is re-wrapped by the current
 * one. Content from before content keys (encrypted directly under a master key) is re-encrypted once
 * under its account's content key, so deleting that key erases it too. Every update is conditional
 * on the row being unchanged, so two instances doing this at once, or a deletion meanwhile, is harmless.
 * Run by the purge job (so within a minute of a start with a new key, then every 5 minutes) and by
 * `privet keys rewrap`; once it reports nothing unreadable, PRIVET_ENCRYPTION_KEY_PREVIOUS can go.
 */
export async function upgradeContentEncryption(options: TUpgradeOptions = {}): Promise<TKeyUpgrade> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const shouldStop = options.shouldStop ?? (() => false);
  const result: TKeyUpgrade = { rewrappedKeys: 0, reencryptedContent: 0, unreadable: 0 };
  const current = currentMasterKeyId();

  for (let after = ""; !shouldStop();) {
    const rows = await db.contentKey.findMany({
      where: { wrapKeyId: { not: current }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      try {
        const rewrapped = wrapContentKey(unwrapContentKey(row), row.userId);
        const updated = await db.contentKey.updateMany({
          where: { id: row.id, wrapKeyId: row.wrapKeyId },
          data: { wrapKeyId: rewrapped.wrapKeyId, wrapped: new Uint8Array(rewrapped.wrapped) },
        });
        result.rewrappedKeys += updated.count;
      } catch {
        result.unreadable += 1;
      }
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }

  for (let after = ""; !shouldStop();) {
    const rows = await db.generationContent.findMany({
      where: { keyId: { not: { startsWith: "ck_" } }, generationId: { gt: after } },
      orderBy: { generationId: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      try {
        const sealed = {
          keyId: row.keyId,
          iv: Buffer.from(row.iv),
          ciphertext: Buffer.from(row.ciphertext),
          tag: Buffer.from(row.tag),
        };
        const text = openContent(sealed, row.generationId, row.userId, null);
        const resealed = sealContent(text, row.generationId, row.userId, await getContentKey(row.userId));
        const updated = await db.generationContent.updateMany({
          where: { generationId: row.generationId, keyId: row.keyId },
          data: {
            keyId: resealed.keyId,
            iv: new Uint8Array(resealed.iv),
            ciphertext: new Uint8Array(resealed.ciphertext),
            tag: new Uint8Array(resealed.tag),
          },
        });
        result.reencryptedContent += updated.count;
      } catch {
        result.unreadable += 1;
      }
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.generationId;
  }
  return result;
}

export function describeKeyUpgrade(result: TKeyUpgrade): string {
  return (
    `re-wrapped ${result.rewrappedKeys} content key${result.rewrappedKeys === 1 ? "" : "s"} with the current PRIVET_ENCRYPTION_KEY; ` +
    `re-encrypted ${result.reencryptedContent} older logged item${result.reencryptedContent === 1 ? "" : "s"} under their account's content key; ` +
    (result.unreadable === 0
      ? "nothing left under a previous key"
      : `${result.unreadable} left as they were: their key is not in PRIVET_ENCRYPTION_KEY or PRIVET_ENCRYPTION_KEY_PREVIOUS`)
  );
}

/** The purge job's step: upgrade what it can, log a line when it changed or found something. Never throws. */
export async function upgradeContentEncryptionQuietly(options: TUpgradeOptions = {}): Promise<void> {
  try {
    const result = await upgradeContentEncryption(options);
    if (result.unreadable > 0) logError(`content keys: ${describeKeyUpgrade(result)}`);
    else if (result.rewrappedKeys + result.reencryptedContent > 0)
      logInfo(`content keys: ${describeKeyUpgrade(result)}`);
  } catch (error) {
    logError("content key upgrade failed", error);
  }
}
