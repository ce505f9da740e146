// Two Privet instances on one PostgreSQL database (issue 9), each started here the way an operator
// starts them behind a load balancer: `scripts/start.ts` on its own port, with the same data
// directory (the shared secrets file), the same DATABASE_URL and catalog, and a rate limit. Requests
// are spread over both: every metadata record is written exactly once and readable through either
// instance; settings changed (and a key revoked) through one take effect on the other within the
// caches' lifetime; the per-key rate limit holds across both, one request after another and in a
// concurrent burst. On SQLite (one process by design) there is nothing to test: skipped.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { e2eAppEnv, freePort } from "./support/app-env";
import { createUserWithKey, privetCli, signInRequest } from "./support/activity";
import { withE2eDb } from "./support/database";

const isPostgres = /^postgres(ql)?:\/\//i.test(process.env.PRIVET_E2E_DATABASE_URL ?? "");
test.skip(
  !isPostgres,
  "several instances need a shared PostgreSQL database: runs in the PostgreSQL pass (PRIVET_TEST_POSTGRES_URL)",
);
test.describe.configure({ mode: "serial" });

/** Requests per minute per API key on both instances. */
const LIMIT = 20;

type TInstance = { name: string; url: string; child: ChildProcess; output: () => string; api: APIRequestContext };

/** Starts `scripts/start.ts` on a free port and resolves once it logs that it is ready. */
async function startInstance(name: string): Promise<TInstance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...e2eAppEnv(port), PRIVET_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Should this worker end without afterAll (a crash), the instance goes with it.
  process.once("exit", () => child.kill("SIGTERM"));
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes("[privet] ready on")) resolve();
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`instance ${name} exited (${code}) before it was ready:\n${output.slice(-3000)}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  return { name, url, child, output: () => output, api: await playwrightRequest.newContext({ baseURL: url }) };
}

async function stopInstance(instance: TInstance | undefined): Promise<void> {
  if (!instance) return;
  await instance.api.dispose();
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGTERM");
  await exited;
}

let a: TInstance;
let b: TInstance;

test.beforeAll(async () => {
  // Started together, as a deployment does: they take turns on migrations and the catalog load
  // (advisory locks) and, should the build be stale, on building (the build lock).
  test.setTimeout(300_000);
  [a, b] = await Promise.all([startInstance("A"), startInstance("B")]);
});

test.afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
  // A stopped instance flushed its metadata and logged nothing it should not have.
  for (const instance of [a, b])
    if (instance)
      expect(instance.output(), `instance ${instance.name}'s log`).not.toMatch(/rate limit store .* failed/);
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function chat(instance: TInstance, key: string, body: Record<string, unknown> = {}): Promise<APIResponse> {
  return instance.api.post("/api/v1/chat/completions", {
    headers: bearer(key),
    data: { model: "e2e/echo", messages: [{ role: "user", content: "Hello from behind the load balancer." }], ...body },
  });
}

/** The rate limiter counts per wall-clock minute with carry-over; start a counting test early in a minute. (A wait, not a timing assertion.) */
async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

test("every request spread over both instances leaves exactly one metadata record, readable through either", async () => {
  const user = createUserWithKey("scale-records");
  // Reads go through a second key of the same account, so the writes' key is counted separately.
  const reader = privetCli(["key", "create", "--email", user.email, "--name", "scale reader"]);

  const sent = await Promise.all(
    Array.from({ length: 8 }, (_, i) => chat(i % 2 === 0 ? a : b, user.key, { stream: i % 4 < 2 })),
  );
  const refused = await chat(b, user.key, { model: "e2e/not-in-the-catalog" });
  expect(refused.status()).toBe(404);
  const responses = [...sent, refused];
  for (const res of sent) {
    expect(res.status()).toBe(200);
    await res.body();
  }
  const ids = responses.map((res) => res.headers()["x-privet-generation-id"]!);
  expect(ids.every(Boolean)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);

  // Each instance batches its own records; once both have written them, each is there once.
  const placeholders = ids.map(() => "?").join(", ");
  await expect
    .poll(
      () =>
        withE2eDb((db) =>
          db.all<{ id: string }>(`SELECT "id" FROM "Generation" WHERE "id" IN (${placeholders})`, ...ids),
        ),
      { timeout: 15_000 },
    )
    .toHaveLength(ids.length);
  const rows = await withE2eDb((db) =>
    db.all<{ id: string; n: string | number }>(
      `SELECT "id", COUNT(*) AS "n" FROM "Generation" WHERE "id" IN (${placeholders}) GROUP BY "id"`,
      ...ids,
    ),
  );
  expect(rows.map((r) => [r.id, Number(r.n)]).sort()).toEqual(ids.map((id) => [id, 1]).sort());

  // Through the API of both instances, whichever served the request.
  for (const id of ids) {
    for (const instance of [a, b]) {
      const res = await instance.api.get(`/api/v1/generation?id=${id}`, { headers: bearer(reader) });
      expect(res.status(), `${id} through ${instance.name}`).toBe(200);
      expect(((await res.json()) as { data: { id: string } }).data.id).toBe(id);
    }
  }
});

/** The id of a server action in the build the instances serve, as the page hands it to the browser. */
function actionId(filename: string, exportedName: string): string {
  const dist = path.join(process.cwd(), process.env.PRIVET_DIST_DIR || ".next");
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in the build's manifest.`);
  return found[0];
}

/** Calls a server action on `page` of the instance the session points at, the way React does. */
async function callAction(
  session: APIRequestContext,
  origin: string,
  page: string,
  id: string,
  input: unknown,
): Promise<unknown> {
  const opened = await session.get(page);
  expect(opened.status()).toBe(200);
  expect(await opened.text(), `${page} hands out the action`).toContain(id);
  const res = await session.post(page, {
    headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  expect(res.status()).toBe(200);
  for (const line of (await res.text()).split("\n")) {
    const payload = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!payload) continue;
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value.ok === "boolean") return value;
  }
  throw new Error(`no action result from ${page}`);
}

test("settings changed and a key revoked through one instance take effect on the other", async () => {
  const user = createUserWithKey("scale-settings");
  // Without ZDR-only the account's requests go to the cheapest eligible provider, which retains prompts.
  const before = await chat(b, user.key);
  expect(before.status()).toBe(200);
  expect(before.headers()["x-privet-provider"]).toBe("e2e-retain");

  // Signed in on A; its session cookie is good on B too (one AUTH_SECRET from the shared data directory).
  const session = await playwrightRequest.newContext({ baseURL: a.url });
  try {
    await signInRequest(session, user.email, user.password);
    const update = actionId("app/(app)/settings/privacy/actions.ts", "updatePrivacySettingsAction");
    expect(await callAction(session, a.url, "/settings/privacy", update, { zdrOnly: true })).toMatchObject({
      ok: true,
    });

    // B routes by the new setting once its settings cache entry (1 s) has run out.
    await expect
      .poll(async () => {
        const res = await chat(b, user.key);
        expect(res.status()).toBe(200);
        return res.headers()["x-privet-provider"];
      })
      .toBe("e2e-zdr");

    const keyId = await withE2eDb(
      async (db) =>
        (
          await db.one<{ id: string }>(
            `SELECT "ApiKey"."id" FROM "ApiKey" JOIN "User" ON "User"."id" = "ApiKey"."userId" WHERE "User"."email" = ?`,
            user.email,
          )
        ).id,
    );
    expect((await b.api.get("/api/v1/key", { headers: bearer(user.key) })).status()).toBe(200);
    const revoke = actionId("app/(app)/settings/keys/actions.ts", "revokeApiKeyAction");
    expect(await callAction(session, a.url, "/settings/keys", revoke, { keyId })).toMatchObject({ ok: true });
    // A refuses it at once; B once its key cache entry (1 s) has run out.
    expect((await a.api.get("/api/v1/key", { headers: bearer(user.key) })).status()).toBe(401);
    await expect.poll(async () => (await b.api.get("/api/v1/key", { headers: bearer(user.key) })).status()).toBe(401);
  } finally {
    await session.dispose();
  }
});

test("the per-key rate limit holds across both instances, one request after another and all at once", async () => {
  test.setTimeout(120_000);
  await awayFromMinuteBoundary();
  const steady = createUserWithKey("scale-limit");
  const served: Record<string, number[]> = { A: [], B: [] };
  for (let i = 0; i < 2 * LIMIT; i++) {
    const instance = i % 2 === 0 ? a : b;
    const res = await chat(instance, steady.key);
    await res.body();
    served[instance.name]!.push(res.status());
    if (res.status() === 429) {
      const retryAfter = Number(res.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  }
  const all = [...served.A!, ...served.B!];
  expect(all.filter((s) => s === 200)).toHaveLength(LIMIT);
  expect(all.filter((s) => s === 429)).toHaveLength(LIMIT);
  // Each instance alone would have allowed LIMIT of its own; both refused once the shared count was spent.
  expect(served.A).toContain(429);
  expect(served.B).toContain(429);

  const burst = createUserWithKey("scale-burst");
  const statuses = await Promise.all(
    Array.from({ length: 2 * LIMIT }, async (_, i) => {
      const res = await (i % 2 === 0 ? a : b).api.get("/api/v1/key", { headers: bearer(burst.key) });
      return res.status();
    }),
  );
  expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
  expect(statuses.filter((s) => s === 429)).toHaveLength(LIMIT);
});
