// Routing by measurement: an endpoint that keeps failing is put after the others, then skipped
// while its circuit breaker is open, probed once its cooldown is over (a cooldown that grows when
// the probe fails), and back in its place once it answers; `sort: "latency"` follows the measured
// time to first token. Time moves on an injected clock, never by waiting; the mock upstream's hit
// list proves which provider each request reached.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sharedHarness } from "@/tests/support/harness";

function catalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `upstream-${provider}`,
    pricing: { prompt: price, completion: price },
    supportedParameters: ["max_tokens"],
  });
  return {
    ...base,
    models: [
      ...base.models,
      // e2e-zdr is the cheaper of two endpoints every account may use.
      {
        id: "it/health",
        name: "Health",
        contextLength: 8192,
        endpoints: [endpoint("e2e-zdr", 0.1), endpoint("e2e-retain", 0.5)],
      },
      {
        id: "it/health-embed",
        name: "Health Embed",
        contextLength: 8192,
        output: "embeddings",
        endpoints: [endpoint("e2e-zdr", 0.1), endpoint("e2e-retain", 0.5)],
      },
    ],
  };
}

const t = sharedHarness({ catalog });
const hello = [{ role: "user", content: "hello there" }];
const body = { model: "it/health", messages: hello };

let monitor: import("@/lib/health/monitor").HealthMonitor;
let now = Date.UTC(2026, 0, 1);
const advance = (ms: number) => {
  now += ms;
};

beforeAll(async () => {
  monitor = (await import("@/lib/health/monitor")).healthMonitor();
  monitor.setClock(() => now);
});
beforeEach(() => {
  monitor.clear();
});

/** The providers the mock saw for one chat request, which must have been served by `servedBy`. */
async function ask(servedBy: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  t.h.mock.clearCalls();
  const res = await t.h.chat(t.key, { ...body, ...extra });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("x-privet-provider")).toBe(servedBy);
  await res.text();
  return t.h.mock.calls().map((call) => call.provider);
}

async function plan(extra: Record<string, unknown> = {}) {
  const res = await fetch(`${t.h.baseUrl}/api/v1/route`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
    body: JSON.stringify({ ...body, ...extra }),
  });
  expect(res.status).toBe(200);
  return (
    (await res.json()) as {
      data: {
        endpoints: { provider: string; health: { circuit_breaker: string; latency_ms: number | null } | null }[];
        not_attempted: { provider: string; reason: string }[];
      };
    }
  ).data;
}

describe("the circuit breaker", () => {
  it("puts a failing endpoint last, skips it while open, probes it after a cooldown that grows, and restores it", async () => {
    t.h.mock.setProvider("e2e-zdr", { failure: "500" });
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);
    // A recent failure: the cheaper endpoint now goes after the other one.
    advance(1_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-retain"]);
    expect((await plan()).endpoints.map((e) => e.provider)).toEqual(["e2e-retain", "e2e-zdr"]);
    // No longer recent: back in its place, it fails again; a third time in a row opens its breaker.
    advance(61_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);
    advance(61_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);

    // Open: skipped, and /route says so and until when.
    advance(1_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-retain"]);
    const open = await plan();
    expect(open.endpoints.map((e) => e.provider)).toEqual(["e2e-retain"]);
    expect(open.not_attempted).toEqual([
      {
        provider: "e2e-zdr",
        model: "it/health",
        reason: expect.stringMatching(/^circuit breaker open after 3 failures in a row; next probe after /),
      },
    ]);

    // The 30 s cooldown is over: one probe, which fails, opens it again for 60 s.
    advance(30_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);
    advance(31_000);
    expect(await ask("e2e-retain")).toEqual(["e2e-retain"]);

    // After the longer cooldown the provider has recovered: the probe serves and closes the breaker.
    t.h.mock.reset();
    advance(30_000);
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
    expect((await plan()).endpoints[0]!.health?.circuit_breaker).toBe("closed");
  });

  it("counts embeddings requests too: a failing embeddings endpoint is skipped once its breaker opens", async () => {
    t.h.mock.setProvider("e2e-zdr", { failure: "500" });
    const embed = async () => {
      t.h.mock.clearCalls();
      const res = await fetch(`${t.h.baseUrl}/api/v1/embeddings`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "it/health-embed", input: "hello there" }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get("x-privet-provider")).toBe("e2e-retain");
      await res.text();
      return t.h.mock.calls().map((call) => call.provider);
    };
    for (let i = 0; i < 3; i++) {
      if (i > 0) advance(61_000);
      expect(await embed()).toEqual(["e2e-zdr", "e2e-retain"]);
    }
    // Three failures in a row: open, so the next request goes straight to the other provider.
    advance(1_000);
    expect(await embed()).toEqual(["e2e-retain"]);
    // The chat endpoint of the same provider is another endpoint, with its own health.
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);
  });

  it("with every endpoint down, still tries them rather than refuse", async () => {
    t.h.mock.setProvider("e2e-zdr", { failure: "500" });
    t.h.mock.setProvider("e2e-retain", { failure: "500" });
    for (let i = 0; i < 3; i++) {
      if (i > 0) advance(61_000);
      expect((await t.h.chat(t.key, body)).status).toBe(502);
    }
    // Both breakers are open now; the providers have recovered.
    advance(1_000);
    t.h.mock.reset();
    const down = await plan();
    expect(down.endpoints.map((e) => e.provider)).toEqual(["e2e-zdr", "e2e-retain"]);
    expect(down.endpoints.map((e) => e.health?.circuit_breaker)).toEqual(["open", "open"]);
    expect(down.not_attempted).toEqual([]);
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
  });
});

describe("measured latency", () => {
  it('sort: "latency" follows the measured time to first token; the default order stays by price', async () => {
    const measure = async (slug: string, times: number) => {
      for (let i = 0; i < times; i++) await ask(slug, { provider: { only: [slug] } });
    };
    t.h.mock.setProvider("e2e-zdr", { ttftMs: 400 });
    await measure("e2e-zdr", 1);
    await measure("e2e-retain", 1);
    expect(await ask("e2e-retain", { provider: { sort: "latency" } })).toEqual(["e2e-retain"]);
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
    const measured = await plan({ provider: { sort: "latency" } });
    expect(measured.endpoints.map((e) => e.provider)).toEqual(["e2e-retain", "e2e-zdr"]);
    expect(measured.endpoints.every((e) => e.health?.latency_ms !== null)).toBe(true);

    // The other way round once the measurements say so.
    monitor.clear();
    t.h.mock.reset();
    t.h.mock.setProvider("e2e-retain", { ttftMs: 400 });
    await measure("e2e-zdr", 1);
    await measure("e2e-retain", 1);
    expect(await ask("e2e-zdr", { provider: { sort: "latency" } })).toEqual(["e2e-zdr"]);
    // `preferred_max_latency` (seconds) puts the endpoint known to meet it first, whatever the price.
    expect(await ask("e2e-zdr", { provider: { preferred_max_latency: 0.3 } })).toEqual(["e2e-zdr"]);
    monitor.clear();
    t.h.mock.reset();
    t.h.mock.setProvider("e2e-zdr", { ttftMs: 400 });
    await measure("e2e-zdr", 1);
    await measure("e2e-retain", 1);
    expect(await ask("e2e-retain", { provider: { preferred_max_latency: 0.3 } })).toEqual(["e2e-retain"]);
  });
});

describe("several instances share what they measure", () => {
  it("this instance's measurements are written for the others, and another instance's open breaker holds here too", async () => {
    const { syncHealth } = await import("@/lib/health/sync");
    // This instance sees e2e-zdr fail once: its summary goes to the table.
    t.h.mock.setProvider("e2e-zdr", { failure: "500" });
    expect(await ask("e2e-retain")).toEqual(["e2e-zdr", "e2e-retain"]);
    await syncHealth();
    const mine = await t.h.db.endpointHealth.findMany({ where: { instanceId: monitor.instanceId } });
    expect(mine.map((row) => [row.endpointId, row.attempts, row.failures, row.consecutiveFailures])).toEqual(
      expect.arrayContaining([
        ["it/health@e2e-zdr", 1, 1, 1],
        ["it/health@e2e-retain", 1, 0, 0],
      ]),
    );

    // Another instance has e2e-zdr's breaker open (the provider has recovered meanwhile for this one).
    monitor.clear();
    t.h.mock.reset();
    await t.h.db.endpointHealth.create({
      data: {
        instanceId: "another-instance",
        endpointId: "it/health@e2e-zdr",
        updatedAt: new Date(now),
        attempts: 3,
        failures: 3,
        latencyMs: null,
        throughput: null,
        consecutiveFailures: 3,
        lastFailureAt: new Date(now),
        openUntil: new Date(now + 30_000),
      },
    });
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
    await syncHealth();
    expect(await ask("e2e-retain")).toEqual(["e2e-retain"]);
    expect((await plan()).not_attempted.map((e) => e.provider)).toEqual(["e2e-zdr"]);
    // Its cooldown over, and its row aged out of the window, the endpoint is back in its place.
    advance(11 * 60_000);
    await syncHealth();
    expect(await t.h.db.endpointHealth.count({ where: { instanceId: "another-instance" } })).toBe(0);
    expect(await ask("e2e-zdr")).toEqual(["e2e-zdr"]);
  });
});
