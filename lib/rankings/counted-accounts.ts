// Which accounts the rankings count (PRODUCT.md rule 7). Every published row needs
// PRIVET_RANKINGS_MIN_ACCOUNTS distinct accounts, and an attacker can open accounts, so an account
// only counts where it is more than a throwaway:
//   - a use counts only when the account was older than a day at the time of the request, and
//   - the account has real usage: successful requests with tokens, made when it was older than a
//     day, on at least MIN_ACTIVE_DAYS distinct UTC days in the ACTIVITY_WINDOW_DAYS days before
//     the end of the period being counted.
// So an account opened to push a rare model over the threshold counts at the earliest on its third
// day, and only after it has been used on two days. The figures published for a model are the
// counted accounts' usage only, so a request from an account that does not count moves nothing.
//
// The same rule decides which anonymous samples are kept (lib/sampling/sampler.ts): a sample is
// stored only when its (day, model) has enough counted accounts among the requests that could have
// made it (those that stored no content: with prompt logging on, a sample is linked instead).
import { db, dialect, rawQuery } from "@/lib/db";
import { DAY_MS } from "@/lib/rankings/periods";

export const MIN_ACTIVE_DAYS = 2;
export const ACTIVITY_WINDOW_DAYS = 30;

/** SQL fragments that differ between the databases (SQLite keeps times as ISO text, PostgreSQL as timestamps). */
function sql() {
  const isPostgres = dialect() === "postgresql";
  return {
    day: (column: string) => (isPostgres ? `to_char(${column}, 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`),
    isOlderThanADay: (at: string, createdAt: string) =>
      isPostgres ? `${at} >= ${createdAt} + INTERVAL '1 day'` : `julianday(${at}) - julianday(${createdAt}) >= 1`,
  };
}

/** A request that can count: successful, with tokens, by an account older than a day at the time. */
function countedUse(g: string, u: string): string {
  return `${g}."status" = 'success' AND ${g}."promptTokens" + ${g}."completionTokens" > 0 AND ${sql().isOlderThanADay(`${g}."createdAt"`, `${u}."createdAt"`)}`;
}

/** The accounts with real usage before `end`, as a subquery; its three parameters come from `countedAccountParams`. */
function countedAccountsSubquery(): string {
  return `SELECT a."userId" FROM "Generation" a JOIN "User" au ON au."id" = a."userId"
    WHERE ${countedUse("a", "au")} AND a."createdAt" >= ? AND a."createdAt" < ?
    GROUP BY a."userId" HAVING count(DISTINCT ${sql().day('a."createdAt"')}) >= ?`;
}

function countedAccountParams(end: Date): unknown[] {
  return [new Date(end.getTime() - ACTIVITY_WINDOW_DAYS * DAY_MS), end, MIN_ACTIVE_DAYS];
}

export type TModelUsage = {
  model: string;
  /** The API the requests came through (GENERATION_KINDS). */
  kind: string;
  promptTokens: number;
  completionTokens: number;
  requests: number;
  accounts: number;
};

/** The counted accounts' successful requests in [start, end), by model and kind, with the number of accounts behind each. */
export async function findCountedUsage(start: Date, end: Date): Promise<TModelUsage[]> {
  // Sums and counts are bigints or Decimals by database.
  const rows = await rawQuery<
    { model: string; kind: string; prompt: unknown; completion: unknown; requests: unknown; accounts: unknown }[]
  >(
    db,
    `SELECT g."model" AS "model", g."kind" AS "kind", sum(g."promptTokens") AS "prompt", sum(g."completionTokens") AS "completion",
       count(*) AS "requests", count(DISTINCT g."userId") AS "accounts"
     FROM "Generation" g JOIN "User" u ON u."id" = g."userId"
     WHERE ${countedUse("g", "u")} AND g."createdAt" >= ? AND g."createdAt" < ? AND g."userId" IN (${countedAccountsSubquery()})
     GROUP BY g."model", g."kind"`,
    start,
    end,
    ...countedAccountParams(end),
  );
  return rows.map((r) => ({
    model: r.model,
    kind: r.kind,
    promptTokens: Number(r.prompt ?? 0),
    completionTokens: Number(r.completion ?? 0),
    requests: Number(r.requests),
    accounts: Number(r.accounts),
  }));
}

export const dayModelKey = (day: string, model: string) => `${day}\u0000${model}`;

/**
 * Counted accounts per (UTC day, model) in [start, end) among the requests that stored no content —
 * the requests an anonymous sample can come from. Keys are `dayModelKey(day, model)`; `models`
 * narrows the query to those models.
 */
export async function findCountedAccountsByDay(
  start: Date,
  end: Date,
  models?: string[],
): Promise<Map<string, number>> {
  if (models && models.length === 0) return new Map();
  const modelFilter = models ? ` AND g."model" IN (${models.map(() => "?").join(", ")})` : "";
  const rows = await rawQuery<{ day: string; model: string; accounts: unknown }[]>(
    db,
    `SELECT ${sql().day('g."createdAt"')} AS "day", g."model" AS "model", count(DISTINCT g."userId") AS "accounts"
     FROM "Generation" g JOIN "User" u ON u."id" = g."userId"
     WHERE ${countedUse("g", "u")} AND g."contentStored" = ? AND g."createdAt" >= ? AND g."createdAt" < ?${modelFilter}
       AND g."userId" IN (${countedAccountsSubquery()})
     GROUP BY ${sql().day('g."createdAt"')}, g."model"`,
    false,
    start,
    end,
    ...(models ?? []),
    ...countedAccountParams(end),
  );
  return new Map(rows.map((r) => [dayModelKey(r.day, r.model), Number(r.accounts)]));
}

export type TLinkedSampleCount = { category: string; model: string; samples: number; accounts: number };

/** Linked samples (accounts with prompt logging) in [start, end) by category and model, from counted accounts only. */
export async function findCountedLinkedSamples(start: Date, end: Date): Promise<TLinkedSampleCount[]> {
  const rows = await rawQuery<{ category: string; model: string; samples: unknown; accounts: unknown }[]>(
    db,
    `SELECT s."category" AS "category", s."model" AS "model", count(*) AS "samples", count(DISTINCT s."userId") AS "accounts"
     FROM "CategorySample" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."createdAt" >= ? AND s."createdAt" < ? AND ${sql().isOlderThanADay('s."createdAt"', 'u."createdAt"')}
       AND s."userId" IN (${countedAccountsSubquery()})
     GROUP BY s."category", s."model"`,
    start,
    end,
    ...countedAccountParams(end),
  );
  return rows.map((r) => ({
    category: r.category,
    model: r.model,
    samples: Number(r.samples),
    accounts: Number(r.accounts),
  }));
}
