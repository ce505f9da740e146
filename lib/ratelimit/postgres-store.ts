// The rate limit store on PostgreSQL: one row per key and window in "RateLimitWindow", counted by
// an atomic upsert, so every instance on the database shares the count. Keys arrive hashed
// (storeKey in lib/ratelimit/limiter.ts). Rows live two windows (the current one and the one
// carried over) and are deleted now and then by the instance that notices.
import { rawExecute, rawQuery, type TDb } from "@/lib/db";
import type { TRateLimitStore } from "@/lib/ratelimit/limiter";

type TClient = Pick<TDb, "$queryRawUnsafe" | "$executeRawUnsafe">;

const CLEANUP_EVERY_MS = 60_000;

// One statement, one round trip: count this hit and read the previous window's count.
const HIT = `WITH "hit" AS (
  INSERT INTO "RateLimitWindow" ("key", "windowStart", "count", "expiresAt") VALUES (?, ?, 1, ?)
  ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
  RETURNING "count"
)
SELECT (SELECT "count" FROM "hit") AS "current",
       (SELECT "count" FROM "RateLimitWindow" WHERE "key" = ? AND "windowStart" = ?) AS "previous"`;

export function createPostgresStore(client: TClient): TRateLimitStore {
  let nextCleanup = 0;
  const deleteExpired = (now: number) =>
    rawExecute(client, `DELETE FROM "RateLimitWindow" WHERE "expiresAt" < ?`, new Date(now)).catch(() => undefined);
  return {
    kind: "postgresql",
    async increment(key, windowStart, windowMs, now) {
      const rows = await rawQuery<{ current: number; previous: number | null }[]>(
        client,
        HIT,
        key,
        new Date(windowStart),
        new Date(windowStart + 2 * windowMs),
        key,
        new Date(windowStart - windowMs),
      );
      if (now >= nextCleanup) {
        nextCleanup = now + CLEANUP_EVERY_MS;
        void deleteExpired(now);
      }
      const row = rows[0];
      return { current: Number(row?.current ?? 1), previous: Number(row?.previous ?? 0) };
    },
    async decrement(key, windowStart) {
      await rawExecute(
        client,
        `UPDATE "RateLimitWindow" SET "count" = "count" - 1 WHERE "key" = ? AND "windowStart" = ? AND "count" > 0`,
        key,
        new Date(windowStart),
      );
    },
  };
}
