// Attacker/victim at the data-function level (issue 8): every server-only function in lib/ that a
// page, server action, route handler or /api/v1 route calls with the signed-in account's (or the
// API key's) id, called with the attacker's id and the victim's ids. Each read gives nothing of the
// victim's, each write is "not found" or touches the attacker's rows only, and afterwards every
// row the victim owns (settings, keys, records, content, samples, rollups) is exactly as before.
// The e2e suite (e2e/cross-tenant.*.spec.ts, with the inventory of pages, actions and routes)
// runs the same attacks over HTTP; this file adds what HTTP cannot aim at reliably: records and
// content still waiting in the metadata writer's memory, a chat reply in flight, revoked keys.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

type TLib = {
  purge: typeof import("@/lib/privacy/purge");
  accounts: typeof import("@/lib/accounts/accounts");
  keys: typeof import("@/lib/keys/api-keys");
  settings: typeof import("@/lib/privacy/settings");
  privacy: typeof import("@/lib/privacy/privacy-settings");
  generations: typeof import("@/lib/generations/generations");
  content: typeof import("@/lib/content/content");
  capture: typeof import("@/lib/content/capture");
  detail: typeof import("@/lib/activity/detail");
  list: typeof import("@/lib/activity/list");
  options: typeof import("@/lib/activity/options");
  summary: typeof import("@/lib/activity/summary");
  daily: typeof import("@/lib/activity/daily");
  pageData: typeof import("@/lib/activity/page-data");
  query: typeof import("@/lib/activity/query");
  csv: typeof import("@/lib/activity/csv");
  deletion: typeof import("@/lib/activity/deletion");
  accountExport: typeof import("@/lib/accounts/export");
  accountSummary: typeof import("@/lib/accounts/summary");
  accountDeletion: typeof import("@/lib/accounts/deletion");
  streams: typeof import("@/lib/chat/active-streams");
  chatModels: typeof import("@/lib/chat/models");
  recorder: typeof import("@/lib/gateway/recorder");
};

let h: THarness;
let lib: TLib;
let rawQuery: typeof import("@/lib/db").rawQuery;

const hex = () => crypto.randomBytes(5).toString("hex");
/** The victim's prompt text: it must never reach anything the attacker can read. */
const MARKER = `xtenant-victim-prompt-${hex()}`;
const VICTIM_PASSWORD = `victim only ${hex()}`;
const ATTACKER_PASSWORD = `attacker only ${hex()}`;
const VICTIM_REFERER = `https://victim-${hex()}.example/app`;
/** Longer than the attacker's retentions, so a purge run can end the attacker's data and not the victim's. */
const VICTIM_CONTENT_DAYS = 60;

type TUser = {
  id: string;
  email: string;
  password: string;
  key: string;
  keyId: string;
  keyName: string;
  keyPrefix: string;
};

async function createUser(label: string, password: string, settings: Record<string, unknown>): Promise<TUser> {
  const account = await lib.accounts.createAccount({ email: `${label}-${hex()}@example.com`, password });
  await lib.settings.updateAccountSettings(account.id, settings);
  const keyName = `${label} key ${hex()}`;
  const { key, info } = await lib.keys.createApiKey(account.id, keyName);
  return { ...account, password, key, keyId: info.id, keyName, keyPrefix: info.prefix };
}

async function chat(user: TUser, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const res = await h.chat(user.key, { messages: [{ role: "user", content: "hello" }], ...body }, headers);
  await res.text();
  return res.headers.get("x-privet-generation-id")!;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** Every row the victim owns, as the database holds it (key use times aside: using a key updates them). */
async function snapshot(userId: string) {
  const q = (sql: string) => rawQuery<Record<string, unknown>[]>(h.db, sql, userId);
  const ciphertextHex = h.dialect === "postgresql" ? `encode("ciphertext", 'hex')` : `hex("ciphertext")`;
  const [user, keys, generations, contents, samples, rollups] = await Promise.all([
    q(`SELECT "email", "passwordHash", "promptLogging", "allowTrainingPaid", "allowTrainingFree", "zdrOnly", "ignoredProviders",
              "contentRetentionDays", "metadataRetentionDays", "settingsUpdatedAt" FROM "User" WHERE "id" = ?`),
    q(`SELECT "id", "name", "prefix", "hash", "createdAt", "revokedAt" FROM "ApiKey" WHERE "userId" = ? ORDER BY "id"`),
    q(`SELECT * FROM "Generation" WHERE "userId" = ? ORDER BY "id"`),
    q(
      `SELECT "generationId", ${ciphertextHex} AS "ciphertext", "expiresAt" FROM "GenerationContent" WHERE "userId" = ? ORDER BY "generationId"`,
    ),
    q(`SELECT "generationId", "model", "category" FROM "CategorySample" WHERE "userId" = ? ORDER BY "generationId"`),
    q(`SELECT "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost"
       FROM "ActivityRollup" WHERE "userId" = ? ORDER BY 1, 2, 3, 4, 5, 6, 7`),
  ]);
  return { user, keys, generations, contents, samples, rollups };
}

let victim: TUser;
let attacker: TUser;
let victimRevokedKeyId = "";
let victimRevokedKeyPrefix = "";
const victimIds: string[] = [];
const attackerIds: string[] = [];
let baseline: Awaited<ReturnType<typeof snapshot>>;

/** Everything that identifies the victim or its data; none of it may appear in what the attacker reads. */
function victimSecrets(): string[] {
  return [
    MARKER,
    victim.id,
    victim.email,
    victim.keyId,
    victim.keyName,
    victim.keyPrefix,
    victimRevokedKeyId,
    victimRevokedKeyPrefix,
    VICTIM_REFERER,
    "e2e/tools",
    ...victimIds,
  ];
}

function expectNoneOfTheVictims(text: string, what: string): void {
  for (const secret of victimSecrets()) expect(text.includes(secret), `${what} holds ${secret}`).toBe(false);
}

async function expectVictimUnchanged(): Promise<void> {
  await h.flush();
  expect(await snapshot(victim.id)).toEqual(baseline);
  // And the victim can still use all of it: the key authenticates, every record and its content reads.
  const res = await h.get("/api/v1/key", victim.key);
  expect(res.status).toBe(200);
  for (const id of victimIds) {
    expect(await lib.generations.findGeneration(victim.id, id), id).not.toBeNull();
    const content = await lib.content.findGenerationContent(victim.id, id);
    expect(JSON.stringify(content), id).toContain(MARKER);
  }
}

beforeAll(async () => {
  // Every request sampled: the victim's linked category samples must stay out of the attacker's reach too.
  h = await startHarness({ env: { PRIVET_SAMPLE_RATE: "1" } });
  ({ rawQuery } = await import("@/lib/db"));
  lib = {
    purge: await import("@/lib/privacy/purge"),
    accounts: await import("@/lib/accounts/accounts"),
    keys: await import("@/lib/keys/api-keys"),
    settings: await import("@/lib/privacy/settings"),
    privacy: await import("@/lib/privacy/privacy-settings"),
    generations: await import("@/lib/generations/generations"),
    content: await import("@/lib/content/content"),
    capture: await import("@/lib/content/capture"),
    detail: await import("@/lib/activity/detail"),
    list: await import("@/lib/activity/list"),
    options: await import("@/lib/activity/options"),
    summary: await import("@/lib/activity/summary"),
    daily: await import("@/lib/activity/daily"),
    pageData: await import("@/lib/activity/page-data"),
    query: await import("@/lib/activity/query"),
    csv: await import("@/lib/activity/csv"),
    deletion: await import("@/lib/activity/deletion"),
    accountExport: await import("@/lib/accounts/export"),
    accountSummary: await import("@/lib/accounts/summary"),
    accountDeletion: await import("@/lib/accounts/deletion"),
    streams: await import("@/lib/chat/active-streams"),
    chatModels: await import("@/lib/chat/models"),
    recorder: await import("@/lib/gateway/recorder"),
  };
  // The victim: prompt logging on and other non-default settings, two keys (one revoked), records
  // with logged content under a model, an app and a key the attacker never uses.
  victim = await createUser("victim", VICTIM_PASSWORD, {
    promptLogging: true,
    allowTrainingPaid: true,
    ignoredProviders: ["e2e-unknown"],
    contentRetentionDays: VICTIM_CONTENT_DAYS,
  });
  const revoked = await lib.keys.createApiKey(victim.id, `victim old key ${hex()}`);
  victimRevokedKeyId = revoked.info.id;
  victimRevokedKeyPrefix = revoked.info.prefix;
  await lib.keys.revokeApiKey(victim.id, victimRevokedKeyId);
  for (let i = 0; i < 3; i++) {
    victimIds.push(
      await chat(
        victim,
        { model: "e2e/tools", messages: [{ role: "user", content: `${MARKER} number ${i}` }] },
        { "http-referer": VICTIM_REFERER, "x-title": "Victim App" },
      ),
    );
  }
  // The attacker: its own key, records and logged content, on e2e/echo only.
  attacker = await createUser("attacker", ATTACKER_PASSWORD, { promptLogging: true });
  for (let i = 0; i < 2; i++) attackerIds.push(await chat(attacker, { model: "e2e/echo" }));
  await h.flush();
  baseline = await snapshot(victim.id);
  expect(baseline.generations).toHaveLength(3);
  expect(baseline.contents).toHaveLength(3);
  expect(baseline.keys).toHaveLength(2);
  expect(baseline.samples).toHaveLength(3);
});

afterAll(async () => {
  await h?.close();
});

describe("reads with the attacker's id find nothing of the victim's", () => {
  it("records, their content and the detail view: null for every victim id", async () => {
    for (const id of victimIds) {
      expect(await lib.generations.findGeneration(victim.id, id), "the id is real").not.toBeNull();
      expect(await lib.generations.findGeneration(attacker.id, id)).toBeNull();
      expect(await lib.content.findGenerationContent(attacker.id, id)).toBeNull();
      expect(await lib.detail.getGenerationDetail(attacker.id, id)).toBeNull();
    }
  });

  it("a record and its content still waiting in the writer's memory are the victim's alone", async () => {
    // Recorded straight into the writer: HTTP cannot reliably catch the moment before a flush.
    const now = new Date();
    const id = `gen-xtenant-pending-${hex()}`;
    const record = {
      id,
      userId: victim.id,
      apiKeyId: victim.keyId,
      createdAt: now,
      model: "e2e/tools",
      providerSlug: "e2e-retain",
      providerName: "E2E Retain",
      upstreamModel: "upstream-e2e-retain",
      origin: "api" as const,
      appTitle: "Victim App",
      appReferer: VICTIM_REFERER,
      userAgent: null,
      externalUser: null,
      streamed: false,
      cancelled: false,
      status: "success" as const,
      httpStatus: 200,
      errorCode: null,
      finishReason: "stop",
      nativeFinishReason: "stop",
      latencyMs: 10,
      firstTokenMs: 5,
      promptTokens: 3,
      completionTokens: 3,
      cost: 0.000003,
      attempts: [{ provider: "e2e-retain", status: 200, latency_ms: 10 }],
      dataPolicy: null,
      contentStored: true,
      cachedPromptTokens: 0,
      reasoningTokens: 0,
      usageEstimated: false,
      route: null,
      kind: "chat" as const,
    };
    const sealed = (
      await lib.capture.ContentCapture.start(
        id,
        victim.id,
        [{ role: "user", content: `${MARKER} pending` }],
        VICTIM_CONTENT_DAYS,
      )
    ).seal(now);
    lib.recorder.recorder().record(record, { content: sealed });
    // Each call reads the writer's memory before its first await: all run while the record is pending.
    const reads = [
      lib.generations.findGeneration(attacker.id, id),
      lib.content.findGenerationContent(attacker.id, id),
      lib.detail.getGenerationDetail(attacker.id, id),
      lib.generations.findGeneration(victim.id, id),
      lib.content.findGenerationContent(victim.id, id),
    ];
    expect(lib.recorder.recorder().pendingRecord(id), "still pending when read").toBeDefined();
    const [theirRecord, theirContent, theirDetail, ownRecord, ownContent] = await Promise.all(reads);
    expect(theirRecord).toBeNull();
    expect(theirContent).toBeNull();
    expect(theirDetail).toBeNull();
    expect(ownRecord).toMatchObject({ id, userId: victim.id });
    expect(JSON.stringify(ownContent)).toContain(MARKER);

    // Deleting it as the attacker while it waits finds nothing either (deletion writes it first).
    lib.recorder.recorder().record(
      { ...record, id: `${id}-2` },
      {
        content: (
          await lib.capture.ContentCapture.start(
            `${id}-2`,
            victim.id,
            [{ role: "user", content: MARKER }],
            VICTIM_CONTENT_DAYS,
          )
        ).seal(now),
      },
    );
    await expect(lib.deletion.deleteGenerationLog(attacker.id, `${id}-2`)).rejects.toMatchObject({ code: "not_found" });
    lib.recorder.recorder().record(
      { ...record, id: `${id}-3` },
      {
        content: (
          await lib.capture.ContentCapture.start(
            `${id}-3`,
            victim.id,
            [{ role: "user", content: MARKER }],
            VICTIM_CONTENT_DAYS,
          )
        ).seal(now),
      },
    );
    expect(await lib.content.deleteGenerationContent(attacker.id, `${id}-3`)).toBe(false);

    // These records are the victim's from now on.
    await h.flush();
    victimIds.push(id, `${id}-2`, `${id}-3`);
    baseline = await snapshot(victim.id);
    expect(baseline.contents.map((c) => c.generationId)).toEqual(expect.arrayContaining([id, `${id}-2`, `${id}-3`]));
  });

  it("keys: the attacker lists its own key only", async () => {
    const keys = await lib.keys.findApiKeys(attacker.id);
    expect(keys.map((k) => k.id)).toEqual([attacker.keyId]);
  });

  it("the activity table under every filter and cursor, its options, summaries and daily totals", async () => {
    const q = lib.query.DEFAULT_QUERY;
    const ids = async (filters: Record<string, unknown>, extra: Partial<typeof q> = {}) =>
      (await lib.list.findActivityPage(attacker.id, { ...q, ...extra, filters })).rows.map((r) => r.id);
    expect((await ids({})).sort()).toEqual([...attackerIds].sort());
    expect(await ids({ key: victim.keyId })).toEqual([]);
    expect(await ids({ key: victimRevokedKeyId })).toEqual([]);
    expect(await ids({ app: VICTIM_REFERER })).toEqual([]);
    expect(await ids({ model: "e2e/tools" })).toEqual([]);
    expect(await ids({ provider: "e2e-retain", model: "e2e/tools" })).toEqual([]);
    for (const sort of lib.query.ACTIVITY_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        // A cursor the attacker forged from a victim record starts a page of the attacker's rows only.
        const victimRow = (await lib.list.findActivityPage(victim.id, { ...q, sort, dir })).rows[0]!;
        const cursor = Buffer.from(
          JSON.stringify({ s: sort, d: dir, v: sort === "date" ? victimRow.createdAt : 0, i: victimRow.id }),
        ).toString("base64url");
        for (const extra of [{ after: cursor }, { before: cursor }]) {
          const page = await ids({}, { sort, dir, ...extra });
          for (const id of page) expect(attackerIds, `${sort} ${dir} ${JSON.stringify(extra)}`).toContain(id);
        }
      }
    }
    expect(await lib.list.countMatchingUpperBound(attacker.id, { key: victim.keyId })).toBe(0);
    expect(await lib.list.countMatchingUpperBound(attacker.id, { model: "e2e/tools" })).toBe(0);

    const options = await lib.options.findActivityFilterOptions(attacker.id);
    expectNoneOfTheVictims(JSON.stringify(options), "filter options");
    expect(options.keys.map((k) => k.value)).toEqual([attacker.keyId]);

    for (const range of lib.query.ACTIVITY_RANGES) {
      for (const group of lib.query.ACTIVITY_GROUPS) {
        const overview = await lib.summary.getActivityOverview(attacker.id, { range, group, metric: "requests" });
        expectNoneOfTheVictims(JSON.stringify(overview), `overview ${range} ${group}`);
        expect(overview.totals.current.requests, `${range} ${group}`).toBe(attackerIds.length);
      }
    }
    const data = await lib.pageData.getActivityPageData(attacker.id, {
      ...q,
      group: "key",
      filters: { key: victim.keyId },
    });
    expectNoneOfTheVictims(JSON.stringify(data), "activity page data");
    expect(data.page.rows).toEqual([]);

    const daily = await lib.daily.findDailyActivity(attacker.id);
    expectNoneOfTheVictims(JSON.stringify(daily), "daily activity");
    expect(daily.reduce((n, d) => n + d.requests, 0)).toBe(attackerIds.length);
  });

  it("the account pages' data: summary counts, privacy settings and the chat page are the attacker's own", async () => {
    expect(await lib.accountSummary.getAccountDataSummary(attacker.id)).toEqual({
      requests: attackerIds.length,
      storedContent: attackerIds.length,
      apiKeys: 1,
    });
    const privacy = await lib.privacy.getPrivacySettingsPage(attacker.id);
    expect(privacy.settings).toMatchObject({
      promptLogging: true,
      allowTrainingPaid: false,
      ignoredProviders: [],
      contentRetentionDays: 30,
    });
    expect(privacy.loggedContentCount).toBe(attackerIds.length);
    const chatPage = await lib.chatModels.getChatPageData(attacker.id);
    expect(chatPage.settings).toMatchObject({
      allowTrainingPaid: false,
      ignoredProviders: [],
      contentRetentionDays: 30,
    });
  });

  it("POST /api/v1/route explains under the attacker's settings only, whatever the body names", async () => {
    const res = await fetch(`${h.baseUrl}/api/v1/route`, {
      method: "POST",
      headers: { authorization: `Bearer ${attacker.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "e2e/echo", user: victim.id, provider: { only: [] } }),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const plan = JSON.parse(text) as { data: { endpoints: { provider: string }[]; excluded: { step: string }[] } };
    // The victim allows paid training; the attacker does not: the training providers stay excluded.
    expect(plan.data.endpoints.map((e) => e.provider)).not.toContain("e2e-trains");
    expect(plan.data.excluded.filter((e) => e.step === "data_policy:training")).toHaveLength(2);
    for (const secret of victimSecrets()) expect(text).not.toContain(secret);
  });

  it("the CSV and JSON exports hold the attacker's rows only, whatever the filters", async () => {
    for (const filters of [{}, { key: victim.keyId }, { app: VICTIM_REFERER }, { model: "e2e/tools" }]) {
      const csv = await readAll(lib.csv.createActivityCsvStream(attacker.id, filters));
      expectNoneOfTheVictims(csv, `CSV ${JSON.stringify(filters)}`);
    }
    const all = await readAll(lib.csv.createActivityCsvStream(attacker.id, {}));
    for (const id of attackerIds) expect(all).toContain(id);

    const json = await readAll(lib.accountExport.createAccountExportStream(attacker.id));
    expectNoneOfTheVictims(json, "account export");
    const parsed = JSON.parse(json) as {
      account: { id: string };
      api_keys: { id: string }[];
      generations: { id: string }[];
      settings: { ignored_providers: string[] };
    };
    expect(parsed.account.id).toBe(attacker.id);
    expect(parsed.api_keys.map((k) => k.id)).toEqual([attacker.keyId]);
    expect(parsed.generations.map((g) => g.id).sort()).toEqual([...attackerIds].sort());
    expect(parsed.settings.ignored_providers).toEqual([]);
  });
});

describe("writes with the attacker's id change nothing of the victim's", () => {
  it("deleting one of the victim's records or its content is 'not found'", async () => {
    for (const id of victimIds) {
      await expect(lib.deletion.deleteGenerationLog(attacker.id, id)).rejects.toMatchObject({ code: "not_found" });
      expect(await lib.content.deleteGenerationContent(attacker.id, id)).toBe(false);
    }
    await expectVictimUnchanged();
  });

  it("revoking the victim's key — active or already revoked, by id or by prefix — is 'not found' and tells nothing", async () => {
    for (const keyId of [victim.keyId, victimRevokedKeyId]) {
      const attempt = lib.keys.revokeApiKey(attacker.id, keyId);
      await expect(attempt).rejects.toMatchObject({ code: "not_found", message: "API key not found." });
    }
    // By prefix (the CLI's way): "not found" for both, never "already revoked", which would tell the key exists.
    for (const prefix of [victim.keyPrefix, victimRevokedKeyPrefix]) {
      await expect(lib.keys.revokeApiKeyByPrefix(attacker.id, prefix)).rejects.toMatchObject({ code: "not_found" });
    }
    await expectVictimUnchanged();
  });

  it("reading or changing the victim's key (its guardrails, name, disabling it) is 'not found'", async () => {
    for (const keyId of [victim.keyId, victimRevokedKeyId]) {
      await expect(lib.keys.getApiKey(attacker.id, keyId)).rejects.toMatchObject({
        code: "not_found",
        message: "API key not found.",
      });
      for (const changes of [{ disabled: true }, { name: "taken" }, { guardrails: { spendLimit: 0 } }]) {
        await expect(lib.keys.updateApiKey(attacker.id, keyId, changes)).rejects.toMatchObject({
          code: "not_found",
          message: "API key not found.",
        });
      }
    }
    await expectVictimUnchanged();
  });

  it("saving settings changes the attacker's settings only; an account id in the input is refused", async () => {
    await expect(
      lib.privacy.updatePrivacySettings(attacker.id, { userId: victim.id, promptLogging: false }),
    ).rejects.toMatchObject({ code: "bad_request" });
    const saved = await lib.privacy.updatePrivacySettings(attacker.id, {
      allowTrainingFree: true,
      contentRetentionDays: 3,
      ignoredProviders: ["e2e-trains"],
    });
    expect(saved.settings).toMatchObject({
      allowTrainingFree: true,
      contentRetentionDays: 3,
      ignoredProviders: ["e2e-trains"],
    });
    // The victim's cached settings are untouched too (the gateway reads these on every request).
    expect(await lib.settings.getAccountSettings(victim.id)).toMatchObject({
      promptLogging: true,
      allowTrainingPaid: true,
      allowTrainingFree: false,
      ignoredProviders: ["e2e-unknown"],
      contentRetentionDays: VICTIM_CONTENT_DAYS,
    });
    await expectVictimUnchanged();
  });

  it("signing up with the victim's email, however typed, is refused and takes nothing over", async () => {
    for (const email of [victim.email, ` ${victim.email.toUpperCase()} `]) {
      await expect(lib.accounts.createAccount({ email, password: ATTACKER_PASSWORD })).rejects.toMatchObject({
        code: "conflict",
      });
    }
    expect(await lib.accounts.verifyCredentials(victim.email, ATTACKER_PASSWORD)).toBeNull();
    expect(await lib.accounts.verifyCredentials(victim.email, VICTIM_PASSWORD)).toEqual({
      id: victim.id,
      email: victim.email,
      isDisabled: false,
    });
    await expectVictimUnchanged();
  });

  it("Stop with the victim's request id stops nothing, whether the reply is streaming or not yet started", () => {
    const streaming = crypto.randomUUID();
    const controller = lib.streams.registerChatStream(victim.id, streaming);
    try {
      expect(lib.streams.stopChatStream(attacker.id, streaming)).toBe(false);
      expect(controller.signal.aborted).toBe(false);
    } finally {
      lib.streams.releaseChatStream(victim.id, streaming, controller);
    }
    // A Stop that arrives before its send is remembered briefly — for the account that sent it.
    const early = crypto.randomUUID();
    expect(lib.streams.stopChatStream(attacker.id, early)).toBe(false);
    const later = lib.streams.registerChatStream(victim.id, early);
    expect(later.signal.aborted).toBe(false);
    lib.streams.releaseChatStream(victim.id, early, later);

    // The control: the victim's own Stop does stop it.
    const own = crypto.randomUUID();
    const ownController = lib.streams.registerChatStream(victim.id, own);
    expect(lib.streams.stopChatStream(victim.id, own)).toBe(true);
    expect(ownController.signal.aborted).toBe(true);
    lib.streams.releaseChatStream(victim.id, own, ownController);
  });

  it("the attacker's shorter retentions end the attacker's data at the next purge, none of the victim's", async () => {
    await lib.privacy.updatePrivacySettings(attacker.id, { contentRetentionDays: 1, metadataRetentionDays: 30 });
    const result = await lib.purge.purgeExpiredData({ now: new Date(Date.now() + 31 * 86_400_000) });
    // The control: the purge did end the attacker's records and logged content.
    expect(result.expiredGenerations).toBe(attackerIds.length);
    expect(await lib.accountSummary.getAccountDataSummary(attacker.id)).toMatchObject({
      requests: 0,
      storedContent: 0,
    });
    attackerIds.length = 0;
    for (let i = 0; i < 2; i++) attackerIds.push(await chat(attacker, { model: "e2e/echo" }));
    await expectVictimUnchanged();
  });

  it("the attacker's 'delete all' and account deletion remove the attacker's data and none of the victim's", async () => {
    // Deleting the attacker's account with the victim's password is refused.
    await expect(lib.accountDeletion.deleteAccount(attacker.id, VICTIM_PASSWORD, "192.0.2.1")).rejects.toMatchObject({
      code: "bad_request",
    });

    expect(await lib.content.deleteAllContent(attacker.id)).toBe(attackerIds.length);
    await expectVictimUnchanged();
    attackerIds.push(await chat(attacker, { model: "e2e/echo" }));
    await h.flush();
    // The privacy page's "delete logged content" (the attacker still logs: this one was logged).
    expect(await lib.privacy.deleteLoggedContent(attacker.id)).toEqual({ deleted: 1 });
    await expectVictimUnchanged();
    expect(await lib.deletion.deleteAllActivity(attacker.id)).toMatchObject({ records: attackerIds.length });
    await expectVictimUnchanged();
    attackerIds.push(await chat(attacker, { model: "e2e/echo" }));
    await lib.accountDeletion.deleteAccount(attacker.id, ATTACKER_PASSWORD, "192.0.2.1");
    expect(await lib.accounts.findAccountById(attacker.id)).toBeNull();
    expect((await h.get("/api/v1/key", attacker.key)).status).toBe(401);
    await expectVictimUnchanged();
  });
});
