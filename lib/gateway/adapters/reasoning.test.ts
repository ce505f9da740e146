import { describe, expect, it } from "vitest";
import { requestedReasoning, withoutUnsupportedReasoning } from "./reasoning";
import type { TChatRequest } from "./types";

const base: TChatRequest = { messages: [{ role: "user", content: "hi" }], temperature: 0.3 };

describe("requestedReasoning", () => {
  it("reads effort, budget, enabled and the older include_reasoning switch", () => {
    expect(requestedReasoning({ ...base, reasoning: { effort: "high" } })).toEqual({ effort: "high" });
    expect(requestedReasoning({ ...base, reasoning: { max_tokens: 3000, effort: "low" } })).toEqual({ budget: 3000 });
    expect(requestedReasoning({ ...base, reasoning: { enabled: true } })).toEqual({ effort: "medium" });
    expect(requestedReasoning({ ...base, include_reasoning: true })).toEqual({ effort: "medium" });
    for (const off of [{}, { exclude: true }, { effort: "none" as const }, { enabled: false, effort: "high" as const }])
      expect(requestedReasoning({ ...base, reasoning: off })).toBeNull();
    expect(requestedReasoning(base)).toBeNull();
  });
});

describe("withoutUnsupportedReasoning", () => {
  const asked: TChatRequest = { ...base, reasoning: { effort: "high" }, include_reasoning: true };

  it("drops the reasoning fields for an endpoint whose parameters are listed without reasoning, and only them", () => {
    expect(withoutUnsupportedReasoning(asked, ["temperature", "max_tokens"])).toEqual(base);
  });

  it("keeps them for an endpoint that lists reasoning, or lists nothing (unknown), and leaves other bodies untouched", () => {
    expect(withoutUnsupportedReasoning(asked, ["temperature", "reasoning"])).toBe(asked);
    expect(withoutUnsupportedReasoning(asked, [])).toBe(asked);
    expect(withoutUnsupportedReasoning(base, ["temperature"])).toBe(base);
  });
});
