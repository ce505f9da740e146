// The operator's endpoints (issue 21): /healthz, /readyz with its named checks (the database gone,
// a drain), and /metrics — refused without its token, and counting a known sequence of requests
// (served, fallback, policy refusal, cancel, unknown model, rate limit) with label values from
// Privet's own vocabulary only.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteBoundary, startHarness, type THarness } from "@/tests/support/harness";
import { parseSamples, sampleSum, type TSample } from "@/tests/support/prometheus";

const TOKEN = "it-metrics-token";
// Above the six requests of the first key; the second key spends all of it.
const PER_MINUTE = 8;
const CHAT = "/api/v1/chat/completions";

let h: THarness;

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_METRICS_TOKEN: TOKEN, PRIVET_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
});
afterAll(async () => {
  await h?.close();
});

const hello = [{ role: "user", content: "hello there" }];
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.baseUrl}${path}`, { headers });

async function scrape(): Promise<TSample[]> {
  await h.flush();
  const res = await get("/metrics", { authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parseSamples(await res.text());
}

describe("health and readiness", () => {
  it("/healthz says the process is alive; /readyz that every check passes", async () => {
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${h.baseUrl}/readyz`, { method: "POST" })).status).toBe(405);
  });

  it.skipIf(process.env.PRIVET_TEST_POSTGRES_URL)(
    "/readyz is 503 naming the database while the database file is gone, and ready again once it is back (SQLite: a PostgreSQL test database cannot be taken away from this process's pool without crashing it)",
    async () => {
      const file = process.env.DATABASE_URL!.slice("file:".length);
      fs.renameSync(file, `${file}.away`);
      try {
        const res = await get("/readyz");
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: "not ready", failing: ["database"] });
      } finally {
        fs.renameSync(`${file}.away`, file);
      }
      expect((await get("/readyz")).status).toBe(200);
    },
  );

  it("/readyz is 503 naming the drain once a shutdown has begun, while requests are still served", async () => {
    const { drain } = await import("@/lib/server/lifecycle");
    const { observability } = await import("@/lib/observability/hooks");
    await drain();
    try {
      const res = await get("/readyz");
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "not ready", failing: ["draining"] });
      expect((await get("/healthz")).status).toBe(200);
      expect((await h.get("/api/v1/models")).status).toBe(200);
    } finally {
      observability().isDraining = false;
    }
  });
});

describe("/metrics", () => {
  it("is refused without the token or with a wrong one, and is not there at all once no token is set", async () => {
    const none = await get("/metrics");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(await none.text()).not.toContain("privet_");
    expect((await get("/metrics", { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await get("/metrics", { authorization: TOKEN })).status).toBe(401);
    delete process.env.PRIVET_METRICS_TOKEN;
    try {
      expect((await get("/metrics", { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
    } finally {
      process.env.PRIVET_METRICS_TOKEN = TOKEN;
    }
  });

  it(
    "counts a known sequence of requests by route, model, provider, status and outcome",
    { timeout: 90_000 },
    async () => {
      await awayFromMinuteBoundary();
      const before = await scrape();
      const requestsBefore = sampleSum(before, "privet_requests_total");
      const a = await h.createUser();
      h.mock.reset();
      h.mock.setProvider("e2e-retain", { reply: "echo" });

      // served (twice: a completion and a stream)
      expect((await h.chat(a.key, { model: "e2e/echo", messages: hello })).status).toBe(200);
      const streamed = await h.chat(a.key, { model: "e2e/echo", messages: hello, stream: true });
      expect(streamed.status).toBe(200);
      await streamed.text();
      // fallback: the first eligible provider fails, the next serves
      h.mock.setProvider("e2e-retain", { failure: "500" });
      const fallback = await h.chat(a.key, { model: "e2e/echo", messages: hello });
      expect(fallback.headers.get("x-privet-provider")).toBe("e2e-zdr");
      h.mock.setProvider("e2e-retain", { failure: null });
      // The failure put e2e-retain after the others for a minute: the cancelled stream below is its.
      h.forgetHealth();
      // refused by policy: only a provider that trains on prompts, which the account refuses
      expect(
        (await h.chat(a.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-trains"] } })).status,
      ).toBe(404);
      // a model the catalog does not know: the client's string must not become a label
      expect((await h.chat(a.key, { model: "client/PVTMADEUPMODEL", messages: hello })).status).toBe(404);
      // cancelled mid-stream
      h.mock.setProvider("e2e-retain", {
        reply: "one two three four five six seven eight nine ten eleven twelve",
        tokensPerSecond: 10,
      });
      await h.chatThenCancel(a.key, { model: "e2e/echo", messages: hello }, "one");
      h.mock.reset();
      // rate limited: another key spends its minute on GET /api/v1/key, then asks for a completion
      const b = await h.createUser();
      for (let i = 0; i < PER_MINUTE; i++) expect((await h.get("/api/v1/key", b.key)).status).toBe(200);
      expect((await h.chat(b.key, { model: "e2e/echo", messages: hello })).status).toBe(429);

      const after = await scrape();
      const count = (labels: Record<string, string>) =>
        sampleSum(after, "privet_requests_total", { route: CHAT, ...labels }) -
        sampleSum(before, "privet_requests_total", { route: CHAT, ...labels });
      expect(count({ model: "e2e/echo", provider: "e2e-retain", status: "200", outcome: "served" })).toBe(2);
      expect(count({ model: "e2e/echo", provider: "e2e-zdr", status: "200", outcome: "fallback" })).toBe(1);
      expect(count({ model: "e2e/echo", provider: "none", status: "404", outcome: "refused_by_policy" })).toBe(1);
      expect(count({ model: "unknown", provider: "none", status: "404", outcome: "invalid" })).toBe(1);
      expect(count({ model: "e2e/echo", provider: "e2e-retain", outcome: "cancelled" })).toBe(1);
      expect(count({ model: "unknown", provider: "none", status: "429", outcome: "rate_limited" })).toBe(1);
      expect(sampleSum(after, "privet_requests_total") - requestsBefore).toBe(7);

      const delta = (name: string, labels: Record<string, string> = {}) =>
        sampleSum(after, name, labels) - sampleSum(before, name, labels);
      expect(delta("privet_upstream_failures_total", { provider: "e2e-retain", reason: "http", status: "500" })).toBe(
        1,
      );
      expect(delta("privet_upstream_attempts_total", { provider: "e2e-retain", result: "failed" })).toBe(1);
      expect(delta("privet_upstream_attempts_total", { provider: "e2e-zdr", result: "ok" })).toBe(1);
      expect(delta("privet_upstream_attempts_total", { provider: "e2e-retain", result: "ok" })).toBe(3);
      expect(delta("privet_rate_limited_total", { route: CHAT })).toBe(1);
      expect(delta("privet_rate_limited_total", { route: "/api/v1/key" })).toBe(0);
      expect(
        delta("privet_tokens_total", { model: "e2e/echo", provider: "e2e-retain", type: "prompt" }),
      ).toBeGreaterThan(0);
      expect(
        delta("privet_tokens_total", { model: "e2e/echo", provider: "e2e-zdr", type: "completion" }),
      ).toBeGreaterThan(0);
      expect(delta("privet_cost_usd_total", { model: "e2e/echo", provider: "e2e-zdr" })).toBeGreaterThan(0);
      expect(delta("privet_request_duration_seconds_count", { route: CHAT, outcome: "served" })).toBe(2);
      // Streams served and cancelled both had a first token.
      expect(delta("privet_time_to_first_token_seconds_count", { model: "e2e/echo", provider: "e2e-retain" })).toBe(2);
      expect(sampleSum(after, "privet_open_streams")).toBe(0);
      expect(sampleSum(after, "privet_metadata_queue_depth")).toBe(0);
      expect(delta("privet_metadata_batch_size_count")).toBeGreaterThan(0);
      expect(delta("privet_metadata_write_duration_seconds_count", { result: "written" })).toBeGreaterThan(0);
      expect(sampleSum(after, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
      expect(after.some((s) => s.name.startsWith("nodejs_heap_size"))).toBe(true);

      // No label carries a client string or an account: only Privet's vocabulary.
      for (const sample of after) {
        expect(Object.keys(sample.labels)).not.toContain("account");
        for (const value of Object.values(sample.labels))
          expect(value).not.toMatch(/PVTMADEUPMODEL|hello|@example\.com/);
      }
    },
  );
});
