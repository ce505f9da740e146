import { describe, expect, it } from "vitest";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { describeRoutePlan, planRoute, requestedModelIds } from "@/lib/gateway/route-plan";
import { PERMISSIVE_ACCOUNT, makeEndpoint, makeModel } from "@/lib/policy/test-factory";
import type { TEndpointHealth } from "@/lib/policy/types";

const hello = [{ role: "user", content: "hi" }];
// "cheap" is the cheapest, slowest to stream and quickest to start; "fast" streams fastest and costs most.
const model = makeModel("test/model", [
  makeEndpoint({ provider: "cheap", pricing: { prompt: 0.1, completion: 0.1 } }),
  makeEndpoint({ provider: "mid", pricing: { prompt: 0.5, completion: 0.5 } }),
  makeEndpoint({ provider: "fast", pricing: { prompt: 1, completion: 1 } }),
]);
const measured = (tier: TEndpointHealth["tier"], tps: number | null = null, latencyMs: number | null = null) =>
  ({
    tier,
    breaker: tier === "down" ? "open" : "closed",
    consecutiveFailures: tier === "healthy" ? 0 : 3,
    latencyMs,
    throughputTokensPerSecond: tps,
    errorRate: null,
    retryAt: tier === "down" ? Date.UTC(2026, 0, 1) : null,
  }) satisfies TEndpointHealth;

function order(body: Record<string, unknown>, health: Map<string, TEndpointHealth> = new Map()): string[] {
  const parsed = parseChatRequest({ messages: hello, ...body });
  if (!parsed.ok) throw new Error(parsed.message);
  const plan = planRoute(parsed.value, [model], PERMISSIVE_ACCOUNT, "https://x", health, Date.now());
  return "refusal" in plan.candidates ? [] : plan.candidates.map((c) => c.endpoint.provider.slug);
}

const speeds = new Map([
  ["test/model@cheap", measured("healthy", 10, 50)],
  ["test/model@mid", measured("healthy", 40, 300)],
  ["test/model@fast", measured("healthy", 90, 100)],
]);

describe("model variants", () => {
  it(":nitro sorts by measured throughput and :floor by price, as provider.sort would", () => {
    expect(requestedModelIds({ model: "test/model:nitro" })).toEqual(["test/model"]);
    expect(order({ model: "test/model:nitro" }, speeds)).toEqual(["fast", "mid", "cheap"]);
    expect(order({ model: "test/model" }, speeds)).toEqual(["cheap", "mid", "fast"]);
    expect(order({ model: "test/model:floor", provider: { sort: "price" } }, speeds)).toEqual(["cheap", "mid", "fast"]);
    expect(order({ model: "test/model:floor" }, speeds)).toEqual(["cheap", "mid", "fast"]);
    // An explicit provider.sort is the request's own choice.
    expect(order({ model: "test/model:nitro", provider: { sort: "latency" } }, speeds)).toEqual([
      "cheap",
      "fast",
      "mid",
    ]);
    expect(order({ models: ["test/model:nitro"] }, speeds)).toEqual(["fast", "mid", "cheap"]);
  });
});

describe("health in the plan", () => {
  it("an endpoint with recent failures goes after the others; an open one is skipped and explained", () => {
    expect(order({ model: "test/model" }, new Map([["test/model@cheap", measured("degraded")]]))).toEqual([
      "mid",
      "fast",
      "cheap",
    ]);
    const health = new Map([["test/model@cheap", measured("down")]]);
    expect(order({ model: "test/model" }, health)).toEqual(["mid", "fast"]);
    const parsed = parseChatRequest({ model: "test/model", messages: hello });
    if (!parsed.ok) throw new Error(parsed.message);
    const explained = describeRoutePlan(
      planRoute(parsed.value, [model], PERMISSIVE_ACCOUNT, "https://x", health, Date.now()),
    );
    expect(explained.data.not_attempted).toEqual([
      {
        model: "test/model",
        provider: "cheap",
        reason: "circuit breaker open after 3 failures in a row; next probe after 2026-01-01T00:00:00.000Z",
      },
    ]);
  });

  it("with every endpoint down they are all still tried, by price, rather than refuse", () => {
    const health = new Map(model.endpoints.map((e) => [e.id, measured("down")]));
    expect(order({ model: "test/model" }, health)).toEqual(["cheap", "mid", "fast"]);
  });

  it("health never makes eligible what the policy excludes", () => {
    const health = new Map(model.endpoints.map((e) => [e.id, measured("healthy", 100, 10)]));
    expect(order({ model: "test/model", provider: { ignore: ["fast"], sort: "throughput" } }, health)).toEqual([
      "cheap",
      "mid",
    ]);
  });
});
