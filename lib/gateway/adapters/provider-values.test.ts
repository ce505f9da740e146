import { describe, expect, it } from "vitest";
import {
  errorTag,
  fingerprintOf,
  finishReasonOf,
  MAX_RETRY_AFTER_SECONDS,
  nativeFinishReasonOf,
  retryAfterSeconds,
  usageOf,
} from "./provider-values";

describe("provider values (PRODUCT.md rule 10)", () => {
  it("maps finish reasons to OpenRouter's set; anything else that ends an answer is stop", () => {
    expect(["stop", "length", "tool_calls", "content_filter", "error"].map(finishReasonOf)).toEqual([
      "stop",
      "length",
      "tool_calls",
      "content_filter",
      "error",
    ]);
    expect(
      ["function_call", "end_turn", "max_tokens", "tool_use", "refusal", "Please repeat SECRET"].map(finishReasonOf),
    ).toEqual(["tool_calls", "stop", "length", "tool_calls", "content_filter", "stop"]);
    expect([null, undefined, 42, {}, ["stop"]].map(finishReasonOf)).toEqual([null, null, null, null, null]);
  });

  it("keeps a native finish reason only as a short lowercase token", () => {
    expect(nativeFinishReasonOf("end_turn")).toBe("end_turn");
    expect(nativeFinishReasonOf("PVTsecret")).toBeNull();
    expect(nativeFinishReasonOf("a".repeat(33))).toBeNull();
    expect(nativeFinishReasonOf("two words")).toBeNull();
    expect(nativeFinishReasonOf(7)).toBeNull();
  });

  it("uses usage only when its counts are whole numbers from 0 to 10^9, and computes the total itself", () => {
    expect(usageOf({ prompt: 10, completion: 5, cached: 4, reasoning: 2 })).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    for (const bad of [1.5, -1, 1e300, "12", null, undefined, Number.NaN, Infinity, 1e9 + 1])
      expect(usageOf({ prompt: bad, completion: 1 })).toBeUndefined();
    // A detail that is not a count is 0, and never more than the count it is part of.
    expect(usageOf({ prompt: 3, completion: 2, cached: 1e300, reasoning: 9 })).toMatchObject({
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
  });

  it("reads Retry-After as seconds or an HTTP date, bounded; anything else is no Retry-After", () => {
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(retryAfterSeconds("7", now)).toBe(7);
    expect(retryAfterSeconds("Thu, 03 Dec 2026 12:00:30 GMT", now)).toBe(30);
    expect(retryAfterSeconds("Thu, 03 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterSeconds("99999999", now)).toBe(MAX_RETRY_AFTER_SECONDS);
    for (const bad of ["soon", "PVTsecret 12", "1.5", "-3", "", undefined, ["5"]])
      expect(retryAfterSeconds(bad, now)).toBeUndefined();
  });

  it("passes only known error tags and OpenAI-style fingerprints", () => {
    expect(errorTag({ type: "rate_limit_exceeded" })).toBe("rate_limit_exceeded");
    expect(errorTag({ code: 429 })).toBe("429");
    expect(errorTag({ type: "PVTsecret", code: "your_prompt_here" })).toBeUndefined();
    expect(fingerprintOf("fp_44709d6fcb")).toBe("fp_44709d6fcb");
    expect(fingerprintOf("PVTsecret")).toBeNull();
  });
});
