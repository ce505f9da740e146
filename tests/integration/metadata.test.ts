// Rule 2: every chat request that passed authentication leaves exactly one metadata record —
// successes, client errors, refusals, upstream failures, timeouts and cancellations alike — and
// the record is readable the moment the response has ended. Plus the read APIs around it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sseChunks, startHarness, type THarness } from "@/tests/support/harness";

/** The e2e catalog plus a model with distinct prompt/completion/request prices and an endpoint policy override. */
function metadataCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  return {
    ...base,
    models: [
      ...base.models,
      {
        id: "it/priced",
        name: "Priced",
        contextLength: 8192,
        endpoints: [
          {
            provider: "e2e-retain",
            upstreamModel: "upstream-priced",
            pricing: { prompt: 3, completion: 15, request: 0.001 },
            quantization: "fp8",
            // This endpoint keeps prompts 7 days, not the provider's 30.
            dataPolicy: { retentionDays: 7 },
          },
        ],
      },
    ],
  };
}
const PRICED = { prompt: 3, completion: 15, request: 0.001 };

let h: THarness;

beforeAll(async () => {
  h = await startHarness({ catalog: metadataCatalog, env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: "250" } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const hello = [{ role: "user", content: "hello there" }];

type TGeneration = {
  id: string;
  created_at: string;
  model: string;
  provider_name: string | null;
  provider_slug: string | null;
  upstream_model: string | null;
  provider_responses: { provider: string; status: number; latency: number; error?: string }[];
  streamed: boolean;
  cancelled: boolean;
  status: string;
  http_status: number;
  error_code: string | null;
  finish_reason: string | null;
  native_finish_reason: string | null;
  latency: number | null;
  tokens_prompt: number;
  tokens_completion: number;
  total_cost: number;
  app_title: string | null;
  http_referer: string | null;
  origin: string;
  user_agent: string | null;
  external_user: string | null;
  api_key_id: string | null;
  data_policy: Record<string, unknown> | null;
  content_stored: boolean;
};

async function getGeneration(key: string, id: string): Promise<TGeneration> {
  const res = await h.get(`/api/v1/generation?id=${encodeURIComponent(id)}`, key);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as { data: TGeneration }).data;
}

const idOf = (res: Response) => res.headers.get("x-privet-generation-id")!;
const cost = (prompt: number, completion: number, p: { prompt: number; completion: number; request?: number }) =>
  (prompt * p.prompt + completion * p.completion) / 1_000_000 + (p.request ?? 0);

/** Starts a streaming request and aborts it once the first word has arrived; resolves with its generation id. */
async function cancelMidStream(key: string, body: Record<string, unknown>): Promise<string> {
  const client = new AbortController();
  const res = await fetch(`${h.baseUrl}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: true }),
    signal: client.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let seen = "";
  while (!seen.includes('"content":"w')) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before it could be cancelled");
    seen += new TextDecoder().decode(value);
  }
  client.abort();
  await reader.read().catch(() => undefined);
  return idOf(res);
}

/** Waits (no fixed sleep) until the server has noticed the disconnect and recorded it. */
async function waitForStatus(key: string, id: string, status: string): Promise<TGeneration> {
  let g: TGeneration | null = null;
  await vi.waitFor(
    async () => {
      g = await getGeneration(key, id);
      expect(g.status).toBe(status);
    },
    { timeout: 5_000, interval: 20 },
  );
  return g!;
}

// Long enough (6 s at 10 words/s) that the client is always gone before the end, even on a busy machine.
const slowReply = Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ");

describe("exactly one record per authenticated request", () => {
  it("for every outcome, and none for a request that failed authentication", async () => {
    const user = await h.createUser();
    const before = await (async () => {
      await h.flush();
      return h.db.generation.count();
    })();
    /** The HTTP status each request's record must hold. */
    const expected: number[] = [];
    const send = async (body: unknown, status: number, recorded = status) => {
      // Each request meets the providers as set here, not as earlier failures left their health.
      h.forgetHealth();
      const res = await h.chat(user.key, body);
      await res.text();
      expect(res.status).toBe(status);
      expected.push(recorded);
    };

    await send({ model: "e2e/echo", messages: hello }, 200);
    await send({ model: "e2e/echo", messages: hello, stream: true }, 200);
    await send('{"model": "e2e/echo", "messages": [', 400);
    await send("", 400);
    await send({ model: "e2e/echo", messages: hello, temperature: "hot" }, 400);
    await send({ model: "nope/none", messages: hello }, 404);
    await send({ model: "e2e/echo:free", messages: hello }, 404);
    await send({ model: "e2e/echo", messages: [{ role: "user", content: "x".repeat(25 * 1024 * 1024) }] }, 413);
    h.mock.setProvider("e2e-retain", { failure: "500" });
    await send({ model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } }, 502);
    h.mock.setProvider("e2e-retain", { failure: "429" });
    await send({ model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } }, 429);
    h.mock.setProvider("e2e-retain", { failure: "hang" });
    await send({ model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } }, 504);
    h.mock.setProvider("e2e-retain", { failure: "drop" });
    // A stream that drops after its first chunk answered 200 but is recorded as the 502 it became.
    await send({ model: "e2e/echo", messages: hello, stream: true, provider: { allow_fallbacks: false } }, 200, 502);
    h.mock.setProvider("e2e-retain", { failure: null, reply: slowReply, tokensPerSecond: 10 });
    h.forgetHealth();
    const cancelled = await cancelMidStream(user.key, { model: "e2e/echo", messages: hello });
    await waitForStatus(user.key, cancelled, "cancelled");
    expected.push(499);

    // Cancelled before the upstream answered (non-streamed): the client gives up while waiting.
    // Timeouts are read per request: make sure the wait cannot become a 504 first.
    process.env.PRIVET_TIMEOUT_FIRST_BYTE_MS = "10000";
    h.mock.setProvider("e2e-retain", { failure: null, reply: null, tokensPerSecond: null, ttftMs: 5_000 });
    h.forgetHealth();
    const client = new AbortController();
    const pending = fetch(`${h.baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content: "waiting-client" }] }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    const isWaitingClient = (body: unknown) =>
      JSON.stringify((body as { messages?: unknown }).messages).includes("waiting-client");
    await vi.waitFor(() => expect(h.mock.calls().some((c) => isWaitingClient(c.body))).toBe(true), {
      timeout: 5_000,
      interval: 20,
    });
    client.abort();
    await pending;
    expected.push(499);
    process.env.PRIVET_TIMEOUT_FIRST_BYTE_MS = "250";

    // Authentication failures leave nothing.
    for (const authorization of ["", "Bearer sk-pv-" + "B".repeat(43), "Basic abc"]) {
      const res = await fetch(`${h.baseUrl}/api/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ model: "e2e/echo", messages: hello }),
      });
      expect(res.status).toBe(401);
    }
    // Requests that never reach the router (wrong method, unknown route) leave nothing either.
    expect((await h.get("/api/v1/chat/completions", user.key)).status).toBe(405);
    expect((await h.get("/api/v1/chat/nothing", user.key)).status).toBe(404);

    await vi.waitFor(
      async () => {
        await h.flush();
        expect(await h.db.generation.count({ where: { userId: user.id } })).toBe(expected.length);
      },
      { timeout: 5_000, interval: 20 },
    );
    await h.flush();
    const rows = await h.db.generation.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r.httpStatus).sort()).toEqual([...expected].sort());
    const cancelledRows = rows.filter((r) => r.status === "cancelled");
    expect(cancelledRows).toHaveLength(2);
    // Before or after the first byte, a cancellation reads the same.
    expect(cancelledRows.map((r) => [r.cancelled, r.httpStatus, r.errorCode, r.finishReason])).toEqual([
      [true, 499, "cancelled", "cancelled"],
      [true, 499, "cancelled", "cancelled"],
    ]);
    expect(rows.every((r) => r.userId === user.id && r.apiKeyId === user.keyId)).toBe(true);
    expect(await h.db.generation.count()).toBe(before + expected.length);
  });
});

describe("the record", () => {
  it("is readable as soon as a non-streamed response has ended, with every field", async () => {
    const user = await h.createUser();
    const res = await h.chat(
      user.key,
      { model: "it/priced", messages: hello, user: "end-user-42" },
      {
        "x-title": "Integration App",
        "http-referer": "https://app.example.com/page",
        "user-agent": "privet-it/1.0",
      },
    );
    const body = (await res.json()) as {
      id: string;
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number };
    };
    expect(res.status).toBe(200);
    // No flush, no wait: read-your-writes.
    const g = await getGeneration(user.key, body.id);
    expect(g.id).toBe(body.id);
    expect(idOf(res)).toBe(body.id);
    expect(g).toMatchObject({
      model: "it/priced",
      provider_slug: "e2e-retain",
      provider_name: "E2E Retain",
      upstream_model: "upstream-priced",
      streamed: false,
      cancelled: false,
      status: "success",
      http_status: 200,
      finish_reason: "stop",
      native_finish_reason: "stop",
      app_title: "Integration App",
      http_referer: "https://app.example.com/page",
      user_agent: "privet-it/1.0",
      external_user: "end-user-42",
      origin: "api",
      api_key_id: user.keyId,
      content_stored: false,
    });
    expect(g.provider_responses.map(({ provider, status }) => ({ provider, status }))).toEqual([
      { provider: "e2e-retain", status: 200 },
    ]);
    // The mock counts words: "hello there" → 2, "Hello from e2e-retain." → 3.
    expect([g.tokens_prompt, g.tokens_completion]).toEqual([2, 3]);
    expect(body.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(g.total_cost).toBeCloseTo(cost(2, 3, PRICED), 12);
    expect(body.usage.cost).toBeCloseTo(g.total_cost, 12);
    // The served endpoint's effective policy: its own 7-day override over the provider's 30.
    expect(g.data_policy).toMatchObject({ training: false, retainsPrompts: true, retentionDays: 7, zdr: false });
    expect(res.headers.get("x-privet-data-policy")).toBe("training=no; retention=7d; zdr=no; publish=no");
    expect(res.headers.get("x-privet-content-stored")).toBe("no");
    expect(Number.isNaN(Date.parse(g.created_at))).toBe(false);
    expect(g.latency).toBeGreaterThanOrEqual(0);
  });

  it("is readable as soon as a stream has ended, with the usage chunk's tokens and cost", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { reply: "one two three four" });
    const res = await h.chat(
      user.key,
      { model: "it/priced", messages: [{ role: "user", content: "a b c d e" }], stream: true },
      { "x-title": "Streamer" },
    );
    const chunks = sseChunks(await res.text());
    const usage = chunks.at(-1)!.usage as {
      prompt_tokens: number;
      completion_tokens: number;
      total_tokens: number;
      cost: number;
    };
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    const g = await getGeneration(user.key, idOf(res));
    expect(g).toMatchObject({
      streamed: true,
      status: "success",
      finish_reason: "stop",
      tokens_prompt: 5,
      tokens_completion: 4,
      app_title: "Streamer",
      http_referer: null,
    });
    expect(g.total_cost).toBeCloseTo(cost(5, 4, PRICED), 12);
    expect(usage.cost).toBeCloseTo(g.total_cost, 12);
  });

  it("for the Messages API: tokens from Anthropic's usage, cost at that endpoint's price", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-anthropic"] } });
    expect(res.status).toBe(200);
    const g = await getGeneration(user.key, idOf(res));
    expect(g).toMatchObject({
      provider_slug: "e2e-anthropic",
      tokens_prompt: 2,
      tokens_completion: 3,
      finish_reason: "stop",
      native_finish_reason: "end_turn",
    });
    expect(g.total_cost).toBeCloseTo(cost(2, 3, { prompt: 2, completion: 2 }), 12);
  });

  it("is readable as soon as an error response has ended, with the attempts and no provider", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    h.mock.setProvider("e2e-zdr", { failure: "429" });
    h.mock.setProvider("e2e-anthropic", { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    expect(res.status).toBe(502);
    const g = await getGeneration(user.key, idOf(res));
    expect(g).toMatchObject({
      status: "error",
      http_status: 502,
      error_code: "upstream_failed",
      provider_slug: null,
      data_policy: null,
      tokens_prompt: 0,
      tokens_completion: 0,
      total_cost: 0,
    });
    expect(g.provider_responses.map(({ provider, status }) => [provider, status])).toEqual([
      ["e2e-retain", 500],
      ["e2e-zdr", 429],
      ["e2e-anthropic", 500],
    ]);
  });

  it("of a refusal names the model and the refusal code, and no attempt", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, { model: "e2e/echo:free", messages: hello });
    expect(res.status).toBe(404);
    const g = await getGeneration(user.key, idOf(res));
    expect(g).toMatchObject({
      model: "e2e/echo:free",
      status: "error",
      http_status: 404,
      error_code: "privacy_restricted",
      provider_responses: [],
    });
  });

  it("of a request refused before parsing (413, invalid JSON) is readable too", async () => {
    const user = await h.createUser();
    for (const [body, status] of [
      ["{", 400],
      [JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content: "y".repeat(25 * 1024 * 1024) }] }), 413],
    ] as const) {
      const res = await h.chat(user.key, body, { "x-title": "Rejected" });
      expect(res.status).toBe(status);
      const g = await getGeneration(user.key, idOf(res));
      expect(g).toMatchObject({ http_status: status, status: "error", model: "unknown", app_title: "Rejected" });
    }
  });

  it("is the owner's alone: another user's id is 404, for the record and for its content", async () => {
    const owner = await h.createUser({ promptLogging: true });
    const other = await h.createUser({ promptLogging: true });
    const res = await h.chat(owner.key, { model: "e2e/echo", messages: hello });
    const id = idOf(res);
    expect(res.headers.get("x-privet-content-stored")).toBe("yes");
    expect((await h.get(`/api/v1/generation?id=${id}`, owner.key)).status).toBe(200);
    expect((await h.get(`/api/v1/generation/content?id=${id}`, owner.key)).status).toBe(200);
    // Pending in memory and, after the flush, in the database: both are owner-scoped.
    for (const phase of ["pending", "stored"]) {
      if (phase === "stored") await h.flush();
      const record = await h.get(`/api/v1/generation?id=${id}`, other.key);
      expect(record.status, phase).toBe(404);
      expect(await record.text()).not.toContain(owner.id);
      expect((await h.get(`/api/v1/generation/content?id=${id}`, other.key)).status, phase).toBe(404);
    }
    expect((await h.get(`/api/v1/generation?id=${id}`, owner.key)).status).toBe(200);
  });
});

describe("when the database refuses a write", () => {
  it("the record stays readable from memory and is written by a retry, without another request", async () => {
    // Fault injection in the database itself: inserts into Generation fail while ItFail has a row.
    // A trigger is each database's own SQL.
    const { rawExecute } = await import("@/lib/db");
    await rawExecute(h.db, `CREATE TABLE IF NOT EXISTS "ItFail" ("x" INTEGER)`);
    if (h.dialect === "postgresql") {
      await rawExecute(
        h.db,
        `CREATE OR REPLACE FUNCTION "it_fail_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF EXISTS (SELECT 1 FROM "ItFail") THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
      );
      await rawExecute(
        h.db,
        `CREATE OR REPLACE TRIGGER "it_fail_generation" BEFORE INSERT ON "Generation" FOR EACH ROW EXECUTE FUNCTION "it_fail_generation"()`,
      );
    } else {
      await rawExecute(
        h.db,
        `CREATE TRIGGER IF NOT EXISTS "it_fail_generation" BEFORE INSERT ON "Generation" WHEN EXISTS (SELECT 1 FROM "ItFail") BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
    }
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const user = await h.createUser();
      await rawExecute(h.db, `INSERT INTO "ItFail" ("x") VALUES (1)`);
      const res = await h.chat(user.key, {
        model: "e2e/echo",
        messages: [{ role: "user", content: "do not log this text" }],
      });
      expect(res.status).toBe(200);
      const id = idOf(res);
      await h.flush();
      expect(await h.db.generation.count({ where: { id } })).toBe(0);
      // The failure was reported, by class only.
      expect(errors).toHaveBeenCalled();
      expect(errors.mock.calls.flat().join(" ")).not.toContain("do not log this text");
      // Still served from memory.
      expect((await getGeneration(user.key, id)).status).toBe("success");

      await rawExecute(h.db, `DELETE FROM "ItFail"`);
      // No new request and no explicit flush: the recorder must retry on its own.
      await vi.waitFor(async () => expect(await h.db.generation.count({ where: { id } })).toBe(1), {
        timeout: 4_000,
        interval: 25,
      });
    } finally {
      errors.mockRestore();
      await rawExecute(h.db, `DELETE FROM "ItFail"`);
      await rawExecute(
        h.db,
        `DROP TRIGGER IF EXISTS "it_fail_generation"${h.dialect === "postgresql" ? ` ON "Generation"` : ""}`,
      );
    }
  });

  it("a record whose account was deleted meanwhile is dropped and does not hold back the others", async () => {
    const { recorder } = await import("@/lib/gateway/recorder");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const kept = await h.createUser();
      const gone = await h.createUser();
      const okRes = await h.chat(kept.key, { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] });
      const keptId = idOf(okRes);
      const { findGeneration } = await import("@/lib/generations/generations");
      const template = await findGeneration(kept.id, keptId);
      expect(template).not.toBeNull();
      const goneRecord = { ...template!, id: "gen-orphan-record", userId: gone.id };
      await h.db.user.delete({ where: { id: gone.id } });
      recorder().record(goneRecord);
      await h.flush();
      expect(await h.db.generation.count({ where: { id: keptId } })).toBe(1);
      expect(await h.db.generation.count({ where: { id: "gen-orphan-record" } })).toBe(0);
      expect(recorder().pendingCount()).toBe(0);
    } finally {
      errors.mockRestore();
    }
  });
});

describe("catalog and key APIs", () => {
  it("GET /api/v1/models/{author}/{slug}/endpoints shows each endpoint's effective data policy", async () => {
    const res = await h.get("/api/v1/models/e2e/echo/endpoints");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: {
        id: string;
        endpoints: { provider_slug: string; is_free: boolean; data_policy: Record<string, unknown> }[];
      };
    };
    expect(data.id).toBe("e2e/echo");
    const bySlug = Object.fromEntries(data.endpoints.map((e) => [e.provider_slug, e.data_policy]));
    expect(Object.keys(bySlug).sort()).toEqual(["e2e-anthropic", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-zdr"]);
    expect(bySlug["e2e-zdr"]).toMatchObject({
      training: false,
      retains_prompts: false,
      zdr: true,
      retention: "Zero retention",
      summary: "training=no; retention=none; zdr=yes; publish=no",
    });
    expect(bySlug["e2e-retain"]).toMatchObject({
      training: false,
      retains_prompts: true,
      retention_days: 30,
      retention: "Retained for 30 days",
    });
    expect(bySlug["e2e-trains"]).toMatchObject({
      training: true,
      training_summary: "May train",
      retention: "Retained for an unknown period",
    });
    expect(bySlug["e2e-unknown"]).toMatchObject({
      training: null,
      retains_prompts: null,
      zdr: null,
      retention: "Unknown policy",
      training_summary: "Unknown (treated as may train)",
      summary: "training=unknown; retention=unknown; zdr=unknown; publish=unknown",
    });
    // The endpoint override, not the provider's policy.
    const priced = (await (await h.get("/api/v1/models/it/priced/endpoints")).json()) as {
      data: { endpoints: { data_policy: { retention_days: number } }[] };
    };
    expect(priced.data.endpoints[0]!.data_policy.retention_days).toBe(7);
    // Free variants: slug with ":free".
    const free = (await (await h.get("/api/v1/models/e2e/echo:free/endpoints")).json()) as {
      data: { endpoints: { is_free: boolean }[] };
    };
    expect(free.data.endpoints.map((e) => e.is_free)).toEqual([true, true]);
  });

  it("GET /api/v1/providers lists every provider with its policy", async () => {
    const res = await h.get("/api/v1/providers");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { slug: string; data_policy: Record<string, unknown> }[] };
    const bySlug = Object.fromEntries(data.map((p) => [p.slug, p.data_policy]));
    expect(Object.keys(bySlug).sort()).toEqual([
      "e2e-anthropic",
      "e2e-offline",
      "e2e-retain",
      "e2e-trains",
      "e2e-unknown",
      "e2e-zdr",
    ]);
    expect(bySlug["e2e-retain"]).toMatchObject({ retention_days: 30, terms_url: "https://example.com/terms" });
    expect(bySlug["e2e-unknown"]).toMatchObject({
      training: null,
      retains_prompts: null,
      zdr: null,
      retention: "Unknown policy",
    });
    expect(bySlug["e2e-trains"]).toMatchObject({ training: true });
  });

  it("GET /api/v1/models lists the catalog", async () => {
    const { data } = (await (await h.get("/api/v1/models")).json()) as { data: { id: string }[] };
    expect(data.map((m) => m.id)).toEqual(["e2e/echo", "e2e/echo:free", "e2e/tools", "it/priced"]);
  });

  it("GET /api/v1/key: OpenRouter's key object plus the key's name, prefix and creation time — never the key or its hash", async () => {
    const user = await h.createUser();
    const res = await h.get("/api/v1/key", user.key);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { data } = JSON.parse(text) as { data: Record<string, unknown> };
    expect(data).toMatchObject({ label: data.prefix, limit: null, usage: 0, is_free_tier: false });
    expect(data.name).toBe("test");
    expect(user.key.startsWith(data.prefix as string)).toBe(true);
    expect((data.prefix as string).length).toBeLessThan(user.key.length / 2);
    expect(Number.isNaN(Date.parse(data.created_at as string))).toBe(false);
    expect(text).not.toContain(user.key);
    const row = await h.db.apiKey.findUniqueOrThrow({ where: { id: user.keyId }, omit: { hash: false } });
    expect(text).not.toContain(row.hash);
  });
});
