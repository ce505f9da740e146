import { describe, expect, it } from "vitest";
import { roundFigure, wholePercent } from "@/lib/rankings/publish";

describe("roundFigure", () => {
  it("rounds to two significant figures in steps of at least ten, and never shows a positive count as zero", () => {
    for (const [n, expected] of [
      [0, 0],
      [-5, 0],
      [1, 10],
      [4, 10],
      [14, 10],
      [15, 20],
      [99, 100],
      [123, 120],
      [12_345, 12_000],
      [12_501, 13_000],
      [987_654_321, 990_000_000],
    ] as const) {
      expect(roundFigure(n), String(n)).toBe(expected);
    }
  });

  it("gives two counts one account apart the same figure, except across a rounding edge", () => {
    expect(roundFigure(123_456)).toBe(roundFigure(123_456 + 1_234));
  });
});

describe("wholePercent", () => {
  it("is a share in whole percents, 0 for an empty total", () => {
    expect(wholePercent(1, 3)).toBe(0.33);
    expect(wholePercent(2, 3)).toBe(0.67);
    expect(wholePercent(5, 0)).toBe(0);
  });
});
