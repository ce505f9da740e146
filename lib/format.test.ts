import { describe, expect, it } from "vitest";
import {
  formatBucket,
  formatCategory,
  formatChange,
  formatCompact,
  formatContextLength,
  formatCost,
  formatDay,
  formatInteger,
  formatModelPrice,
  formatMs,
  formatPercent,
  formatPriceRange,
  formatPricePerMillion,
  formatSpeed,
} from "@/lib/format";

describe("costs", () => {
  it("keeps two significant digits under a cent, up to four decimals under a dollar, cents above", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.0000042)).toBe("$0.0000042");
    expect(formatCost(0.00000123)).toBe("$0.0000012");
    expect(formatCost(0.0123456)).toBe("$0.0123");
    expect(formatCost(0.5)).toBe("$0.50");
    expect(formatCost(12.3)).toBe("$12.30");
    expect(formatCost(1234.567)).toBe("$1,234.57");
  });

  it("orders the same way as the numbers it prints (the activity table sorts by cost)", () => {
    const costs = [0.0000042, 0.0000049, 0.00001, 0.0099, 0.01, 0.0123, 0.99994, 1, 1.005, 250];
    const printed = costs.map((c) => Number(formatCost(c).replace(/[$,]/g, "")));
    expect([...printed].sort((a, b) => a - b)).toEqual(printed);
  });
});

describe("prices per million tokens", () => {
  it("uses the dollar rule of costs, with a zero price as Free", () => {
    expect(formatPricePerMillion(0)).toBe("Free");
    expect(formatPricePerMillion(0.075)).toBe("$0.075");
    expect(formatPricePerMillion(0.5)).toBe("$0.50");
    expect(formatPricePerMillion(10)).toBe("$10.00");
    expect(formatPricePerMillion(0.001)).toBe("$0.001");
  });

  it("prints ranges with a dash and a model's two prices in one line", () => {
    expect(formatPriceRange({ min: 0.05, max: 2 })).toBe("$0.05–$2.00");
    expect(formatPriceRange({ min: 1, max: 1 })).toBe("$1.00");
    expect(formatPriceRange(null)).toBe("—");
    expect(formatModelPrice({ prompt: 0.5, completion: 0.5 })).toBe("$0.50 in · $0.50 out per 1M tokens");
    expect(formatModelPrice({ prompt: 0, completion: 0 })).toBe("Free");
    expect(formatModelPrice(null)).toBe("No price");
  });
});

describe("durations", () => {
  it("shows whole milliseconds under a second, then seconds with up to two decimals", () => {
    expect(formatMs(null)).toBe("—");
    expect(formatMs(0)).toBe("0 ms");
    expect(formatMs(420.4)).toBe("420 ms");
    expect(formatMs(999.6)).toBe("1 s");
    expect(formatMs(1234)).toBe("1.23 s");
    expect(formatMs(1500)).toBe("1.5 s");
    expect(formatMs(61_000)).toBe("61 s");
  });
});

describe("counts", () => {
  it("prints counts in full with grouping, and compactly only from 10,000 on", () => {
    expect(formatInteger(131072)).toBe("131,072");
    expect(formatInteger(7)).toBe("7");
    expect(formatCompact(9999)).toBe("9,999");
    expect(formatCompact(12_345)).toBe("12.3K");
    expect(formatCompact(1_048_576)).toBe("1M");
    expect(formatContextLength(4096)).toBe("4,096 context");
    expect(formatContextLength(131072)).toBe("131.1K context");
  });
});

describe("percentages", () => {
  it("prints shares and rates with one decimal, small ones with two significant digits, without float noise", () => {
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.0025)).toBe("0.25%");
    expect(formatPercent(0.1)).toBe("10%");
    expect(formatPercent(0.123456)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(12.345)).toBe("1,235%");
  });

  it("describes a change against the previous period", () => {
    expect(formatChange(112, 100)).toEqual({ text: "+12%", direction: "up" });
    expect(formatChange(50, 100)).toEqual({ text: "-50%", direction: "down" });
    expect(formatChange(100, 100)).toEqual({ text: "No change", direction: "flat" });
    expect(formatChange(0, 0)).toEqual({ text: "No change", direction: "flat" });
    expect(formatChange(5, 0)).toBeNull();
  });
});

describe("speed and labels", () => {
  it("prints speed in tokens per second and a category with a capital", () => {
    expect(formatSpeed(41.53)).toBe("41.5 tok/s");
    expect(formatSpeed(null)).toBe("—");
    expect(formatCategory("legal")).toBe("Legal");
  });
});

describe("dates", () => {
  it("labels UTC buckets by their unit", () => {
    expect(formatBucket("2026-06-16T13:05:00.000Z", "minute")).toBe("13:05");
    expect(formatBucket("2026-06-16T13:00:00.000Z", "hour")).toBe("13:00");
    expect(formatBucket("2026-06-16T00:00:00.000Z", "day")).toBe("16 Jun");
    expect(formatBucket("2026-06-01T00:00:00.000Z", "month")).toBe("Jun 2026");
    expect(formatDay(new Date("2026-06-16T23:30:00.000Z"), "utc")).toBe("16 Jun");
  });
});
