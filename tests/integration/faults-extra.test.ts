// Upstream failure modes that fallbacks.test.ts and privacy-leak.test.ts leave out (issue 8,
// "Faults"): the same modes through the Messages API adapter, a refused connection on a stream and
// on every endpoint, every provider rate-limiting at once, streams that never send [DONE] because
// the provider stalls, trickles past the total timeout or just stops, and first responses Privet
// cannot read. For each: the outcome (fallback to the next eligible endpoint, or the documented
// error), the metadata record (status, attempts, cancelled), and — every request here carries a
// marker in its prompt, from accounts without prompt logging — that the marker is written nowhere.
//
// The mock upstream cannot end a stream cleanly in the middle of an answer or open a stream with
// an unreadable event, so a few lines of raw HTTP below play that provider ("fx-raw").
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sseChunks, sseData, startHarness, type THarness, type THarnessUrls } from "@/tests/support/harness";
import { capturePrinted, findInFiles, readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, markServerLog, readDatabase, type TServerLog } from "@/tests/support/database-scan";
import type { TMockFailure } from "@/scripts/mock-upstream/server";

const FIRST_BYTE_MS = 400;
const TOTAL_MS = 2_500;

// ---------------------------------------------------------------------------------------------
// A scripted raw upstream for what the mock cannot say
// ---------------------------------------------------------------------------------------------

type TRawBehaviour = "truncated-stream" | "garbage-first-event" | "empty-stream" | "json-without-choices" | "html-page";
let rawBehaviour: TRawBehaviour = "truncated-stream";
let rawCalls = 0;

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "raw-1", object: "chat.completion.chunk", created: 1, model: "raw", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

const rawServer = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    rawCalls += 1;
    const sse = { "content-type": "text/event-stream" };
    switch (rawBehaviour) {
      case "truncated-stream":
        // Two words, then a clean end of the response: no finish_reason, no usage, no [DONE].
        res.writeHead(200, sse);
        res.end(chunk({ role: "assistant", content: "" }) + chunk({ content: "half" }) + chunk({ content: " an" }));
        return;
      case "garbage-first-event":
        res.writeHead(200, sse);
        res.end("data: {this is not json\n\ndata: [DONE]\n\n");
        return;
      case "empty-stream":
        res.writeHead(200, sse);
        res.end();
        return;
      case "json-without-choices":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "raw-2", object: "chat.completion", note: "RAWUPSTREAMBODY" }));
        return;
      case "html-page":
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><body>RAWUPSTREAMBODY maintenance</body></html>");
        return;
    }
  });
});

function faultsCatalog(mockUrl: string, urls: THarnessUrls, rawUrl: string) {
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
  });
  return {
    providers: [
      ...base.providers,
      {
        slug: "fx-refused",
        name: "FX Refused",
        api: "openai",
        baseUrl: `${urls.refusedUrl}/fx-refused/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
      {
        slug: "fx-refused-too",
        name: "FX Refused Too",
        api: "openai",
        baseUrl: `${urls.refusedUrl}/fx-refused-too/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
      {
        slug: "fx-proxied",
        name: "FX Proxied",
        api: "openai",
        baseUrl: `${urls.proxyUrl}/fx-proxied/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
      {
        slug: "fx-raw",
        name: "FX Raw",
        api: "openai",
        baseUrl: `${rawUrl}/v1`,
        apiKeyEnv: null,
        dataPolicy: zdrPolicy,
      },
    ],
    models: [
      ...base.models,
      {
        id: "fx/refused-first",
        name: "Refused first",
        contextLength: 8192,
        endpoints: [endpoint("fx-refused", 0.1), endpoint("e2e-zdr", 1)],
      },
      {
        id: "fx/all-refused",
        name: "Nothing listens",
        contextLength: 8192,
        endpoints: [endpoint("fx-refused", 0.1), endpoint("fx-refused-too", 0.2)],
      },
      { id: "fx/proxied", name: "Through the proxy", contextLength: 8192, endpoints: [endpoint("fx-proxied", 1)] },
      { id: "fx/raw-only", name: "Raw alone", contextLength: 8192, endpoints: [endpoint("fx-raw", 1)] },
      {
        id: "fx/raw-first",
        name: "Raw first",
        contextLength: 8192,
        endpoints: [endpoint("fx-raw", 0.1), endpoint("e2e-zdr", 1)],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Setup, markers and helpers
// ---------------------------------------------------------------------------------------------

let h: THarness;
let printed: ReturnType<typeof capturePrinted>;
const markers: string[] = [];
/** Every error body and error chunk, and every header block, for the final sweep. */
const errorTexts: string[] = [];
const headerTexts: string[] = [];
/** PostgreSQL: the server log, from where it stood when this file started. */
let serverLog: TServerLog | null = null;

beforeAll(async () => {
  await new Promise<void>((resolve) => rawServer.listen(0, "127.0.0.1", resolve));
  const rawUrl = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`;
  h = await startHarness({
    catalog: (mockUrl, urls) => faultsCatalog(mockUrl, urls, rawUrl),
    env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: String(FIRST_BYTE_MS), PRIVET_TIMEOUT_TOTAL_MS: String(TOTAL_MS) },
  });
  if (h.dialect === "postgresql") serverLog = await markServerLog(process.env.DATABASE_URL!);
  printed = capturePrinted();
});
afterAll(async () => {
  printed?.restore();
  await h?.close();
  rawServer.closeAllConnections();
  await new Promise<void>((resolve) => rawServer.close(() => resolve()));
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
  // Echo the prompt back, so the completion carries the marker too.
  for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { reply: "echo" });
  rawCalls = 0;
});

type TGeneration = {
  status: string;
  http_status: number;
  error_code: string | null;
  provider_slug: string | null;
  cancelled: boolean;
  streamed: boolean;
  finish_reason: string | null;
  content_stored: boolean;
  provider_responses: { provider: string; status: number; error?: string }[];
};

type TErrorBody = {
  error: {
    code: number;
    message: string;
    metadata?: { code?: string; attempts?: { provider: string; status: number }[] };
  };
};

/** A prompt that carries a fresh marker, which the mock echoes back as the completion. */
function markedMessages(): { role: string; content: string }[] {
  const m = `PVTFAULT${crypto.randomBytes(6).toString("hex")}`;
  markers.push(m);
  return [{ role: "user", content: `${m} tell me about it` }];
}

/** Sends a chat request and keeps its headers and any error text for the final sweep. */
async function send(key: string, body: Record<string, unknown>) {
  const res = await h.chat(key, { messages: markedMessages(), ...body });
  const text = await res.text();
  headerTexts.push([...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"));
  if (res.status >= 400) errorTexts.push(text);
  const isStream = res.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
  if (isStream) for (const c of sseChunks(text)) if (c.error) errorTexts.push(JSON.stringify(c.error));
  return { res, text, isStream, id: res.headers.get("x-privet-generation-id")! };
}

async function generation(key: string, id: string): Promise<TGeneration> {
  expect(id).toBeTruthy();
  const r = await h.get(`/api/v1/generation?id=${id}`, key);
  expect(r.status).toBe(200);
  return ((await r.json()) as { data: TGeneration }).data;
}

const attemptsOf = (g: TGeneration) =>
  g.provider_responses.map(({ provider, status, error }) => ({ provider, status, ...(error ? { error } : {}) }));
const calledProviders = () => h.mock.calls().map((c) => c.provider);

/** The parsed error body of a JSON error response, after checking the shape every error has. */
function errorOf(r: { res: Response; text: string }, status: number): TErrorBody["error"] {
  expect(r.res.status, r.text).toBe(status);
  expect(r.res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(r.text) as TErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(status);
  return body.error;
}

// ---------------------------------------------------------------------------------------------
// The Messages API adapter under every failure mode
// ---------------------------------------------------------------------------------------------

describe("the Messages API (Anthropic adapter) falls back like the OpenAI one", () => {
  const modes: { failure: TMockFailure; status: number; error: string; canStream: boolean }[] = [
    { failure: "500", status: 500, error: "http", canStream: true },
    { failure: "429", status: 429, error: "http", canStream: true },
    { failure: "hang", status: 504, error: "timeout", canStream: true },
    { failure: "malformed", status: 502, error: "malformed", canStream: false },
    { failure: "drop", status: 502, error: "dropped", canStream: false },
  ];
  // `order` puts the Messages provider first; the next eligible one by price is e2e-retain.
  const preferMessages = { provider: { order: ["e2e-anthropic"] } };

  for (const mode of modes) {
    it(`on ${mode.failure} (non-streamed)`, async () => {
      const user = await h.createUser();
      h.mock.setProvider("e2e-anthropic", { failure: mode.failure, retryAfter: 2 });
      const r = await send(user.key, { model: "e2e/echo", ...preferMessages });
      expect(r.res.status, r.text).toBe(200);
      expect(r.res.headers.get("x-privet-provider")).toBe("e2e-retain");
      expect(calledProviders()).toEqual(["e2e-anthropic", "e2e-retain"]);
      const g = await generation(user.key, r.id);
      expect(g).toMatchObject({
        status: "success",
        http_status: 200,
        provider_slug: "e2e-retain",
        cancelled: false,
        content_stored: false,
      });
      expect(attemptsOf(g)).toEqual([
        { provider: "e2e-anthropic", status: mode.status, error: mode.error },
        { provider: "e2e-retain", status: 200 },
      ]);
    });
  }

  for (const mode of modes.filter((m) => m.canStream)) {
    it(`on ${mode.failure} before the first event of a stream`, async () => {
      const user = await h.createUser();
      h.mock.setProvider("e2e-anthropic", { failure: mode.failure });
      const r = await send(user.key, { model: "e2e/echo", stream: true, ...preferMessages });
      expect(r.res.status).toBe(200);
      expect(r.res.headers.get("x-privet-provider")).toBe("e2e-retain");
      expect(sseData(r.text).at(-1)).toBe("[DONE]");
      expect(sseChunks(r.text).every((c) => c.provider === "E2E Retain" && !c.error)).toBe(true);
      const g = await generation(user.key, r.id);
      expect(g).toMatchObject({ status: "success", streamed: true, cancelled: false });
      expect(attemptsOf(g)).toEqual([
        { provider: "e2e-anthropic", status: mode.status, error: mode.error },
        { provider: "e2e-retain", status: 200 },
      ]);
    });
  }

  it("a drop in the middle of a Messages stream ends with an error event and no [DONE]", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-anthropic", { failure: "drop", reply: "one two three four five" });
    const r = await send(user.key, { model: "e2e/echo", stream: true, provider: { only: ["e2e-anthropic"] } });
    const data = sseData(r.text);
    expect(data).not.toContain("[DONE]");
    expect((JSON.parse(data.at(-1)!) as { error?: unknown }).error).toMatchObject({ code: 502 });
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({
      status: "error",
      http_status: 502,
      error_code: "stream_dropped",
      cancelled: false,
      finish_reason: "error",
    });
    expect(calledProviders()).toEqual(["e2e-anthropic"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Refused connections
// ---------------------------------------------------------------------------------------------

describe("connection refused", () => {
  it("before the first chunk of a stream: falls back, and the stream is whole", async () => {
    const user = await h.createUser();
    const r = await send(user.key, { model: "fx/refused-first", stream: true });
    expect(r.res.status).toBe(200);
    expect(r.res.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(sseData(r.text).at(-1)).toBe("[DONE]");
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({ status: "success", streamed: true, cancelled: false });
    expect(attemptsOf(g)).toEqual([
      { provider: "fx-refused", status: 502, error: "connect" },
      { provider: "e2e-zdr", status: 200 },
    ]);
  });

  it("on every endpoint: 502 listing each attempt, with one error record", async () => {
    const user = await h.createUser();
    for (const stream of [false, true]) {
      const r = await send(user.key, { model: "fx/all-refused", stream });
      const error = errorOf(r, 502);
      expect(error.metadata?.code).toBe("upstream_failed");
      expect(error.metadata?.attempts).toEqual([
        { provider: "fx-refused", status: 502 },
        { provider: "fx-refused-too", status: 502 },
      ]);
      const g = await generation(user.key, r.id);
      expect(g).toMatchObject({
        status: "error",
        http_status: 502,
        error_code: "upstream_failed",
        provider_slug: null,
        cancelled: false,
        streamed: stream,
      });
      expect(attemptsOf(g).map((a) => a.error)).toEqual(["connect", "connect"]);
    }
    await h.flush();
    expect(await h.db.generation.count({ where: { userId: user.id } })).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Rate limits everywhere
// ---------------------------------------------------------------------------------------------

describe("every eligible provider rate-limits", () => {
  it("answers 502 with each provider's 429 in the attempts (one provider's Retry-After does not speak for the others)", async () => {
    const user = await h.createUser();
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"])
      h.mock.setProvider(slug, { failure: "429", retryAfter: 9 });
    const r = await send(user.key, { model: "e2e/echo" });
    const error = errorOf(r, 502);
    expect(error.metadata?.code).toBe("upstream_failed");
    expect(error.metadata?.attempts).toEqual([
      { provider: "e2e-retain", status: 429 },
      { provider: "e2e-zdr", status: 429 },
      { provider: "e2e-anthropic", status: 429 },
    ]);
    // The upstream's own error text ("mock upstream rate limit") is never passed on.
    expect(r.text).not.toContain("mock upstream");
    expect(calledProviders()).not.toContain("e2e-trains");
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({ status: "error", http_status: 502, cancelled: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Streams that never send [DONE]
// ---------------------------------------------------------------------------------------------

describe("a stream that never sends [DONE]", () => {
  it("stalls after its first words (connection left open): ends with a 504 error chunk and closes the upstream connection", async () => {
    const user = await h.createUser();
    // One word every 5 s: far past the wait allowed between two pieces of a stream.
    h.mock.setProvider("fx-proxied", { reply: "first then silence for a long while", tokensPerSecond: 0.2 });
    const r = await send(user.key, { model: "fx/proxied", stream: true });
    expect(r.res.status).toBe(200);
    const data = sseData(r.text);
    expect(data).not.toContain("[DONE]");
    const chunks = sseChunks(r.text) as {
      error?: { code: number; message: string };
      choices: { delta?: { content?: string } }[];
    }[];
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("first");
    expect(chunks.at(-1)!.error).toMatchObject({ code: 504 });
    expect(chunks.filter((c) => c.error)).toHaveLength(1);
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({
      status: "error",
      http_status: 504,
      error_code: "stream_timeout",
      cancelled: false,
      finish_reason: "error",
      streamed: true,
    });
    expect(attemptsOf(g)).toEqual([{ provider: "fx-proxied", status: 200, error: "stream_timeout" }]);
    // Privet gave up on the provider: its connection is closed, not left waiting.
    await vi.waitFor(() => expect(h.proxy.openConnections()).toBe(0), { timeout: 5_000, interval: 25 });
  });

  it("trickles past the total timeout: ends with a 504 error chunk", async () => {
    const user = await h.createUser();
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
    // Ten words a second, each in time, but 20 s in all: longer than the total allowed.
    h.mock.setProvider("fx-proxied", { reply: words, tokensPerSecond: 10 });
    const r = await send(user.key, { model: "fx/proxied", stream: true });
    expect(r.res.status).toBe(200);
    expect(sseData(r.text)).not.toContain("[DONE]");
    const chunks = sseChunks(r.text) as { error?: { code: number } }[];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.at(-1)!.error).toMatchObject({ code: 504 });
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({ status: "error", http_status: 504, error_code: "stream_timeout", cancelled: false });
    await vi.waitFor(() => expect(h.proxy.openConnections()).toBe(0), { timeout: 5_000, interval: 25 });
  });

  it("just stops (a clean end with no finish_reason and no [DONE]): a 502 error chunk, recorded as dropped", async () => {
    const user = await h.createUser();
    rawBehaviour = "truncated-stream";
    const r = await send(user.key, { model: "fx/raw-only", stream: true });
    expect(r.res.status).toBe(200);
    const data = sseData(r.text);
    expect(data).not.toContain("[DONE]");
    const chunks = sseChunks(r.text) as { error?: { code: number }; choices: { delta?: { content?: string } }[] }[];
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("half an");
    expect(chunks.at(-1)!.error).toMatchObject({ code: 502 });
    const g = await generation(user.key, r.id);
    expect(g).toMatchObject({
      status: "error",
      http_status: 502,
      error_code: "stream_dropped",
      cancelled: false,
      finish_reason: "error",
    });
    expect(rawCalls).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// First responses Privet cannot read
// ---------------------------------------------------------------------------------------------

describe("a first response Privet cannot read falls back, and is never passed on", () => {
  const cases: { behaviour: TRawBehaviour; stream: boolean; status: number; error: string }[] = [
    { behaviour: "garbage-first-event", stream: true, status: 502, error: "malformed" },
    { behaviour: "empty-stream", stream: true, status: 502, error: "dropped" },
    { behaviour: "json-without-choices", stream: false, status: 502, error: "malformed" },
    { behaviour: "html-page", stream: false, status: 502, error: "malformed" },
  ];
  for (const c of cases) {
    it(`${c.behaviour} (${c.stream ? "streamed" : "non-streamed"})`, async () => {
      const user = await h.createUser();
      rawBehaviour = c.behaviour;
      const r = await send(user.key, { model: "fx/raw-first", stream: c.stream });
      expect(r.res.status, r.text).toBe(200);
      expect(r.res.headers.get("x-privet-provider")).toBe("e2e-zdr");
      expect(r.text).not.toContain("RAWUPSTREAMBODY");
      expect(rawCalls).toBe(1);
      const g = await generation(user.key, r.id);
      expect(g).toMatchObject({ status: "success", cancelled: false });
      expect(attemptsOf(g)).toEqual([
        { provider: "fx-raw", status: c.status, error: c.error },
        { provider: "e2e-zdr", status: 200 },
      ]);
    });
  }

  it("with no other endpoint: 502 in the error shape, without the provider's body", async () => {
    const user = await h.createUser();
    rawBehaviour = "html-page";
    const r = await send(user.key, { model: "fx/raw-only" });
    const error = errorOf(r, 502);
    expect(error.metadata?.attempts).toEqual([{ provider: "fx-raw", status: 502 }]);
    expect(r.text).not.toContain("RAWUPSTREAMBODY");
    expect(r.text).not.toMatch(/<html/i);
  });
});

// ---------------------------------------------------------------------------------------------
// Nothing of it was kept
// ---------------------------------------------------------------------------------------------

describe("for accounts without prompt logging", () => {
  it("no prompt from these failures is in a data file, an error body, a header or a printed line", async () => {
    // A control that must be found proves the records reached the files scanned below: X-Title
    // is metadata, stored in plain text.
    const user = await h.createUser();
    const control = `PVTCONTROL${crypto.randomBytes(6).toString("hex")}`;
    expect(
      (
        await h.chat(
          user.key,
          { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] },
          { "x-title": control },
        )
      ).status,
    ).toBe(200);
    await h.flush();
    // On PostgreSQL the database is read through SQL, with the server's log (tests/support/database-scan.ts).
    const files = [...readFilesUnder(h.dir), ...(await readDatabase(h.dialect, serverLog))];
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseEntryNames(h.dialect, ["Generation"])));
    expect(findInFiles(control, files).length).toBeGreaterThan(0);

    expect(markers.length).toBeGreaterThan(20);
    expect(errorTexts.length).toBeGreaterThan(3);
    expect(await h.db.generationContent.count()).toBe(0);
    for (const m of markers) {
      expect(findInFiles(m, files), `${m}: data files`).toEqual([]);
      for (const text of errorTexts) expect(text, `${m}: error body`).not.toContain(m);
      for (const text of headerTexts) expect(text, `${m}: headers`).not.toContain(m);
    }
    expect(printed.text()).not.toContain("PVTFAULT");
  });
});
