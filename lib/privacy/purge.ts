// The purge job (PRODUCT.md rule 8): deletes logged content whose retention has ended, with the
// linked category samples derived from it (they follow the content: a sample is older than the
// content retention, or its content is gone), metadata older than each account's metadata
// retention, and anonymous category samples older than anything the rankings read (data kept for
// no purpose is data that can leak). It works in small batches, one short transaction each, and
// yields to the event loop between batches, so requests sharing the database and the process never
// wait long behind it; then it erases the freed bytes from the database files (lib/content/erasure.ts).
// Runs on a timer in the server and on demand (`privet purge`); the timer's run also brings content
// keys to the current master key (lib/content/keys.ts).
import { ROLLUP_SOURCE_SELECT, subtractFromRollups } from "@/lib/activity/rollup";
import { db } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import { ADVISORY_LOCKS, withAdvisoryLock } from "@/lib/server/advisory-locks";
import { oldestRankedDay } from "@/lib/rankings/periods";
import { logError, logInfo } from "@/lib/log";
import { eraseDeleted, PURGE_TABLES } from "@/lib/content/erasure";
import { upgradeContentEncryptionQuietly } from "@/lib/content/keys";

const DAY_MS = 86_400_000;
export const PURGE_BATCH_SIZE = 500;
export const PURGE_INTERVAL_MS = 5 * 60_000;
const FIRST_RUN_DELAY_MS = 30_000;

export type TPurgeResult = {
  /** Logged items deleted because their content retention ended. */
  expiredContent: number;
  /** Metadata records deleted because they are older than the account's metadata retention. */
  expiredGenerations: number;
  /** Logged items deleted together with those metadata records. */
  contentOfExpiredGenerations: number;
  /** Category samples linked to an account, deleted with their content (past the content retention) or with their expired metadata. */
  linkedSamples: number;
  /** Anonymous category samples older than the longest rankings period. */
  anonymousSamples: number;
  batches: number;
};

export type TPurgeOptions = {
  now?: Date;
  batchSize?: number;
  /** Checked between batches: a shutdown stops the purge at the next batch boundary. */
  shouldStop?: () => boolean;
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Takes rows in batches until `next` finds none (or fewer than a batch), running `remove` on each. */
async function inBatches<T>(
  next: (take: number) => Promise<T[]>,
  remove: (rows: T[]) => Promise<void>,
  options: { batchSize: number; shouldStop: () => boolean; onBatch: () => void },
): Promise<void> {
  for (;;) {
    if (options.shouldStop()) return;
    const rows = await next(options.batchSize);
    if (rows.length === 0) return;
    await remove(rows);
    options.onBatch();
    if (rows.length < options.batchSize) return;
    await yieldToEventLoop();
  }
}

/** The distinct values of a per-account retention setting, so each needs one cutoff, not one per account. */
async function distinctRetentions(field: "contentRetentionDays" | "metadataRetentionDays"): Promise<number[]> {
  const rows = await db.user.groupBy({ by: [field] });
  return rows.map((row) => row[field]).filter((days): days is number => Number.isInteger(days) && days > 0);
}

export async function purgeExpiredData(options: TPurgeOptions = {}): Promise<TPurgeResult> {
  const now = options.now ?? new Date();
  const batchSize = Math.max(1, options.batchSize ?? PURGE_BATCH_SIZE);
  const shouldStop = options.shouldStop ?? (() => false);
  const result: TPurgeResult = {
    expiredContent: 0,
    expiredGenerations: 0,
    contentOfExpiredGenerations: 0,
    linkedSamples: 0,
    anonymousSamples: 0,
    batches: 0,
  };
  const batchOptions = { batchSize, shouldStop, onBatch: () => (result.batches += 1) };

  // 1. Logged content past its retention: the expiry stamped when it was captured, or the account's
  // current content retention when that is shorter (shortening the setting applies to what is
  // already stored), with its linked sample. The metadata record stays, marked as no longer holding content.
  const deleteContent = async (rows: { generationId: string }[]) => {
    const ids = rows.map((r) => r.generationId);
    const [deleted, samples] = await db.$transaction([
      db.generationContent.deleteMany({ where: { generationId: { in: ids } } }),
      db.categorySample.deleteMany({ where: { generationId: { in: ids } } }),
      db.generation.updateMany({ where: { id: { in: ids } }, data: { contentStored: false } }),
    ]);
    result.expiredContent += deleted.count;
    result.linkedSamples += samples.count;
  };
  const deleteSamples = async (rows: { id: string }[]) => {
    const deleted = await db.categorySample.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    result.linkedSamples += deleted.count;
  };
  await inBatches(
    (take) =>
      db.generationContent.findMany({ where: { expiresAt: { lte: now } }, select: { generationId: true }, take }),
    deleteContent,
    batchOptions,
  );
  for (const days of await distinctRetentions("contentRetentionDays")) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    await inBatches(
      (take) =>
        db.generationContent.findMany({
          where: { createdAt: { lte: cutoff }, user: { contentRetentionDays: days } },
          select: { generationId: true },
          take,
        }),
      deleteContent,
      batchOptions,
    );
    // Linked samples are derived from the prompt: they end with the content retention too, also
    // those whose content or record is already gone.
    await inBatches(
      (take) =>
        db.categorySample.findMany({
          where: { createdAt: { lte: cutoff }, user: { contentRetentionDays: days } },
          select: { id: true },
          take,
        }),
      deleteSamples,
      batchOptions,
    );
  }

  // 2. Metadata older than the account's metadata retention, with its content, its linked samples
  // and its share of the activity rollups (which would otherwise keep counting it).
  for (const days of await distinctRetentions("metadataRetentionDays")) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    await inBatches(
      (take) =>
        db.generation.findMany({
          where: { createdAt: { lt: cutoff }, user: { metadataRetentionDays: days } },
          select: ROLLUP_SOURCE_SELECT,
          take,
        }),
      async (rows) => {
        const ids = rows.map((r) => r.id);
        await db.$transaction(async (tx) => {
          const samples = await tx.categorySample.deleteMany({ where: { generationId: { in: ids } } });
          const contents = await tx.generationContent.deleteMany({ where: { generationId: { in: ids } } });
          const generations = await tx.generation.deleteMany({ where: { id: { in: ids } } });
          // Stored statuses are the recorder's own values; the column is plain text to Prisma.
          await subtractFromRollups(rows, tx);
          result.linkedSamples += samples.count;
          result.contentOfExpiredGenerations += contents.count;
          result.expiredGenerations += generations.count;
        });
      },
      batchOptions,
    );
  }

  // 3. Anonymous samples the rankings no longer read: every period published from now on starts
  // on or after the longest one's first day, so a sample of an earlier day is never counted again.
  const oldestReadDay = oldestRankedDay(now);
  await inBatches(
    (take) => db.anonymousSample.findMany({ where: { day: { lt: oldestReadDay } }, select: { id: true }, take }),
    async (rows) => {
      const deleted = await db.anonymousSample.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      result.anonymousSamples += deleted.count;
    },
    batchOptions,
  );
  if (hasDeleted(result)) await eraseDeleted(PURGE_TABLES, { shouldVacuum: true });
  return result;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line for logs and the CLI: counts only. */
export function describePurge(result: TPurgeResult): string {
  return (
    `deleted ${plural(result.expiredContent, "logged item")} past content retention; ` +
    `${plural(result.expiredGenerations, "metadata record")} past metadata retention, with ${plural(result.contentOfExpiredGenerations, "logged item")}; ` +
    `${plural(result.linkedSamples, "linked category sample")} with their content or record; ` +
    `${plural(result.anonymousSamples, "anonymous category sample")} older than the rankings read`
  );
}

function hasDeleted(result: TPurgeResult): boolean {
  return (
    result.expiredContent +
      result.expiredGenerations +
      result.contentOfExpiredGenerations +
      result.linkedSamples +
      result.anonymousSamples >
    0
  );
}

/**
 * One purge, by one instance at a time: on PostgreSQL the purge advisory lock is held for the run
 * (lib/server/advisory-locks.ts). When another instance holds it, `shouldWait` decides: the timer
 * skips that run (the other instance is doing the work), `privet purge` waits and then purges, so
 * the command still guarantees that what had expired when it was started is gone when it returns.
 * The same run re-wraps content keys still wrapped by a previous master key (lib/content/keys.ts).
 * Resolves to null when the run was skipped.
 */
export async function purgeExclusively(
  options: TPurgeOptions & { shouldWait: boolean; onWait?: () => void },
): Promise<TPurgeResult | null> {
  const { shouldWait, onWait, ...purgeOptions } = options;
  const run = await withAdvisoryLock(
    ADVISORY_LOCKS.purge,
    async () => {
      const result = await purgeExpiredData(purgeOptions);
      await upgradeContentEncryptionQuietly({ shouldStop: purgeOptions.shouldStop });
      return result;
    },
    { shouldWait, onWait },
  );
  return run.hasRun ? run.value : null;
}

type TPurgeTimer = { timer: NodeJS.Timeout | null; running: Promise<void> | null; isStopped: boolean };
const timerState = () => singleton<TPurgeTimer>("purge-timer", () => ({ timer: null, running: null, isStopped: true }));

/**
 * Purges every `intervalMs` in this process. The next run is scheduled only after the previous one
 * finished, so runs never overlap; the timer is unref'd so it never keeps the process alive. With
 * several instances on PostgreSQL, a run finding another instance's purge in progress is skipped.
 */
export function startPurgeTimer(options: { intervalMs?: number; firstRunDelayMs?: number } = {}): void {
  const state = timerState();
  if (!state.isStopped) return;
  state.isStopped = false;
  const intervalMs = options.intervalMs ?? PURGE_INTERVAL_MS;
  const schedule = (delay: number) => {
    if (state.isStopped) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      state.running = purgeExclusively({ shouldStop: () => state.isStopped, shouldWait: false })
        .then((result) => {
          if (result && hasDeleted(result)) logInfo(`purge: ${describePurge(result)}`);
        })
        .catch((error: unknown) => {
          logError("purge failed", error);
        })
        .finally(() => {
          state.running = null;
          schedule(intervalMs);
        });
    }, delay);
    state.timer.unref();
  };
  schedule(options.firstRunDelayMs ?? FIRST_RUN_DELAY_MS);
}

/** Stops the timer and waits for a run in progress to reach its next batch boundary. */
export async function stopPurgeTimer(): Promise<void> {
  const state = timerState();
  state.isStopped = true;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  await state.running;
}
