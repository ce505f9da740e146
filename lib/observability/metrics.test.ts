import { describe, expect, it } from "vitest";
import { makeRecord } from "@/lib/generations/test-record";
import { createMetrics } from "@/lib/observability/metrics";

const NO_BREAKERS = () => [];
const NO_QUEUES = () => [];
const served = makeRecord({ userId: "account-1", createdAt: new Date() });

async function exposition(perAccount: boolean): Promise<string> {
  const { registry, observer } = createMetrics({
    perAccount,
    pendingRecords: () => 3,
    isKnownModel: () => false,
    breakers: NO_BREAKERS,
    providerQueues: NO_QUEUES,
  });
  observer.record(served);
  observer.record({
    ...served,
    id: "gen-2",
    model: "client chose this",
    providerSlug: null,
    status: "error",
    httpStatus: 404,
    errorCode: "model_not_found",
    attempts: [],
  });
  return registry.metrics();
}

describe("the metrics", () => {
  it("carry no account label unless the operator asks for one", async () => {
    const text = await exposition(false);
    expect(text).toContain(
      'privet_requests_total{route="/api/v1/chat/completions",model="e2e/echo",provider="e2e-zdr",status="200",outcome="served"} 1',
    );
    expect(text).not.toContain("account-1");
    expect(await exposition(true)).toContain('outcome="served",account="account-1"} 1');
  });

  it("name a model the catalog does not know `unknown`, and read the writer's queue at scrape time", async () => {
    const text = await exposition(false);
    expect(text).toContain('model="unknown",provider="none",status="404",outcome="invalid"} 1');
    expect(text).not.toContain("client chose this");
    expect(text).toContain("privet_metadata_queue_depth 3");
  });
});

describe("the circuit breaker gauge", () => {
  it("shows each measured endpoint's breaker at scrape time: 0 closed, 1 half-open, 2 open", async () => {
    let states: { model: string; provider: string; state: "closed" | "open" | "half_open" }[] = [
      { model: "e2e/echo", provider: "e2e-zdr", state: "open" },
      { model: "e2e/echo", provider: "e2e-retain", state: "closed" },
    ];
    const { registry } = createMetrics({
      perAccount: false,
      pendingRecords: () => 0,
      isKnownModel: () => true,
      breakers: () => states,
      providerQueues: NO_QUEUES,
    });
    let text = await registry.metrics();
    expect(text).toContain('privet_endpoint_circuit_breaker_state{model="e2e/echo",provider="e2e-zdr"} 2');
    expect(text).toContain('privet_endpoint_circuit_breaker_state{model="e2e/echo",provider="e2e-retain"} 0');
    states = [{ model: "e2e/echo", provider: "e2e-zdr", state: "half_open" }];
    text = await registry.metrics();
    expect(text).toContain('privet_endpoint_circuit_breaker_state{model="e2e/echo",provider="e2e-zdr"} 1');
    expect(text).not.toContain('provider="e2e-retain"');
  });
});

describe("the provider queues", () => {
  it("show each provider's requests in flight and waiting at scrape time, and how long queued requests waited", async () => {
    const { registry, observer } = createMetrics({
      perAccount: true,
      pendingRecords: () => 0,
      isKnownModel: () => true,
      breakers: NO_BREAKERS,
      providerQueues: () => [{ provider: "e2e-zdr", running: 4, waiting: 7 }],
    });
    observer.queueWait?.("e2e-zdr", 0.3, "slot");
    observer.queueWait?.("e2e-zdr", 10, "busy");
    // A request that waited and then found every provider busy: its attempt was never sent upstream.
    observer.record({
      ...served,
      status: "error",
      httpStatus: 429,
      errorCode: "provider_busy",
      providerSlug: null,
      attempts: [
        { provider: "e2e-zdr", status: 429, latency_ms: 0, sent: false, error: "provider_busy", queue_ms: 10_000 },
      ],
    });
    const text = await registry.metrics();
    expect(text).toContain('privet_provider_requests_in_flight{provider="e2e-zdr"} 4');
    expect(text).toContain('privet_provider_queue_length{provider="e2e-zdr"} 7');
    expect(text).toContain('privet_provider_queue_wait_seconds_count{provider="e2e-zdr",result="served"} 1');
    expect(text).toContain('privet_provider_queue_wait_seconds_count{provider="e2e-zdr",result="timeout"} 1');
    expect(text).toContain('outcome="rate_limited",account="account-1"} 1');
    // The queue metrics carry no account, even with the account label on elsewhere.
    expect(text.split("\n").filter((l) => l.startsWith("privet_provider_") && l.includes("account"))).toEqual([]);
    expect(text).not.toContain('privet_upstream_attempts_total{provider="e2e-zdr"');
  });
});

describe("the example Grafana dashboard (docs/grafana-dashboard.json)", () => {
  it("queries only metrics Privet exports", async () => {
    const fs = await import("node:fs");
    const dashboard = fs.readFileSync("docs/grafana-dashboard.json", "utf8");
    const { registry } = createMetrics({
      perAccount: false,
      pendingRecords: () => 0,
      isKnownModel: () => false,
      breakers: NO_BREAKERS,
      providerQueues: NO_QUEUES,
    });
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    const used = [
      ...new Set(
        [...dashboard.matchAll(/\b((?:privet|process|nodejs)_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b(?=[{[)\s])/g)].map(
          (m) => m[1]!,
        ),
      ),
    ];
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
