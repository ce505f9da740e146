// Reading and deleting logged content. Owner-scoped: another user's id is "not found". A linked
// category sample is derived from the prompt, so it goes with the content (deleted with it).
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { isContentKeyId, openContent } from "@/lib/content/crypto";
import { findContentKey, forgetContentKey } from "@/lib/content/keys";
import { eraseDeleted } from "@/lib/content/erasure";
import { isPossibleId } from "@/lib/generations/generations";
import type { TStoredContent } from "@/lib/content/capture";

type TStoredRow = { generationId: string; keyId: string; iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array };

/**
 * Decrypts a stored item of the account's, or null when its content key was deleted (the content
 * was deleted while the request ran, or on another instance within a cache lifetime): it can never
 * be read again. Throws when the master key it needs is not configured.
 */
export async function openStoredContent(userId: string, row: TStoredRow): Promise<TStoredContent | null> {
  const contentKey = isContentKeyId(row.keyId) ? await findContentKey(userId, row.keyId) : null;
  if (isContentKeyId(row.keyId) && !contentKey) return null;
  const sealed = {
    keyId: row.keyId,
    iv: Buffer.from(row.iv),
    ciphertext: Buffer.from(row.ciphertext),
    tag: Buffer.from(row.tag),
  };
  return JSON.parse(openContent(sealed, row.generationId, userId, contentKey)) as TStoredContent;
}

export async function findGenerationContent(userId: string, generationId: string): Promise<TStoredContent | null> {
  if (!isPossibleId(generationId)) return null;
  const pending = recorder().pendingContent(generationId);
  const sealed =
    pending && pending.userId === userId
      ? pending
      : await db.generationContent.findFirst({ where: { generationId, userId, expiresAt: { gt: new Date() } } });
  return sealed ? openStoredContent(userId, sealed) : null;
}

/** Deletes one generation's content and linked sample; the metadata record stays, marked as no longer holding content. */
export async function deleteGenerationContent(userId: string, generationId: string): Promise<boolean> {
  if (!isPossibleId(generationId)) return false;
  await recorder().flush();
  const [deleted] = await db.$transaction([
    db.generationContent.deleteMany({ where: { generationId, userId } }),
    db.categorySample.deleteMany({ where: { generationId, userId } }),
    db.generation.updateMany({ where: { id: generationId, userId }, data: { contentStored: false } }),
  ]);
  await eraseDeleted(["GenerationContent", "CategorySample"], { shouldVacuum: false });
  return deleted.count > 0;
}

/**
 * Deletes all of the account's logged content with its linked samples, and its content key: a copy
 * of that content anywhere (a backup, a replica, the WAL) can no longer be read. The next logged
 * request makes a new key.
 */
export async function deleteAllContent(userId: string): Promise<number> {
  await recorder().flush();
  const [deleted] = await db.$transaction([
    db.generationContent.deleteMany({ where: { userId } }),
    db.categorySample.deleteMany({ where: { userId } }),
    db.generation.updateMany({ where: { userId, contentStored: true }, data: { contentStored: false } }),
    db.contentKey.deleteMany({ where: { userId } }),
  ]);
  forgetContentKey(userId);
  await eraseDeleted(["GenerationContent", "CategorySample", "ContentKey"], { shouldVacuum: false });
  return deleted.count;
}

export async function countStoredContent(userId: string): Promise<number> {
  return db.generationContent.count({ where: { userId } });
}
