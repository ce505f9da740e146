// Security over HTTP alone (issue 8, "Isolation and secrets"), against the production build:
// security headers on pages, static files and every kind of /api/v1 response; the session cookie's
// flags; sign-in throttling through next-auth's real endpoint; server actions refused when called
// from another site; and every server action refusing invalid input with a clear message while
// changing nothing. "Nothing changed" is read from the database itself (read-only).
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { chatRequest, createUserWithKey, signInRequest, type TCliUser } from "./support/activity";
import { PASSWORD, uniqueEmail } from "./support/accounts";
import { withE2eDb } from "./support/database";

const PAGE_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

function expectCommonHeaders(res: APIResponse, what: string): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) expect(res.headers()[name], `${what}: ${name}`).toBe(value);
}

/** The /api/v1 responses: the common headers plus a policy that lets the response load and be framed by nothing. */
function expectApiHeaders(res: APIResponse, what: string): void {
  expectCommonHeaders(res, what);
  expect(res.headers()["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
}

// ---------------------------------------------------------------------------------------------
// The database, read-only
// ---------------------------------------------------------------------------------------------

async function userIdOf(email: string): Promise<string> {
  return withE2eDb(async (db) => (await db.one<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, email)).id);
}

/** Everything an action could change for this account (key use times aside: using a key updates them). */
function snapshot(userId: string) {
  return withE2eDb(async (db) => ({
    user: await db.one(
      `SELECT "email", "passwordHash", "promptLogging", "allowTrainingPaid", "allowTrainingFree", "zdrOnly", "ignoredProviders",
              "contentRetentionDays", "metadataRetentionDays", "settingsUpdatedAt" FROM "User" WHERE "id" = ?`,
      userId,
    ),
    keys: await db.all(
      `SELECT "id", "name", "prefix", "hash", "revokedAt" FROM "ApiKey" WHERE "userId" = ? ORDER BY "id"`,
      userId,
    ),
    generations: await db.all(
      `SELECT "id", "contentStored" FROM "Generation" WHERE "userId" = ? ORDER BY "id"`,
      userId,
    ),
    contents: await db.all(
      `SELECT "generationId" FROM "GenerationContent" WHERE "userId" = ? ORDER BY "generationId"`,
      userId,
    ),
  }));
}

/** A boolean column as read: 0/1 on SQLite, false/true on PostgreSQL. */
const isOn = (value: unknown): boolean => Boolean(value);

// ---------------------------------------------------------------------------------------------
// Server actions over HTTP, as the browser calls them
// ---------------------------------------------------------------------------------------------

type TAction = { id: string; path: string };
type TManifest = {
  node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
};

/** The page path a manifest worker ("app/(app)/settings/keys/page") serves. */
function pagePath(worker: string): string {
  const segments = worker
    .split("/")
    .slice(1, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Finds a server action's id in the build the server runs, and a page that can run it. */
function findAction(filename: string, exportedName: string): TAction {
  const dist = path.join(process.cwd(), process.env.PRIVET_DIST_DIR || ".next");
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  ) as TManifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename !== filename || entry.exportedName !== exportedName) continue;
    const page = Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map(pagePath)
      .find((p) => !p.includes("["));
    if (page) return { id, path: page };
  }
  throw new Error(`No server action ${exportedName} in ${filename} in the build's manifest.`);
}

type TActionResult = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** POSTs an action the way React does; returns the HTTP response and the action's result, if any. */
async function callAction(
  request: APIRequestContext,
  action: TAction,
  input: unknown,
  origin: string,
): Promise<{ res: APIResponse; result: TActionResult | null }> {
  const res = await request.post(action.path, {
    headers: {
      "next-action": action.id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const text = await res.text();
  for (const line of text.split("\n")) {
    const payload = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!payload) continue;
    try {
      const value = JSON.parse(payload) as Record<string, unknown>;
      if (typeof value.ok === "boolean") return { res, result: value as TActionResult };
    } catch {
      // another kind of row
    }
  }
  return { res, result: null };
}

// ---------------------------------------------------------------------------------------------

test.describe.configure({ mode: "serial" });

let victim: TCliUser;
let other: TCliUser;
let session: APIRequestContext;
let origin: string;

test.beforeAll(async () => {
  victim = createUserWithKey("sec-victim");
  other = createUserWithKey("sec-other");
  const baseURL = test.info().project.use.baseURL!;
  origin = new URL(baseURL).origin;
  session = await playwrightRequest.newContext({ baseURL });
  await signInRequest(session, victim.email);
  for (const who of [victim, other])
    expect((await chatRequest(session, who.key, { model: "e2e/echo" })).status).toBe(200);
});

test.afterAll(async () => {
  await session?.dispose();
});

test.describe("security headers", () => {
  test("every /api/v1 response carries them: JSON, SSE, errors, public and authenticated routes", async ({
    request,
  }) => {
    const auth = { authorization: `Bearer ${victim.key}` };
    const body = { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] };
    const cases: [string, Promise<APIResponse>][] = [
      ["models", request.get("/api/v1/models")],
      ["key", request.get("/api/v1/key", { headers: auth })],
      ["completion", request.post("/api/v1/chat/completions", { headers: auth, data: body })],
      ["stream", request.post("/api/v1/chat/completions", { headers: auth, data: { ...body, stream: true } })],
      ["400", request.post("/api/v1/chat/completions", { headers: auth, data: { ...body, temperature: "hot" } })],
      ["401", request.post("/api/v1/chat/completions", { data: body })],
      ["404 route", request.get("/api/v1/nope")],
      ["405", request.delete("/api/v1/models")],
    ];
    for (const [what, pending] of cases) {
      const res = await pending;
      expectApiHeaders(res, what);
      if (what === "stream") expect(res.headers()["content-type"]).toMatch(/^text\/event-stream/);
    }
  });

  test("pages carry a nonce-based Content-Security-Policy, fresh per response, on every script they serve", async ({
    request,
  }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    expect(first.status()).toBe(200);
    const policies = [first, second].map((res) => res.headers()["content-security-policy"] ?? "");
    const nonces = policies.map((p) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(p)?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[1]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    const directives = Object.fromEntries(
      policies[0]!
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["script-src"]).toEqual(expect.arrayContaining([`'nonce-${nonces[0]}'`, "'strict-dynamic'"]));
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["script-src"]).not.toContain("'unsafe-eval'");
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["default-src"]).toEqual(["'self'"]);
    expectCommonHeaders(first, "/sign-in");

    // Every script element of the page carries this response's nonce.
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonces[0]}"`);
  });

  test("static files and next-auth's endpoints carry the headers that apply to them", async ({ request }) => {
    const html = await (await request.get("/sign-in")).text();
    const asset = /\/_next\/static\/[^"' ]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const res = await request.get(asset!);
    expect(res.status()).toBe(200);
    expectCommonHeaders(res, asset!);
    expectCommonHeaders(await request.get("/api/auth/csrf"), "/api/auth/csrf");
  });
});

test.describe("requests Node refuses before any handler", () => {
  /** Sends raw bytes to the app and returns what came back before it closed the connection. */
  function rawExchange(bytes: string): Promise<string> {
    const { hostname, port } = new URL(process.env.PRIVET_E2E_BASE_URL!);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
      let answer = "";
      socket
        .setEncoding("utf8")
        .on("data", (chunk: string) => (answer += chunk))
        .on("close", () => resolve(answer))
        .on("error", reject);
    });
  }

  test("headers over 16 KB and malformed HTTP get the JSON error shape, not a bare status line", async () => {
    const huge = await rawExchange(`GET /api/v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(huge.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(huge).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(huge.slice(huge.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: 431, message: "Request headers are too large (16 KB at most)." },
    });

    const malformed = await rawExchange("NOT HTTP AT ALL\r\n\r\n");
    expect(malformed.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(malformed.slice(malformed.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: 400, message: "Malformed HTTP request." },
    });
  });
});

test.describe("session cookie", () => {
  test("next-auth's session cookie is HttpOnly and SameSite=Lax, for the whole site", async () => {
    const context = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await context.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: victim.email, password: PASSWORD, json: "true" },
        maxRedirects: 0,
      });
      const cookies = res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value);
      const session = cookies.find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
      expect(session, cookies.join("\n")).toBeTruthy();
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*SameSite=Lax/i);
      expect(session).toMatch(/;\s*Path=\//i);
    } finally {
      await context.dispose();
    }
  });
});

test.describe("sign-in throttling through next-auth", () => {
  async function signInAttempt(context: APIRequestContext, email: string, password: string): Promise<string> {
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, json: "true" },
      maxRedirects: 0,
    });
    const location = res.headers()["location"] ?? "";
    const json = res.headers()["content-type"]?.includes("json")
      ? (((await res.json()) as { url?: string }).url ?? "")
      : "";
    const url = new URL(location || json || "/", "http://x");
    return url.searchParams.get("error") ?? "signed-in";
  }

  test("after 10 failures for one email from one address, attempts from there wait (even with the right password); another email still signs in", async () => {
    const target = createUserWithKey("sec-throttle");
    const bystander = createUserWithKey("sec-bystander");
    const context = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      for (let i = 0; i < 10; i++)
        expect(await signInAttempt(context, target.email, `wrong guess ${i}`)).toBe("CredentialsSignin");
      expect(await signInAttempt(context, target.email, PASSWORD)).toMatch(/^throttled:\d+$/);
      const session = (await (await context.get("/api/auth/session")).json()) as { user?: unknown };
      expect(session.user).toBeUndefined();
      expect(await signInAttempt(context, bystander.email, PASSWORD)).toBe("signed-in");
    } finally {
      await context.dispose();
    }
  });
});

test.describe("server actions", () => {
  test("a call from another site is refused and changes nothing; the same call from this site works", async () => {
    const update = findAction("app/(app)/settings/privacy/actions.ts", "updatePrivacySettingsAction");
    const userId = await userIdOf(victim.email);
    const before = await snapshot(userId);
    expect(isOn(before.user.promptLogging)).toBe(false);

    for (const forged of ["https://evil.example", "http://127.0.0.1.evil.example", "null"]) {
      const { res, result } = await callAction(session, update, { promptLogging: true }, forged);
      expect(result?.ok, `${forged}: ${res.status()}`).not.toBe(true);
      expect(res.status(), forged).toBeGreaterThanOrEqual(400);
      expect(await snapshot(userId), forged).toEqual(before);
    }

    // The control: the same request from this site's own origin is carried out.
    const { result } = await callAction(session, update, { promptLogging: true }, origin);
    expect(result).toMatchObject({ ok: true });
    expect(isOn((await snapshot(userId)).user.promptLogging)).toBe(true);
    const { result: back } = await callAction(session, update, { promptLogging: false }, origin);
    expect(back).toMatchObject({ ok: true });
  });

  test("every action refuses invalid input with a clear message and changes nothing", async () => {
    const victimId = await userIdOf(victim.email);
    const otherId = await userIdOf(other.email);
    const otherKeyId = await withE2eDb(
      async (db) => (await db.one<{ id: string }>(`SELECT "id" FROM "ApiKey" WHERE "userId" = ?`, otherId)).id,
    );
    await expect.poll(async () => (await snapshot(otherId)).generations.length).toBeGreaterThan(0);
    const otherGenerationId = ((await snapshot(otherId)).generations[0] as { id: string }).id;

    const A = (file: string, name: string) => findAction(file, name);
    const keys = "app/(app)/settings/keys/actions.ts";
    const privacy = "app/(app)/settings/privacy/actions.ts";
    const activity = "app/(app)/activity/actions.ts";
    const chat = "app/(app)/chat/actions.ts";
    const account = "app/(app)/settings/account/actions.ts";
    const chatInput = (patch: Record<string, unknown>) => ({
      requestId: randomUUID(),
      model: "e2e/echo",
      messages: [{ role: "user", content: "hi" }],
      options: { denyDataCollection: false, zdr: false, order: [] },
      ...patch,
    });
    // Each invalid input, with the message a person filling the form must see where there is one.
    // Inputs no form can send (ids, wrong types) must still be refused in words, never a crash.
    const cases: { action: TAction; name: string; inputs: [unknown, RegExp?][] }[] = [
      {
        action: A(keys, "createApiKeyAction"),
        name: "createApiKey",
        inputs: [
          [{ name: "" }, /^Give the key a name\.$/],
          [{ name: "   " }, /^Give the key a name\.$/],
          [{ name: "x".repeat(65) }, /^Use at most 64 characters/],
          [{ name: 42 }],
          [{}],
          [null],
        ],
      },
      {
        action: A(keys, "revokeApiKeyAction"),
        name: "revokeApiKey",
        inputs: [
          [{ keyId: "" }],
          [{ keyId: "x".repeat(65) }],
          [{ keyId: otherKeyId }, /^API key not found\.$/],
          [{ keyId: ["a"] }],
        ],
      },
      {
        action: A(privacy, "updatePrivacySettingsAction"),
        name: "updatePrivacySettings",
        inputs: [
          [{ contentRetentionDays: 0 }, /^Keep content at least 1 day\.$/],
          [{ contentRetentionDays: 1.5 }, /^Use a whole number of days\.$/],
          [{ metadataRetentionDays: 5 }, /^Keep metadata at least 30 days\.$/],
          [{ promptLogging: "yes" }],
          [{ ignoredProviders: "e2e-zdr" }],
          [{ promptLogging: true, unknownSetting: true }],
          ["on"],
        ],
      },
      {
        action: A(privacy, "deleteLoggedContentAction"),
        name: "deleteLoggedContent",
        inputs: [[{ everything: true }], [[]]],
      },
      {
        action: A(activity, "deleteGenerationLogAction"),
        name: "deleteGenerationLog",
        inputs: [
          [{ id: "" }],
          [{ id: "x".repeat(101) }],
          [{ id: otherGenerationId }, /not in your activity/],
          [{ id: 7 }],
        ],
      },
      {
        action: A(activity, "deleteGenerationContentAction"),
        name: "deleteGenerationContent",
        inputs: [[{ id: "" }], [{ id: otherGenerationId }, /no stored content/i]],
      },
      { action: A(activity, "deleteAllContentAction"), name: "deleteAllContent", inputs: [[{ all: true }]] },
      { action: A(activity, "deleteAllActivityAction"), name: "deleteAllActivity", inputs: [[{ all: true }]] },
      {
        action: A(chat, "sendChatMessageAction"),
        name: "sendChatMessage",
        inputs: [
          [chatInput({ requestId: "not-a-uuid" }), /^Invalid request id\.$/],
          [chatInput({ model: "" }), /^Pick a model\.$/],
          [chatInput({ messages: [] }), /^Write a message first\.$/],
          [chatInput({ messages: [{ role: "user", content: "   " }] }), /^Write a message first\.$/],
          [
            chatInput({
              messages: [
                { role: "user", content: "hi" },
                { role: "assistant", content: "hello" },
              ],
            }),
            /^The last message must be yours\.$/,
          ],
          [chatInput({ messages: [{ role: "user", content: "x".repeat(100_001) }] }), /at most 100,000 characters/],
          [
            chatInput({ options: { denyDataCollection: false, zdr: false, order: ["../../etc"] } }),
            /^Invalid provider slug\.$/,
          ],
        ],
      },
      {
        action: A(chat, "stopChatAction"),
        name: "stopChat",
        inputs: [[{ requestId: "nope" }, /^Invalid request id\.$/], [{}]],
      },
      {
        action: A(account, "deleteAccountAction"),
        name: "deleteAccount",
        inputs: [
          [{ password: "" }, /^Enter your password to confirm\.$/],
          [{ password: "not the password" }, /password/i],
          [{ password: "x".repeat(257) }],
        ],
      },
    ];

    await expect.poll(async () => (await snapshot(victimId)).generations.length).toBeGreaterThan(0);
    const beforeVictim = await snapshot(victimId);
    const beforeOther = await snapshot(otherId);
    for (const c of cases) {
      for (const [input, message] of c.inputs) {
        const what = `${c.name}(${JSON.stringify(input)?.slice(0, 80)})`;
        const { res, result } = await callAction(session, c.action, input, origin);
        expect(res.status(), what).toBe(200);
        expect(result, what).not.toBeNull();
        expect(result!.ok, what).toBe(false);
        if (result!.ok) continue;
        expect(result!.error.length, what).toBeGreaterThan(5);
        // Refused in words: never the "something went wrong on our side" of a crash.
        expect(result!.error, what).not.toMatch(/Something went wrong|\[object|undefined|Error:/);
        if (message) expect(result!.error, what).toMatch(message);
      }
    }
    expect(await snapshot(victimId), "the caller's data").toEqual(beforeVictim);
    expect(await snapshot(otherId), "another account's data").toEqual(beforeOther);
  });

  test("sign-up refuses invalid input with a clear message and creates nobody", async ({ request }) => {
    const signUp = findAction("app/(auth)/sign-up/actions.ts", "signUpAction");
    const email = uniqueEmail("sec-signup");
    const accountsWith = (address: string) =>
      withE2eDb(async (db) =>
        Number((await db.one<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "User" WHERE "email" = ?`, address)).n),
      );
    for (const [input, message] of [
      [{ email: "not-an-email", password: "long enough password" }, /valid email/],
      [{ email, password: "short" }, /at least 8 characters/],
      [{ email, password: "x".repeat(257) }, /at most 256 characters/],
      [{ email: 42, password: null }, /email/i],
    ] as const) {
      const { res, result } = await callAction(request, signUp, input, origin);
      expect(res.status()).toBe(200);
      expect(result).toMatchObject({ ok: false });
      if (result && !result.ok) expect(result.error).toMatch(message);
    }
    expect(await accountsWith(email)).toBe(0);
    expect(await accountsWith("not-an-email")).toBe(0);
    // A taken email gets the answer a new one gets (no account enumeration) and makes nothing.
    const taken = await callAction(request, signUp, { email: victim.email, password: "long enough password" }, origin);
    expect(taken.result).toEqual({ ok: true, data: { email: victim.email } });
    expect(await accountsWith(victim.email)).toBe(1);
  });
});
