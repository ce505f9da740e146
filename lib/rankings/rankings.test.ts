// Rankings over a real, migrated database: aggregates over counted accounts, by closed period and
// category, rounded, thresholded on distinct accounts, and nothing in the result that belongs to a
// person — including the differencing attack of issue 14 (item 11).
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
  // Most tests count one or two accounts; the threshold tests set it themselves.
  process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "1";
  await t.db.rankingSnapshot.deleteMany();
  await t.db.anonymousSample.deleteMany();
  await t.db.categorySample.deleteMany();
  await t.db.generation.deleteMany();
  await t.db.user.deleteMany();
});

// Closed periods at NOW: day = 2026-06-19, week = 06-13…06-19, month = 05-21…06-19.
const NOW = new Date("2026-06-20T12:00:00.000Z");
const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00.000Z`);
const YESTERDAY = "2026-06-19";

/** An account opened `ageDays` before NOW, with prompt logging as asked. */
async function account(ageDays = 60, settings: { promptLogging?: boolean } = {}) {
  const user = await t.createUser(settings);
  await t.db.user.update({ where: { id: user.id }, data: { createdAt: daysAgo(NOW, ageDays) } });
  return user;
}

/** Successful requests of `model` by `userId` on each day, `tokens` prompt tokens each. */
async function spend(userId: string, model: string, days: string[], tokens = 100) {
  for (const day of days)
    await t.createGeneration(userId, { createdAt: at(day), model, promptTokens: tokens, completionTokens: 0 });
}

/** An account that counts: opened long ago, used on two days. */
async function countedAccount(model = "e2e/echo", days = [YESTERDAY, "2026-06-15"], tokens = 100) {
  const user = await account();
  await spend(user.id, model, days, tokens);
  return user;
}

const anon = (day: string, model: string, category: string) => ({ id: crypto.randomUUID(), day, model, category });
const rowsOf = (r: Awaited<ReturnType<typeof rankings.getRankings>>) =>
  r.overall.rows.map((row) => [row.model, row.totalTokens]);

describe("ZRankingsQuery", () => {
  it("falls back to the week and no category for anything unknown", () => {
    expect(rankings.ZRankingsQuery.parse({})).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: "year", category: "gossip" })).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: ["day", "month"] })).toEqual({ period: "week" });
    expect(rankings.ZRankingsQuery.parse({ period: "month", category: "legal" })).toEqual({
      period: "month",
      category: "legal",
    });
  });
});

describe("getRankings: closed periods", () => {
  it("shows whole UTC days up to yesterday, never today", async () => {
    const user = await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"], 1000);
    await spend(user.id, "e2e/today", ["2026-06-20"], 5000);
    const day = await rankings.getRankings({ period: "day" }, NOW);
    expect(day).toMatchObject({ firstDay: YESTERDAY, lastDay: YESTERDAY });
    expect(rowsOf(day)).toEqual([["e2e/echo", 1000]]);
    expect(await rankings.getRankings({ period: "week" }, NOW)).toMatchObject({
      firstDay: "2026-06-13",
      lastDay: YESTERDAY,
    });
    expect(await rankings.getRankings({ period: "month" }, NOW)).toMatchObject({
      firstDay: "2026-05-21",
      lastDay: YESTERDAY,
    });
    expect(JSON.stringify(await rankings.getRankings({ period: "month" }, NOW))).not.toContain("e2e/today");
    // Just after midnight, yesterday is not closed yet (a request begun before midnight may still end).
    expect(await rankings.getRankings({ period: "day" }, new Date("2026-06-21T00:10:00Z"))).toMatchObject({
      lastDay: YESTERDAY,
    });
    expect(await rankings.getRankings({ period: "day" }, new Date("2026-06-21T00:20:00Z"))).toMatchObject({
      lastDay: "2026-06-20",
    });
  });

  it("computes a period once: what is written or changed later does not move a period already shown", async () => {
    const user = await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"], 1000);
    const first = await rankings.getRankings({ period: "day" }, NOW);
    await spend(user.id, "e2e/echo", [YESTERDAY], 50_000);
    process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "5";
    expect(await rankings.getRankings({ period: "day" }, new Date(NOW.getTime() + 3_600_000))).toEqual(first);
    expect(await t.db.rankingSnapshot.count()).toBe(1);
    // Instances asking at once store one snapshot and show the same figures.
    await t.db.rankingSnapshot.deleteMany();
    const [a, b] = await Promise.all([
      rankings.getRankings({ period: "week" }, NOW),
      rankings.getRankings({ period: "week" }, NOW),
    ]);
    expect(a).toEqual(b);
    expect(await t.db.rankingSnapshot.count()).toBe(1);
  });
});

describe("getRankings: tokens", () => {
  it("sums the counted accounts' tokens by model, most first, rounded to two significant figures, shares in whole percents", async () => {
    const alice = await account();
    const bob = await account();
    await t.createGeneration(alice.id, {
      createdAt: at(YESTERDAY, 9),
      model: "e2e/echo",
      promptTokens: 10_000,
      completionTokens: 2_345,
    });
    await t.createGeneration(bob.id, {
      createdAt: at(YESTERDAY, 10),
      model: "e2e/echo",
      promptTokens: 1_000,
      completionTokens: 55,
    });
    await t.createGeneration(bob.id, {
      createdAt: at(YESTERDAY, 11),
      model: "e2e/tools",
      promptTokens: 30_000,
      completionTokens: 10_000,
    });
    // Earlier days in the week: both accounts were used on two days.
    await spend(alice.id, "e2e/echo", ["2026-06-16"], 4_000);
    await spend(bob.id, "e2e/tools", ["2026-06-14"], 4_000);

    const day = await rankings.getRankings({ period: "day" }, NOW);
    expect(
      day.overall.rows.map((r) => [r.model, r.totalTokens, r.promptTokens, r.completionTokens, r.requests, r.share]),
    ).toEqual([
      ["e2e/tools", 40_000, 30_000, 10_000, 10, 0.75],
      ["e2e/echo", 13_000, 11_000, 2_400, 10, 0.25],
    ]);
    // 53,400 exactly; the exact figures (12,345 + 1,055 and 40,000) appear nowhere.
    expect(day.overall.totalTokens).toBe(53_000);
    expect(JSON.stringify(day)).not.toMatch(/13400|12345|2345|1055/);

    const week = await rankings.getRankings({ period: "week" }, NOW);
    expect(rowsOf(week)).toEqual([
      ["e2e/tools", 44_000],
      ["e2e/echo", 17_000],
    ]);
  });

  it("counts successful requests only, so a refused request's model name is never published", async () => {
    const user = await countedAccount();
    await t.createGeneration(user.id, {
      createdAt: at(YESTERDAY),
      model: "my-private-project-name",
      status: "error",
      promptTokens: 0,
      completionTokens: 0,
    });
    await t.createGeneration(user.id, {
      createdAt: at(YESTERDAY),
      model: "e2e/failed",
      status: "error",
      promptTokens: 7,
      completionTokens: 0,
    });
    const result = await rankings.getRankings({ period: "day" }, NOW);
    expect(rowsOf(result)).toEqual([["e2e/echo", 100]]);
    expect(JSON.stringify(result)).not.toMatch(/my-private-project-name|e2e\/failed/);
  });

  it("returns aggregates only: no user, key or generation id anywhere in the result", async () => {
    const user = await countedAccount();
    const g = await t.createGeneration(user.id, {
      createdAt: at(YESTERDAY),
      model: "e2e/echo",
      apiKeyId: "key-id-123",
    });
    await t.createLinkedSample(user.id, g.id, { createdAt: at(YESTERDAY), category: "legal" });
    const serialized = JSON.stringify(await rankings.getRankings({ period: "day", category: "legal" }, NOW));
    for (const secret of [user.id, user.email, g.id, "key-id-123"]) expect(serialized).not.toContain(secret);
    expect(serialized).toContain("e2e/echo");
  });
});

describe("getRankings: counted accounts", () => {
  it("leaves out an account younger than a day when it made the request, and one used on a single day", async () => {
    await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"]);
    // Opened the day before yesterday at 18:00: its requests of yesterday morning were made at under a day old.
    const young = await account(1.75);
    await t.createGeneration(young.id, {
      createdAt: at("2026-06-18", 20),
      model: "e2e/young",
      promptTokens: 100,
      completionTokens: 0,
    });
    await t.createGeneration(young.id, {
      createdAt: at(YESTERDAY, 9),
      model: "e2e/young",
      promptTokens: 100,
      completionTokens: 0,
    });
    // Old, but used on one day only.
    const once = await account();
    await spend(once.id, "e2e/once", [YESTERDAY, YESTERDAY, YESTERDAY]);
    // Old, used on two days, but without tokens on one of them.
    const empty = await account();
    await spend(empty.id, "e2e/empty", [YESTERDAY]);
    await t.createGeneration(empty.id, {
      createdAt: at("2026-06-15"),
      model: "e2e/empty",
      promptTokens: 0,
      completionTokens: 0,
    });

    const month = await rankings.getRankings({ period: "month" }, NOW);
    expect(rowsOf(month)).toEqual([["e2e/echo", 200]]);
    expect(month.overall.hiddenModels).toBe(0);
    expect(month.minActiveDays).toBe(2);
  });
});

describe("getRankings: the differencing attack (issue 14, item 11)", () => {
  it("teaches an attacker with fresh or unused accounts nothing about a victim's use of a rare model", async () => {
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    // Three ordinary accounts keep a common model ranked; the victim alone uses a rare one.
    for (let i = 0; i < 3; i++) await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"], 500);
    const victim = await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"], 500);
    await spend(victim.id, "rare/model", [YESTERDAY, "2026-06-17", "2026-06-20"], 12_345);
    const views = async (now: Date) =>
      JSON.stringify(
        await Promise.all((["day", "week", "month"] as const).map((period) => rankings.getRankings({ period }, now))),
      );

    const before = await views(NOW);
    expect(before).not.toContain("rare/model");

    // Two accounts opened now push the rare model to three accounts today: today is not published.
    const attackers = [await account(0), await account(0)];
    for (const attacker of attackers) await spend(attacker.id, "rare/model", ["2026-06-20"], 1);
    expect(await views(NOW)).toBe(before);

    // Tomorrow, today is closed: but the attackers were under a day old when they used the model.
    const tomorrow = new Date("2026-06-21T12:00:00Z");
    const nextDay = await views(tomorrow);
    expect(nextDay).not.toContain("rare/model");

    // Accounts opened long ago that were never really used (one day of use) do not count either.
    const dormant = [await account(90), await account(90)];
    for (const attacker of dormant) await spend(attacker.id, "rare/model", ["2026-06-21"], 1);
    const later = new Date("2026-06-22T12:00:00Z");
    const laterViews = await views(later);
    expect(laterViews).not.toContain("rare/model");
    // Nor do their requests move any published figure: the same views without them are identical.
    await t.db.rankingSnapshot.deleteMany();
    await t.db.generation.deleteMany({ where: { userId: { in: [...attackers, ...dormant].map((a) => a.id) } } });
    expect(await views(later)).toBe(laterViews);
    expect(await views(tomorrow)).toBe(nextDay);
  });

  it("publishes a rare model once enough counted accounts used it, rounded, so subtracting known use gives no exact count", async () => {
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    const victim = await account();
    await spend(victim.id, "rare/model", [YESTERDAY, "2026-06-15"], 12_345);
    // Two attacker accounts that do count (old, used on two days), each with a known 1 token a day.
    for (let i = 0; i < 2; i++) await countedAccount("rare/model", [YESTERDAY, "2026-06-16"], 1);
    const week = await rankings.getRankings({ period: "week" }, NOW);
    const row = week.overall.rows.find((r) => r.model === "rare/model")!;
    expect(row.totalTokens).toBe(25_000);
    // The victim's 24,690 tokens: the attacker learns "about 25,000", not the count.
    expect(row.totalTokens - 4).not.toBe(24_690);
  });
});

describe("getRankings: categories", () => {
  it("ranks models by their share of the category's samples, anonymous and linked together", async () => {
    const logging = await countedAccount("e2e/tools", [YESTERDAY, "2026-06-15"]);
    await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"]);
    await t.db.anonymousSample.createMany({
      data: [
        anon(YESTERDAY, "e2e/echo", "programming"),
        anon(YESTERDAY, "e2e/echo", "programming"),
        anon("2026-06-15", "e2e/echo", "programming"),
        anon(YESTERDAY, "e2e/echo", "writing"),
        // Before the month: not counted.
        anon("2026-04-01", "e2e/echo", "programming"),
      ],
    });
    const g = await t.createGeneration(logging.id, { createdAt: at(YESTERDAY), model: "e2e/tools" });
    for (let i = 0; i < 12; i++)
      await t.createLinkedSample(logging.id, g.id, {
        createdAt: at(YESTERDAY),
        model: "e2e/tools",
        category: "programming",
      });

    const result = await rankings.getRankings({ period: "month", category: "programming" }, NOW);
    expect(result.category).toBe("programming");
    // 15 samples: 12 and 3, rounded to 10 and 10 of a total of 20.
    expect(result.byCategory?.totalSamples).toBe(20);
    expect(result.byCategory?.rows.map((r) => [r.model, r.samples, r.share])).toEqual([
      ["e2e/tools", 10, 0.5],
      ["e2e/echo", 10, 0.5],
    ]);
    const counts = Object.fromEntries(result.categoryCounts.map((c) => [c.category, c.samples]));
    expect(counts).toMatchObject({ programming: 20, writing: 10, legal: 0 });
    expect(result.categoryCounts).toHaveLength(13);
    // The day view reads that day's samples only.
    const day = await rankings.getRankings({ period: "day", category: "programming" }, NOW);
    expect(day.byCategory?.rows.map((r) => r.model)).toEqual(["e2e/tools", "e2e/echo"]);
  });

  it("has no category ranking when no category is selected", async () => {
    const result = await rankings.getRankings({ period: "week" }, NOW);
    expect(result.byCategory).toBeNull();
    expect(result.overall.rows).toEqual([]);
  });
});

describe("getRankings: by kind of request", () => {
  it("ranks each kind apart, each (model, kind) needing the threshold, and leaves a kind too few used out of the model's figures", async () => {
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    const users = [await countedAccount(), await countedAccount(), await countedAccount()];
    const use = (userId: string, kind: string, tokens: number) =>
      t.createGeneration(userId, { createdAt: at(YESTERDAY), kind, promptTokens: tokens, completionTokens: 0 });
    for (const user of users) await use(user.id, "messages", 1000);
    // One account alone on embeddings: too few to show, and so left out of e2e/echo's overall figures
    // (otherwise the overall row minus the shown kinds would give that account's use away).
    await use(users[0]!.id, "embeddings", 5000);

    const all = await rankings.getRankings({ period: "day" }, NOW);
    expect(all.kind).toBeNull();
    expect(rowsOf(all)).toEqual([["e2e/echo", 3300]]);
    expect(Object.fromEntries(all.kindCounts.map((c) => [c.kind, c.tokens]))).toEqual({
      chat: 300,
      messages: 3000,
      responses: 0,
      completions: 0,
      embeddings: 0,
    });
    const messages = await rankings.getRankings({ period: "day", kind: "messages" }, NOW);
    expect(messages.kind).toBe("messages");
    expect(rowsOf(messages)).toEqual([["e2e/echo", 3000]]);
    expect(messages.overall).toMatchObject({ totalTokens: 3000, hiddenModels: 0 });
    const embeddings = await rankings.getRankings({ period: "day", kind: "embeddings" }, NOW);
    expect(embeddings.overall).toMatchObject({ rows: [], totalTokens: 0, totalModels: 0, hiddenModels: 1 });
    expect(JSON.stringify(embeddings)).not.toContain("5000");
    expect(rankings.ZRankingsQuery.parse({ kind: "messages" })).toEqual({ period: "week", kind: "messages" });
    expect(rankings.ZRankingsQuery.parse({ kind: "gossip" })).toEqual({ period: "week" });
  });
});

describe("getRankings: small counts", () => {
  it("leaves a model out of the token ranking and its total until enough counted accounts used it (3 by default)", async () => {
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
    const [a, b] = [await countedAccount(), await countedAccount()];
    const c = await countedAccount();
    // Two accounts, many requests: still too few people.
    for (const user of [a, b, b, b]) await spend(user.id, "rare/model", [YESTERDAY], 1000);

    const result = await rankings.getRankings({ period: "day" }, NOW);
    expect(result.minCount).toBe(3);
    expect(rowsOf(result)).toEqual([["e2e/echo", 300]]);
    expect(result.overall).toMatchObject({ totalTokens: 300, totalModels: 1, hiddenModels: 1 });
    expect(result.overall.rows[0]!.share).toBe(1);
    expect(JSON.stringify(result)).not.toContain("rare/model");

    // A third counted account makes it rankable (in the next period computed).
    await spend(c.id, "rare/model", [YESTERDAY], 1);
    await t.db.rankingSnapshot.deleteMany();
    const after = await rankings.getRankings({ period: "day" }, NOW);
    expect(rowsOf(after)).toEqual([
      ["rare/model", 4000],
      ["e2e/echo", 300],
    ]);
    expect(after.overall).toMatchObject({ totalTokens: 4300, hiddenModels: 0 });
  });

  it("does not publish a category row whose samples come from one account, however many samples it has", async () => {
    process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "3";
    const logging = await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"]);
    for (let i = 0; i < 2; i++) await countedAccount("e2e/echo", [YESTERDAY, "2026-06-15"]);
    const g = await t.createGeneration(logging.id, { createdAt: at(YESTERDAY), model: "e2e/echo" });
    // One person's health prompts, on a model three accounts used: linked samples count by account.
    for (let i = 0; i < 5; i++)
      await t.createLinkedSample(logging.id, g.id, { createdAt: at(YESTERDAY), model: "e2e/echo", category: "health" });
    // Anonymous samples of a (day, model) one account used (stored before the sampler checked): not counted.
    const alone = await countedAccount("rare/model", [YESTERDAY, "2026-06-15"]);
    expect(alone).toBeTruthy();
    await t.db.anonymousSample.createMany({
      data: [
        anon(YESTERDAY, "rare/model", "health"),
        anon(YESTERDAY, "rare/model", "health"),
        anon(YESTERDAY, "rare/model", "legal"),
      ],
    });

    const health = await rankings.getRankings({ period: "week", category: "health" }, NOW);
    expect(health.byCategory).toEqual({ rows: [], totalSamples: 0, hiddenModels: 2 });
    const counts = Object.fromEntries(health.categoryCounts.map((c) => [c.category, c.samples]));
    expect(counts).toMatchObject({ health: 0, legal: 0 });
    expect(JSON.stringify(health)).not.toContain("rare/model");
  });

  it("publishes a category row once its linked samples come from enough accounts, or its anonymous samples from a (day, model) with enough", async () => {
    process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "3";
    const users = [await countedAccount(), await countedAccount(), await countedAccount()];
    for (const user of users) {
      const g = await t.createGeneration(user.id, { createdAt: at(YESTERDAY), model: "e2e/echo" });
      await t.createLinkedSample(user.id, g.id, { createdAt: at(YESTERDAY), model: "e2e/echo", category: "health" });
    }
    await t.db.anonymousSample.createMany({ data: [anon(YESTERDAY, "e2e/echo", "legal")] });
    const health = await rankings.getRankings({ period: "week", category: "health" }, NOW);
    expect(health.byCategory).toMatchObject({
      totalSamples: 10,
      hiddenModels: 0,
      rows: [{ model: "e2e/echo", samples: 10, share: 1 }],
    });
    const counts = Object.fromEntries(health.categoryCounts.map((c) => [c.category, c.samples]));
    expect(counts).toMatchObject({ health: 10, legal: 10 });
  });

  it("reads the threshold from PRIVET_RANKINGS_MIN_ACCOUNTS (3 when unset) and refuses anything but a whole number from 1", async () => {
    const { rankingsMinAccounts } = await import("@/lib/env");
    for (const [raw, expected] of [
      ["1", 1],
      ["10", 10],
      ["", 3],
    ] as const) {
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
