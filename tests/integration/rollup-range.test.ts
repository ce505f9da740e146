// A busy account's month bucket passes 2^31 tokens: the rollup counters must hold it on both
// databases (PostgreSQL's integer is 32-bit; the columns are BIGINT) and the summaries must read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDb } from "@/lib/privacy/test-db";

let t: Awaited<ReturnType<typeof startTestDb>>;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(() => t.close());

describe("activity rollup counters", () => {
  it("add up past 2^31 tokens in one bucket and are read back exactly", async () => {
    const { addToRollups } = await import("@/lib/activity/rollup");
    const { getActivityOverview } = await import("@/lib/activity/summary");
    const user = await t.createUser();
    const now = new Date();
    const record = {
      userId: user.id,
      createdAt: new Date(now.getTime() - 60_000),
      model: "e2e/echo",
      providerSlug: "mock-a",
      providerName: "Mock A",
      apiKeyId: null,
      status: "success" as const,
      appReferer: null,
      promptTokens: 1_500_000_000,
      completionTokens: 600_000_000,
      cachedPromptTokens: 0,
      reasoningTokens: 0,
      cost: 1.25,
    };
    // Three batches, as three metadata writes would add them: 6.3 billion tokens in the same buckets.
    for (let i = 0; i < 3; i += 1) await t.db.$transaction((tx) => addToRollups([record], tx));
    const overview = await getActivityOverview(user.id, { range: "month", group: "model", metric: "tokens" }, now);
    expect(overview.totals.current.tokens).toBe(6_300_000_000);
    expect(overview.totals.current.requests).toBe(3);
  });
});
