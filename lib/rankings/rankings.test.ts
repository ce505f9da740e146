// Rankings over a real, migrated SQLite database: aggregates over every account, by period and
// category, and nothing in the result that belongs to a person.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { daysAgo, startTestDb } from "@/lib/privacy/test-db";

let t: Awaited<ReturnType<typeof startTestDb>>;
let rankings: typeof import("@/lib/rankings/rankings");

beforeAll(async () => {
  t = await startTestDb();
  rankings = await import("@/lib/rankings/rankings");
});
afterAll(async () => {
  delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
  await t?.close();
});
beforeEach(async () => {
  // Most tests count one or two accounts; "small counts" below tests the threshold itself.
  process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "1";
  await t.db.anonymousSample.deleteMany();
  await t.db.categorySample.deleteMany();
  await t.db.generation.deleteMany();
  await t.db.user.deleteMany();
});

const NOW = new Date("2026-06-20T12:00:00.000Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe("ZRankingsQuery", () => {
  it("falls back to the week and no category for anything unknown", () => {
    expect(rankings.ZRankingsQuery.parse({})).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: "year", category: "gossip" })).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: ["day", "month"] })).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: "month", category: "legal" })).toEqual({ period: "month", category: "legal" });
  });
});

describe("getRankings: tokens", () => {
  it("sums prompt and completion tokens over all accounts, by model, most first, within the period", async () => {
    const alice = await t.createUser();
    const bob = await t.createUser();
    await t.createGeneration(alice.id, { createdAt: hoursAgo(2), model: "e2e/echo", promptTokens: 100, completionTokens: 50 });
    await t.createGeneration(bob.id, { createdAt: hoursAgo(3), model: "e2e/echo", promptTokens: 10, completionTokens: 5 });
    await t.createGeneration(bob.id, { createdAt: hoursAgo(5), model: "e2e/tools", promptTokens: 300, completionTokens: 100 });
    // Outside the day, inside the week.
    await t.createGeneration(alice.id, { createdAt: daysAgo(NOW, 3), model: "e2e/echo", promptTokens: 1000, completionTokens: 0 });
    // Outside the month.
    await t.createGeneration(alice.id, { createdAt: daysAgo(NOW, 40), model: "e2e/tools", promptTokens: 99_999, completionTokens: 0 });

    const day = await rankings.getRankings({ period: "day" }, NOW);
    expect(day.overall.rows.map((r) => [r.model, r.totalTokens, r.promptTokens, r.completionTokens, r.requests])).toEqual([
      ["e2e/tools", 400, 300, 100, 1],
      ["e2e/echo", 165, 110, 55, 2],
    ]);
    expect(day.overall.totalTokens).toBe(565);
    expect(day.overall.rows[0]!.share).toBeCloseTo(400 / 565);

    const week = await rankings.getRankings({ period: "week" }, NOW);
    expect(week.overall.rows.map((r) => [r.model, r.totalTokens])).toEqual([
      ["e2e/echo", 1165],
      ["e2e/tools", 400],
    ]);
    const month = await rankings.getRankings({ period: "month" }, NOW);
    expect(month.overall.totalTokens).toBe(1565);
  });

  it("counts successful requests only, so a refused request's model name is never published", async () => {
    const user = await t.createUser();
    await t.createGeneration(user.id, { createdAt: hoursAgo(1), model: "my-private-project-name", status: "error", promptTokens: 0, completionTokens: 0 });
    await t.createGeneration(user.id, { createdAt: hoursAgo(1), model: "e2e/echo", status: "error", promptTokens: 7, completionTokens: 0 });
    const result = await rankings.getRankings({ period: "day" }, NOW);
    expect(result.overall.rows).toEqual([]);
    expect(result.overall.totalTokens).toBe(0);
  });

  it("returns aggregates only: no user, key or generation id anywhere in the result", async () => {
    const user = await t.createUser();
    const g = await t.createGeneration(user.id, { createdAt: hoursAgo(1), model: "e2e/echo", apiKeyId: "key-id-123" });
    await t.createLinkedSample(user.id, g.id, { createdAt: hoursAgo(1), category: "legal" });
    const serialized = JSON.stringify(await rankings.getRankings({ period: "day", category: "legal" }, NOW));
    for (const secret of [user.id, user.email, g.id, "key-id-123"]) expect(serialized).not.toContain(secret);
    expect(serialized).toContain("e2e/echo");
  });
});

describe("getRankings: categories", () => {
  it("ranks models by their share of the category's samples, anonymous and linked together", async () => {
    const user = await t.createUser();
    const day = NOW.toISOString().slice(0, 10);
    const anon = (model: string, category: string, onDay = day) => ({ id: crypto.randomUUID(), day: onDay, model, category });
    await t.db.anonymousSample.createMany({
      data: [
        anon("e2e/echo", "programming"),
        anon("e2e/echo", "programming"),
        anon("e2e/tools", "programming"),
        anon("e2e/tools", "writing"),
        // Before the month: not counted.
        anon("e2e/tools", "programming", "2026-04-01"),
      ],
    });
    const g = await t.createGeneration(user.id, { createdAt: hoursAgo(2), model: "e2e/tools" });
    await t.createLinkedSample(user.id, g.id, { createdAt: hoursAgo(2), model: "e2e/tools", category: "programming" });
    await t.createLinkedSample(user.id, g.id, { createdAt: hoursAgo(2), model: "e2e/tools", category: "programming" });

    const result = await rankings.getRankings({ period: "month", category: "programming" }, NOW);
    expect(result.category).toBe("programming");
    expect(result.byCategory?.totalSamples).toBe(5);
    expect(result.byCategory?.rows.map((r) => [r.model, r.samples, r.share])).toEqual([
      ["e2e/tools", 3, 0.6],
      ["e2e/echo", 2, 0.4],
    ]);
    const counts = Object.fromEntries(result.categoryCounts.map((c) => [c.category, c.samples]));
    expect(counts).toMatchObject({ programming: 5, writing: 1, legal: 0 });
    expect(result.categoryCounts).toHaveLength(13);
  });

  it("counts anonymous samples by whole UTC days from the start of the period", async () => {
    await t.db.anonymousSample.createMany({
      data: [
        { id: crypto.randomUUID(), day: "2026-06-19", model: "e2e/echo", category: "trivia" },
        { id: crypto.randomUUID(), day: "2026-06-18", model: "e2e/echo", category: "trivia" },
      ],
    });
    const result = await rankings.getRankings({ period: "day", category: "trivia" }, NOW);
    expect(result.sampleSinceDay).toBe("2026-06-19");
    expect(result.byCategory?.totalSamples).toBe(1);
  });

  it("has no category ranking when no category is selected", async () => {
    const result = await rankings.getRankings({ period: "week" }, NOW);
    expect(result.byCategory).toBeNull();
    expect(result.overall.rows).toEqual([]);
  });
});

describe("getRankings: small counts", () => {
  it("leaves a model out of the token ranking and its total until enough accounts used it (3 by default)", async () => {
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    const [a, b, c] = [await t.createUser(), await t.createUser(), await t.createUser()];
    for (const user of [a, b, c]) await t.createGeneration(user.id, { createdAt: hoursAgo(1), model: "e2e/echo", promptTokens: 10, completionTokens: 10 });
    // Two accounts, many requests: still too few people.
    for (const user of [a, b, b, b]) await t.createGeneration(user.id, { createdAt: hoursAgo(1), model: "rare/model", promptTokens: 500, completionTokens: 500 });

    const result = await rankings.getRankings({ period: "day" }, NOW);
    expect(result.minCount).toBe(3);
    expect(result.overall.rows.map((r) => r.model)).toEqual(["e2e/echo"]);
    expect(result.overall).toMatchObject({ totalTokens: 60, totalModels: 1, hiddenModels: 1 });
    expect(result.overall.rows[0]!.share).toBe(1);
    expect(JSON.stringify(result)).not.toContain("rare/model");

    // A third account makes it rankable.
    await t.createGeneration(c.id, { createdAt: hoursAgo(1), model: "rare/model", promptTokens: 1, completionTokens: 1 });
    const after = await rankings.getRankings({ period: "day" }, NOW);
    expect(after.overall.rows.map((r) => r.model)).toEqual(["rare/model", "e2e/echo"]);
    expect(after.overall).toMatchObject({ totalTokens: 60 + 4002, hiddenModels: 0 });
  });

  it("leaves a category's models with too few samples out of its rows, its total and its chip", async () => {
    process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "3";
    const day = NOW.toISOString().slice(0, 10);
    const anon = (model: string, category: string) => ({ id: crypto.randomUUID(), day, model, category });
    await t.db.anonymousSample.createMany({
      data: [...Array.from({ length: 3 }, () => anon("e2e/echo", "health")), anon("rare/model", "health"), anon("rare/model", "health"), anon("rare/model", "legal")],
    });
    const health = await rankings.getRankings({ period: "week", category: "health" }, NOW);
    expect(health.byCategory).toMatchObject({ totalSamples: 3, hiddenModels: 1, rows: [{ model: "e2e/echo", samples: 3, share: 1 }] });
    const counts = Object.fromEntries(health.categoryCounts.map((c) => [c.category, c.samples]));
    expect(counts).toMatchObject({ health: 3, legal: 0 });
    expect(JSON.stringify(health)).not.toContain("rare/model");
    const legal = await rankings.getRankings({ period: "week", category: "legal" }, NOW);
    expect(legal.byCategory).toEqual({ rows: [], totalSamples: 0, hiddenModels: 1 });
  });

  it("reads the threshold from PRIVET_RANKINGS_MIN_ACCOUNTS (3 when unset) and refuses anything but a whole number from 1", async () => {
    const { rankingsMinAccounts } = await import("@/lib/env");
    for (const [raw, expected] of [["1", 1], ["10", 10], ["", 3]] as const) {
      process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = raw;
      expect(rankingsMinAccounts(), raw).toBe(expected);
    }
    for (const raw of ["0", "-2", "2.5", "many"]) {
      process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = raw;
      expect(() => rankingsMinAccounts(), raw).toThrow(/PRIVET_RANKINGS_MIN_ACCOUNTS: expected a whole number from 1/);
    }
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    expect(rankingsMinAccounts()).toBe(3);
  });
});
