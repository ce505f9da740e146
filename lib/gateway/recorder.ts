// Metadata records (PRODUCT.md rule 2): exactly one per request that passed authentication.
// Written off the request's hot path in small batches; a record still waiting in memory is served
// from memory, so `GET /api/v1/generation` sees it as soon as the response has ended. Shutdown
// flushes everything pending. A record holds no prompt or completion text, by construction: its
// type (lib/generations/record.ts) has no field that could carry it. Each batch adds its records to
// the activity rollup in its own transaction (lib/activity/rollup.ts).
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import { databaseUrl } from "@/lib/env";
import { SqliteBatch, sqliteFile, sqliteWriter } from "@/lib/gateway/sqlite-writer";
import type { TSealedContent } from "@/lib/content/capture";
import type { TLinkedSample } from "@/lib/sampling/sampler";
import { recordToRow, type TGenerationRecord } from "@/lib/generations/record";
import { addToRollups, type TSqlClient } from "@/lib/activity/rollup";
import { logError } from "@/lib/log";
import { observeMetadataDropped, observeMetadataWrite, observeRecord } from "@/lib/observability/hooks";

const FLUSH_DELAY_MS = 15;
const MAX_BATCH = 500;

// Client-chosen strings (the model, X-Title, `user`…) may hold lone UTF-16 surrogates, which the
// database driver refuses, or NUL characters, which PostgreSQL's text columns refuse: such a record
// could never be written (found by fuzzing).
const UNWRITABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;
/** The string with lone surrogates and NULs replaced by U+FFFD (like `String.prototype.toWellFormed`). */
function wellFormed<T extends string | null>(value: T): T {
  return (value === null ? null : value.replace(UNWRITABLE, "\uFFFD")) as T;
}

/** The record as it can be written: its client-chosen strings well-formed (rows and rollups alike). */
function wellFormedRecord(r: TGenerationRecord): TGenerationRecord {
  return {
    ...r,
    model: wellFormed(r.model),
    appTitle: wellFormed(r.appTitle),
    appReferer: wellFormed(r.appReferer),
    userAgent: wellFormed(r.userAgent),
    externalUser: wellFormed(r.externalUser),
  };
}

/** What is written with a record: its encrypted content and linked sample, when there are any. */
export type TRecordExtras = { content?: TSealedContent | null; sample?: TLinkedSample | null };
type TPending = { record: TGenerationRecord; extras: TRecordExtras };

function createRecorder() {
  const pending = new Map<string, TPending>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let failures = 0;

  async function writeBatch(batch: TPending[]): Promise<void> {
    const records = batch.map((p) => wellFormedRecord(p.record));
    const contents = batch.flatMap((p) => (p.extras.content ? [p.extras.content] : []));
    const samples = batch.flatMap((p) => (p.extras.sample ? [p.extras.sample] : []));
    const file = sqliteFile(databaseUrl());
    if (file) {
      // Built here, run on the writer's own thread (sqlite-writer.ts) in one transaction.
      const batch = new SqliteBatch();
      const exec = {
        $executeRawUnsafe: async (sql: string, ...params: unknown[]) => {
          batch.run(sql, params);
          return 0;
        },
        $queryRawUnsafe: () => {
          throw new Error("the rollup reads nothing inside the recorder's batch");
        },
      } as unknown as TSqlClient;
      batch.insert("Generation", records.map(recordToRow));
      batch.insert(
        "GenerationContent",
        contents.map((c) => ({
          generationId: c.generationId,
          userId: c.userId,
          keyId: c.keyId,
          iv: c.iv,
          ciphertext: c.ciphertext,
          tag: c.tag,
          createdAt: c.createdAt,
          expiresAt: c.expiresAt,
        })),
      );
      batch.insert(
        "CategorySample",
        samples.map((x) => ({
          id: x.id,
          userId: x.userId,
          generationId: x.generationId,
          model: x.model,
          category: x.category,
          createdAt: x.createdAt,
        })),
      );
      await addToRollups(records, exec);
      await sqliteWriter(file).write(batch.statements);
      return;
    }
    await db.$transaction(async (tx) => {
      await tx.generation.createMany({ data: records.map(recordToRow) });
      if (contents.length > 0) {
        await tx.generationContent.createMany({
          data: contents.map((c) => ({
            generationId: c.generationId,
            userId: c.userId,
            keyId: c.keyId,
            iv: new Uint8Array(c.iv),
            ciphertext: new Uint8Array(c.ciphertext),
            tag: new Uint8Array(c.tag),
            createdAt: c.createdAt,
            expiresAt: c.expiresAt,
          })),
        });
      }
      if (samples.length > 0) await tx.categorySample.createMany({ data: samples });
      await addToRollups(records, tx);
    });
  }

  /** Writes each record of the batch alone; true when at least one was written (the rest dropped). */
  async function writeOneByOne(batch: TPending[]): Promise<boolean> {
    const unwritable: TPending[] = [];
    for (const p of batch) {
      try {
        await writeBatch([p]);
        pending.delete(p.record.id);
      } catch {
        unwritable.push(p);
      }
    }
    if (unwritable.length === batch.length) return false;
    for (const p of unwritable) pending.delete(p.record.id);
    if (unwritable.length > 0) {
      observeMetadataDropped(unwritable.length);
      logError(`dropped ${unwritable.length} metadata records that cannot be written`);
    }
    failures = 0;
    return true;
  }

  async function recordsOfDeletedAccounts(batch: TPending[]): Promise<TPending[]> {
    try {
      const ids = [...new Set(batch.map((p) => p.record.userId))];
      const existing = new Set(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((u) => u.id),
      );
      return batch.filter((p) => !existing.has(p.record.userId));
    } catch {
      return [];
    }
  }

  async function flushOnce(): Promise<void> {
    timer = null;
    while (pending.size > 0) {
      const batch = [...pending.values()].slice(0, MAX_BATCH);
      const started = performance.now();
      try {
        await writeBatch(batch);
        observeMetadataWrite(batch.length, (performance.now() - started) / 1000, true);
        failures = 0;
        for (const p of batch) pending.delete(p.record.id);
      } catch (error) {
        observeMetadataWrite(batch.length, (performance.now() - started) / 1000, false);
        // One record that can never be written (its account was deleted while the request ran)
        // must not hold back the others: drop the records of accounts that no longer exist.
        const orphans = await recordsOfDeletedAccounts(batch);
        if (orphans.length > 0) {
          for (const p of orphans) pending.delete(p.record.id);
          observeMetadataDropped(orphans.length);
          logError(`dropped ${orphans.length} metadata records of deleted accounts`);
          continue;
        }
        // Any other record that can never be written must not hold every later one back either:
        // write the batch one record at a time. When some succeed, the database is fine and the
        // ones that failed alone are what is broken: drop those (counted, never their values).
        if (batch.length > 1 && (await writeOneByOne(batch))) continue;
        failures += 1;
        logError(`metadata write failed (${batch.length} records kept in memory, attempt ${failures})`, error);
        // The retry is scheduled by flush() once this run is over: schedule() does nothing while
        // a flush is in progress.
        return;
      }
    }
  }

  function schedule(delay = FLUSH_DELAY_MS) {
    if (timer || flushing) return;
    timer = setTimeout(() => void flush(), delay);
    timer.unref?.();
  }

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (flushing) await flushing;
    if (pending.size === 0) return;
    flushing = flushOnce().finally(() => {
      flushing = null;
    });
    await flushing;
    // Whatever is left (records that arrived meanwhile, or a batch that failed) is tried again:
    // soon, or after a growing pause while writes keep failing.
    if (pending.size > 0) schedule(failures === 0 ? FLUSH_DELAY_MS : Math.min(5_000, 100 * 2 ** failures));
  }

  return {
    record(r: TGenerationRecord, extras: TRecordExtras = {}): void {
      observeRecord(r);
      pending.set(r.id, { record: r, extras });
      if (pending.size >= MAX_BATCH) void flush();
      else schedule();
    },
    pendingRecord(id: string): TGenerationRecord | undefined {
      return pending.get(id)?.record;
    },
    /** The encrypted content waiting with a pending record (read-your-writes for the content API). */
    pendingContent(id: string): TSealedContent | null | undefined {
      return pending.get(id)?.extras.content;
    },
    pendingCount(): number {
      return pending.size;
    },
    /** Batch writes that failed in a row (0 once one succeeds): readiness reads it. */
    consecutiveFailures(): number {
      return failures;
    },
    flush,
    /**
     * Read-your-writes for readers of the database (summaries, GET /api/v1/activity, exports):
     * writes what is waiting, so every request that has ended on this instance is in the result.
     * Returns at once when nothing waits.
     */
    async settle(): Promise<void> {
      if (pending.size > 0) await flush();
    },
  };
}

export function recorder() {
  return singleton("metadata-recorder", createRecorder);
}
