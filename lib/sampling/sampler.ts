// Anonymous sampling for rankings (PRODUCT.md rule 7). A fraction of successful requests is
// categorized in this process. For accounts with prompt logging on, the sample is linked to the
// user and generation (written with the metadata record). For everyone else, only
// { category, model, day } is kept, buffered apart from the metadata and written later in
// shuffled batches, so not even the moment of writing ties a row to a request.
//
// Each write rewrites the whole day: the day's stored rows and the new ones are deleted and inserted
// again together, shuffled, in one transaction. On PostgreSQL every row carries the id of the
// transaction that wrote it (xmin), which orders it against the metadata records' own; after the
// rewrite all of a day's rows share one, so a row tells no more about when it was written than its
// day. (On SQLite the table is WITHOUT ROWID, so its storage order is its random id's.) A day holds
// the sample rate's share of a day's requests, so the rewrite stays small.
import crypto from "node:crypto";
import { db, dialect, rawQuery } from "@/lib/db";
import { ADVISORY_LOCKS } from "@/lib/server/advisory-locks";
import { sampleRate } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { categorize, type TCategory } from "@/lib/sampling/categorize";
import type { TChatMessage } from "@/lib/gateway/adapters";
import { logError } from "@/lib/log";

export type TLinkedSample = { id: string; userId: string; generationId: string; model: string; category: string; createdAt: Date };
export type TAnonymousSample = { id: string; day: string; model: string; category: string };

const ANON_FLUSH_MS = 10 * 60_000;
const ANON_BATCH = 50;

/** The user-authored text of a request, which is what gets categorized. */
export function userText(messages: TChatMessage[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    if (m.role !== "user") continue;
    if (typeof m.content === "string") parts.push(m.content);
    else for (const p of m.content) if (p.type === "text") parts.push(p.text);
  }
  return parts.join("\n");
}

export function shouldSample(random: () => number = Math.random, rate = sampleRate()): boolean {
  return rate > 0 && random() < rate;
}

/** Builds the anonymous row: nothing but category, model and the UTC day. */
export function anonymousSample(category: TCategory, model: string, now: Date): TAnonymousSample {
  return { id: crypto.randomUUID(), day: now.toISOString().slice(0, 10), model, category };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Stores `batch` by rewriting every day it touches, shuffled, in one transaction (see the top). */
async function rewriteDays(batch: TAnonymousSample[]): Promise<void> {
  const days = [...new Set(batch.map((sample) => sample.day))];
  await db.$transaction(async (tx) => {
    // Instances flushing the same day take turns; the lock ends with the transaction.
    if (dialect() === "postgresql") await rawQuery(tx, "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))) AS l", ADVISORY_LOCKS.anonymousSamples);
    const stored = await tx.anonymousSample.findMany({ where: { day: { in: days } } });
    await tx.anonymousSample.deleteMany({ where: { day: { in: days } } });
    await tx.anonymousSample.createMany({ data: shuffle([...stored, ...batch]) });
  });
}

function createAnonymousBuffer() {
  let buffer: TAnonymousSample[] = [];
  let timer: NodeJS.Timeout | null = null;
  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      await rewriteDays(batch);
    } catch {
      logError(`could not write ${batch.length} anonymous samples`);
    }
  }
  return {
    add(sample: TAnonymousSample) {
      buffer.push(sample);
      if (buffer.length >= ANON_BATCH) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), ANON_FLUSH_MS);
        timer.unref?.();
      }
    },
    flush,
    size: () => buffer.length,
  };
}

export function anonymousSamples() {
  return singleton("anonymous-samples", createAnonymousBuffer);
}

/**
 * Called once per successful request. Returns a linked sample to store with the metadata record
 * when the account logs prompts; otherwise queues an anonymous one (or nothing, when not sampled).
 */
export function sampleRequest(args: { isLinked: boolean; userId: string; generationId: string; model: string; messages: TChatMessage[]; now?: Date }): TLinkedSample | null {
  if (!shouldSample()) return null;
  const now = args.now ?? new Date();
  const category = categorize(userText(args.messages));
  if (args.isLinked) {
    return { id: crypto.randomUUID(), userId: args.userId, generationId: args.generationId, model: args.model, category, createdAt: now };
  }
  anonymousSamples().add(anonymousSample(category, args.model, now));
  return null;
}
