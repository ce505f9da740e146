// The migration that added cached and reasoning token sums to the activity rollup fills them in for
// the buckets that already existed: run on rollups as they were before it (the sums at 0), its
// backfill must give exactly what recomputing the rollups from the records gives, on each database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDb } from "@/lib/privacy/test-db";

const MIGRATION = "20261203163942_activity_rollup_token_details";

let t: Awaited<ReturnType<typeof startTestDb>>;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(() => t.close());

describe("the activity_rollup_token_details migration", () => {
  it("backfills each bucket's cached and reasoning tokens from its records", async () => {
    const { dialect, rawExecute, rawQuery } = await import("@/lib/db");
    const { rebuildRollups } = await import("@/lib/activity/rollup");
    const user = await t.createUser();
    const other = await t.createUser();
    const now = Date.now();
    const records = [
      { at: now - 30_000, model: "m/a", reasoning: 7, cached: 3, referer: null },
      { at: now - 40_000, model: "m/a", reasoning: 5, cached: 0, referer: null },
      { at: now - 3 * 86_400_000, model: "m/a", reasoning: 0, cached: 9, referer: "https://app.example" },
      { at: now - 40 * 86_400_000, model: "m/b", reasoning: 11, cached: 2, referer: null },
      { at: now - 60_000, model: "m/b", reasoning: 0, cached: 0, referer: null },
    ];
    let n = 0;
    for (const owner of [user, other]) {
      for (const r of records) {
        await t.db.generation.create({
          data: {
            id: `backfill-${(n += 1)}`,
            userId: owner.id,
            createdAt: new Date(r.at),
            model: r.model,
            providerSlug: "p",
            providerName: "P",
            appReferer: r.referer,
            status: "success",
            httpStatus: 200,
            promptTokens: 20,
            completionTokens: 15,
            reasoningTokens: r.reasoning,
            cachedPromptTokens: r.cached,
          },
        });
      }
    }
    const rows = async (userId: string) =>
      (
        await rawQuery<Record<string, unknown>[]>(
          t.db,
          `SELECT "unit", "bucketStart", "model", "app", "requests", "cachedPromptTokens", "reasoningTokens"
           FROM "ActivityRollup" WHERE "userId" = ? ORDER BY 1, 2, 3, 4`,
          userId,
        )
      ).map((r) => ({
        ...r,
        requests: Number(r.requests),
        cachedPromptTokens: Number(r.cachedPromptTokens),
        reasoningTokens: Number(r.reasoningTokens),
      }));
    for (const owner of [user, other]) await t.db.$transaction((tx) => rebuildRollups(owner.id, tx));
    const expected = await rows(user.id);
    expect(expected.some((r) => r.reasoningTokens > 0 && r.cachedPromptTokens > 0)).toBe(true);

    // The rollups as the migration found them: the new columns at their default.
    await rawExecute(t.db, `UPDATE "ActivityRollup" SET "cachedPromptTokens" = 0, "reasoningTokens" = 0`);
    const folder = dialect() === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
    const sql = fs.readFileSync(path.join(process.cwd(), folder, MIGRATION, "migration.sql"), "utf8");
    const backfill = sql
      .slice(sql.indexOf("-- Backfill"))
      .split("\n")
      .filter((line) => !line.startsWith("--"))
      .join("\n");
    await rawExecute(t.db, backfill);

    expect(await rows(user.id)).toEqual(expected);
    expect(await rows(other.id)).toEqual(expected.map((r) => ({ ...r })));
  });
});
