// Fallbacks on upstream failure (PRODUCT.md, "Router and API"; rule 3: never to an ineligible
// endpoint). With default settings the eligible endpoints of e2e/echo, cheapest first, are
// e2e-retain → e2e-zdr → e2e-anthropic; e2e-trains and e2e-unknown are cheaper but ineligible and
// must never be called, not even as a fallback.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sseChunks, sseData, startHarness, type THarness, type THarnessUrls } from "@/tests/support/harness";
import type { TMockFailure } from "@/scripts/mock-upstream/server";

const FIRST_BYTE_MS = 400;

function fallbackCatalog(mockUrl: string, urls: THarnessUrls) {
  const base = e2eCatalog(mockUrl);
  const zdrPolicy = {
    training: false,
    retainsPrompts: false,
    zdr: true,
    canPublish: false,
    termsUrl: "https://example.com/terms",
    checkedAt: "2026-06-16",
  };
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `upstream-${provider}`,
    pricing: { prompt: price, completion: price },
    quantization: "fp8",
    supportedParameters: ["temperature", "max_tokens"],
  });
  return {
    providers: [
      ...base.providers,
      // Nothing listens there: every call is refused.
      {
        slug: "it-refused",
        name: "IT Refused",
        api: "openai",
        baseUrl: `${urls.refusedUrl}/it-refused/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
      // The mock behind the counting proxy: the only provider whose connections h.proxy sees.
      {
        slug: "it-proxied",
        name: "IT Proxied",
        api: "openai",
        baseUrl: `${urls.proxyUrl}/it-proxied/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
    ],
    models: [
      ...base.models,
      {
        id: "it/refused",
        name: "Refused first",
        contextLength: 8192,
        endpoints: [endpoint("it-refused", 0.1), endpoint("e2e-zdr", 1)],
      },
      { id: "it/slow", name: "Through the proxy", contextLength: 8192, endpoints: [endpoint("it-proxied", 1)] },
    ],
  };
}

let h: THarness;

beforeAll(async () => {
  h = await startHarness({ catalog: fallbackCatalog, env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: String(FIRST_BYTE_MS) } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const hello = [{ role: "user", content: "hello there" }];
const INELIGIBLE = ["e2e-trains", "e2e-unknown"];

type TGeneration = {
  status: string;
  http_status: number;
  error_code: string | null;
  provider_slug: string | null;
  cancelled: boolean;
  streamed: boolean;
  finish_reason: string | null;
  provider_responses: { provider: string; status: number; error?: string }[];
};

/** The metadata record of a response (by its receipt header) or of a generation id. */
async function generation(key: string, of: Response | string): Promise<TGeneration> {
  const id = typeof of === "string" ? of : of.headers.get("x-privet-generation-id");
  expect(id).toBeTruthy();
  const r = await h.get(`/api/v1/generation?id=${id}`, key);
  expect(r.status).toBe(200);
  return ((await r.json()) as { data: TGeneration }).data;
}

function calledProviders(): string[] {
  return h.mock.calls().map((c) => c.provider);
}

/** The attempt as the metadata record shows it, without latency. */
const attemptsOf = (g: TGeneration) =>
  g.provider_responses.map(({ provider, status, error }) => ({ provider, status, ...(error ? { error } : {}) }));

describe("falls back to the next eligible endpoint", () => {
  const modes: { failure: TMockFailure; status: number; error: string }[] = [
    { failure: "500", status: 500, error: "http" },
    { failure: "429", status: 429, error: "http" },
    { failure: "hang", status: 504, error: "timeout" },
    { failure: "malformed", status: 502, error: "malformed" },
    // Non-streamed: headers and half the body, then the socket is destroyed — before the
    // client has received a single byte from Privet. (Streamed, the mock's "drop" always sends
    // its first chunks before dropping: that case is "failures after a stream started" below.)
    { failure: "drop", status: 502, error: "dropped" },
  ];

  for (const mode of modes) {
    it(`on ${mode.failure} from the cheapest eligible provider (non-streamed)`, async () => {
      const user = await h.createUser();
      h.mock.setProvider("e2e-retain", { failure: mode.failure, retryAfter: 3 });
      const res = await h.chat(user.key, { model: "e2e/echo", messages: hello });
      const body = (await res.json()) as { provider: string; choices: { message: { content: string } }[] };
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
      expect(body.provider).toBe("E2E ZDR");
      expect(body.choices[0]!.message.content).toBe("Hello from e2e-zdr.");
      expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr"]);
      const g = await generation(user.key, res);
      expect(g.status).toBe("success");
      expect(g.provider_slug).toBe("e2e-zdr");
      expect(attemptsOf(g)).toEqual([
        { provider: "e2e-retain", status: mode.status, error: mode.error },
        { provider: "e2e-zdr", status: 200 },
      ]);
    });
  }

  for (const mode of modes.filter((m) => m.failure === "500" || m.failure === "429" || m.failure === "hang")) {
    it(`on ${mode.failure} before the first chunk of a stream`, async () => {
      const user = await h.createUser();
      h.mock.setProvider("e2e-retain", { failure: mode.failure });
      const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, stream: true });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
      const text = await res.text();
      expect(sseData(text).at(-1)).toBe("[DONE]");
      const chunks = sseChunks(text);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((c) => c.provider === "E2E ZDR")).toBe(true);
      expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr"]);
      const g = await generation(user.key, res);
      expect(g.streamed).toBe(true);
      expect(attemptsOf(g)).toEqual([
        { provider: "e2e-retain", status: mode.status, error: mode.error },
        { provider: "e2e-zdr", status: 200 },
      ]);
    });
  }

  it("on connection refused", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, { model: "it/refused", messages: hello });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(calledProviders()).toEqual(["e2e-zdr"]);
    const g = await generation(user.key, res);
    expect(attemptsOf(g)).toEqual([
      { provider: "it-refused", status: 502, error: "connect" },
      { provider: "e2e-zdr", status: 200 },
    ]);
  });

  it("to the next model of `models` once every endpoint of the first has failed", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-zdr", { failure: "500" });
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, { models: ["e2e/tools", "e2e/echo"], messages: hello });
    const body = (await res.json()) as { model: string };
    expect(res.status).toBe(200);
    expect(body.model).toBe("e2e/echo");
    expect(res.headers.get("x-privet-provider")).toBe("e2e-anthropic");
    expect(calledProviders()).toEqual(["e2e-zdr", "e2e-retain", "e2e-retain", "e2e-zdr", "e2e-anthropic"]);
  });

  it("a provider refusing the request (400) ends that model, never its other providers; the next model of `models` takes it", async () => {
    const user = await h.createUser();
    // e2e/tools: e2e-zdr (0.5) first, then e2e-retain; e2e/echo: e2e-retain first.
    h.mock.setProvider("e2e-zdr", { failure: "400" });
    const alone = await h.chat(user.key, { model: "e2e/tools", messages: hello });
    expect(alone.status).toBe(400);
    expect(((await alone.json()) as { error: { metadata: { code: string } } }).error.metadata.code).toBe(
      "upstream_rejected",
    );
    expect(calledProviders()).toEqual(["e2e-zdr"]);
    h.mock.clearCalls();
    const res = await h.chat(user.key, { models: ["e2e/tools", "e2e/echo"], messages: hello });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { model: string }).model).toBe("e2e/echo");
    expect(calledProviders()).toEqual(["e2e-zdr", "e2e-retain"]);
  });

  it("never to an ineligible endpoint: with every eligible one failing, the training providers are still not tried", async () => {
    const user = await h.createUser();
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    const body = (await res.json()) as {
      error: { code: number; message: string; metadata: { code: string; attempts: unknown } };
    };
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.error.code).toBe(502);
    expect(body.error.metadata.code).toBe("upstream_failed");
    expect(body.error.metadata.attempts).toEqual([
      { provider: "e2e-retain", status: 500 },
      { provider: "e2e-zdr", status: 500 },
      { provider: "e2e-anthropic", status: 500 },
    ]);
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr", "e2e-anthropic"]);
    for (const slug of INELIGIBLE) expect(calledProviders()).not.toContain(slug);
    const g = await generation(user.key, res);
    expect(g.status).toBe("error");
    expect(g.http_status).toBe(502);
    expect(g.provider_slug).toBeNull();
    expect(attemptsOf(g).map((a) => [a.provider, a.status])).toEqual([
      ["e2e-retain", 500],
      ["e2e-zdr", 500],
      ["e2e-anthropic", 500],
    ]);
  });

  it("when every attempt times out, answers 504", async () => {
    const user = await h.createUser();
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: "hang" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    const body = (await res.json()) as { error: { code: number; metadata: { code: string; attempts: unknown } } };
    expect(res.status).toBe(504);
    expect(body.error.code).toBe(504);
    expect(body.error.metadata.code).toBe("upstream_timeout");
    expect(body.error.metadata.attempts).toEqual([
      { provider: "e2e-retain", status: 504 },
      { provider: "e2e-zdr", status: 504 },
      { provider: "e2e-anthropic", status: 504 },
    ]);
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr", "e2e-anthropic"]);
    const g = await generation(user.key, res);
    expect(g.http_status).toBe(504);
  });
});

describe("allow_fallbacks: false", () => {
  it("returns the upstream 429 with its Retry-After, without trying another provider", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "429", retryAfter: 7 });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } });
    const body = (await res.json()) as { error: { code: number; metadata: { attempts: unknown } } };
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(body.error.code).toBe(429);
    expect(body.error.metadata.attempts).toEqual([{ provider: "e2e-retain", status: 429 }]);
    expect(calledProviders()).toEqual(["e2e-retain"]);
  });

  it("turns an upstream 500 into a 502 listing the attempt", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } });
    const body = (await res.json()) as { error: { code: number; metadata: { attempts: unknown } } };
    expect(res.status).toBe(502);
    expect(body.error.code).toBe(502);
    expect(body.error.metadata.attempts).toEqual([{ provider: "e2e-retain", status: 500 }]);
    expect(calledProviders()).toEqual(["e2e-retain"]);
  });

  it("tries only the first choice of `order`, and times out with 504", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-anthropic", { failure: "hang" });
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      provider: { allow_fallbacks: false, order: ["e2e-anthropic"] },
    });
    expect(res.status).toBe(504);
    expect(calledProviders()).toEqual(["e2e-anthropic"]);
  });
});

describe("failures after a stream started", () => {
  it("a drop mid-stream ends with an error chunk and no [DONE]; nothing else is tried", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "drop", reply: "one two three four five six" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, stream: true });
    expect(res.status).toBe(200);
    const data = sseData(await res.text());
    expect(data).not.toContain("[DONE]");
    const chunks = data.map(
      (d) =>
        JSON.parse(d) as { error?: { code: number; message: string }; choices: { delta?: { content?: string } }[] },
    );
    // The words that arrived before the drop were passed through.
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("one two");
    const last = chunks.at(-1)!;
    expect(last.error).toMatchObject({ code: 502 });
    expect(typeof last.error!.message).toBe("string");
    expect(chunks.filter((c) => c.error)).toHaveLength(1);
    expect(calledProviders()).toEqual(["e2e-retain"]);
    const g = await generation(user.key, res);
    expect(g.status).toBe("error");
    expect(g.http_status).toBe(502);
    expect(g.error_code).toBe("stream_dropped");
    expect(g.cancelled).toBe(false);
    expect(g.finish_reason).toBe("error");
  });

  it("a malformed event mid-stream ends the same way", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "malformed" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, stream: true });
    const data = sseData(await res.text());
    expect(data).not.toContain("[DONE]");
    expect((JSON.parse(data.at(-1)!) as { error?: unknown }).error).toMatchObject({ code: 502 });
    const g = await generation(user.key, res);
    expect(g.status).toBe("error");
    expect(g.error_code).toBe("stream_malformed");
  });

  it("no-done: an upstream that finishes (finish_reason and usage) but never sends [DONE] is a complete answer", async () => {
    // Documented behaviour: the finish reason is what ends a generation; the missing [DONE] is
    // tolerated, and Privet still ends its own stream with the usage chunk and [DONE].
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "no-done" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, stream: true });
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data
      .slice(0, -1)
      .map(
        (d) =>
          JSON.parse(d) as { error?: unknown; usage?: { cost: number }; choices: { finish_reason: string | null }[] },
      );
    expect(chunks.some((c) => c.error)).toBe(false);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "stop")).toBe(true);
    expect(chunks.at(-1)!.usage!.cost).toBeGreaterThan(0);
    const g = await generation(user.key, res);
    expect(g.status).toBe("success");
    expect(g.finish_reason).toBe("stop");
    expect(attemptsOf(g)).toEqual([{ provider: "e2e-retain", status: 200 }]);
  });

  it("no-done on the Messages API behaves the same (message_delta carries the stop reason)", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-anthropic", { failure: "no-done" });
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      stream: true,
      provider: { only: ["e2e-anthropic"] },
    });
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const g = await generation(user.key, res);
    expect(g.status).toBe("success");
  });

  it("a client that gives up while waiting for a non-streamed answer cancels the record and the upstream call", async () => {
    const user = await h.createUser();
    process.env.PRIVET_TIMEOUT_FIRST_BYTE_MS = "10000";
    try {
      h.mock.setProvider("it-proxied", { ttftMs: 5_000 });
      const client = new AbortController();
      const pending = fetch(`${h.baseUrl}/api/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "it/slow", messages: hello }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      await vi.waitFor(() => expect(calledProviders()).toEqual(["it-proxied"]), { timeout: 5_000, interval: 20 });
      expect(h.proxy.openConnections()).toBe(1);
      client.abort();
      await pending;
      await vi.waitFor(() => expect(h.proxy.openConnections()).toBe(0), { timeout: 4_000, interval: 25 });
      await vi.waitFor(
        async () => {
          await h.flush();
          expect(await h.db.generation.count({ where: { userId: user.id } })).toBe(1);
        },
        { timeout: 4_000, interval: 25 },
      );
      const [row] = await h.db.generation.findMany({ where: { userId: user.id } });
      expect(row).toMatchObject({ status: "cancelled", cancelled: true, httpStatus: 499, errorCode: "cancelled" });
      expect(JSON.parse(row!.attempts)).toEqual([
        expect.objectContaining({ provider: "it-proxied", status: 499, error: "aborted" }),
      ]);
    } finally {
      process.env.PRIVET_TIMEOUT_FIRST_BYTE_MS = String(FIRST_BYTE_MS);
    }
  });

  it("a client that disconnects mid-stream cancels the record and closes the upstream connection", async () => {
    const user = await h.createUser();
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    h.mock.setProvider("it-proxied", { reply: words, tokensPerSecond: 5 });
    const client = new AbortController();
    const res = await fetch(`${h.baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "it/slow", messages: hello, stream: true }),
      signal: client.signal,
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-privet-generation-id")!;
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes("word0")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended before the first word");
      seen += new TextDecoder().decode(value);
    }
    // The upstream call is in flight over the proxy right now.
    expect(h.proxy.openConnections()).toBe(1);
    client.abort();
    await reader.read().catch(() => undefined);

    await vi.waitFor(async () => expect((await generation(user.key, id)).status).toBe("cancelled"), {
      timeout: 5_000,
      interval: 25,
    });
    // Privet aborted its upstream call: the connection to the mock is gone, not kept streaming.
    await vi.waitFor(() => expect(h.proxy.openConnections()).toBe(0), { timeout: 5_000, interval: 25 });

    const g = await generation(user.key, id);
    expect(g.cancelled).toBe(true);
    expect(g.http_status).toBe(499);
    expect(g.finish_reason).toBe("cancelled");
    expect(g.streamed).toBe(true);
    expect(calledProviders()).toEqual(["it-proxied"]);
  });
});
