// The activity rollup (schema.prisma, ActivityRollup): sums of metadata records per bucket and
// dimension, kept in the same transaction as the records themselves, so summaries, charts and
// GET /api/v1/activity read a few hundred rollup rows instead of scanning raw records.
// - add: called by the metadata recorder (lib/gateway/recorder.ts) for every batch it writes;
// - subtract: deleting one record takes it out of its buckets in the deleting transaction;
// - rebuild: recomputes a user's rollups from the records (bench seeding, consistency tests).
import { dialect, rawExecute, type TDb } from "@/lib/db";
import type { TDialect } from "@/lib/env";
import type { TGenerationRow } from "@/lib/generations/record";

export type TRollupUnit = "minute" | "hour" | "day" | "month";
export const ROLLUP_UNITS: readonly TRollupUnit[] = ["minute", "hour", "day", "month"];

/**
 * Fine buckets are kept only as long as a range reads them: minutes serve the last-hour range
 * (and the hour before, for the change), hours the last-day range. Without this a busy account
 * would pile up 525,600 minute and 8,760 hour buckets a year that nothing reads. Days and months
 * are kept as long as the records (the 30-day range, the API, sort limits, the year range).
 */
export const UNIT_RETENTION_MS: Partial<Record<TRollupUnit, number>> = { minute: 48 * 3_600_000, hour: 7 * 86_400_000 };
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * What a record contributes to its buckets: a few of its columns (never any content). A record
 * (lib/generations/record.ts) is one, and so is a row read with ROLLUP_SOURCE_SELECT.
 */
export type TRollupSource = Pick<
  TGenerationRow,
  | "userId"
  | "createdAt"
  | "model"
  | "providerSlug"
  | "providerName"
  | "apiKeyId"
  | "status"
  | "appReferer"
  | "promptTokens"
  | "completionTokens"
  | "cachedPromptTokens"
  | "reasoningTokens"
  | "cost"
>;

type TTx = Parameters<Parameters<TDb["$transaction"]>[0]>[0];
/** What the rollup statements need of a client: raw statements only, so the recorder's own SQLite connection serves too. */
export type TSqlClient = Pick<TTx, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** A timestamp as Prisma stores DateTime in SQLite, for SQLite statements run outside Prisma (bench seeding). */
export function toDbTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** The start of the UTC bucket of `unit` that holds `date`. */
export function bucketStart(date: Date, unit: TRollupUnit): Date {
  const t = date.getTime();
  if (unit === "minute") return new Date(t - (((t % 60_000) + 60_000) % 60_000));
  if (unit === "hour") return new Date(t - (((t % 3_600_000) + 3_600_000) % 3_600_000));
  if (unit === "day") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

type TDelta = {
  userId: string;
  unit: TRollupUnit;
  bucketStart: Date;
  model: string;
  providerSlug: string;
  providerName: string;
  apiKeyId: string;
  status: string;
  app: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  cost: number;
};

/** Folds records into one delta per bucket and dimension combination (a batch shares most). */
export function rollupDeltas(records: readonly TRollupSource[], now = Date.now()): TDelta[] {
  const byKey = new Map<string, TDelta>();
  for (const r of records) {
    for (const unit of ROLLUP_UNITS) {
      const retention = UNIT_RETENTION_MS[unit];
      if (retention !== undefined && r.createdAt.getTime() < now - retention) continue;
      const start = bucketStart(r.createdAt, unit);
      const dims = [
        r.userId,
        unit,
        start.getTime(),
        r.model,
        r.providerSlug ?? "",
        r.apiKeyId ?? "",
        r.status,
        r.appReferer ?? "",
      ];
      const key = JSON.stringify(dims);
      let delta = byKey.get(key);
      if (!delta) {
        delta = {
          userId: r.userId,
          unit,
          bucketStart: start,
          model: r.model,
          providerSlug: r.providerSlug ?? "",
          providerName: r.providerName ?? "",
          apiKeyId: r.apiKeyId ?? "",
          status: r.status,
          app: r.appReferer ?? "",
          requests: 0,
          promptTokens: 0,
          completionTokens: 0,
          cachedPromptTokens: 0,
          reasoningTokens: 0,
          cost: 0,
        };
        byKey.set(key, delta);
      }
      delta.requests += 1;
      delta.promptTokens += r.promptTokens;
      delta.completionTokens += r.completionTokens;
      delta.cachedPromptTokens += r.cachedPromptTokens;
      delta.reasoningTokens += r.reasoningTokens;
      delta.cost += r.cost;
      if (r.providerName) delta.providerName = r.providerName;
    }
  }
  return [...byKey.values()];
}

/** A bucket's identity: the table's unique key. */
const KEY_COLUMNS = ["userId", "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app"] as const;
/** What a bucket sums: added to by each record, taken out again when a record is deleted. */
const COUNTERS = [
  "requests",
  "promptTokens",
  "completionTokens",
  "cost",
  "cachedPromptTokens",
  "reasoningTokens",
] as const;
/** A row's columns, in the order the rebuild's SELECT gives them too. */
const ROW_COLUMNS = [
  "userId",
  "unit",
  "bucketStart",
  "model",
  "providerSlug",
  "providerName",
  "apiKeyId",
  "status",
  "app",
  ...COUNTERS,
] as const;
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");
const ROW_COLUMN_LIST = quoted(ROW_COLUMNS);
const ROW_PLACEHOLDERS = `(${ROW_COLUMNS.map(() => "?").join(", ")})`;
// 15 parameters a row; 400 rows stay far below SQLite's limit on bound parameters.
const ROWS_PER_STATEMENT = 400;
// The existing row's columns are named with the table: PostgreSQL finds a bare "requests"
// ambiguous next to excluded."requests" (SQLite accepts both spellings).
const UPSERT = `ON CONFLICT (${quoted(KEY_COLUMNS)}) DO UPDATE SET
         ${COUNTERS.map((c) => `"${c}" = "ActivityRollup"."${c}" + excluded."${c}"`).join(",\n         ")},
         "providerName" = CASE WHEN excluded."providerName" <> '' THEN excluded."providerName" ELSE "ActivityRollup"."providerName" END`;
const KEY_WHERE = KEY_COLUMNS.map((c) => `"${c}" = ?`).join(" AND ");
const SUBTRACT = `UPDATE "ActivityRollup" SET ${COUNTERS.map((c) => `"${c}" = "${c}" - ?`).join(", ")} WHERE ${KEY_WHERE}`;

const lastPrune = new Map<string, number>();

/** Adds a batch the recorder writes to its buckets, in the batch's transaction. */
export async function addToRollups(records: readonly TRollupSource[], tx: TSqlClient): Promise<void> {
  const now = Date.now();
  const deltas = rollupDeltas(records, now);
  for (let i = 0; i < deltas.length; i += ROWS_PER_STATEMENT) {
    const chunk = deltas.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const d of chunk) for (const column of ROW_COLUMNS) params.push(d[column]);
    await rawExecute(
      tx,
      `INSERT INTO "ActivityRollup" (${ROW_COLUMN_LIST}) VALUES ${chunk.map(() => ROW_PLACEHOLDERS).join(", ")}
       ${UPSERT}`,
      ...params,
    );
  }
  // Expired fine buckets are dropped per account, at most every few minutes; the primary key makes
  // each delete a short range read.
  for (const userId of new Set(records.map((r) => r.userId))) {
    if ((lastPrune.get(userId) ?? 0) > now - PRUNE_EVERY_MS) continue;
    lastPrune.set(userId, now);
    if (lastPrune.size > 100_000) lastPrune.clear();
    for (const [unit, retention] of Object.entries(UNIT_RETENTION_MS)) {
      await rawExecute(
        tx,
        `DELETE FROM "ActivityRollup" WHERE "userId" = ? AND "unit" = ? AND "bucketStart" < ?`,
        userId,
        unit,
        new Date(now - retention),
      );
    }
  }
}

/**
 * Takes deleted records out of their buckets, in the deleting transaction. Buckets left with no
 * request are removed. A minute bucket already pruned is simply not there to update.
 */
export async function subtractFromRollups(records: readonly TRollupSource[], tx: TSqlClient): Promise<void> {
  for (const d of rollupDeltas(records)) {
    const key = KEY_COLUMNS.map((column) => d[column]);
    await rawExecute(tx, SUBTRACT, ...COUNTERS.map((counter) => d[counter]), ...key);
    await rawExecute(tx, `DELETE FROM "ActivityRollup" WHERE ${KEY_WHERE} AND "requests" <= 0`, ...key);
  }
}

export async function deleteRollups(userId: string, tx: TSqlClient): Promise<void> {
  await rawExecute(tx, `DELETE FROM "ActivityRollup" WHERE "userId" = ?`, userId);
}

/**
 * SQL that recomputes one user's rollups from their records (the same statements the migration
 * used to backfill), in `?` form for rawExecute, or for better-sqlite3 as it is on SQLite. Used to
 * seed the benchmark and to check that the incremental rollups agree. The bucket start is the one
 * per-dialect part: SQLite stores timestamps as ISO text, so a bucket start is a prefix of it padded
 * back to that format (and the retention floor is bound as that text); PostgreSQL stores them as
 * `timestamp`, which date_trunc floors (UTC, like every stored time).
 */
export function rebuildRollupStatements(
  now = new Date(),
  target: TDialect = dialect(),
): { sql: string; params: (userId: string) => unknown[] }[] {
  const unitStart: Record<TRollupUnit, string> =
    target === "postgresql"
      ? {
          month: `date_trunc('month', "createdAt")`,
          day: `date_trunc('day', "createdAt")`,
          hour: `date_trunc('hour', "createdAt")`,
          minute: `date_trunc('minute', "createdAt")`,
        }
      : {
          month: `substr("createdAt", 1, 7) || '-01T00:00:00.000+00:00'`,
          day: `substr("createdAt", 1, 10) || 'T00:00:00.000+00:00'`,
          hour: `substr("createdAt", 1, 13) || ':00:00.000+00:00'`,
          minute: `substr("createdAt", 1, 16) || ':00.000+00:00'`,
        };
  const floor = (unit: TRollupUnit): Date | string | null => {
    const retention = UNIT_RETENTION_MS[unit];
    if (retention === undefined) return null;
    const at = new Date(now.getTime() - retention);
    return target === "postgresql" ? at : toDbTime(at);
  };
  return [
    { sql: `DELETE FROM "ActivityRollup" WHERE "userId" = ?`, params: (userId) => [userId] },
    ...ROLLUP_UNITS.map((unit) => {
      const since = floor(unit);
      return {
        sql: `INSERT INTO "ActivityRollup" (${ROW_COLUMN_LIST})
        SELECT "userId", '${unit}', ${unitStart[unit]}, "model", coalesce("providerSlug", ''), max(coalesce("providerName", '')),
               coalesce("apiKeyId", ''), "status", coalesce("appReferer", ''), count(*), sum("promptTokens"), sum("completionTokens"), sum("cost"),
               sum("cachedPromptTokens"), sum("reasoningTokens")
        FROM "Generation" WHERE "userId" = ?${since ? ` AND "createdAt" >= ?` : ""}
        GROUP BY 1, 2, 3, 4, 5, 7, 8, 9`,
        params: (userId: string) => (since ? [userId, since] : [userId]),
      };
    }),
  ];
}

export async function rebuildRollups(userId: string, tx: TSqlClient, now = new Date()): Promise<void> {
  for (const statement of rebuildRollupStatements(now))
    await rawExecute(tx, statement.sql, ...statement.params(userId));
}

/** The fields of a Generation the rollups need to take a deleted record out of its buckets. */
export const ROLLUP_SOURCE_SELECT = {
  id: true,
  userId: true,
  createdAt: true,
  model: true,
  providerSlug: true,
  providerName: true,
  apiKeyId: true,
  status: true,
  appReferer: true,
  promptTokens: true,
  completionTokens: true,
  cachedPromptTokens: true,
  reasoningTokens: true,
  cost: true,
} as const;
