// PRODUCT.md rule 10 and issue 14, items 4-7 and 18 (and issue 13's usage): what a provider sends
// back is Privet's own before it is kept or passed on. A hostile mock upstream echoes the prompt
// (a marker, from an account without prompt logging) into every field it controls besides the
// answer — ids, model, finish reasons, system_fingerprint, extra fields, usage, error types,
// Retry-After — and sends odd usage numbers, endless lines and reasoning and cached-token usage.
// The marker must be nowhere: not in the response, a header, the database files (WAL included; on
// PostgreSQL every table and the server log) or the printed output; every request leaves exactly
// its one record, with every provider it reached named with that provider's policy.
import crypto from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sseChunks, sseData, startHarness, type THarness, type THarnessUrls } from "@/tests/support/harness";
import { capturePrinted, findInFiles, readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, markServerLog, readDatabase, type TServerLog } from "@/tests/support/database-scan";
import { MOCK_REDACTED_THINKING, MOCK_THOUGHT, mockSignature } from "@/scripts/mock-upstream/server";

const zdr = {
  training: false,
  retainsPrompts: false,
  retentionDays: null,
  zdr: true,
  canPublish: false,
  termsUrl: "https://example.com/terms",
  checkedAt: "2026-06-16",
};
const retains = { ...zdr, retainsPrompts: true, retentionDays: 30, zdr: false };

function catalog(mockUrl: string, urls: THarnessUrls) {
  const base = e2eCatalog(mockUrl);
  const provider = (
    slug: string,
    api: string,
    dataPolicy: Record<string, unknown>,
    baseUrl = `${mockUrl}/${slug}/v1`,
  ) => ({ slug, name: `PV ${slug}`, api, baseUrl, apiKeyEnv: null, dataPolicy });
  const endpoint = (slug: string, pricing: Record<string, number>) => ({
    provider: slug,
    upstreamModel: `up-${slug}`,
    pricing,
    quantization: "fp8",
    supportedParameters: ["max_tokens", "reasoning", "tools", "tool_choice"],
  });
  // Prompt 2 USD, completion 4 USD, cache reads 0.5 USD and cache writes 2.5 USD per million tokens.
  const prices = { prompt: 2, completion: 4, cacheRead: 0.5, cacheWrite: 2.5 };
  return {
    providers: [
      ...base.providers,
      provider("pv-openai", "openai", retains),
      provider("pv-messages", "anthropic", retains),
      provider("pv-backup", "openai", zdr),
      provider("pv-refused", "openai", zdr, `${urls.refusedUrl}/pv-refused/v1`),
    ],
    models: [
      ...base.models,
      {
        id: "pv/openai",
        name: "OpenAI-compatible",
        contextLength: 8192,
        endpoints: [endpoint("pv-openai", prices), endpoint("pv-backup", { prompt: 3, completion: 3 })],
      },
      {
        id: "pv/messages",
        name: "Messages",
        contextLength: 8192,
        endpoints: [endpoint("pv-messages", prices), endpoint("pv-backup", { prompt: 3, completion: 3 })],
      },
      {
        id: "pv/refused-first",
        name: "Refused first",
        contextLength: 8192,
        endpoints: [endpoint("pv-refused", { prompt: 0.1, completion: 0.1 }), endpoint("pv-openai", prices)],
      },
    ],
  };
}

let h: THarness;
let printed: ReturnType<typeof capturePrinted>;
let serverLog: TServerLog | null = null;
let key: string;
let userId: string;
const markers: string[] = [];
/** Everything Privet answered (bodies and headers), for the final sweep. */
const answered: string[] = [];

function marker(name: string): string {
  const m = `PVTHOSTILE${name}${crypto.randomBytes(6).toString("hex")}`;
  markers.push(m);
  return m;
}

async function send(body: Record<string, unknown>) {
  const res = await h.chat(key, body);
  const text = await res.text();
  answered.push(text, [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"));
  return { res, text, id: res.headers.get("x-privet-generation-id")! };
}

type TApiGeneration = {
  status: string;
  http_status: number;
  error_code: string | null;
  finish_reason: string | null;
  native_finish_reason: string | null;
  tokens_prompt: number;
  tokens_completion: number;
  native_tokens_cached: number;
  native_tokens_reasoning: number;
  usage_estimated: boolean;
  total_cost: number;
  provider_slug: string | null;
  provider_responses: { provider: string; status: number; error?: string }[];
  sent_to: { provider: string; data_policy: { retentionDays: number | null; zdr: boolean | null } | null }[];
};

/** The request's one record, through the API (after it was written to the database). */
async function generation(id: string): Promise<TApiGeneration> {
  await h.flush();
  expect(await h.db.generation.count({ where: { id } })).toBe(1);
  const res = await h.get(`/api/v1/generation?id=${id}`, key);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: TApiGeneration }).data;
}

beforeAll(async () => {
  h = await startHarness({
    catalog: catalog,
    env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: "1500", PRIVET_TIMEOUT_TOTAL_MS: "8000" },
  });
  if (h.dialect === "postgresql") serverLog = await markServerLog(process.env.DATABASE_URL!);
  const user = await h.createUser();
  key = user.key;
  userId = user.id;
  printed = capturePrinted();
});
afterAll(async () => {
  printed?.restore();
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

describe("a hostile provider's text is never kept or passed on (items 4 and 5)", () => {
  for (const model of ["pv/openai", "pv/messages"]) {
    for (const stream of [false, true]) {
      it(`${model}, ${stream ? "streamed" : "not streamed"}: finish reasons mapped, envelope Privet's own`, async () => {
        const m = marker("echo");
        h.mock.setProvider(model === "pv/openai" ? "pv-openai" : "pv-messages", { hostile: true, reply: "Fine." });
        const r = await send({ model, stream, messages: [{ role: "user", content: m }] });
        expect(r.res.status).toBe(200);
        expect(r.text).toContain("Fine.");
        expect(r.text).not.toContain(m);
        const choices = stream
          ? sseChunks(r.text).flatMap((c) => c.choices as Record<string, unknown>[])
          : (JSON.parse(r.text).choices as Record<string, unknown>[]);
        const finishes = choices.map((c) => c.finish_reason).filter((f) => f != null);
        expect(finishes).toEqual(["stop"]);
        const g = await generation(r.id);
        expect(g).toMatchObject({ status: "success", finish_reason: "stop", usage_estimated: false });
        expect(["stop", "end_turn", null]).toContain(g.native_finish_reason);
      });
    }
  }

  it("a 429 whose Retry-After and error type echo the prompt: Privet's own header, or none", async () => {
    const m = marker("retry");
    h.mock.setProvider("pv-openai", { hostile: true, failure: "429" });
    const r = await send({
      model: "pv/openai",
      messages: [{ role: "user", content: m }],
      provider: { allow_fallbacks: false },
    });
    expect(r.res.status).toBe(429);
    expect(r.res.headers.get("retry-after")).toBeNull();
    h.mock.setProvider("pv-openai", { hostile: false, retryAfter: 7 });
    h.forgetHealth();
    const again = await send({
      model: "pv/openai",
      messages: [{ role: "user", content: "hi" }],
      provider: { allow_fallbacks: false },
    });
    expect(again.res.headers.get("retry-after")).toBe("7");
  });

  it("a 500 whose error object echoes the prompt falls back, and names only providers", async () => {
    const m = marker("error");
    h.mock.setProvider("pv-messages", { hostile: true, failure: "500" });
    const r = await send({ model: "pv/messages", stream: true, messages: [{ role: "user", content: m }] });
    expect(r.res.headers.get("x-privet-provider")).toBe("pv-backup");
  });
});

describe("odd usage numbers: the record is always written, estimated and marked (item 5)", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["fractional", { usage: { prompt: 3.5, completion: 2.25 } }],
    ["negative", { usage: { prompt: -4, completion: -1 } }],
    ["huge", { usage: { prompt: 1e300, completion: 1e300, cached: 1e300, reasoning: 1e300 } }],
    ["strings", { usage: { prompt: "12", completion: "many" } }],
    ["objects", { usage: { prompt: { n: 1 }, completion: [3] } }],
    ["a non-string finish reason", { finishReason: 42 }],
    ["an object finish reason", { finishReason: { why: "done" } }],
  ];
  for (const model of ["pv/openai", "pv/messages"]) {
    for (const [name, knobs] of cases) {
      it(`${model}: ${name}`, async () => {
        h.mock.setProvider(model === "pv/openai" ? "pv-openai" : "pv-messages", knobs);
        for (const stream of [false, true]) {
          const r = await send({ model, stream, messages: [{ role: "user", content: "count these words please" }] });
          expect(r.res.status).toBe(200);
          const usage = (stream ? sseChunks(r.text).at(-1)!.usage : JSON.parse(r.text).usage) as Record<string, number>;
          const g = await generation(r.id);
          for (const n of [g.tokens_prompt, g.tokens_completion, g.native_tokens_cached, g.native_tokens_reasoning]) {
            expect(Number.isInteger(n) && n >= 0 && n <= 1e9).toBe(true);
          }
          expect(g.total_cost).toBeLessThan(1);
          expect(usage.cost).toBe(g.total_cost);
          expect(usage.prompt_tokens).toBe(g.tokens_prompt);
          if ("usage" in knobs) expect(g.usage_estimated).toBe(true);
          else expect(g.finish_reason === null || g.finish_reason === "stop").toBe(true);
        }
      });
    }
  }
});

describe("an endless line is a provider failure, not memory (item 6)", () => {
  it("before the first chunk: the next provider serves", async () => {
    h.mock.setProvider("pv-openai", { hugeLine: "before-first-chunk" });
    const r = await send({ model: "pv/openai", stream: true, messages: [{ role: "user", content: "hi" }] });
    expect(r.res.headers.get("x-privet-provider")).toBe("pv-backup");
    expect(sseData(r.text).at(-1)).toBe("[DONE]");
    const g = await generation(r.id);
    expect(g.provider_responses.map((a) => [a.provider, a.error ?? null])).toEqual([
      ["pv-openai", "malformed"],
      ["pv-backup", null],
    ]);
  });

  it("after the first chunk: the stream ends with Privet's error chunk (both adapters)", async () => {
    for (const [model, slug] of [
      ["pv/openai", "pv-openai"],
      ["pv/messages", "pv-messages"],
    ] as const) {
      h.mock.setProvider(slug, { hugeLine: "after-first-chunk", reply: "one two three" });
      const r = await send({ model, stream: true, messages: [{ role: "user", content: "hi" }] });
      expect(r.res.status).toBe(200);
      const last = sseChunks(r.text).at(-1)!;
      expect(last.error).toMatchObject({ code: 502 });
      const g = await generation(r.id);
      expect(g).toMatchObject({ status: "error", error_code: "stream_malformed" });
    }
  });
});

describe("a client gone in the middle of its request body leaves its record (item 7)", () => {
  it("is recorded as cancelled (499)", async () => {
    const before = await h.db.generation.count({ where: { userId } });
    const { port } = new URL(h.baseUrl);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const body = JSON.stringify({ model: "pv/openai", messages: [{ role: "user", content: "x".repeat(5000) }] });
    socket.write(
      `POST /api/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 1000)}`,
    );
    // The server has read the headers (it asked for the key's owner) before the client goes away.
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    await vi.waitFor(
      async () => {
        await h.flush();
        expect(await h.db.generation.count({ where: { userId } })).toBe(before + 1);
      },
      { timeout: 5_000, interval: 50 },
    );
    const record = await h.db.generation.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } });
    expect(record).toMatchObject({
      status: "cancelled",
      cancelled: true,
      httpStatus: 499,
      errorCode: "cancelled",
      attempts: "[]",
    });
  });
});

describe("every provider that received the request is named with its policy (item 18)", () => {
  it("a fallback after sending names both; a refused connection names only who received it", async () => {
    h.mock.setProvider("pv-openai", { failure: "500" });
    const fallback = await send({ model: "pv/openai", messages: [{ role: "user", content: "hi" }] });
    expect(fallback.res.headers.get("x-privet-provider")).toBe("pv-backup");
    const g = await generation(fallback.id);
    expect(g.sent_to).toEqual([
      { provider: "pv-openai", data_policy: expect.objectContaining({ retentionDays: 30, zdr: false }) },
      { provider: "pv-backup", data_policy: expect.objectContaining({ zdr: true }) },
    ]);

    h.mock.reset();
    const refusedFirst = await send({ model: "pv/refused-first", messages: [{ role: "user", content: "hi" }] });
    expect(refusedFirst.res.status).toBe(200);
    const r = await generation(refusedFirst.id);
    expect(r.provider_responses.map((a) => a.provider)).toEqual(["pv-refused", "pv-openai"]);
    expect(r.sent_to.map((s) => s.provider)).toEqual(["pv-openai"]);
  });

  it("a request cancelled before the first token still names the provider it reached", async () => {
    h.mock.setProvider("pv-openai", { ttftMs: 3_000 });
    const client = new AbortController();
    const pending = fetch(`${h.baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "pv/openai", stream: true, messages: [{ role: "user", content: "hi" }] }),
      signal: client.signal,
    }).catch(() => null);
    await vi.waitFor(() => expect(h.mock.calls().some((c) => c.provider === "pv-openai")).toBe(true), {
      timeout: 3_000,
      interval: 20,
    });
    client.abort();
    await pending;
    await vi.waitFor(
      async () => {
        await h.flush();
        const row = await h.db.generation.findFirst({
          where: { userId, status: "cancelled", streamed: true },
          orderBy: { createdAt: "desc" },
        });
        expect(row).not.toBeNull();
        const attempts = JSON.parse(row!.attempts) as {
          provider: string;
          sent: boolean;
          data_policy: { retentionDays: number };
        }[];
        expect(attempts).toEqual([
          expect.objectContaining({
            provider: "pv-openai",
            sent: true,
            data_policy: expect.objectContaining({ retentionDays: 30 }),
          }),
        ]);
        expect(row!.providerSlug).toBeNull();
      },
      { timeout: 5_000, interval: 50 },
    );
  });
});

describe("reasoning and cached tokens are reported and priced as OpenRouter does (issue 13)", () => {
  it("OpenAI-compatible: reasoning_tokens and cached_tokens in the answer, the last chunk and the record; cache reads at the cache price", async () => {
    h.mock.setProvider("pv-openai", { reply: "one two three four", reasoning: "think think think", cachedTokens: 4 });
    const messages = [{ role: "user", content: "a b c d e f g h i j" }];
    for (const stream of [false, true]) {
      const r = await send({ model: "pv/openai", stream, messages });
      const usage = (stream ? sseChunks(r.text).at(-1)!.usage : JSON.parse(r.text).usage) as Record<string, unknown>;
      // 10 prompt words, 4 of them cached; 4 reply words and 3 reasoning words.
      expect(usage).toEqual({
        prompt_tokens: 10,
        completion_tokens: 7,
        total_tokens: 17,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 3 },
        cost: (6 * 2 + 4 * 0.5 + 7 * 4) / 1e6,
      });
      const g = await generation(r.id);
      expect(g).toMatchObject({
        tokens_prompt: 10,
        tokens_completion: 7,
        native_tokens_cached: 4,
        native_tokens_reasoning: 3,
        usage_estimated: false,
        total_cost: (6 * 2 + 4 * 0.5 + 7 * 4) / 1e6,
      });
    }
  });

  it("Messages API: cache reads are prompt tokens priced at the cache price; thinking counts as reasoning", async () => {
    h.mock.setProvider("pv-messages", { reply: "one two three four", cachedTokens: 4 });
    for (const stream of [false, true]) {
      const r = await send({
        model: "pv/messages",
        stream,
        max_tokens: 4000,
        reasoning: { max_tokens: 2000 },
        messages: [{ role: "user", content: "a b c d e f g h i j" }],
      });
      expect(r.res.status).toBe(200);
      const g = await generation(r.id);
      // The thought is 5 words (MOCK_THOUGHT), counted in the output tokens with the reply's 4.
      expect(g).toMatchObject({
        tokens_prompt: 10,
        tokens_completion: 9,
        native_tokens_cached: 4,
        usage_estimated: false,
      });
      expect(g.native_tokens_reasoning).toBeGreaterThan(0);
      expect(g.native_tokens_reasoning).toBeLessThanOrEqual(9);
      expect(g.total_cost).toBe((6 * 2 + 4 * 0.5 + 9 * 4) / 1e6);
    }
  });
});

describe("cache writes are reported and priced as OpenRouter does", () => {
  it("Messages API: cache_creation_input_tokens are cache_write_tokens, priced at the endpoint's cache-write price", async () => {
    h.mock.setProvider("pv-messages", { reply: "one two three four", cachedTokens: 4, cacheWriteTokens: 3 });
    for (const stream of [false, true]) {
      const r = await send({
        model: "pv/messages",
        stream,
        messages: [{ role: "user", content: "a b c d e f g h i j" }],
      });
      expect(r.res.status).toBe(200);
      const usage = (stream ? sseChunks(r.text).at(-1)!.usage : JSON.parse(r.text).usage) as Record<string, unknown>;
      // 10 prompt words: 4 read from the cache, 3 written to it, 3 plain; 4 reply words.
      const cost = (3 * 2 + 4 * 0.5 + 3 * 2.5 + 4 * 4) / 1e6;
      expect(usage).toEqual({
        prompt_tokens: 10,
        completion_tokens: 4,
        total_tokens: 14,
        prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 3 },
        completion_tokens_details: { reasoning_tokens: 0 },
        cost,
      });
      const g = await generation(r.id);
      expect(g).toMatchObject({ tokens_prompt: 10, native_tokens_cached: 4, usage_estimated: false, total_cost: cost });
    }
  });

  it("/models lists an endpoint's cache prices per token, as OpenRouter's pricing does", async () => {
    const res = await h.get("/api/v1/models/pv/messages/endpoints", key);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { endpoints: { pricing: Record<string, string> }[] } };
    // 0.5 and 2.5 USD per million tokens; the backup endpoint names no cache prices.
    expect(data.endpoints.map((e) => e.pricing)).toEqual([
      {
        prompt: "0.000002",
        completion: "0.000004",
        request: "0",
        input_cache_read: "0.0000005",
        input_cache_write: "0.0000025",
      },
      { prompt: "0.000003", completion: "0.000003", request: "0" },
    ]);
  });

  it("an OpenAI-compatible provider's answer has no cache_write_tokens (as on OpenRouter)", async () => {
    h.mock.setProvider("pv-openai", { cachedTokens: 2 });
    const r = await send({ model: "pv/openai", messages: [{ role: "user", content: "a b c d" }] });
    expect(JSON.parse(r.text).usage.prompt_tokens_details).toEqual({ cached_tokens: 2 });
  });
});

describe("reasoning and cached tokens reach the activity feed", () => {
  it("GET /api/v1/activity reports each day's reasoning tokens as the answers reported them; the summary counts reasoning and cached tokens", async () => {
    // An account of its own, so the day's rows hold only these requests.
    const user = await h.createUser();
    h.mock.setProvider("pv-openai", { reply: "one two three four", reasoning: "think think think", cachedTokens: 4 });
    h.mock.setProvider("pv-messages", { reply: "one two three four", cachedTokens: 2 });
    const told = new Map<string, { reasoning: number; cached: number }>();
    const ids: string[] = [];
    for (const [model, extra] of [
      ["pv/openai", {}],
      ["pv/messages", { max_tokens: 4000, reasoning: { max_tokens: 2000 } }],
    ] as const) {
      for (const stream of [false, true]) {
        const res = await h.chat(user.key, {
          model,
          stream,
          ...extra,
          messages: [{ role: "user", content: "a b c d e f g h i j" }],
        });
        const text = await res.text();
        answered.push(text);
        expect(res.status).toBe(200);
        ids.push(res.headers.get("x-privet-generation-id")!);
        const usage = (stream ? sseChunks(text).at(-1)!.usage : JSON.parse(text).usage) as {
          prompt_tokens_details: { cached_tokens: number };
          completion_tokens_details: { reasoning_tokens: number };
        };
        const sum = told.get(model) ?? { reasoning: 0, cached: 0 };
        sum.reasoning += usage.completion_tokens_details.reasoning_tokens;
        sum.cached += usage.prompt_tokens_details.cached_tokens;
        told.set(model, sum);
      }
    }
    // 3 reasoning words per OpenAI-compatible answer; the Messages API's thought counts too.
    expect(told.get("pv/openai")).toEqual({ reasoning: 6, cached: 8 });
    expect(told.get("pv/messages")!.reasoning).toBeGreaterThan(0);

    const res = await h.get("/api/v1/activity", user.key);
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as { data: Record<string, unknown>[] }).data;
    expect(rows.map((r) => [r.model, r.provider_slug, r.requests, r.reasoning_tokens]).sort()).toEqual([
      ["pv/messages", "pv-messages", 2, told.get("pv/messages")!.reasoning],
      ["pv/openai", "pv-openai", 2, 6],
    ]);

    const { getActivityOverview } = await import("@/lib/activity/summary");
    const overview = await getActivityOverview(user.id, { range: "day", group: "model", metric: "tokens" });
    expect(overview.totals.current).toMatchObject({
      requests: 4,
      reasoningTokens: 6 + told.get("pv/messages")!.reasoning,
      cachedTokens: 8 + told.get("pv/messages")!.cached,
    });

    // Deleting a request takes its tokens out of the day's figures.
    const { deleteGenerationLog } = await import("@/lib/activity/deletion");
    await deleteGenerationLog(user.id, ids[0]!);
    const after = ((await (await h.get("/api/v1/activity", user.key)).json()) as { data: Record<string, unknown>[] })
      .data;
    expect(after.find((r) => r.model === "pv/openai")).toMatchObject({ requests: 1, reasoning_tokens: 3 });
  });
});

describe("Anthropic's signed thinking, as OpenRouter gives it", () => {
  const format = "anthropic-claude-v1";
  const signed = [
    { type: "reasoning.text", text: MOCK_THOUGHT, signature: mockSignature(MOCK_THOUGHT), format, index: 0 },
    { type: "reasoning.encrypted", data: MOCK_REDACTED_THINKING, format, index: 1 },
  ];
  const tools = [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: {} } } }];
  const question = [{ role: "user", content: "weather in Oslo?" }];

  /** The reasoning details of an answer; a stream's deltas joined per index (text appended, signature kept). */
  function detailsOf(text: string, stream: boolean): Record<string, unknown>[] {
    if (!stream) return JSON.parse(text).choices[0].message.reasoning_details;
    const joined: Record<string, unknown>[] = [];
    for (const chunk of sseChunks(text)) {
      const choices = chunk.choices as { delta: { reasoning_details?: Record<string, unknown>[] } }[];
      for (const d of choices[0]?.delta.reasoning_details ?? []) {
        const at = d.index as number;
        const prev = joined[at];
        if (!prev) joined[at] = { ...d };
        else {
          if (typeof d.text === "string") prev.text = `${(prev.text as string | undefined) ?? ""}${d.text}`;
          if (d.signature !== undefined) prev.signature = d.signature;
        }
      }
    }
    return joined;
  }

  for (const stream of [false, true]) {
    it(`${stream ? "streamed" : "not streamed"}: thinking comes with its signature, redacted thinking as encrypted data, and a tool loop sent back keeps thinking`, async () => {
      h.mock.setProvider("pv-messages", { toolCalls: true, redactedThinking: true });
      const ask = { model: "pv/messages", stream, max_tokens: 4000, reasoning: { max_tokens: 2000 }, tools };
      const first = await send({ ...ask, messages: question });
      expect(first.res.status).toBe(200);
      expect(detailsOf(first.text, stream)).toEqual(signed);
      const calls = stream
        ? sseChunks(first.text).flatMap(
            (c) => (c.choices as { delta: { tool_calls?: { id?: string }[] } }[])[0]?.delta.tool_calls ?? [],
          )
        : (JSON.parse(first.text).choices[0].message.tool_calls as { id: string }[]);
      const callId = calls.find((c) => c.id)!.id!;

      // The round trip: the turn goes back with its reasoning_details, as OpenRouter's clients send it.
      h.mock.clearCalls();
      const turn = {
        role: "assistant",
        content: null,
        tool_calls: [{ id: callId, type: "function", function: { name: "weather", arguments: "{}" } }],
        reasoning: MOCK_THOUGHT,
        reasoning_details: detailsOf(first.text, stream),
      };
      const second = await send({
        ...ask,
        messages: [...question, turn, { role: "tool", tool_call_id: callId, content: "rain" }],
      });
      expect(second.res.status).toBe(200);
      const [call] = h.mock.calls();
      const body = call!.body as { thinking?: unknown; messages: { role: string; content: unknown }[] };
      // Thinking stayed on, and the turn reached Anthropic starting with its signed thinking.
      expect(body.thinking).toMatchObject({ type: "enabled" });
      expect(body.messages[1]).toEqual({
        role: "assistant",
        content: [
          { type: "thinking", thinking: MOCK_THOUGHT, signature: mockSignature(MOCK_THOUGHT) },
          { type: "redacted_thinking", data: MOCK_REDACTED_THINKING },
          { type: "tool_use", id: callId, name: "weather", input: {} },
        ],
      });

      // Without its reasoning_details the loop continues without thinking (Anthropic would refuse it).
      h.mock.clearCalls();
      const { reasoning_details: _dropped, ...bare } = turn;
      const third = await send({
        ...ask,
        messages: [...question, bare, { role: "tool", tool_call_id: callId, content: "rain" }],
      });
      expect(third.res.status).toBe(200);
      expect((h.mock.calls()[0]!.body as { thinking?: unknown }).thinking).toBeUndefined();
    });
  }

  it("reasoning asked to be left out leaves out its details too", async () => {
    h.mock.setProvider("pv-messages", { redactedThinking: true });
    for (const stream of [false, true]) {
      const r = await send({
        model: "pv/messages",
        stream,
        max_tokens: 4000,
        reasoning: { max_tokens: 2000, exclude: true },
        messages: question,
      });
      expect(r.res.status).toBe(200);
      expect(r.text).not.toContain("reasoning_details");
      expect(r.text).not.toContain(MOCK_REDACTED_THINKING);
    }
  });
});

describe("after everything", () => {
  it("no marker in any database file (WAL included), table, server log, answer, header or printed line", async () => {
    await h.flush();
    const files = [...readFilesUnder(h.dir), ...(await readDatabase(h.dialect, serverLog))];
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseEntryNames(h.dialect, ["Generation"])));
    expect(markers.length).toBeGreaterThan(5);
    const haystack = [
      { file: "answers", bytes: Buffer.from(answered.join("\n")) },
      { file: "printed", bytes: Buffer.from(printed.text()) },
      ...files,
    ];
    for (const m of markers) expect(findInFiles(m, haystack)).toEqual([]);
    // Each request left its one record.
    expect(await h.db.generation.count({ where: { userId } })).toBeGreaterThan(30);
  });
});
