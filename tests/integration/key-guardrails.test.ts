// Guardrails on an API key (README, "Guardrails on a key"): a spending limit that refuses with 402
// and starts over when its period turns, allowed models and providers that no `models` fallback
// or `provider` preference can get around, required ZDR, an expiry (401) and the key's own
// requests per minute (429) — each refused before any upstream call, in OpenRouter's error shape,
// leaving a metadata record that names the reason. Spend is summed from the database, so limits
// hold across instances (the PostgreSQL case below).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteBoundary, startHarness, type THarness } from "@/tests/support/harness";
import { spawn } from "node:child_process";
import { isPostgresRun } from "@/tests/support/database";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";

let h: THarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  const { limitsClock: guardrailClock } = await import("@/lib/limits/limits");
  guardrailClock().now = () => new Date();
});

const hello = [{ role: "user", content: "hello there" }];
type TErrorBody = { error: { code: number; message: string; metadata?: Record<string, unknown> } };
type TRecord = { status: string; http_status: number; error_code: string | null; provider_responses: unknown[] };

const NONE: TKeyGuardrails = {
  spendLimit: null,
  limitReset: null,
  allowedModels: [],
  allowedProviders: [],
  requireZdr: false,
  expiresAt: null,
  rateLimitPerMinute: null,
  allowedDataRegions: [],
};

/** A fresh account with one key carrying `guardrails`. */
async function keyWith(guardrails: Partial<TKeyGuardrails>) {
  const user = await h.createUser();
  const { createApiKey } = await import("@/lib/keys/api-keys");
  const { key, info } = await createApiKey(user.id, "guarded", { guardrails: { ...NONE, ...guardrails } });
  // The account's unguarded key reads the records back.
  return { user, key, keyId: info.id, reader: user.key };
}

/** The refusal's status, error body and metadata record; asserts no provider heard of it. */
async function refused(key: string, reader: string, body: unknown) {
  const before = h.mock.calls().length;
  const res = await h.chat(key, body);
  const error = (await res.json()) as TErrorBody;
  expect(h.mock.calls().length, "an upstream call was made").toBe(before);
  const id = res.headers.get("x-privet-generation-id");
  expect(id).toBeTruthy();
  const record = (await (await h.get(`/api/v1/generation?id=${id}`, reader)).json()) as { data: TRecord };
  expect(Object.keys(error)).toEqual(["error"]);
  return { status: res.status, error: error.error, record: record.data, headers: res.headers };
}

async function served(key: string, body: unknown) {
  const res = await h.chat(key, body);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { provider: res.headers.get("x-privet-provider"), model: (JSON.parse(text) as { model: string }).model };
}

describe("spending limit", () => {
  it("refuses with 402 once the day's spend reaches the limit, with no upstream call; the next day it serves again", async () => {
    const { key, reader } = await keyWith({ spendLimit: 0.000001, limitReset: "daily" });
    await served(key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-zdr"] } });

    const over = await refused(key, reader, { model: "e2e/echo", messages: hello });
    expect(over.status).toBe(402);
    expect(over.error.code).toBe(402);
    expect(over.error.message).toMatch(
      /^Key limit exceeded: this API key has spent \$[\d.]+ of its \$[\d.]+ per day limit; it resets at /,
    );
    expect(over.error.metadata).toMatchObject({ code: "key_limit_exceeded", limit: 0.000001, limit_reset: "daily" });
    expect(over.record).toMatchObject({
      status: "error",
      http_status: 402,
      error_code: "key_limit_exceeded",
      provider_responses: [],
    });

    // /key reports the limit as OpenRouter does: nothing left today.
    const info = (await (await h.get("/api/v1/key", key)).json()) as { data: Record<string, unknown> };
    expect(info.data).toMatchObject({ limit: 0.000001, limit_remaining: 0, limit_reset: "daily" });

    // The period turns: midnight UTC has passed, yesterday's spend no longer counts.
    const { limitsClock: guardrailClock } = await import("@/lib/limits/limits");
    const tomorrow = new Date(Date.now() + 86_400_000);
    guardrailClock().now = () => tomorrow;
    await served(key, { model: "e2e/echo", messages: hello });
  });

  it("a limit without a reset counts everything the key ever spent; another key of the account is not limited by it", async () => {
    const { key, reader } = await keyWith({ spendLimit: 0.000001 });
    await served(key, { model: "e2e/echo", messages: hello });
    expect((await refused(key, reader, { model: "e2e/echo", messages: hello })).status).toBe(402);
    const { limitsClock: guardrailClock } = await import("@/lib/limits/limits");
    const nextMonth = new Date(Date.now() + 40 * 86_400_000);
    guardrailClock().now = () => nextMonth;
    expect((await refused(key, reader, { model: "e2e/echo", messages: hello })).status).toBe(402);
    await served(reader, { model: "e2e/echo", messages: hello });
  });
});

describe("allowed models and providers", () => {
  it("a key limited to one model gets 403 for another, and its models fallbacks never reach one it may not use", async () => {
    const { key, reader } = await keyWith({ allowedModels: ["e2e/echo"] });
    const other = await refused(key, reader, { model: "e2e/tools", messages: hello });
    expect(other.status).toBe(403);
    expect(other.error.metadata).toMatchObject({ code: "model_not_allowed", model: "e2e/tools" });
    expect(other.record).toMatchObject({ http_status: 403, error_code: "model_not_allowed" });

    // The allowed model fails on every provider: the fallback the key may not use is never tried.
    // The account's unguarded key, asking the same, tries both models' endpoints.
    for (const slug of ["e2e-trains", "e2e-retain", "e2e-zdr", "e2e-unknown", "e2e-anthropic"])
      h.mock.setProvider(slug, { failure: "500" });
    const attempts = async (k: string, body: Record<string, unknown>) => {
      h.mock.clearCalls();
      const res = await h.chat(k, { ...body, messages: hello });
      await res.text();
      expect(res.status).toBe(502);
      return h.mock.calls().length;
    };
    try {
      const echoAlone = await attempts(reader, { model: "e2e/echo" });
      const withFallback = await attempts(reader, { model: "e2e/echo", models: ["e2e/tools"] });
      expect(withFallback).toBeGreaterThan(echoAlone);
      expect(await attempts(key, { model: "e2e/echo", models: ["e2e/tools"] })).toBe(echoAlone);
    } finally {
      h.mock.reset();
    }
  });

  it("a key limited to providers never reaches another, whatever the request's provider preferences or fallbacks say", async () => {
    const { key, reader } = await keyWith({ allowedProviders: ["e2e-retain"] });
    expect((await served(key, { model: "e2e/echo", messages: hello })).provider).toBe("e2e-retain");
    // The request asks for other providers only: nothing in common is the key's refusal.
    const elsewhere = await refused(key, reader, {
      model: "e2e/echo",
      messages: hello,
      provider: { only: ["e2e-zdr"] },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.error.metadata).toMatchObject({ code: "provider_not_allowed", allowed_providers: ["e2e-retain"] });
    // `order` cannot widen it either.
    expect((await served(key, { model: "e2e/echo", messages: hello, provider: { order: ["e2e-zdr"] } })).provider).toBe(
      "e2e-retain",
    );

    // The allowed provider fails: fallbacks stay on allowed providers (e2e/tools' e2e-retain), never others.
    h.mock.clearCalls();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    try {
      const res = await h.chat(key, { model: "e2e/echo", models: ["e2e/tools"], messages: hello });
      await res.text();
      expect(res.status).toBe(502);
      const reached = new Set(h.mock.calls().map((call) => call.provider));
      expect([...reached]).toEqual(["e2e-retain"]);
    } finally {
      h.mock.reset();
    }

    // A model none of whose endpoints the key may reach (e2e/tools has no e2e-anthropic): 403, no upstream call.
    const narrow = await keyWith({ allowedProviders: ["e2e-anthropic"] });
    const tools = await refused(narrow.key, narrow.reader, { model: "e2e/tools", messages: hello });
    expect(tools.status).toBe(403);
    expect(tools.record).toMatchObject({ error_code: "provider_not_allowed", provider_responses: [] });
  });

  it("a key requiring ZDR reaches ZDR endpoints only, even when the request says zdr: false", async () => {
    const { key } = await keyWith({ requireZdr: true });
    expect((await served(key, { model: "e2e/echo", messages: hello, provider: { zdr: false } })).provider).toBe(
      "e2e-zdr",
    );
  });
});

describe("expiry and requests per minute", () => {
  it("an expired key gets 401, with a record naming the reason", async () => {
    const { key, reader } = await keyWith({ expiresAt: new Date(Date.now() + 3_600_000) });
    await served(key, { model: "e2e/echo", messages: hello });
    const { limitsClock: guardrailClock } = await import("@/lib/limits/limits");
    const later = new Date(Date.now() + 2 * 3_600_000);
    guardrailClock().now = () => later;
    const expired = await refused(key, reader, { model: "e2e/echo", messages: hello });
    expect(expired.status).toBe(401);
    expect(expired.error.metadata).toMatchObject({ code: "key_expired" });
    expect(expired.record).toMatchObject({ http_status: 401, error_code: "key_expired" });
    expect((await h.get("/api/v1/models", key)).status).toBe(200);
    expect((await h.get("/api/v1/key", key)).status).toBe(401);
  });

  it("a key whose expiry has passed can have its other guardrails changed; a new expiry must be ahead", async () => {
    const { user, keyId } = await keyWith({});
    const passed = new Date(Date.now() - 60_000);
    await h.db.apiKey.update({ where: { id: keyId }, data: { expiresAt: passed } });
    const { updateApiKey } = await import("@/lib/keys/api-keys");
    const changed = await updateApiKey(user.id, keyId, { guardrails: { spendLimit: 1 } });
    expect(changed.guardrails).toMatchObject({ spendLimit: 1, expiresAt: passed });
    await expect(
      updateApiKey(user.id, keyId, { guardrails: { expiresAt: new Date(Date.now() - 1_000) } }),
    ).rejects.toThrow("The expiry must be in the future.");
    const renewed = new Date(Date.now() + 86_400_000);
    expect((await updateApiKey(user.id, keyId, { guardrails: { expiresAt: renewed } })).guardrails.expiresAt).toEqual(
      renewed,
    );
  });

  it("a key's own requests per minute: 429 with Retry-After past them, other keys unaffected", async () => {
    await awayFromMinuteBoundary();
    const { key, reader } = await keyWith({ rateLimitPerMinute: 2 });
    await served(key, { model: "e2e/echo", messages: hello });
    await served(key, { model: "e2e/echo", messages: hello });
    const limited = await refused(key, reader, { model: "e2e/echo", messages: hello });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.error.metadata).toEqual({
      code: "rate_limited",
      limited_by: "key",
      retry_after_seconds: retryAfter,
    });
    expect(limited.record).toMatchObject({ http_status: 429, error_code: "rate_limited" });
    await served(reader, { model: "e2e/echo", messages: hello });
  });

  it("guardrails are checked on input: an unknown model or provider, or an expiry in the past, is refused", async () => {
    const user = await h.createUser();
    const { createApiKey } = await import("@/lib/keys/api-keys");
    await expect(createApiKey(user.id, "k", { guardrails: { ...NONE, allowedModels: ["nope/none"] } })).rejects.toThrow(
      "Unknown model: nope/none.",
    );
    await expect(createApiKey(user.id, "k", { guardrails: { ...NONE, allowedProviders: ["nobody"] } })).rejects.toThrow(
      "Unknown provider: nobody.",
    );
    await expect(
      createApiKey(user.id, "k", { guardrails: { ...NONE, expiresAt: new Date(Date.now() - 1000) } }),
    ).rejects.toThrow("The expiry must be in the future.");
    await expect(createApiKey(user.id, "k", { guardrails: { ...NONE, spendLimit: -1 } })).rejects.toThrow(
      "The limit cannot be negative.",
    );
  });
});

describe("spend across instances", () => {
  /** Another instance on the same database, in a process of its own. */
  async function secondInstance() {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/api-instance.ts"], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.once("data", (chunk: Buffer) => resolve(String(chunk).trim()));
      child.once("exit", (code) => reject(new Error(`the second instance exited (${code})`)));
    });
    return {
      chat: (key: string, body: unknown) =>
        fetch(`http://127.0.0.1:${port}/api/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      close: () =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    };
  }

  it(
    `what one instance spent counts against the key's limit on the other (${isPostgresRun() ? "PostgreSQL" : "SQLite"})`,
    { timeout: 60_000 },
    async () => {
      const other = await secondInstance();
      try {
        const { key } = await keyWith({ spendLimit: 0.000001, limitReset: "monthly" });
        // The other instance has seen this key under its limit...
        const first = await other.chat(key, { model: "e2e/echo", messages: hello });
        await first.text();
        expect(first.status).toBe(200);
        // ...this one serves it once (its own spend check sees nothing yet, the first request's record
        // may still be on its way), then both must refuse once the database holds the spend.
        await h.flush();
        const calls = h.mock.calls().length;
        for (let i = 0; i < 100; i++) {
          const res = await h.chat(key, { model: "e2e/echo", messages: hello });
          await res.text();
          if (res.status === 402) break;
          expect(res.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const here = await h.chat(key, { model: "e2e/echo", messages: hello });
        expect(here.status).toBe(402);
        await here.text();
        // The other instance, whose own request never finished a refusal, now sees this instance's spend.
        await h.flush();
        let status = 0;
        for (let i = 0; i < 100 && status !== 402; i++) {
          const res = await other.chat(key, { model: "e2e/echo", messages: hello });
          await res.text();
          status = res.status;
          if (status !== 402) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(status).toBe(402);
        expect(h.mock.calls().length).toBeLessThanOrEqual(calls + 3);
      } finally {
        await other.close();
      }
    },
  );
});
