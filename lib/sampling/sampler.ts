// Anonymous sampling for rankings (PRODUCT.md rule 7). A fraction of successful requests is
// categorized in this process. For accounts with prompt logging on, the sample is linked to the
// user and generation (written with the metadata record). For everyone else, only
// { category, model, day } is kept, buffered apart from the metadata and written later in
// shuffled batches, so not even the moment of writing ties a row to a request.
//
// An anonymous sample is stored only when its (day, model) has PRIVET_RANKINGS_MIN_ACCOUNTS counted
// accounts (lib/rankings/counted-accounts.ts) among the requests it could have come from; otherwise
// a join of the samples with the metadata on (day, model) would name the one account that used the
// model that day. A sample whose (day, model) is still short of it waits in memory while its day is
// open (another account may still use the model) and is dropped once the day has closed (or the
// process ends). A (day, model) found short is asked about again at most every ANON_FLUSH_MS; one
// found with enough accounts is not asked about again that day (accounts only join a day).
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
import { rankingsMinAccounts, sampleRate } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { categorize, type TCategory } from "@/lib/sampling/categorize";
import type { TChatMessage } from "@/lib/gateway/adapters";
import { logError } from "@/lib/log";
import { dayModelKey, findCountedAccountsByDay } from "@/lib/rankings/counted-accounts";
import { addDays, dayStart, isDayClosed, utcDay } from "@/lib/rankings/periods";

export type TLinkedSample = {
  id: string;
  userId: string;
  generationId: string;
  model: string;
  category: string;
  createdAt: Date;
};
export type TAnonymousSample = { id: string; day: string; model: string; category: string };

const ANON_FLUSH_MS = 10 * 60_000;
const ANON_BATCH = 50;
/** Samples waiting for their (day, model) to have enough accounts; beyond this the oldest are dropped. */
const MAX_WAITING = 10_000;

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
    if (dialect() === "postgresql")
      await rawQuery(
        tx,
        "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))) AS l",
        ADVISORY_LOCKS.anonymousSamples,
      );
    const stored = await tx.anonymousSample.findMany({ where: { day: { in: days } } });
    await tx.anonymousSample.deleteMany({ where: { day: { in: days } } });
    await tx.anonymousSample.createMany({ data: shuffle([...stored, ...batch]) });
  });
}

type TAccountCheck = { accounts: number; checkedAt: number };

function createAnonymousBuffer() {
  let buffer: TAnonymousSample[] = [];
  let waiting: TAnonymousSample[] = [];
  let timer: NodeJS.Timeout | null = null;
  const checks = new Map<string, TAccountCheck>();

  /** Counted accounts of each sample's (day, model), asking the database only where the answer may have changed. */
  async function checkAccounts(
    samples: TAnonymousSample[],
    now: Date,
    isForced: boolean,
    minCount: number,
  ): Promise<void> {
    const stale = (key: string) => {
      const known = checks.get(key);
      return !known || (known.accounts < minCount && (isForced || now.getTime() - known.checkedAt >= ANON_FLUSH_MS));
    };
    const modelsByDay = new Map<string, Set<string>>();
    for (const sample of samples) {
      if (!stale(dayModelKey(sample.day, sample.model))) continue;
      modelsByDay.set(sample.day, (modelsByDay.get(sample.day) ?? new Set()).add(sample.model));
    }
    for (const [day, models] of modelsByDay) {
      const counted = await findCountedAccountsByDay(dayStart(day), dayStart(addDays(day, 1)), [...models]);
      for (const model of models)
        checks.set(dayModelKey(day, model), {
          accounts: counted.get(dayModelKey(day, model)) ?? 0,
          checkedAt: now.getTime(),
        });
    }
  }

  /** Forgets the answers about days before yesterday: no new sample is made for them. */
  function forgetOldDays(now: Date) {
    const oldest = addDays(utcDay(now), -1);
    for (const key of checks.keys()) if (key.slice(0, 10) < oldest) checks.delete(key);
  }

  async function write(options: { now?: Date; isForced: boolean }): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const now = options.now ?? new Date();
    forgetOldDays(now);
    const batch = [...waiting, ...buffer];
    waiting = [];
    buffer = [];
    if (batch.length === 0) return;
    const minCount = rankingsMinAccounts();
    try {
      await checkAccounts(batch, now, options.isForced, minCount);
      const isKept = (sample: TAnonymousSample) =>
        (checks.get(dayModelKey(sample.day, sample.model))?.accounts ?? 0) >= minCount;
      const kept = batch.filter(isKept);
      waiting = [...waiting, ...batch.filter((sample) => !isKept(sample) && !isDayClosed(sample.day, now))].slice(
        -MAX_WAITING,
      );
      if (kept.length > 0) await rewriteDays(kept);
    } catch {
      logError(`could not write ${batch.length} anonymous samples`);
    }
    if (!timer && waiting.length + buffer.length > 0) arm();
  }

  function arm() {
    timer = setTimeout(() => void write({ isForced: false }), ANON_FLUSH_MS);
    timer.unref?.();
  }

  return {
    add(sample: TAnonymousSample) {
      buffer.push(sample);
      if (buffer.length >= ANON_BATCH) void write({ isForced: false });
      else if (!timer) arm();
    },
    /** Writes what can be written now, asking again about every (day, model) still short of accounts. */
    flush: (options: { now?: Date } = {}) => write({ ...options, isForced: true }),
    /** Samples not written yet: new ones and those waiting for accounts. */
    size: () => buffer.length + waiting.length,
  };
}

export function anonymousSamples() {
  return singleton("anonymous-samples", createAnonymousBuffer);
}

/**
 * Called once per successful request. Returns a linked sample to store with the metadata record
 * when the account logs prompts; otherwise queues an anonymous one (or nothing, when not sampled).
 */
export function sampleRequest(args: {
  isLinked: boolean;
  userId: string;
  generationId: string;
  model: string;
  messages: TChatMessage[];
  now?: Date;
}): TLinkedSample | null {
  if (!shouldSample()) return null;
  const now = args.now ?? new Date();
  const category = categorize(userText(args.messages));
  if (args.isLinked) {
    return {
      id: crypto.randomUUID(),
      userId: args.userId,
      generationId: args.generationId,
      model: args.model,
      category,
      createdAt: now,
    };
  }
  anonymousSamples().add(anonymousSample(category, args.model, now));
  return null;
}
