// Reading and deleting logged content. Owner-scoped: another user's id is "not found".
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { open } from "@/lib/content/crypto";
import { isPossibleId } from "@/lib/generations/generations";
import type { TStoredContent } from "@/lib/content/capture";

export async function findGenerationContent(userId: string, generationId: string): Promise<TStoredContent | null> {
  if (!isPossibleId(generationId)) return null;
  const pending = recorder().pendingContent(generationId);
  const sealed = pending && pending.userId === userId
    ? pending
    : await db.generationContent.findFirst({ where: { generationId, userId, expiresAt: { gt: new Date() } } });
  if (!sealed) return null;
  const text = open(
    { keyId: sealed.keyId, iv: Buffer.from(sealed.iv), ciphertext: Buffer.from(sealed.ciphertext), tag: Buffer.from(sealed.tag) },
    generationId,
    userId,
  );
  return JSON.parse(text) as TStoredContent;
}

/** Deletes one generation's content; the metadata record stays, marked as no longer holding content. */
export async function deleteGenerationContent(userId: string, generationId: string): Promise<boolean> {
  if (!isPossibleId(generationId)) return false;
  await recorder().flush();
  const [deleted] = await db.$transaction([
    db.generationContent.deleteMany({ where: { generationId, userId } }),
    db.generation.updateMany({ where: { id: generationId, userId }, data: { contentStored: false } }),
  ]);
  return deleted.count > 0;
}

export async function deleteAllContent(userId: string): Promise<number> {
  await recorder().flush();
  const [deleted] = await db.$transaction([
    db.generationContent.deleteMany({ where: { userId } }),
    db.generation.updateMany({ where: { userId, contentStored: true }, data: { contentStored: false } }),
  ]);
  return deleted.count;
}

export async function countStoredContent(userId: string): Promise<number> {
  return db.generationContent.count({ where: { userId } });
}
