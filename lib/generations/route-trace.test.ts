// "Why this provider" in words: the summary names the true reason the serving provider was chosen
// (the only one, provider.order, measured speed, price among healthy ones, or a fallback).
import { describe, expect, it } from "vitest";
import { EXCLUDED_BY_STEP, POLICY_STEPS } from "@/lib/policy";
import { EXCLUDED_BY_LABELS, EXCLUDED_BY_STEPS, toRouteView, type TRouteTrace } from "@/lib/generations/route-trace";

const candidate = (provider: string, extra: Partial<TRouteTrace["candidates"][number]> = {}) => ({
  model: "a/m",
  provider,
  price: 2,
  health: null,
  latency_ms: null,
  throughput: null,
  ordered: false,
  ...extra,
});

function trace(overrides: Partial<TRouteTrace>): TRouteTrace {
  return {
    sort: "price",
    has_order: false,
    has_preferences: false,
    no_fallbacks: false,
    middle_out: false,
    candidates: [candidate("cheap"), candidate("dear", { price: 9 })],
    not_attempted: [],
    excluded: [],
    ...overrides,
  };
}

const ok = (provider: string) => ({ provider, status: 200 });
const failed = (provider: string, status: number) => ({ provider, status, error: "http" });
const name = (slug: string) => slug.toUpperCase();

describe("toRouteView", () => {
  it.each<[string, TRouteTrace, { provider: string; status: number; error?: string }[], string | null, string]>([
    [
      "the cheapest",
      trace({}),
      [ok("cheap")],
      "cheap",
      "CHEAP was the cheapest eligible endpoint, and it served the request.",
    ],
    [
      "the cheapest healthy one",
      trace({ candidates: [candidate("cheap"), candidate("broken", { price: 1, health: "degraded" })] }),
      [ok("cheap")],
      "cheap",
      "CHEAP was the cheapest healthy eligible endpoint, and it served the request.",
    ],
    [
      "the only one",
      trace({ candidates: [candidate("cheap")] }),
      [ok("cheap")],
      "cheap",
      "CHEAP was the only eligible endpoint, and it served the request.",
    ],
    [
      "provider.order",
      trace({ has_order: true, candidates: [candidate("dear", { ordered: true }), candidate("cheap")] }),
      [ok("dear")],
      "dear",
      "DEAR was first in the request's provider.order, and it served the request.",
    ],
    [
      "measured throughput",
      trace({ sort: "throughput", candidates: [candidate("fast", { throughput: 90 }), candidate("cheap")] }),
      [ok("fast")],
      "fast",
      "FAST had the highest measured throughput (sorted by throughput), and it served the request.",
    ],
    [
      "latency asked, nothing measured",
      trace({ sort: "latency" }),
      [ok("cheap")],
      "cheap",
      "CHEAP was the cheapest eligible endpoint (no latency measured yet, so by price), and it served the request.",
    ],
    [
      "a fallback",
      trace({}),
      [failed("cheap", 503), ok("dear")],
      "dear",
      "CHEAP was the cheapest eligible endpoint but failed (HTTP 503); DEAR, next in order, served it.",
    ],
    [
      "everything failed",
      trace({}),
      [failed("cheap", 503), { provider: "dear", status: 0, error: "timeout" }],
      null,
      "CHEAP was the cheapest eligible endpoint but failed (HTTP 503); then DEAR failed (timed out); no other eligible endpoint served it.",
    ],
    [
      "nothing eligible",
      trace({
        candidates: [],
        excluded: [{ model: "a/m", provider: "x", step: "data_policy:training", reason: "may train" }],
      }),
      [],
      null,
      "No endpoint was eligible: every one was excluded by a step below, so nothing was sent.",
    ],
  ])("%s", (_name, routeTrace, attempts, servedBy, summary) => {
    expect(toRouteView(routeTrace, attempts, servedBy, name).summary).toBe(summary);
  });

  it("pairs each candidate with its attempt, and labels exclusions with their step", () => {
    const view = toRouteView(
      trace({ excluded: [{ model: "a/m", provider: "x", step: "data_policy:training", reason: "may train" }] }),
      [failed("cheap", 500), ok("dear")],
      "dear",
      name,
    );
    expect(view.candidates.map((c) => [c.providerName, c.outcome, c.isServed])).toEqual([
      ["CHEAP", "Failed (HTTP 500)", false],
      ["DEAR", "Served", true],
    ]);
    expect(view.excluded).toEqual([
      { model: "a/m", providerName: "X", step: "data_policy:training", label: "Training", reason: "may train" },
    ]);
  });

  it("knows every excluded_by step, in the pipeline's order", () => {
    expect([...EXCLUDED_BY_STEPS]).toEqual(POLICY_STEPS.map((step) => EXCLUDED_BY_STEP[step]));
    expect(new Set(EXCLUDED_BY_STEPS).size).toBe(POLICY_STEPS.length);
    expect(Object.keys(EXCLUDED_BY_LABELS).sort()).toEqual([...EXCLUDED_BY_STEPS].sort());
  });
});
