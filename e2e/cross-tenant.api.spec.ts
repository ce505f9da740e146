// Attacker/victim over HTTP (issue 8): with the attacker's own session and own API key, every page,
// route handler, /api/v1 route and server action is aimed at the victim's ids. Every one answers
// 404 / "not found" / nothing of the victim's, and afterwards the victim — through its own key and
// session — finds everything exactly as it was. Server actions are called the way React calls
// them (POST to the page with the Next-Action header); their ids are read from the attacker's own
// pages, so the attacker needs nothing it could not see. e2e/cross-tenant.ui.spec.ts does the same
// through the real UI with tampered requests; tests/integration/cross-tenant.test.ts covers what
// HTTP cannot aim at reliably (records still in the writer's memory, a reply mid-stream).
//
// INVENTORY — every way into an account's data, and how it is attacked here. Keep it complete: the
// first test compares the lists below this comment (PAGES, ROUTE_HANDLERS, API_ROUTES, ACTIONS)
// with the app's pages, route handlers, /api/v1 routes and the build's server actions, and fails on
// anything new; add it here and attack it in a test.
//
// Pages (app/) and the ids they take
//   /activity/[id]                 the victim's generation ids → 404 (HTML) / the not-found tree (RSC)
//   /activity?key=&app=&model=&provider=&status=&from=&to=&after=&before=&range=&group=&metric=&sort=&dir=
//                                  the victim's key id, referer, model; cursors forged from the victim's
//                                  records; every chart grouping → none of the victim's rows, options, totals
//   /settings, /settings/keys, /settings/privacy, /settings/account, /chat
//                                  no ids; must show the attacker's data only
//   /rankings?…                    anonymous aggregates of all accounts by design (PRODUCT.md rule 7):
//                                  checked for ids, emails, keys and content only
//   /, /docs, /docs/api, /models, /models/[author]/[slug], /providers, /providers/[slug]
//                                  public catalog pages, no account data: not attacked (a model page
//                                  shows a signed-in reader what their own settings allow: the
//                                  session's account only, findModelAvailability)
//   /sign-in, /sign-up, /sign-out  no account data (callbackUrl redirects: accounts.ui.spec.ts)
// Route handlers (app/api/**/route.ts)
//   GET  /api/export/activity?<the table's filters>   the victim's key id, referer, model → attacker's rows only
//   GET  /api/export/account                          the attacker's account only
//   GET|POST /api/auth/[...nextauth]                  a session "update" naming the victim → still the attacker
// /api/v1 (the route table, lib/api/route-table.ts), with the attacker's key
//   GET  /api/v1/generation?id=          → 404, the same answer as for an id that never existed
//   GET  /api/v1/generation/content?id=  → 404, likewise
//   GET  /api/v1/activity[?date=]        → the attacker's rows only
//   GET  /api/v1/key, /api/v1/auth/key   → the attacker's key only, its spend only
//   GET  /api/v1/credits                 → the attacker's spend only
//   GET|POST /api/v1/keys, GET|PATCH|DELETE /api/v1/keys/{hash}   (a management key) the victim's key id → 404
//   POST /api/v1/chat/completions        takes no id of stored data; records go to the key's account
//   POST /api/v1/messages                likewise (the key also from x-api-key)
//   POST /api/v1/messages/count_tokens   takes no id of stored data and stores nothing
//   POST /api/v1/embeddings              likewise
//   POST /api/v1/completions             likewise
//   POST /api/v1/responses               likewise (previous_response_id is refused: nothing is stored to refer to)
//   POST /api/v1/route                   takes no id of stored data; explains under the key's account's settings
//                                        (attacked in tests/integration/cross-tenant.test.ts)
//   GET  /api/v1/models, /api/v1/model/{author}/{slug}, /api/v1/models/{author}/{slug}/endpoints,
//        /api/v1/providers                                                                 public: not attacked
// Server actions ("use server" files in app/) and the ids they take
//   settings/keys/actions.ts      revokeApiKeyAction({ keyId })         victim's key id → "API key not found."
//                                 createApiKeyAction({ name })          → a key for the attacker only
//                                 updateApiKeyGuardrailsAction({ keyId, guardrails })  victim's key id → "API key not found."
//   activity/actions.ts           deleteGenerationLogAction({ id })     victim's ids → "not in your activity"
//                                 deleteGenerationContentAction({ id }) victim's ids → "no stored content"
//                                 deleteAllContentAction({}), deleteAllActivityAction({})  → the attacker's only
//   settings/privacy/actions.ts   updatePrivacySettingsAction(patch)    → the attacker's only; a userId in it is refused
//                                 deleteLoggedContentAction({})         → the attacker's only
//   settings/account/actions.ts   deleteAccountAction({ password })     victim's password refused; own → attacker only
//   chat/actions.ts               stopChatAction({ requestId })         victim's request id → the victim's reply runs on
//                                 sendChatMessageAction(...)            takes no id of stored data
//   (auth)/sign-up/actions.ts     signUpAction({ email, password })     victim's email → the same answer as a new
//                                                                       email; nothing made, victim's password stays
//   admin/actions.ts              updateUserRoleAction, updateUserDisabledAction, updateUserLimitsAction,
//                                 deleteUserAction ({ userId }),
//                                 createInvitationAction, deleteInvitationAction ({ id }), updateSignupModeAction,
//                                 updatePolicyFloorAction    for admins only: a member (the attacker) gets 404 for
//                                                            each, with the victim's id, and nothing changes
// Admin pages: /admin, /admin/invitations, /admin/instance, /admin/catalog → 404 for a member (the attacker)
// In the browser: chat history is kept per account in IndexedDB (chat.ui.spec.ts, "another account sees none of it").
import fs from "node:fs";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./support/accounts";
import { chatRequest, privetCli, signInRequest } from "./support/activity";
import { withE2eDb } from "./support/database";
import { API_ROUTES as ROUTE_TABLE } from "@/lib/api/route-table";

test.describe.configure({ mode: "serial" });

const hex = () => randomBytes(5).toString("hex");
/** The victim's prompt text: nothing the attacker can read may ever contain it. */
const MARKER = `xtenant-victim-secret-${hex()}`;
const VICTIM_PASSWORD = `victim passphrase ${hex()}`;
const VICTIM_REFERER = `https://victim-${hex()}.example/app`;
const VICTIM_APP = `Victim App ${hex()}`;
/** The attacker only ever uses this model; the victim only e2e/tools. */
const ATTACKER_MODEL = "e2e/echo";
const VICTIM_MODEL = "e2e/tools";

type TUser = { email: string; password: string; key: string; keyName: string; userId: string; keyId: string };

// ---------------------------------------------------------------------------------------------
// Server actions over HTTP
// ---------------------------------------------------------------------------------------------

type TManifest = { node: Record<string, { filename?: string; exportedName?: string }> };
type TActionResult = { ok: true; data: unknown } | { ok: false; error: string };

/** The action's id in the build the server runs (the attacker reads the same id off its own page: see actionOn). */
function actionId(filename: string, exportedName: string): string {
  const dist = path.join(process.cwd(), process.env.PRIVET_DIST_DIR || ".next");
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  ) as TManifest;
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in the build's manifest.`);
  return found[0];
}

const ACTIONS = {
  revokeApiKey: ["app/(app)/settings/keys/actions.ts", "revokeApiKeyAction"],
  createApiKey: ["app/(app)/settings/keys/actions.ts", "createApiKeyAction"],
  updateApiKeyGuardrails: ["app/(app)/settings/keys/actions.ts", "updateApiKeyGuardrailsAction"],
  deleteGenerationLog: ["app/(app)/activity/actions.ts", "deleteGenerationLogAction"],
  deleteGenerationContent: ["app/(app)/activity/actions.ts", "deleteGenerationContentAction"],
  deleteAllContent: ["app/(app)/activity/actions.ts", "deleteAllContentAction"],
  deleteAllActivity: ["app/(app)/activity/actions.ts", "deleteAllActivityAction"],
  updatePrivacySettings: ["app/(app)/settings/privacy/actions.ts", "updatePrivacySettingsAction"],
  deleteLoggedContent: ["app/(app)/settings/privacy/actions.ts", "deleteLoggedContentAction"],
  deleteAccount: ["app/(app)/settings/account/actions.ts", "deleteAccountAction"],
  changePassword: ["app/(app)/settings/account/actions.ts", "changePasswordAction"],
  signOutEverywhere: ["app/(app)/settings/account/actions.ts", "signOutEverywhereAction"],
  stopChat: ["app/(app)/chat/actions.ts", "stopChatAction"],
  sendChatMessage: ["app/(app)/chat/actions.ts", "sendChatMessageAction"],
  signUp: ["app/(auth)/sign-up/actions.ts", "signUpAction"],
  updateUserRole: ["app/(app)/admin/actions.ts", "updateUserRoleAction"],
  updateUserDisabled: ["app/(app)/admin/actions.ts", "updateUserDisabledAction"],
  updateUserLimits: ["app/(app)/admin/actions.ts", "updateUserLimitsAction"],
  deleteUser: ["app/(app)/admin/actions.ts", "deleteUserAction"],
  createInvitation: ["app/(app)/admin/actions.ts", "createInvitationAction"],
  deleteInvitation: ["app/(app)/admin/actions.ts", "deleteInvitationAction"],
  updateSignupMode: ["app/(app)/admin/actions.ts", "updateSignupModeAction"],
  updatePolicyFloor: ["app/(app)/admin/actions.ts", "updatePolicyFloorAction"],
} as const;

type TAction = { id: string; name: string };

// The inventory at the top, as data: the first test fails when the app gains a page, route handler,
// /api/v1 route or server action that this list does not know yet — add it above, and attack it below.
const PAGES = [
  "/",
  "/admin",
  "/admin/catalog",
  "/admin/instance",
  "/admin/invitations",
  "/activity",
  "/activity/[id]",
  "/chat",
  "/docs",
  "/docs/api",
  "/models",
  "/models/[author]/[slug]",
  "/providers",
  "/providers/[slug]",
  "/rankings",
  "/settings",
  "/settings/account",
  "/settings/keys",
  "/settings/privacy",
  "/sign-in",
  "/sign-out",
  "/sign-up",
];
const ROUTE_HANDLERS = ["/api/auth/[...nextauth]", "/api/export/account", "/api/export/activity"];
const API_ROUTES = [
  "GET /api/v1/activity",
  "GET /api/v1/auth/key",
  "GET /api/v1/credits",
  "GET /api/v1/generation",
  "GET /api/v1/generation/content",
  "GET /api/v1/key",
  "GET /api/v1/keys",
  "POST /api/v1/keys",
  "GET /api/v1/keys/{hash}",
  "PATCH /api/v1/keys/{hash}",
  "DELETE /api/v1/keys/{hash}",
  "GET /api/v1/model/{author}/{slug}",
  "GET /api/v1/models",
  "GET /api/v1/models/{author}/{slug}/endpoints",
  "GET /api/v1/providers",
  "POST /api/v1/chat/completions",
  "POST /api/v1/messages",
  "POST /api/v1/messages/count_tokens",
  "POST /api/v1/embeddings",
  "POST /api/v1/responses",
  "POST /api/v1/completions",
  "POST /api/v1/route",
];

/** The URL path of every `name` file under app/ (route groups left out). */
function appRoutes(name: "page.tsx" | "route.ts"): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory())
        walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      else if (entry.name === name) found.push(`/${segments.join("/")}`);
    }
  };
  walk(path.join(process.cwd(), "app"), []);
  return found.sort();
}

/** Opens `page` as `session` and returns the action's id, which that page's HTML hands to anyone who can open it. */
async function actionOn(session: APIRequestContext, page: string, name: keyof typeof ACTIONS): Promise<TAction> {
  const [file, exportedName] = ACTIONS[name];
  const id = actionId(file, exportedName);
  const res = await session.get(page);
  expect(res.status(), page).toBe(200);
  expect(await res.text(), `${page} hands out the id of ${name}`).toContain(id);
  return { id, name };
}

type TCall = { res: APIResponse; text: string; result: TActionResult | null };

/** POSTs an action to a page the way React does; returns the raw response and the action's result. */
async function callAction(session: APIRequestContext, page: string, action: TAction, input: unknown): Promise<TCall> {
  const res = await session.post(page, {
    headers: {
      "next-action": action.id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: new URL(test.info().project.use.baseURL!).origin,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const text = await res.text();
  let result: TActionResult | null = null;
  for (const line of text.split("\n")) {
    const payload = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!payload) continue;
    try {
      const value = JSON.parse(payload) as Record<string, unknown>;
      if (typeof value.ok === "boolean") {
        result = value as TActionResult;
        break;
      }
    } catch {
      // another kind of row
    }
  }
  return { res, text, result };
}

/** The chat action's streamed events (rows of the React response that carry a `type`). */
function chatEvents(
  text: string,
): { type: string; receipt?: { generationId: string }; outcome?: { status: string } }[] {
  return text
    .split("\n")
    .map((line) => /^[0-9a-f]+:(\{"type":.*\})$/.exec(line)?.[1])
    .filter((payload): payload is string => payload !== undefined)
    .map((payload) => JSON.parse(payload) as { type: string });
}

// ---------------------------------------------------------------------------------------------
// The two accounts
// ---------------------------------------------------------------------------------------------

let victim: TUser;
let attacker: TUser;
/** Signed in as each; `api` carries no cookies (key-authenticated and anonymous calls). */
let victimSession: APIRequestContext;
let attackerSession: APIRequestContext;
let api: APIRequestContext;
/** The victim's generations; every one has its prompt (with MARKER) logged. */
const victimGens: string[] = [];
/** One victim request that was refused (no content, status error). */
let victimRefusedGen = "";
const attackerGens: string[] = [];
let baseline: TVictimView;

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

function createCliUser(
  label: string,
  password: string,
  settings: string[],
): { email: string; key: string; keyName: string } {
  const email = uniqueEmail(label);
  privetCli(["user", "create", "--email", email, "--password", password]);
  privetCli(["settings", "set", "--email", email, ...settings]);
  const keyName = `${label} key ${hex()}`;
  const key = privetCli(["key", "create", "--email", email, "--name", keyName]);
  return { email, key, keyName };
}

type TExport = {
  exported_at?: string;
  account: { id: string; email: string };
  settings: Record<string, unknown>;
  api_keys: { id: string; name: string; prefix: string; last_used_at: string | null; revoked_at: string | null }[];
  generations: { id: string; content: unknown }[];
};

async function exportOf(session: APIRequestContext): Promise<TExport> {
  const res = await session.get("/api/export/account");
  expect(res.status()).toBe(200);
  return (await res.json()) as TExport;
}

/**
 * Every row the victim owns, read from the database (read-only). The victim's own view below goes
 * through the app, whose settings cache could show a change made a moment ago as it was before; the
 * rows cannot.
 */
function victimRows(userId: string) {
  return withE2eDb(async (db) => {
    const all = (sql: string) => db.all(sql, userId);
    return {
      user: await all(`SELECT "email", "passwordHash", "promptLogging", "allowTrainingPaid", "allowTrainingFree", "zdrOnly", "ignoredProviders",
                        "contentRetentionDays", "metadataRetentionDays", "settingsUpdatedAt" FROM "User" WHERE "id" = ?`),
      keys: await all(
        `SELECT "id", "name", "prefix", "hash", "createdAt", "revokedAt" FROM "ApiKey" WHERE "userId" = ? ORDER BY "id"`,
      ),
      generations: await all(`SELECT * FROM "Generation" WHERE "userId" = ? ORDER BY "id"`),
      // The ciphertext as hex: a BLOB on SQLite, a bytea on PostgreSQL, both read as a Buffer.
      contents: (
        await all(
          `SELECT "generationId", "ciphertext", "expiresAt" FROM "GenerationContent" WHERE "userId" = ? ORDER BY "generationId"`,
        )
      ).map((row) => ({
        ...row,
        ciphertext: Buffer.from(row.ciphertext as Uint8Array).toString("hex"),
      })),
      samples: await all(
        `SELECT "generationId", "model", "category" FROM "CategorySample" WHERE "userId" = ? ORDER BY "generationId"`,
      ),
      rollups: await all(
        `SELECT * FROM "ActivityRollup" WHERE "userId" = ? ORDER BY "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app"`,
      ),
    };
  });
}

/**
 * Everything the victim can see of its own data — the full account export (settings, keys, every
 * record with its decrypted content) and the API's activity totals — and the rows behind it. Key
 * use times are left out: the victim's own checks use its key.
 */
async function victimView() {
  const exported = await exportOf(victimSession);
  delete exported.exported_at;
  for (const k of exported.api_keys) k.last_used_at = null;
  const activity = (await (await api.get("/api/v1/activity", bearer(victim.key))).json()) as { data: unknown[] };
  return { exported, activity: activity.data, rows: await victimRows(victim.userId) };
}
type TVictimView = Awaited<ReturnType<typeof victimView>>;

/** The victim's view once every record it made has been written (the writer batches them). */
async function settledVictimView(): Promise<TVictimView> {
  const expected = [...victimGens, victimRefusedGen].sort();
  await expect.poll(async () => (await exportOf(victimSession)).generations.map((g) => g.id).sort()).toEqual(expected);
  return victimView();
}

/** As the victim, through its own key and session: nothing changed, everything still works. */
async function expectVictimIntact(): Promise<void> {
  expect(await victimView(), "the victim's export and activity totals").toEqual(baseline);
  const key = await api.get("/api/v1/key", bearer(victim.key));
  expect(key.status(), "the victim's key still works").toBe(200);
  expect(((await key.json()) as { data: { name: string } }).data.name).toBe(victim.keyName);
  for (const id of victimGens) {
    expect((await api.get(`/api/v1/generation?id=${id}`, bearer(victim.key))).status(), id).toBe(200);
    const content = await api.get(`/api/v1/generation/content?id=${id}`, bearer(victim.key));
    expect(content.status(), `content of ${id}`).toBe(200);
    expect(await content.text()).toContain(MARKER);
  }
  expect((await victimSession.get(`/activity/${victimGens[0]}`)).status()).toBe(200);
}

/** Everything that identifies the victim or its data (the model aside: the catalog pages list it). */
function victimSecrets(): string[] {
  return [
    MARKER,
    victim.email,
    victim.userId,
    victim.keyId,
    victim.keyName,
    victim.key.slice(0, 14),
    VICTIM_REFERER,
    VICTIM_APP,
    VICTIM_PASSWORD,
    ...victimGens,
    victimRefusedGen,
  ];
}

function expectNothingOfTheVictim(
  text: string,
  what: string,
  options: { echoed?: string[]; model?: boolean } = {},
): void {
  const secrets = victimSecrets().filter((s) => !(options.echoed ?? []).includes(s));
  if (options.model) secrets.push(VICTIM_MODEL);
  for (const secret of secrets) expect(text.includes(secret), `${what} contains ${secret}`).toBe(false);
}

test.beforeAll(async () => {
  const baseURL = test.info().project.use.baseURL!;
  // The victim: prompt logging on, non-default settings, records with logged content under a
  // model, an app and a key the attacker never uses, and one refused request.
  const v = createCliUser("xt-victim", VICTIM_PASSWORD, [
    "--prompt-logging",
    "on",
    "--train-paid",
    "on",
    "--ignore",
    "e2e-unknown",
  ]);
  const a = createCliUser("xt-attacker", PASSWORD, ["--prompt-logging", "on"]);
  api = await playwrightRequest.newContext({ baseURL });
  victimSession = await playwrightRequest.newContext({ baseURL });
  attackerSession = await playwrightRequest.newContext({ baseURL });
  await signInRequest(victimSession, v.email, VICTIM_PASSWORD);
  await signInRequest(attackerSession, a.email, PASSWORD);

  for (let i = 0; i < 3; i++) {
    const made = await chatRequest(
      api,
      v.key,
      { model: VICTIM_MODEL, messages: [{ role: "user", content: `${MARKER} request ${i}` }] },
      { "http-referer": VICTIM_REFERER, "x-title": VICTIM_APP },
    );
    expect(made.status).toBe(200);
    victimGens.push(made.id);
  }
  const refused = await chatRequest(
    api,
    v.key,
    { model: "e2e/not-in-the-catalog", messages: [{ role: "user", content: MARKER }] },
    { "http-referer": VICTIM_REFERER },
  );
  expect(refused.status).toBe(404);
  victimRefusedGen = refused.id;
  for (let i = 0; i < 3; i++) {
    const made = await chatRequest(api, a.key, {
      model: ATTACKER_MODEL,
      messages: [{ role: "user", content: `attacker's own prompt ${i}` }],
    });
    expect(made.status).toBe(200);
    attackerGens.push(made.id);
  }

  // The victim also sets a retention through its own settings action: the control that an action
  // called this way is carried out.
  const update = await actionOn(victimSession, "/settings/privacy", "updatePrivacySettings");
  expect(
    (await callAction(victimSession, "/settings/privacy", update, { contentRetentionDays: 9 })).result,
  ).toMatchObject({ ok: true });

  const victimExport = await exportOf(victimSession);
  const attackerExport = await exportOf(attackerSession);
  // Each export lists its own account's one key (already an isolation check of its own).
  expect(victimExport.api_keys.map((k) => k.name)).toEqual([v.keyName]);
  expect(attackerExport.api_keys.map((k) => k.name)).toEqual([a.keyName]);
  victim = { ...v, password: VICTIM_PASSWORD, userId: victimExport.account.id, keyId: victimExport.api_keys[0]!.id };
  attacker = { ...a, password: PASSWORD, userId: attackerExport.account.id, keyId: attackerExport.api_keys[0]!.id };
  baseline = await settledVictimView();
  expect(baseline.exported.settings).toMatchObject({
    prompt_logging: true,
    allow_training_paid: true,
    ignored_providers: ["e2e-unknown"],
    content_retention_days: 9,
  });
  expect(baseline.exported.generations.filter((g) => g.content !== null)).toHaveLength(victimGens.length);
});

test.afterAll(async () => {
  await Promise.all([api?.dispose(), victimSession?.dispose(), attackerSession?.dispose()]);
});

test("the inventory is complete: every page, route handler, /api/v1 route and server action of this build is in it", () => {
  expect(appRoutes("page.tsx"), "pages (app/**/page.tsx)").toEqual([...PAGES].sort());
  expect(appRoutes("route.ts"), "route handlers (app/**/route.ts)").toEqual([...ROUTE_HANDLERS].sort());
  expect(ROUTE_TABLE.map((r) => `${r.method} ${r.path}`).sort(), "/api/v1 routes (lib/api/route-table.ts)").toEqual(
    [...API_ROUTES].sort(),
  );
  const dist = path.join(process.cwd(), process.env.PRIVET_DIST_DIR || ".next");
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  ) as TManifest;
  const built = Object.values(manifest.node).map((entry) => `${entry.filename}#${entry.exportedName}`);
  expect(built.sort(), "server actions (the build's manifest)").toEqual(
    Object.values(ACTIONS)
      .map(([file, name]) => `${file}#${name}`)
      .sort(),
  );
});

test("/api/v1 with the attacker's key: 404 for the victim's records and content, and only the attacker's own activity and key", async () => {
  const never = await api.get("/api/v1/generation?id=gen-never-existed", bearer(attacker.key));
  const neverContent = await api.get("/api/v1/generation/content?id=gen-never-existed", bearer(attacker.key));
  for (const id of [...victimGens, victimRefusedGen]) {
    expect(
      (await api.get(`/api/v1/generation?id=${id}`, bearer(victim.key))).status(),
      "the control: the id is real",
    ).toBe(200);
    const record = await api.get(`/api/v1/generation?id=${encodeURIComponent(id)}`, bearer(attacker.key));
    expect(record.status(), id).toBe(404);
    const content = await api.get(`/api/v1/generation/content?id=${encodeURIComponent(id)}`, bearer(attacker.key));
    expect(content.status(), id).toBe(404);
    // The very answer an id that never existed gets: nothing tells the attacker the id is real.
    expect(await record.json()).toEqual(await never.json());
    expect(await content.json()).toEqual(await neverContent.json());
  }

  for (const query of ["", `?date=${new Date().toISOString().slice(0, 10)}`]) {
    const res = await api.get(`/api/v1/activity${query}`, bearer(attacker.key));
    expect(res.status()).toBe(200);
    const text = await res.text();
    expectNothingOfTheVictim(text, `/api/v1/activity${query}`, { model: true });
    const { data } = JSON.parse(text) as { data: { model: string; requests: number }[] };
    expect(data.reduce((n, row) => n + row.requests, 0)).toBe(attackerGens.length);
  }

  const activity = (await (await api.get("/api/v1/activity", bearer(attacker.key))).json()) as {
    data: { usage: number }[];
  };
  const attackerSpend = activity.data.reduce((sum, row) => sum + row.usage, 0);
  for (const path of ["/api/v1/key", "/api/v1/auth/key"]) {
    const key = await api.get(path, bearer(attacker.key));
    const { data } = (await key.json()) as { data: { name: string; usage: number } };
    expect(data.name, path).toBe(attacker.keyName);
    // The key's own spend: part of the attacker's, none of the victim's.
    expect(data.usage, path).toBeLessThanOrEqual(attackerSpend + 1e-12);
  }
  const credits = (await (await api.get("/api/v1/credits", bearer(attacker.key))).json()) as {
    data: { total_usage: number };
  };
  expect(credits.data.total_usage).toBeCloseTo(attackerSpend, 12);
});

test("pages with the attacker's session: 404 for the victim's records, and none of the victim's rows under any filter", async () => {
  for (const id of [...victimGens, victimRefusedGen]) {
    expect((await victimSession.get(`/activity/${id}`)).status(), "the control: the victim opens it").toBe(200);
    const page = await attackerSession.get(`/activity/${id}`);
    expect(page.status(), id).toBe(404);
    const html = await page.text();
    expect(html).toContain("This request is not in your activity");
    expectNothingOfTheVictim(html, `/activity/${id}`, { echoed: [id], model: true });
    // The same page as a client-side navigation fetches it (the React Server Components payload).
    const rsc = await attackerSession.get(`/activity/${id}`, { headers: { rsc: "1" } });
    const flight = await rsc.text();
    expect(flight).toContain("This request is not in your activity");
    expectNothingOfTheVictim(flight, `/activity/${id} (RSC)`, { echoed: [id], model: true });
  }

  // Cursors forged from the victim's records, for the table's default and cost orders.
  const exported = baseline.exported as unknown as {
    generations: { id: string; created_at: string; total_cost: number }[];
  };
  const first = exported.generations[0]!;
  const cursor = (c: Record<string, unknown>) => Buffer.from(JSON.stringify(c)).toString("base64url");
  const byDate = cursor({ s: "date", d: "desc", v: first.created_at, i: first.id });
  const byCost = cursor({ s: "cost", d: "desc", v: first.total_cost, i: first.id });
  const views: [string, string[]][] = [
    ["/activity", []],
    [`/activity?key=${victim.keyId}`, [victim.keyId]],
    [`/activity?app=${encodeURIComponent(VICTIM_REFERER)}`, [VICTIM_REFERER]],
    [`/activity?model=${encodeURIComponent(VICTIM_MODEL)}`, [VICTIM_MODEL]],
    [`/activity?provider=e2e-retain&model=${encodeURIComponent(VICTIM_MODEL)}&status=success`, [VICTIM_MODEL]],
    ["/activity?status=error", []],
    ["/activity?group=key", []],
    ["/activity?range=year&group=provider&metric=tokens", []],
    ["/activity?range=month&group=model&metric=requests", []],
    [`/activity?after=${byDate}`, []],
    [`/activity?before=${byDate}`, []],
    [`/activity?sort=cost&after=${byCost}`, []],
  ];
  for (const [url, echoed] of views) {
    const res = await attackerSession.get(url);
    expect(res.status(), url).toBe(200);
    const html = await res.text();
    expectNothingOfTheVictim(html, url, { echoed, model: !echoed.includes(VICTIM_MODEL) });
    // The unfiltered view lists the attacker's own rows: the page did render the table.
    if (url === "/activity") for (const id of attackerGens) expect(html, "the attacker's own rows").toContain(id);
  }

  for (const url of [
    "/",
    "/settings",
    "/settings/keys",
    "/settings/privacy",
    "/settings/account",
    "/chat",
    "/rankings",
    "/rankings?period=all",
  ]) {
    const res = await attackerSession.get(url);
    expect(res.status(), url).toBe(200);
    expectNothingOfTheVictim(await res.text(), url);
  }
});

test("the victim's own pages and data are never kept by a shared cache, which could hand them to the attacker", async () => {
  const responses: [string, APIResponse][] = [
    [`/activity/${victimGens[0]}`, await victimSession.get(`/activity/${victimGens[0]}`)],
    ["/activity", await victimSession.get("/activity")],
    ["/settings/keys", await victimSession.get("/settings/keys")],
    ["/api/export/activity", await victimSession.get("/api/export/activity")],
    ["/api/export/account", await victimSession.get("/api/export/account")],
    ["/api/v1/generation", await api.get(`/api/v1/generation?id=${victimGens[0]}`, bearer(victim.key))],
    ["/api/v1/generation/content", await api.get(`/api/v1/generation/content?id=${victimGens[0]}`, bearer(victim.key))],
    ["/api/v1/activity", await api.get("/api/v1/activity", bearer(victim.key))],
  ];
  for (const [what, res] of responses) {
    expect(res.status(), what).toBe(200);
    expect(res.headers()["cache-control"], what).toMatch(/\b(no-store|private)\b/);
  }
});

test("the attacker's exports hold nothing of the victim's, whatever the filters", async () => {
  for (const filters of [
    "",
    `?key=${victim.keyId}`,
    `?app=${encodeURIComponent(VICTIM_REFERER)}`,
    `?model=${encodeURIComponent(VICTIM_MODEL)}`,
    "?status=error",
  ]) {
    const res = await attackerSession.get(`/api/export/activity${filters}`);
    expect(res.status(), filters).toBe(200);
    const csv = await res.text();
    expectNothingOfTheVictim(csv, `CSV ${filters}`, { model: true });
    if (filters === "") for (const id of attackerGens) expect(csv).toContain(id);
  }

  const res = await attackerSession.get("/api/export/account");
  expect(res.status()).toBe(200);
  const text = await res.text();
  expectNothingOfTheVictim(text, "account export", { model: true });
  const json = JSON.parse(text) as TExport;
  expect(json.account).toMatchObject({ id: attacker.userId, email: attacker.email });
  expect(json.settings).toMatchObject({
    prompt_logging: true,
    allow_training_paid: false,
    ignored_providers: [],
    content_retention_days: 30,
  });
  expect(json.api_keys.map((k) => k.id)).toEqual([attacker.keyId]);
  expect(json.generations.map((g) => g.id).sort()).toEqual([...attackerGens].sort());
});

test("a session update naming the victim leaves the attacker signed in as the attacker", async () => {
  const { csrfToken } = (await (await attackerSession.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await attackerSession.post("/api/auth/session", {
    data: { csrfToken, data: { user: { id: victim.userId, email: victim.email }, sub: victim.userId } },
  });
  const session = (await (await attackerSession.get("/api/auth/session")).json()) as {
    user?: { email?: string; id?: string };
  };
  expect(session.user).toMatchObject({ email: attacker.email, id: attacker.userId });
  expect((await exportOf(attackerSession)).account.id).toBe(attacker.userId);
  await expectVictimIntact();
});

test("Stop with the victim's chat request id stops nothing of the victim's", async () => {
  const stop = await actionOn(attackerSession, "/chat", "stopChat");
  const send = await actionOn(victimSession, "/chat", "sendChatMessage");
  // The attacker's Stop comes first: a Stop that precedes its send is remembered and aborts that
  // send when it starts — so it must be remembered for the attacker's account only.
  const requestId = randomUUID();
  expect((await callAction(attackerSession, "/chat", stop, { requestId })).result).toEqual({
    ok: true,
    data: { isStopped: false },
  });
  const sent = await callAction(victimSession, "/chat", send, {
    requestId,
    model: VICTIM_MODEL,
    messages: [{ role: "user", content: `${MARKER} from the chat` }],
    options: { denyDataCollection: false, zdr: false, order: [] },
  });
  expect(sent.result).toMatchObject({ ok: true });
  const events = chatEvents(sent.text);
  expect(events.find((e) => e.type === "end")?.outcome?.status, "the victim's reply ran to the end").toBe("success");
  const id = events.find((e) => e.type === "start")?.receipt?.generationId;
  expect(id).toBeTruthy();
  victimGens.push(id!);
  // The victim made a new record: that is the state every later check compares with.
  baseline = await settledVictimView();
  expect(baseline.exported.generations.find((g) => g.id === id)).toMatchObject({ status: "success", cancelled: false });
  await expectVictimIntact();
});

test("every action taking an id answers 'not found' for the victim's ids and changes nothing", async () => {
  const ownGen = attackerGens[0]!;
  const revoke = await actionOn(attackerSession, "/settings/keys", "revokeApiKey");
  const deleteLog = await actionOn(attackerSession, `/activity/${ownGen}`, "deleteGenerationLog");
  const deleteContent = await actionOn(attackerSession, `/activity/${ownGen}`, "deleteGenerationContent");

  const expectRefused = (call: TCall, message: RegExp, what: string) => {
    expect(call.res.status(), what).toBe(200);
    expect(call.result, what).toMatchObject({ ok: false });
    expect(call.result?.ok === false && call.result.error, what).toMatch(message);
    expectNothingOfTheVictim(call.text, what, { model: true });
  };

  expectRefused(
    await callAction(attackerSession, "/settings/keys", revoke, { keyId: victim.keyId }),
    /^API key not found\.$/,
    "revoke",
  );
  const updateGuardrails = await actionOn(attackerSession, "/settings/keys", "updateApiKeyGuardrails");
  const narrow = {
    spendLimit: "0",
    limitReset: "",
    allowedModels: "",
    allowedProviders: "",
    requireZdr: true,
    expiresAt: "",
    rateLimitPerMinute: "1",
  };
  expectRefused(
    await callAction(attackerSession, "/settings/keys", updateGuardrails, { keyId: victim.keyId, guardrails: narrow }),
    /^API key not found\.$/,
    "update guardrails",
  );
  // The key management API, with the attacker's management key: the victim's key is "not found".
  const management = await callAction(
    attackerSession,
    "/settings/keys",
    await actionOn(attackerSession, "/settings/keys", "createApiKey"),
    {
      name: "attacker management",
      isManagement: true,
    },
  );
  const managementKey = (management.result as { data: { key: string } }).data.key;
  for (const [method, body] of [["GET"], ["PATCH", { disabled: true }], ["DELETE"]] as const) {
    const res = await api.fetch(`/api/v1/keys/${victim.keyId}`, {
      method,
      headers: { ...bearer(managementKey).headers, "content-type": "application/json" },
      ...(body ? { data: body } : {}),
    });
    expect(res.status(), `${method} /api/v1/keys/{victim}`).toBe(404);
    expectNothingOfTheVictim(await res.text(), `${method} /api/v1/keys/{victim}`, { model: true });
  }
  const listed = await api.get("/api/v1/keys", bearer(managementKey));
  expect(listed.status()).toBe(200);
  expectNothingOfTheVictim(await listed.text(), "GET /api/v1/keys", { model: true });
  // Posted from the attacker's own detail page (a tampered form), and from the victim's record's URL.
  for (const page of [`/activity/${ownGen}`, `/activity/${victimGens[0]}`, "/activity"]) {
    for (const id of [...victimGens, victimRefusedGen]) {
      expectRefused(
        await callAction(attackerSession, page, deleteContent, { id }),
        /no stored content/i,
        `delete content ${id} at ${page}`,
      );
      expectRefused(
        await callAction(attackerSession, page, deleteLog, { id }),
        /not in your activity/,
        `delete log ${id} at ${page}`,
      );
    }
  }
  await expectVictimIntact();

  // The controls: the very same calls with the attacker's own ids are carried out.
  const create = await actionOn(attackerSession, "/settings/keys", "createApiKey");
  const created = await callAction(attackerSession, "/settings/keys", create, { name: "attacker spare" });
  expect(created.result).toMatchObject({ ok: true });
  const spare = (created.result as { data: { key: string; apiKey: { id: string } } }).data;
  expect(
    (await callAction(attackerSession, "/settings/keys", revoke, { keyId: spare.apiKey.id })).result,
  ).toMatchObject({ ok: true });
  expect((await api.get("/api/v1/key", bearer(spare.key))).status()).toBe(401);
  expect(
    (await callAction(attackerSession, `/activity/${ownGen}`, deleteContent, { id: ownGen })).result,
  ).toMatchObject({ ok: true });
  expect((await api.get(`/api/v1/generation/content?id=${ownGen}`, bearer(attacker.key))).status()).toBe(404);
  expect((await callAction(attackerSession, `/activity/${ownGen}`, deleteLog, { id: ownGen })).result).toMatchObject({
    ok: true,
  });
  expect((await api.get(`/api/v1/generation?id=${ownGen}`, bearer(attacker.key))).status()).toBe(404);
  attackerGens.shift();
  await expectVictimIntact();
});

test("actions without ids act on the attacker alone: settings, keys, sign-up with the victim's email, account deletion with the victim's password", async () => {
  const update = await actionOn(attackerSession, "/settings/privacy", "updatePrivacySettings");
  const smuggled = await callAction(attackerSession, "/settings/privacy", update, {
    userId: victim.userId,
    promptLogging: false,
  });
  expect(smuggled.result).toMatchObject({ ok: false });
  const saved = await callAction(attackerSession, "/settings/privacy", update, {
    allowTrainingFree: true,
    ignoredProviders: ["e2e-trains"],
    contentRetentionDays: 2,
  });
  expect(saved.result).toMatchObject({
    ok: true,
    data: { settings: { allowTrainingFree: true, ignoredProviders: ["e2e-trains"], contentRetentionDays: 2 } },
  });
  expectNothingOfTheVictim(saved.text, "saved settings");

  // Signing up with the victim's email (as typed differently) answers as for a new email — it tells
  // nobody the account exists — and takes nothing over.
  const signUp = await actionOn(api, "/sign-up", "signUp");
  const taken = await callAction(api, "/sign-up", signUp, {
    email: ` ${victim.email.toUpperCase()} `,
    password: "the attacker's own password",
  });
  expect(taken.result).toEqual({ ok: true, data: { email: victim.email } });
  const baseURL = test.info().project.use.baseURL!;
  const fresh = await playwrightRequest.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await fresh.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await fresh.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: victim.email, password: "the attacker's own password", json: "true" },
      maxRedirects: 0,
    });
    expect(
      ((await (await fresh.get("/api/auth/session")).json()) as { user?: unknown }).user,
      "the attacker's password opens nothing",
    ).toBeUndefined();
    await signInRequest(fresh, victim.email, VICTIM_PASSWORD);
  } finally {
    await fresh.dispose();
  }

  const deleteAccount = await actionOn(attackerSession, "/settings/account", "deleteAccount");
  const wrong = await callAction(attackerSession, "/settings/account", deleteAccount, { password: VICTIM_PASSWORD });
  expect(wrong.result).toMatchObject({ ok: false, error: "That password is not right." });
  await expectVictimIntact();

  // A password change needs the attacker's own password, whatever id rides along.
  const changePassword = await actionOn(attackerSession, "/settings/account", "changePassword");
  const changed = await callAction(attackerSession, "/settings/account", changePassword, {
    userId: victim.userId,
    password: VICTIM_PASSWORD,
    newPassword: `taken over ${hex()}`,
  });
  expect(changed.result).toMatchObject({ ok: false, error: "That password is not right." });
  await expectVictimIntact();

  // "Sign out everywhere" with the victim's id ends the attacker's sessions only (the victim's
  // session still reads the victim's export); the attacker then signs in again for the tests below.
  const signOutEverywhere = await actionOn(attackerSession, "/settings/account", "signOutEverywhere");
  expect(
    (await callAction(attackerSession, "/settings/account", signOutEverywhere, { userId: victim.userId })).result,
  ).toEqual({ ok: true, data: { signedOut: true } });
  expect(
    ((await (await attackerSession.get("/api/auth/session")).json()) as { user?: unknown }).user,
    "the attacker's own session ended",
  ).toBeUndefined();
  await expectVictimIntact();
  await signInRequest(attackerSession, attacker.email, PASSWORD);
});

test("admin pages and actions: the attacker, a member, gets 404 for every one, and nothing changes", async () => {
  for (const page of ["/admin", "/admin/invitations", "/admin/instance", "/admin/catalog", "/admin?q=xt-victim"]) {
    const res = await attackerSession.get(page, { maxRedirects: 0 });
    expect(res.status(), page).toBe(404);
    expectNothingOfTheVictim(await res.text(), page);
  }
  // The ids are the build's: a member's pages never hand them out, so an attacker would have to
  // guess them; here they are read from the manifest, the strongest case.
  const inputs: Record<string, unknown> = {
    updateUserRole: { userId: victim.userId, role: "member" },
    updateUserDisabled: { userId: victim.userId, isDisabled: true },
    updateUserLimits: {
      userId: victim.userId,
      limits: {
        spendLimit: "0.01",
        limitReset: "",
        allowedModels: "",
        allowedProviders: "nobody",
        requireZdr: true,
        rateLimitPerMinute: "1",
      },
    },
    deleteUser: { userId: victim.userId },
    createInvitation: { expiresInDays: 7 },
    deleteInvitation: { id: "inv-none" },
    updateSignupMode: { mode: "open" },
    updatePolicyFloor: { zdrOnly: false, ignoredProviders: [], allowedModels: null },
  };
  for (const [name, input] of Object.entries(inputs)) {
    const [file, exportedName] = ACTIONS[name as keyof typeof ACTIONS];
    const action = { id: actionId(file, exportedName), name };
    for (const page of ["/settings/privacy", "/admin"]) {
      const call = await callAction(attackerSession, page, action, input);
      // Next's 404 for a server action (notFound() in adminAction): its marker and no result.
      expect(call.text, `${name} at ${page}`).toContain('"digest":"NEXT_HTTP_ERROR_FALLBACK;404"');
      expect(call.result, `${name} at ${page}`).toBeNull();
      expectNothingOfTheVictim(call.text, `${name} at ${page}`);
    }
  }
  await expectVictimIntact();
});

test("the attacker's 'delete all' actions and account deletion remove the attacker's data and none of the victim's", async () => {
  const deleteAllContent = await actionOn(attackerSession, "/activity", "deleteAllContent");
  const deleteLogged = await actionOn(attackerSession, "/settings/privacy", "deleteLoggedContent");
  const deleteAllActivity = await actionOn(attackerSession, "/settings/account", "deleteAllActivity");
  const deleteAccount = await actionOn(attackerSession, "/settings/account", "deleteAccount");

  // Each one does delete the attacker's data (the control), and nothing of the victim's.
  expect((await callAction(attackerSession, "/activity", deleteAllContent, {})).result).toEqual({
    ok: true,
    data: { count: attackerGens.length },
  });
  expect((await api.get(`/api/v1/generation/content?id=${attackerGens[0]}`, bearer(attacker.key))).status()).toBe(404);
  await expectVictimIntact();

  const logged = await chatRequest(api, attacker.key, { model: ATTACKER_MODEL });
  attackerGens.push(logged.id);
  await expect
    .poll(async () => (await api.get(`/api/v1/generation/content?id=${logged.id}`, bearer(attacker.key))).status())
    .toBe(200);
  expect((await callAction(attackerSession, "/settings/privacy", deleteLogged, {})).result).toEqual({
    ok: true,
    data: { deleted: 1 },
  });
  await expectVictimIntact();

  expect((await callAction(attackerSession, "/settings/account", deleteAllActivity, {})).result).toMatchObject({
    ok: true,
    data: { records: attackerGens.length },
  });
  expect((await api.get(`/api/v1/generation?id=${attackerGens[1]}`, bearer(attacker.key))).status()).toBe(404);
  await expectVictimIntact();

  expect(
    (await callAction(attackerSession, "/settings/account", deleteAccount, { password: PASSWORD })).result,
  ).toEqual({ ok: true, data: { deleted: true } });
  expect(
    (await api.get("/api/v1/key", bearer(attacker.key))).status(),
    "the attacker's key died with its account",
  ).toBe(401);
  expect((await attackerSession.get("/api/export/account")).status(), "and its session opens nothing").toBe(401);
  await expectVictimIntact();
});
