import { describe, expect, it } from "vitest";
import { bucketStart, rollupDeltas, type TRollupSource } from "@/lib/activity/rollup";
import { rangeWindow } from "@/lib/activity/ranges";

const record = (over: Partial<TRollupSource>): TRollupSource => ({
  userId: "u1",
  createdAt: new Date("2026-11-27T16:57:16.472Z"),
  model: "m",
  providerSlug: "p",
  providerName: "P",
  apiKeyId: "k",
  status: "success",
  appReferer: null,
  promptTokens: 10,
  completionTokens: 5,
  cachedPromptTokens: 4,
  reasoningTokens: 2,
  cost: 0.25,
  ...over,
});

describe("rollup buckets", () => {
  it("start at UTC minute, hour, day and month boundaries", () => {
    const t = new Date("2026-11-27T16:57:16.472Z");
    expect(bucketStart(t, "minute").toISOString()).toBe("2026-11-27T16:57:00.000Z");
    expect(bucketStart(t, "hour").toISOString()).toBe("2026-11-27T16:00:00.000Z");
    expect(bucketStart(t, "day").toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect(bucketStart(t, "month").toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("fold a batch into one delta per bucket and dimension combination", () => {
    const now = new Date("2026-11-27T17:00:00Z").getTime();
    const deltas = rollupDeltas(
      [record({}), record({ cost: 0.5 }), record({ model: "other", appReferer: "https://a.example" })],
      now,
    );
    const minute = deltas.filter((d) => d.unit === "minute");
    expect(minute).toHaveLength(2);
    expect(minute.find((d) => d.model === "m")).toMatchObject({
      requests: 2,
      promptTokens: 20,
      completionTokens: 10,
      cachedPromptTokens: 8,
      reasoningTokens: 4,
      cost: 0.75,
      app: "",
      providerSlug: "p",
      apiKeyId: "k",
    });
    expect(minute.find((d) => d.model === "other")).toMatchObject({ requests: 1, app: "https://a.example" });
    expect(deltas.filter((d) => d.unit === "month")).toHaveLength(2);
  });

  it("store missing dimensions as empty strings, so they can be keys", () => {
    const [delta] = rollupDeltas(
      [record({ providerSlug: null, providerName: null, apiKeyId: null, status: "error" })],
      Date.parse("2026-11-27T17:00:00Z"),
    );
    expect(delta).toMatchObject({ providerSlug: "", providerName: "", apiKeyId: "", status: "error" });
  });

  it("skip minute and hour buckets older than they are kept", () => {
    const now = Date.parse("2026-11-27T17:00:00Z");
    const units = (daysAgo: number) =>
      rollupDeltas([record({ createdAt: new Date(now - daysAgo * 86_400_000) })], now)
        .map((d) => d.unit)
        .sort();
    expect(units(0.5)).toEqual(["day", "hour", "minute", "month"]);
    expect(units(3)).toEqual(["day", "hour", "month"]);
    expect(units(8)).toEqual(["day", "month"]);
  });
});

describe("summary ranges", () => {
  const now = new Date("2026-11-27T16:57:16.472Z");

  it("cover the last 60 minutes, 24 hours, 30 days and 12 months, each compared with the period before", () => {
    const hour = rangeWindow("hour", now);
    expect(hour.unit).toBe("minute");
    expect(hour.buckets).toHaveLength(60);
    expect(hour.start.toISOString()).toBe("2026-11-27T15:58:00.000Z");
    expect(hour.end.toISOString()).toBe("2026-11-27T16:58:00.000Z");
    expect(hour.prevStart.toISOString()).toBe("2026-11-27T14:58:00.000Z");

    const day = rangeWindow("day", now);
    expect(day.buckets).toHaveLength(24);
    expect(day.start.toISOString()).toBe("2026-11-26T17:00:00.000Z");

    const month = rangeWindow("month", now);
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets.at(-1)!.toISOString()).toBe("2026-11-27T00:00:00.000Z");

    const year = rangeWindow("year", now);
    expect(year.unit).toBe("month");
    expect(year.buckets.map((b) => b.toISOString().slice(0, 7))).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(year.prevStart.toISOString()).toBe("2024-12-01T00:00:00.000Z");
  });
});
