// Deleting activity: one record, or all of an account's. Each runs in one transaction that also
// removes the record's logged content and linked sample and takes it out of the rollup, so the
// summaries never count what the table no longer shows; deleting every record also deletes the
// account's content key (crypto-shredding, lib/content/keys.ts). Then the freed bytes are erased from
// the database files (lib/content/erasure.ts). (Deleting only content is in lib/content.)
import { db, rawExecute } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recorder } from "@/lib/gateway/recorder";
import { deleteRollups, ROLLUP_SOURCE_SELECT, subtractFromRollups } from "@/lib/activity/rollup";
import { isPossibleId } from "@/lib/generations/generations";
import { forgetContentKey } from "@/lib/content/keys";
import { eraseDeleted } from "@/lib/content/erasure";

/** Long enough for an account with millions of records; SQLite writes them in one go. */
export const BULK_DELETE_TIMEOUT_MS = 10 * 60_000;

/** Deletes one of the account's records with its content and sample. Another account's id is "not found". */
export async function deleteGenerationLog(userId: string, generationId: string): Promise<void> {
  if (!isPossibleId(generationId))
    throw new AppError("not_found", "This request is not in your activity (it may already be deleted).");
  // A record still waiting in the writer's memory would be written after this delete: write it first.
  await recorder().flush();
  await db.$transaction(async (tx) => {
    const row = await tx.generation.findFirst({ where: { id: generationId, userId }, select: ROLLUP_SOURCE_SELECT });
    if (!row) throw new AppError("not_found", "This request is not in your activity (it may already be deleted).");
    await tx.generationContent.deleteMany({ where: { generationId, userId } });
    await tx.categorySample.deleteMany({ where: { generationId, userId } });
    await tx.generation.deleteMany({ where: { id: generationId, userId } });
    await subtractFromRollups([row], tx);
  });
  await eraseDeleted(["GenerationContent", "CategorySample", "Generation"], { shouldVacuum: false });
}

export type TDeletedActivity = { records: number; contents: number; samples: number };

/** Deletes every record of the account with its content (and content key), linked samples and rollups. API keys and settings stay. */
export async function deleteAllActivity(userId: string): Promise<TDeletedActivity> {
  await recorder().flush();
  const deleted = await db.$transaction(
    async (tx) => {
      const contents = await rawExecute(tx, `DELETE FROM "GenerationContent" WHERE "userId" = ?`, userId);
      await rawExecute(tx, `DELETE FROM "ContentKey" WHERE "userId" = ?`, userId);
      const samples = await rawExecute(tx, `DELETE FROM "CategorySample" WHERE "userId" = ?`, userId);
      const records = await rawExecute(tx, `DELETE FROM "Generation" WHERE "userId" = ?`, userId);
      await deleteRollups(userId, tx);
      return { records, contents, samples };
    },
    { timeout: BULK_DELETE_TIMEOUT_MS, maxWait: 30_000 },
  );
  forgetContentKey(userId);
  await eraseDeleted(["GenerationContent", "ContentKey", "CategorySample", "Generation", "ActivityRollup"], {
    shouldVacuum: false,
  });
  return deleted;
}
