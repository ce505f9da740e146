// Fair sharing of a provider (README, "Fair sharing"): with PRIVET_MAX_CONCURRENT_PER_PROVIDER
// requests in flight to a provider, the next ones wait in its queue, and a freed slot goes to the
// account holding the fewest of its slots — so one account's many queued requests cannot keep
// another's single one waiting. A client that goes away leaves the queue at once; a request that
// waited PRIVET_PROVIDER_QUEUE_TIMEOUT_MS in all falls back within its own plan, or gets 429 with
// Retry-After and a record naming the reason. Only the order of the mock's calls is asserted, never
// how long anything took.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { parseSamples, sampleSum } from "@/tests/support/prometheus";

const LIMIT = 2;
const TOKEN = "provider-queue-metrics-token";
const PROVIDER = "e2e-zdr";

let h: THarness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      PRIVET_MAX_CONCURRENT_PER_PROVIDER: String(LIMIT),
      // No per-account cap here: the first account must be able to queue behind its own streams.
      PRIVET_MAX_CONCURRENT_PER_ACCOUNT: "0",
      PRIVET_PROVIDER_QUEUE_TIMEOUT_MS: "60000",
      PRIVET_TIMEOUT_TOTAL_MS: "60000",
      PRIVET_METRICS_TOKEN: TOKEN,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const open: AbortController[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) client.abort();
  // The aborted requests give their slots back as their streams end.
  await until(
    async () => sampleSum(await scrape(), "privet_provider_requests_in_flight", { provider: PROVIDER }) === 0,
  );
  h.mock.reset();
  process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS = "60000";
});

async function scrape() {
  const res = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return parseSamples(await res.text());
}

const queueLength = async () => sampleSum(await scrape(), "privet_provider_queue_length", { provider: PROVIDER });

/** Polls until `condition` holds (a wait for a state, not a timing assertion). */
async function until(condition: () => Promise<boolean>, what = "the expected state"): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never reached ${what}`);
}

/** A slow streamed request to the provider, marked so the mock's calls tell whose it is. */
function send(key: string, marker: string, provider: Record<string, unknown> = { only: [PROVIDER] }) {
  const client = new AbortController();
  open.push(client);
  const response = fetch(`${h.baseUrl}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content: marker }], stream: true, provider }),
    signal: client.signal,
  });
  // A request aborted by the test rejects; that is the point of aborting it.
  response.catch(() => undefined);
  return { response, close: () => client.abort() };
}

/** The markers of the mock's calls to the provider, in the order they arrived. */
function arrivals(): string[] {
  return h.mock
    .calls()
    .filter((c) => c.provider === PROVIDER)
    .map((c) => {
      const messages = (c.body as { messages: { content: string }[] }).messages;
      return messages[messages.length - 1]!.content;
    });
}

function slowStreams() {
  h.mock.setProvider(PROVIDER, {
    tokensPerSecond: 2,
    reply: Array.from({ length: 200 }, (_, i) => `w${i}`).join(" "),
  });
}

/** Fills the provider's slots with the account's streams, each read up to its first chunk. */
async function fill(key: string, prefix: string) {
  const held = [];
  for (let i = 0; i < LIMIT; i++) {
    const request = send(key, `${prefix}-held-${i}`);
    const res = await request.response;
    expect(res.status).toBe(200);
    await res.body!.getReader().read();
    held.push(request);
  }
  return held;
}

describe("a provider at its limit", () => {
  it("serves another account's single waiting request before the first account's queued ones", async () => {
    slowStreams();
    const a = await h.createUser();
    const b = await h.createUser();
    h.mock.clearCalls();
    const held = await fill(a.key, "a");
    for (let i = 0; i < 3; i++) send(a.key, `a-queued-${i}`);
    await until(async () => (await queueLength()) === 3, "A's three requests queued");
    send(b.key, "b-only");
    await until(async () => (await queueLength()) === 4, "B's request queued");
    expect(arrivals()).toEqual(["a-held-0", "a-held-1"]);

    // One of A's streams ends: the slot goes to B, who holds none, ahead of A's earlier requests.
    held[0]!.close();
    await until(async () => arrivals().length === 3, "a third call");
    expect(arrivals()[2]).toBe("b-only");

    // The next goes to A's oldest queued request, and each of A's in its turn.
    held[1]!.close();
    await until(async () => arrivals().length === 4, "a fourth call");
    expect(arrivals()[3]).toBe("a-queued-0");
    expect(await queueLength()).toBe(2);

    const samples = await scrape();
    expect(sampleSum(samples, "privet_provider_requests_in_flight", { provider: PROVIDER })).toBe(LIMIT);
    expect(
      sampleSum(samples, "privet_provider_queue_wait_seconds_count", { provider: PROVIDER, result: "served" }),
    ).toBeGreaterThanOrEqual(2);
  });

  it("drops a waiting request whose client went away at once, and never sends it", async () => {
    slowStreams();
    const a = await h.createUser();
    h.mock.clearCalls();
    const held = await fill(a.key, "a");
    const gone = send(a.key, "gone-while-queued");
    await until(async () => (await queueLength()) === 1, "the request queued");
    gone.close();
    // It leaves the queue while every slot is still held.
    await until(async () => (await queueLength()) === 0, "the queue emptied");
    await h.flush();
    const record = await h.db.generation.findFirst({ where: { userId: a.id, status: "cancelled" } });
    expect(record).toMatchObject({ httpStatus: 499, errorCode: "cancelled", providerSlug: null });
    expect(JSON.parse(record!.attempts)).toEqual([]);

    // A freed slot goes to the next request, not to the one that left.
    held[0]!.close();
    send(a.key, "after");
    await until(async () => arrivals().includes("after"), "the next request sent");
    expect(arrivals()).not.toContain("gone-while-queued");
  });

  it("past the wait, answers 429 with Retry-After when the plan has no other endpoint, and records why", async () => {
    slowStreams();
    process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS = "300";
    const a = await h.createUser();
    const b = await h.createUser();
    await fill(a.key, "a");
    h.mock.clearCalls();
    const res = await h.chat(b.key, {
      model: "e2e/echo",
      messages: [{ role: "user", content: "hi" }],
      provider: { only: [PROVIDER] },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    const body = (await res.json()) as { error: { code: number; message: string; metadata: Record<string, unknown> } };
    expect(body.error.code).toBe(429);
    expect(body.error.message).toMatch(/^Too many concurrent requests to this provider: .*e2e-zdr.*retry in 1 s\.$/);
    expect(body.error.metadata).toMatchObject({ code: "provider_busy", retry_after_seconds: 1 });
    // `only` names one provider: the request never left for another.
    expect(h.mock.calls()).toEqual([]);

    await h.flush();
    const record = await h.db.generation.findFirst({ where: { userId: b.id } });
    expect(record).toMatchObject({ status: "error", httpStatus: 429, errorCode: "provider_busy", providerSlug: null });
    const [attempt, ...rest] = JSON.parse(record!.attempts) as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(attempt).toMatchObject({ provider: PROVIDER, status: 429, sent: false, error: "provider_busy" });
    expect(typeof attempt!.queue_ms).toBe("number");
    expect(
      sampleSum(await scrape(), "privet_provider_queue_wait_seconds_count", { provider: PROVIDER, result: "timeout" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("past the wait, falls back to the next endpoint of the request's own plan", async () => {
    slowStreams();
    process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS = "300";
    const a = await h.createUser();
    const b = await h.createUser();
    await fill(a.key, "a");
    h.mock.clearCalls();
    const res = await h.chat(b.key, {
      model: "e2e/echo",
      messages: [{ role: "user", content: "hi" }],
      provider: { order: [PROVIDER, "e2e-retain"], only: [PROVIDER, "e2e-retain"] },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { provider: string }).provider).toBe("E2E Retain");
    expect(h.mock.calls().map((c) => c.provider)).toEqual(["e2e-retain"]);

    await h.flush();
    const record = await h.db.generation.findFirst({ where: { userId: b.id } });
    expect(record).toMatchObject({ status: "success", providerSlug: "e2e-retain" });
    const attempts = JSON.parse(record!.attempts) as Record<string, unknown>[];
    expect(attempts.map((x) => [x.provider, x.error ?? null, x.sent])).toEqual([
      [PROVIDER, "provider_busy", false],
      ["e2e-retain", null, true],
    ]);
  });
});
