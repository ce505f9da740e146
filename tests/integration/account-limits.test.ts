// Limits on an account, set by an admin (README, "Running Privet for a team"): a spending limit summed
// over all of the account's requests — every key's and the chat's — that refuses with 402 and starts
// over when its period turns, allowed models and providers no `models` fallback or `provider`
// preference can get around, required ZDR and requests per minute counting API and chat together;
// each refused before any upstream call, in OpenRouter's error shape, leaving a metadata record that
// names the reason. A key's guardrails can only narrow them further. Also a key's allowed data
// regions, which narrow the account's and the floor's. Spend is summed from the database, so the
// limit holds across instances (run on PostgreSQL with PRIVET_TEST_POSTGRES_URL).
import { randomUUID } from "node:crypto";
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { awayFromMinuteBoundary, startHarness, type THarness } from "@/tests/support/harness";
import { isPostgresRun } from "@/tests/support/database";
import type { TKeyGuardrails, TLimits } from "@/lib/keys/guardrails-schema";
import type { TChatEvent } from "@/lib/chat/types";

let h: THarness;

/** The e2e catalog with regions: e2e-zdr in Germany, e2e-retain in the US, e2e-anthropic in France. */
function regionsCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const regions: Record<string, string[]> = { "e2e-zdr": ["DE"], "e2e-retain": ["US"], "e2e-anthropic": ["FR"] };
  return {
    ...base,
    providers: base.providers.map((p) => (regions[p.slug] ? { ...p, dataRegions: regions[p.slug] } : p)),
  };
}

beforeAll(async () => {
  h = await startHarness({ catalog: regionsCatalog });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  const { limitsClock } = await import("@/lib/limits/limits");
  limitsClock().now = () => new Date();
  h.mock.reset();
});

const hello = [{ role: "user", content: "hello there" }];
type TErrorBody = { error: { code: number; message: string; metadata?: Record<string, unknown> } };
type TRecord = { status: string; http_status: number; error_code: string | null; provider_responses: unknown[] };

const NO_LIMITS: TLimits = {
  spendLimit: null,
  limitReset: null,
  allowedModels: [],
  allowedProviders: [],
  requireZdr: false,
  rateLimitPerMinute: null,
};

/** A fresh account with `limits` set as an admin sets them; its key has no guardrails of its own. */
async function accountWith(limits: Partial<TLimits>) {
  const user = await h.createUser();
  const { setAccountLimits } = await import("@/lib/accounts/limits");
  await setAccountLimits(user.id, { ...NO_LIMITS, ...limits });
  return user;
}

/** The refusal's status, error body and metadata record; asserts no provider heard of it. */
async function refused(key: string, body: unknown) {
  const before = h.mock.calls().length;
  const res = await h.chat(key, body);
  const error = (await res.json()) as TErrorBody;
  expect(h.mock.calls().length, "an upstream call was made").toBe(before);
  const id = res.headers.get("x-privet-generation-id");
  expect(id).toBeTruthy();
  const record = (await (await h.get(`/api/v1/generation?id=${id}`, key)).json()) as { data: TRecord };
  expect(Object.keys(error)).toEqual(["error"]);
  return { status: res.status, error: error.error, record: record.data, headers: res.headers };
}

async function served(key: string, body: unknown) {
  const res = await h.chat(key, body);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { provider: res.headers.get("x-privet-provider"), model: (JSON.parse(text) as { model: string }).model };
}

/** One reply on the chat page's path (the server action's stream), as its events. */
async function chatReply(userId: string): Promise<TChatEvent[]> {
  const chat = await import("@/lib/chat/chat-stream");
  const stream = chat.startChatStream(
    userId,
    {
      requestId: randomUUID(),
      model: "e2e/echo",
      messages: [{ role: "user", content: "hello" }],
      options: { denyDataCollection: false, zdr: false, order: [] },
    },
    { userAgent: null },
  );
  const events: TChatEvent[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}

describe("an account's spending limit", () => {
  it("refuses every key of the account with 402 once the account's spend reaches it, with no upstream call; the next day it serves again", async () => {
    const user = await accountWith({ spendLimit: 0.000001, limitReset: "daily" });
    await served(user.key, { model: "e2e/echo", messages: hello });

    const { createApiKey } = await import("@/lib/keys/api-keys");
    const { key: otherKey } = await createApiKey(user.id, "another", {});
    for (const key of [user.key, otherKey]) {
      const over = await refused(key, { model: "e2e/echo", messages: hello });
      expect(over.status).toBe(402);
      expect(over.error.code).toBe(402);
      expect(over.error.message).toMatch(
        /^Account limit exceeded: this account has spent \$[\d.]+ of its \$[\d.]+ per day limit \(set by an admin\); it resets at /,
      );
      expect(over.error.metadata).toMatchObject({
        code: "account_limit_exceeded",
        limited_by: "account",
        limit: 0.000001,
        limit_reset: "daily",
      });
      expect(over.record).toMatchObject({
        status: "error",
        http_status: 402,
        error_code: "account_limit_exceeded",
        provider_responses: [],
      });
    }
    // Another account is not limited by it.
    await served((await h.createUser()).key, { model: "e2e/echo", messages: hello });

    // The period turns: midnight UTC has passed, yesterday's spend no longer counts.
    const { limitsClock } = await import("@/lib/limits/limits");
    const tomorrow = new Date(Date.now() + 86_400_000);
    limitsClock().now = () => tomorrow;
    await served(user.key, { model: "e2e/echo", messages: hello });
  });

  it("counts the chat's requests: what the chat spent refuses the API, and the chat itself is refused with no upstream call", async () => {
    const user = await accountWith({ spendLimit: 0.000001, limitReset: "monthly" });
    const first = await chatReply(user.id);
    expect(first.some((e) => e.type === "error")).toBe(false);
    await h.flush();

    const api = await refused(user.key, { model: "e2e/echo", messages: hello });
    expect(api.status).toBe(402);
    expect(api.error.metadata).toMatchObject({ code: "account_limit_exceeded" });

    const calls = h.mock.calls().length;
    const again = await chatReply(user.id);
    const error = again.find((e) => e.type === "error");
    expect(error).toBeDefined();
    expect(JSON.stringify(error)).toContain("Account limit exceeded");
    expect(h.mock.calls().length).toBe(calls);
    await h.flush();
    const record = await h.db.generation.findFirst({ where: { userId: user.id, origin: "chat", httpStatus: 402 } });
    expect(record).toMatchObject({ errorCode: "account_limit_exceeded", status: "error" });
  });

  it("a limit set to nothing (cleared) lets the account through again", async () => {
    const user = await accountWith({ spendLimit: 0 });
    expect((await refused(user.key, { model: "e2e/echo", messages: hello })).status).toBe(402);
    const { setAccountLimits, getAccountLimits } = await import("@/lib/accounts/limits");
    await setAccountLimits(user.id, NO_LIMITS);
    expect(await h.db.accountLimits.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAccountLimits(user.id)).toEqual(NO_LIMITS);
    await served(user.key, { model: "e2e/echo", messages: hello });
  });
});

describe("what the account is told of its limits", () => {
  it("GET /api/v1/key reports them as account_limits beside the key's own, with what is left this period; null when none", async () => {
    const user = await accountWith({
      spendLimit: 5,
      limitReset: "weekly",
      allowedModels: ["e2e/echo"],
      allowedProviders: ["e2e-zdr"],
      requireZdr: true,
      rateLimitPerMinute: 100,
    });
    await served(user.key, { model: "e2e/echo", messages: hello });
    await h.flush();
    const { data } = (await (await h.get("/api/v1/key", user.key)).json()) as { data: Record<string, unknown> };
    // The key's own fields stay the key's: it has no limit of its own.
    expect(data).toMatchObject({ limit: null, limit_remaining: null, allowed_models: [], require_zdr: false });
    const account = data.account_limits as Record<string, unknown>;
    expect(account).toMatchObject({
      limit: 5,
      limit_reset: "weekly",
      allowed_models: ["e2e/echo"],
      allowed_providers: ["e2e-zdr"],
      require_zdr: true,
      rate_limit_per_minute: 100,
    });
    expect(Object.keys(account).sort()).toEqual([
      "allowed_models",
      "allowed_providers",
      "limit",
      "limit_remaining",
      "limit_reset",
      "rate_limit_per_minute",
      "require_zdr",
      "resets_at",
    ]);
    // What the account spent this week (the request above) is off what is left.
    expect(account.limit_remaining).toBeLessThan(5);
    expect(account.limit_remaining).toBeCloseTo(5 - (data.usage as number), 10);
    expect(new Date(account.resets_at as string).getUTCDay()).toBe(1);

    const free = await h.createUser();
    const other = (await (await h.get("/api/v1/key", free.key)).json()) as { data: Record<string, unknown> };
    expect(other.data.account_limits).toBeNull();
  });

  it("the account's data export holds them (null when none), and nothing else of them", async () => {
    const { createAccountExportStream } = await import("@/lib/accounts/export");
    const exported = async (userId: string) =>
      JSON.parse(await new Response(createAccountExportStream(userId)).text()) as Record<string, unknown>;
    const user = await accountWith({ spendLimit: 2.5, limitReset: "monthly", allowedProviders: ["e2e-zdr"] });
    const limits = (await exported(user.id)).account_limits as Record<string, unknown>;
    expect(limits).toEqual({
      limit: 2.5,
      limit_reset: "monthly",
      allowed_models: [],
      allowed_providers: ["e2e-zdr"],
      require_zdr: false,
      rate_limit_per_minute: null,
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((await exported((await h.createUser()).id)).account_limits).toBeNull();
  });
});

describe("an account's allowed models and providers", () => {
  it("403 for a model the account may not use; its models fallbacks never reach one, even for a key allowing it", async () => {
    const user = await accountWith({ allowedModels: ["e2e/echo"] });
    const other = await refused(user.key, { model: "e2e/tools", messages: hello });
    expect(other.status).toBe(403);
    expect(other.error.metadata).toMatchObject({
      code: "model_not_allowed",
      limited_by: "account",
      model: "e2e/tools",
    });
    expect(other.record).toMatchObject({ http_status: 403, error_code: "model_not_allowed" });

    // A key that allows e2e/tools cannot widen the account's limit.
    const { createApiKey } = await import("@/lib/keys/api-keys");
    const { key: wider } = await createApiKey(user.id, "wider", {
      guardrails: { ...NO_LIMITS, allowedModels: ["e2e/tools"], expiresAt: null, allowedDataRegions: [] },
    });
    expect((await refused(wider, { model: "e2e/tools", messages: hello })).status).toBe(403);

    // The allowed model fails on every provider: the fallback the account may not use is never tried.
    for (const slug of ["e2e-trains", "e2e-retain", "e2e-zdr", "e2e-unknown", "e2e-anthropic"])
      h.mock.setProvider(slug, { failure: "500" });
    const free = await h.createUser();
    const attempts = async (k: string, body: Record<string, unknown>) => {
      h.mock.clearCalls();
      const res = await h.chat(k, { ...body, messages: hello });
      await res.text();
      expect(res.status).toBe(502);
      return h.mock.calls().length;
    };
    const echoAlone = await attempts(free.key, { model: "e2e/echo" });
    expect(await attempts(free.key, { model: "e2e/echo", models: ["e2e/tools"] })).toBeGreaterThan(echoAlone);
    expect(await attempts(user.key, { model: "e2e/echo", models: ["e2e/tools"] })).toBe(echoAlone);
  });

  it("an account limited to providers never reaches another, whatever the request or its fallbacks say; a key only narrows it", async () => {
    const user = await accountWith({ allowedProviders: ["e2e-retain"] });
    expect((await served(user.key, { model: "e2e/echo", messages: hello })).provider).toBe("e2e-retain");
    const elsewhere = await refused(user.key, {
      model: "e2e/echo",
      messages: hello,
      provider: { only: ["e2e-zdr"] },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.error.metadata).toMatchObject({
      code: "provider_not_allowed",
      limited_by: "account",
      allowed_providers: ["e2e-retain"],
    });
    expect(
      (await served(user.key, { model: "e2e/echo", messages: hello, provider: { order: ["e2e-zdr"] } })).provider,
    ).toBe("e2e-retain");

    h.mock.clearCalls();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", models: ["e2e/tools"], messages: hello });
    await res.text();
    expect(res.status).toBe(502);
    expect([...new Set(h.mock.calls().map((call) => call.provider))]).toEqual(["e2e-retain"]);
    h.mock.reset();

    // A key allowing only another provider has nothing in common with the account: 403, no upstream call.
    const { createApiKey } = await import("@/lib/keys/api-keys");
    const { key: elsewhereKey } = await createApiKey(user.id, "elsewhere", {
      guardrails: { ...NO_LIMITS, allowedProviders: ["e2e-zdr"], expiresAt: null, allowedDataRegions: [] },
    });
    const none = await refused(elsewhereKey, { model: "e2e/echo", messages: hello });
    expect(none.status).toBe(403);
    expect(none.record).toMatchObject({ error_code: "provider_not_allowed", provider_responses: [] });
  });

  it("an account requiring ZDR reaches ZDR endpoints only, on the chat too", async () => {
    const user = await accountWith({ requireZdr: true });
    expect((await served(user.key, { model: "e2e/echo", messages: hello, provider: { zdr: false } })).provider).toBe(
      "e2e-zdr",
    );
    h.mock.clearCalls();
    const events = await chatReply(user.id);
    expect(events.some((e) => e.type === "error")).toBe(false);
    expect([...new Set(h.mock.calls().map((call) => call.provider))]).toEqual(["e2e-zdr"]);
  });

  it("limits are checked on input: an unknown model or provider, or a negative limit, is refused and nothing changes", async () => {
    const user = await h.createUser();
    const { setAccountLimits } = await import("@/lib/accounts/limits");
    await expect(setAccountLimits(user.id, { ...NO_LIMITS, allowedModels: ["nope/none"] })).rejects.toThrow(
      "Unknown model: nope/none.",
    );
    await expect(setAccountLimits(user.id, { ...NO_LIMITS, allowedProviders: ["nobody"] })).rejects.toThrow(
      "Unknown provider: nobody.",
    );
    await expect(setAccountLimits(user.id, { ...NO_LIMITS, spendLimit: -1 })).rejects.toThrow(
      "The limit cannot be negative.",
    );
    expect(await h.db.accountLimits.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("an account's requests per minute", () => {
  it("count the API keys' and the chat's requests together: 429 with Retry-After past them", async () => {
    await awayFromMinuteBoundary();
    const user = await accountWith({ rateLimitPerMinute: 3 });
    const { createApiKey } = await import("@/lib/keys/api-keys");
    const { key: second } = await createApiKey(user.id, "second", {});
    await served(user.key, { model: "e2e/echo", messages: hello });
    await served(second, { model: "e2e/echo", messages: hello });
    expect((await chatReply(user.id)).some((e) => e.type === "error")).toBe(false);
    const limited = await refused(user.key, { model: "e2e/echo", messages: hello });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.error.message).toMatch(/this account allows 3 requests per minute \(set by an admin\)/);
    expect(limited.error.metadata).toMatchObject({ code: "rate_limited", limited_by: "account" });
    expect(limited.record).toMatchObject({ http_status: 429, error_code: "rate_limited" });
    const calls = h.mock.calls().length;
    const chat = await chatReply(user.id);
    expect(JSON.stringify(chat.find((e) => e.type === "error"))).toContain("requests per minute");
    expect(h.mock.calls().length).toBe(calls);
    // Another account is not counted with it.
    await served((await h.createUser()).key, { model: "e2e/echo", messages: hello });
  });
});

describe("a key's allowed data regions", () => {
  async function keyIn(user: { id: string }, regions: string[]) {
    const { createApiKey } = await import("@/lib/keys/api-keys");
    const guardrails: TKeyGuardrails = { ...NO_LIMITS, expiresAt: null, allowedDataRegions: regions };
    return (await createApiKey(user.id, "regional", { guardrails })).key;
  }

  it("keeps the key's requests on providers processing prompts there, whatever the request says; /key reports them", async () => {
    const user = await h.createUser();
    const key = await keyIn(user, ["eu"]);
    // EU: e2e-zdr (Germany) or e2e-anthropic (France), never e2e-retain (US) or unknown regions.
    h.mock.clearCalls();
    for (const provider of [{}, { order: ["e2e-retain"] }, { data_regions: ["US", "DE"] }]) {
      const served_ = await served(key, { model: "e2e/echo", messages: hello, provider });
      expect(["e2e-zdr", "e2e-anthropic"]).toContain(served_.provider);
    }
    expect(h.mock.calls().every((c) => c.provider === "e2e-zdr" || c.provider === "e2e-anthropic")).toBe(true);
    // The request asks for the US only: nothing in common with the key's regions is the key's 403.
    const us = await refused(key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["US"] } });
    expect(us.status).toBe(403);
    expect(us.error.metadata).toMatchObject({
      code: "provider_not_allowed",
      limited_by: "key",
      allowed_data_regions: ["EU"],
    });
    const info = (await (await h.get("/api/v1/key", key)).json()) as { data: { allowed_data_regions: string[] } };
    expect(info.data.allowed_data_regions).toEqual(["EU"]);
    // The account's unguarded key is not limited by it.
    expect(
      (await served(user.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-retain"] } })).provider,
    ).toBe("e2e-retain");
  });

  it("only narrows the account's regions: an account in the US and a key in the EU leave no provider", async () => {
    const user = await h.createUser();
    const { updateAccountSettings } = await import("@/lib/privacy/settings");
    await updateAccountSettings(user.id, { allowedDataRegions: ["US"] });
    const key = await keyIn(user, ["EU"]);
    const none = await refused(key, { model: "e2e/echo", messages: hello });
    expect(none.status).toBe(403);
    expect(none.error.metadata).toMatchObject({ code: "provider_not_allowed", limited_by: "key" });
    // A key in the US under the same account: served in the US.
    expect((await served(await keyIn(user, ["US"]), { model: "e2e/echo", messages: hello })).provider).toBe(
      "e2e-retain",
    );
  });

  it("the key management API sets and reports allowed_data_regions (Privet's own field); a bad region is a 400 naming it", async () => {
    const user = await h.createUser();
    const { createApiKey } = await import("@/lib/keys/api-keys");
    const { key: management } = await createApiKey(user.id, "manager", { isManagement: true });
    const post = (body: unknown) =>
      fetch(`${h.baseUrl}/api/v1/keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${management}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const created = await post({ name: "eu only", allowed_data_regions: ["de", "EU"] });
    const body = (await created.json()) as { data: { hash: string; allowed_data_regions: string[] }; key: string };
    expect(created.status).toBe(201);
    expect(body.data.allowed_data_regions).toEqual(["DE", "EU"]);
    const patched = await fetch(`${h.baseUrl}/api/v1/keys/${body.data.hash}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${management}`, "content-type": "application/json" },
      body: JSON.stringify({ allowed_data_regions: ["US"] }),
    });
    expect(((await patched.json()) as { data: { allowed_data_regions: string[] } }).data.allowed_data_regions).toEqual([
      "US",
    ]);
    const bad = await post({ name: "bad", allowed_data_regions: ["Europe"] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as TErrorBody).error.metadata).toMatchObject({ field: "allowed_data_regions.0" });
  });
});

describe("account spend across instances", () => {
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
    `what one key spent on one instance counts against the account's limit for another key on the other (${isPostgresRun() ? "PostgreSQL" : "SQLite"})`,
    { timeout: 60_000 },
    async () => {
      const other = await secondInstance();
      try {
        const user = await accountWith({ spendLimit: 0.000001, limitReset: "monthly" });
        const { createApiKey } = await import("@/lib/keys/api-keys");
        const { key: second } = await createApiKey(user.id, "second", {});
        const first = await other.chat(user.key, { model: "e2e/echo", messages: hello });
        await first.text();
        expect(first.status).toBe(200);
        // This instance sees the other's spend within about a second (its record reaches the database).
        let status = 0;
        for (let i = 0; i < 100 && status !== 402; i++) {
          const res = await h.chat(second, { model: "e2e/echo", messages: hello });
          await res.text();
          status = res.status;
          if (status !== 402) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(status).toBe(402);
        // And the other instance refuses both keys too.
        await h.flush();
        status = 0;
        for (let i = 0; i < 100 && status !== 402; i++) {
          const res = await other.chat(second, { model: "e2e/echo", messages: hello });
          await res.text();
          status = res.status;
          if (status !== 402) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(status).toBe(402);
      } finally {
        await other.close();
      }
    },
  );
});

describe("privet user limits and privet key create --regions", () => {
  function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.join(process.cwd(), "bin", "privet.mjs"), ...args],
        { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
        (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  it(
    "sets, prints and clears an account's limits; refuses bad input with nothing changed",
    { timeout: 120_000 },
    async () => {
      const user = await h.createUser();
      const set = await cli([
        "user",
        "limits",
        "--email",
        user.email,
        "--limit",
        "1.5",
        "--limit-reset",
        "weekly",
        "--providers",
        "e2e-zdr",
        "--zdr",
        "--rpm",
        "50",
      ]);
      expect(set.status, set.stderr).toBe(0);
      expect(set.stdout).toContain("spending limit: 1.5 USD per week");
      expect(await h.db.accountLimits.findUnique({ where: { userId: user.id } })).toMatchObject({
        spendLimit: 1.5,
        limitReset: "weekly",
        allowedProviders: '["e2e-zdr"]',
        requireZdr: true,
        rateLimitPerMinute: 50,
      });
      const shown = await cli(["user", "limits", "--email", user.email]);
      expect(shown.stdout).toContain("allowed providers: [e2e-zdr]");

      const unknown = await cli(["user", "limits", "--email", user.email, "--models", "nope/none"]);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("Unknown model: nope/none.");
      const both = await cli(["user", "limits", "--email", user.email, "--clear", "--rpm", "5"]);
      expect(both.status).toBe(2);
      expect(await h.db.accountLimits.findUnique({ where: { userId: user.id } })).toMatchObject({ spendLimit: 1.5 });

      const cleared = await cli(["user", "limits", "--email", user.email, "--clear"]);
      expect(cleared.status, cleared.stderr).toBe(0);
      expect(cleared.stdout).toContain("spending limit: none");
      expect(await h.db.accountLimits.count({ where: { userId: user.id } })).toBe(0);
    },
  );

  it("key create --regions gives the key its allowed data regions", { timeout: 60_000 }, async () => {
    const user = await h.createUser();
    const made = await cli(["key", "create", "--email", user.email, "--regions", "eu,US"]);
    expect(made.status, made.stderr).toBe(0);
    const info = (await (await h.get("/api/v1/key", made.stdout.trim())).json()) as {
      data: { allowed_data_regions: string[] };
    };
    expect(info.data.allowed_data_regions).toEqual(["EU", "US"]);
  });
});
