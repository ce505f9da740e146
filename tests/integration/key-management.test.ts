// OpenRouter's key management API (README, "Managing keys from scripts"), driven by OpenRouter's
// own SDK (@openrouter/sdk, unchanged: its response schemas are the oracle for the shapes) with a
// management key; a management key cannot call models, an ordinary key cannot manage keys, and
// another account's key is "not found". Also `privet key create` with guardrails, and `/key`.
import { execFile } from "node:child_process";
import path from "node:path";
import { OpenRouter } from "@openrouter/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let sdk: OpenRouter;
let owner: Awaited<ReturnType<THarness["createUser"]>>;
let managementKey: string;

beforeAll(async () => {
  h = await startHarness();
  owner = await h.createUser();
  const { createApiKey } = await import("@/lib/keys/api-keys");
  managementKey = (await createApiKey(owner.id, "scripts", { isManagement: true })).key;
  sdk = new OpenRouter({ apiKey: managementKey, serverURL: `${h.baseUrl}/api/v1` });
});
afterAll(async () => {
  await h?.close();
});

const hello = [{ role: "user", content: "hello there" }];

function request(method: string, pathAndQuery: string, key: string, body?: unknown) {
  return fetch(`${h.baseUrl}${pathAndQuery}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("with a management key", () => {
  it("creates, lists, reads, updates and deletes keys in OpenRouter's shapes; the created key works under its limits", async () => {
    const created = await sdk.apiKeys.create({
      requestBody: { name: "CI runner", limit: 5, limitReset: "weekly", expiresAt: new Date("2099-12-31T23:59:59Z") },
    });
    expect(created.key).toMatch(/^sk-pv-/);
    expect(created.data).toMatchObject({
      name: "CI runner",
      limit: 5,
      limitRemaining: 5,
      limitReset: "weekly",
      disabled: false,
      usage: 0,
      includeByokInLimit: false,
    });
    expect(created.data.expiresAt?.toISOString()).toBe("2099-12-31T23:59:59.000Z");
    const hash = created.data.hash;

    // The new key calls models and spends; its usage shows through the API.
    const served = await h.chat(created.key, { model: "e2e/echo", messages: hello });
    expect(served.status).toBe(200);
    await served.text();
    const read = await sdk.apiKeys.get({ hash });
    expect(read.data.usage).toBeGreaterThan(0);
    expect(read.data.usageWeekly).toBe(read.data.usage);
    expect(read.data.limitRemaining).toBeCloseTo(5 - read.data.usage, 10);

    // The key names the same workspace (Privet's one) through /key as through the key management API.
    const asKey = new OpenRouter({ apiKey: created.key, serverURL: `${h.baseUrl}/api/v1` });
    const current = await asKey.apiKeys.getCurrentKeyMetadata();
    expect(read.data.workspaceId).toBe("default");
    expect(current.data.workspaceId).toBe(read.data.workspaceId);

    const listed = await sdk.apiKeys.list();
    expect(listed.data.map((k) => k.hash)).toContain(hash);
    // The management key itself is not among the keys it manages.
    expect(listed.data.every((k) => k.name !== "scripts")).toBe(true);

    // Disabled: the key stops working at once and leaves the default listing.
    const updated = await sdk.apiKeys.update({
      hash,
      requestBody: { disabled: true, name: "CI runner (off)", limit: 1 },
    });
    expect(updated.data).toMatchObject({ disabled: true, name: "CI runner (off)", limit: 1 });
    const refused = await h.chat(created.key, { model: "e2e/echo", messages: hello });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { metadata: { code: string } } }).error.metadata.code).toBe(
      "key_disabled",
    );
    expect((await sdk.apiKeys.list()).data.map((k) => k.hash)).not.toContain(hash);
    expect((await sdk.apiKeys.list({ includeDisabled: true })).data.map((k) => k.hash)).toContain(hash);

    expect(await sdk.apiKeys.delete({ hash })).toEqual({ deleted: true });
    expect((await request("GET", `/api/v1/keys/${hash}`, managementKey)).status).toBe(404);
    expect((await h.chat(created.key, { model: "e2e/echo", messages: hello })).status).toBe(401);
  });

  it("creates a key with Privet's own guardrails, which it then cannot get past", async () => {
    const res = await request("POST", "/api/v1/keys", managementKey, {
      name: "narrow",
      allowed_models: ["e2e/echo"],
      allowed_providers: ["e2e-zdr"],
      rate_limit_per_minute: 100,
    });
    expect(res.status).toBe(201);
    const { key, data } = (await res.json()) as { key: string; data: Record<string, unknown> };
    expect(data).toMatchObject({
      allowed_models: ["e2e/echo"],
      allowed_providers: ["e2e-zdr"],
      rate_limit_per_minute: 100,
    });
    const ok = await h.chat(key, { model: "e2e/echo", messages: hello });
    expect(ok.headers.get("x-privet-provider")).toBe("e2e-zdr");
    await ok.text();
    expect((await h.chat(key, { model: "e2e/tools", messages: hello })).status).toBe(403);
  });

  it("bad input is a 400 naming the field, and changes nothing", async () => {
    const before = (await sdk.apiKeys.list({ includeDisabled: true })).data.length;
    for (const [body, field] of [
      [{ name: "x", limit: -1 }, "limit"],
      [{ name: "x", limit_reset: "hourly" }, "limit_reset"],
      [{ name: "x", expires_at: "2099-01-01T00:00:00+02:00" }, "expires_at"],
      [{ name: "x", surprise: 1 }, "surprise"],
      [{ limit: 1 }, "name"],
      [{ name: "x", allowed_models: ["no/such-model"] }, "allowed_models"],
    ] as const) {
      const res = await request("POST", "/api/v1/keys", managementKey, body);
      const error = (await res.json()) as { error: { code: number; metadata?: { field?: string } } };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(error.error.metadata?.field).toBe(field);
    }
    expect((await sdk.apiKeys.list({ includeDisabled: true })).data.length).toBe(before);
  });
});

describe("who may do what", () => {
  it("a management key cannot call models; an ordinary key cannot manage keys; another account's key is not found", async () => {
    const chat = await h.chat(managementKey, { model: "e2e/echo", messages: hello });
    expect(chat.status).toBe(403);
    expect(((await chat.json()) as { error: { metadata: { code: string } } }).error.metadata.code).toBe(
      "management_key",
    );
    const manage = await request("GET", "/api/v1/keys", owner.key);
    expect(manage.status).toBe(403);
    // /key answers either kind, and says which it is.
    const info = (await (await request("GET", "/api/v1/key", managementKey)).json()) as {
      data: { is_management_key: boolean };
    };
    expect(info.data.is_management_key).toBe(true);

    const stranger = await h.createUser();
    for (const [method, body] of [["GET"], ["PATCH", { name: "mine" }], ["DELETE"]] as const) {
      const res = await request(method, `/api/v1/keys/${stranger.keyId}`, managementKey, body);
      expect(res.status, method).toBe(404);
    }
    // The stranger's key still works, unchanged.
    const ok = await h.chat(stranger.key, { model: "e2e/echo", messages: hello });
    expect(ok.status).toBe(200);
    await ok.text();
  });
});

describe("privet key create", () => {
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

  it("prints the key alone; the key carries every guardrail given", { timeout: 120_000 }, async () => {
    const made = await cli([
      "key",
      "create",
      "--email",
      owner.email,
      "--name",
      "guarded",
      "--limit",
      "2.5",
      "--limit-reset",
      "monthly",
      "--models",
      "e2e/echo,e2e/tools",
      "--providers",
      "e2e-zdr",
      "--zdr",
      "--expires",
      "2099-06-30",
      "--rpm",
      "30",
    ]);
    expect(made.status, made.stderr).toBe(0);
    const key = made.stdout.trim();
    expect(made.stdout).toBe(`${key}\n`);
    expect(key).toMatch(/^sk-pv-[A-Za-z0-9_-]{43}$/);
    const info = (await (await request("GET", "/api/v1/key", key)).json()) as { data: Record<string, unknown> };
    expect(info.data).toMatchObject({
      limit: 2.5,
      limit_remaining: 2.5,
      limit_reset: "monthly",
      expires_at: "2099-06-30T00:00:00.000Z",
      allowed_models: ["e2e/echo", "e2e/tools"],
      allowed_providers: ["e2e-zdr"],
      require_zdr: true,
      rate_limit: { requests: 30, interval: "1m" },
    });

    const bad = await cli(["key", "create", "--email", owner.email, "--limit-reset", "hourly"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--limit-reset takes daily, weekly, monthly/);
    expect(bad.stdout).toBe("");
  });
});
