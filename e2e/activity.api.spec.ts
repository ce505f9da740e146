// Activity over HTTP alone: GET /api/v1/activity, the CSV and JSON exports, and that another
// account gets 404s and empty results, never someone else's rows.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import {
  chatRequest,
  createUserWithKey,
  parseCsv,
  signInRequest,
  type TChatResult,
  type TCliUser,
} from "./support/activity";

test.describe.configure({ mode: "serial" });

let owner: TCliUser;
let other: TCliUser;
let ownerSession: APIRequestContext;
let otherSession: APIRequestContext;
const made: (TChatResult & { model: string })[] = [];

test.beforeAll(async () => {
  owner = createUserWithKey("activity-owner", { promptLogging: true });
  other = createUserWithKey("activity-other");
  const baseURL = test.info().project.use.baseURL;
  ownerSession = await playwrightRequest.newContext({ baseURL });
  otherSession = await playwrightRequest.newContext({ baseURL });
  await signInRequest(ownerSession, owner.email);
  await signInRequest(otherSession, other.email);

  for (const model of ["e2e/echo", "e2e/echo", "e2e/tools", "e2e/tools", "e2e/tools"]) {
    const result = await chatRequest(
      ownerSession,
      owner.key,
      { model, messages: [{ role: "user", content: `owner secret prompt for ${model}` }] },
      { "http-referer": "https://owner-app.example" },
    );
    expect(result.status).toBe(200);
    made.push({ ...result, model });
  }
  const refused = await chatRequest(ownerSession, owner.key, { model: "e2e/not-in-the-catalog" });
  expect(refused.status).toBe(404);
  made.push({ ...refused, model: "e2e/not-in-the-catalog" });
  const others = await chatRequest(otherSession, other.key, { model: "e2e/echo" });
  expect(others.status).toBe(200);
});

test.afterAll(async () => {
  await ownerSession?.dispose();
  await otherSession?.dispose();
});

test("GET /api/v1/activity gives the caller's requests by day, model and provider", async ({ request }) => {
  const res = await request.get("/api/v1/activity", { headers: { authorization: `Bearer ${owner.key}` } });
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as {
    data: {
      date: string;
      model: string;
      provider_name: string | null;
      usage: number;
      requests: number;
      prompt_tokens: number;
      completion_tokens: number;
    }[];
  };
  const today = new Date().toISOString().slice(0, 10);
  expect(data.every((row) => row.date === today)).toBe(true);
  for (const model of ["e2e/echo", "e2e/tools"]) {
    const rows = data.filter((row) => row.model === model);
    const sent = made.filter((m) => m.model === model);
    expect(
      rows.reduce((n, r) => n + r.requests, 0),
      model,
    ).toBe(sent.length);
    expect(rows.reduce((n, r) => n + r.prompt_tokens, 0)).toBe(sent.reduce((n, m) => n + m.usage!.prompt_tokens, 0));
    expect(rows.reduce((n, r) => n + r.completion_tokens, 0)).toBe(
      sent.reduce((n, m) => n + m.usage!.completion_tokens, 0),
    );
    expect(rows.reduce((n, r) => n + r.usage, 0)).toBeCloseTo(
      sent.reduce((n, m) => n + m.usage!.cost, 0),
      9,
    );
    expect(rows.every((r) => typeof r.provider_name === "string" && r.provider_name.startsWith("E2E "))).toBe(true);
  }
  expect(data.find((row) => row.model === "e2e/not-in-the-catalog")).toMatchObject({
    requests: 1,
    usage: 0,
    provider_name: "",
    provider_slug: null,
  });

  const narrowed = await request.get(`/api/v1/activity?date=${today}`, {
    headers: { authorization: `Bearer ${owner.key}` },
  });
  expect(((await narrowed.json()) as { data: unknown[] }).data).toEqual(data);
  const bad = await request.get("/api/v1/activity?date=yesterday", {
    headers: { authorization: `Bearer ${owner.key}` },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { metadata: { field: string } } }).error.metadata.field).toBe("date");

  // The other account's key sees its one request, none of the owner's.
  const theirs = (await (
    await request.get("/api/v1/activity", { headers: { authorization: `Bearer ${other.key}` } })
  ).json()) as { data: { model: string; requests: number }[] };
  expect(theirs.data).toEqual([expect.objectContaining({ model: "e2e/echo", requests: 1 })]);
});

test("the CSV export holds exactly the rows the filters match, and no content", async () => {
  const res = await ownerSession.get("/api/export/activity?model=e2e%2Ftools");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toMatch(
    /^attachment; filename="privet-activity-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const text = await res.text();
  const rows = parseCsv(text);
  const expected = made.filter((m) => m.model === "e2e/tools");
  expect(rows.map((r) => r.id).sort()).toEqual(expected.map((m) => m.id).sort());
  for (const row of rows) {
    const sent = expected.find((m) => m.id === row.id)!;
    expect(row).toMatchObject({
      model: "e2e/tools",
      status: "success",
      input_tokens: String(sent.usage!.prompt_tokens),
      output_tokens: String(sent.usage!.completion_tokens),
      content_stored: "true",
      app_referer: "https://owner-app.example",
    });
    expect(Number(row.cost_usd)).toBeCloseTo(sent.usage!.cost, 10);
  }
  expect(text).not.toContain("secret prompt");

  const all = parseCsv(await (await ownerSession.get("/api/export/activity")).text());
  expect(all.map((r) => r.id).sort()).toEqual(made.map((m) => m.id).sort());
  const failed = parseCsv(await (await ownerSession.get("/api/export/activity?status=error")).text());
  expect(failed.map((r) => r.id)).toEqual([made[made.length - 1]!.id]);
});

test("the JSON export holds the account's settings, keys without secrets, records and logged content", async () => {
  const res = await ownerSession.get("/api/export/account");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="privet-account-export-/);
  const json = (await res.json()) as {
    account: { email: string };
    settings: { prompt_logging: boolean };
    api_keys: Record<string, unknown>[];
    generations: { id: string; content: { input: { messages: { content: string }[] } } | null }[];
  };
  expect(json.account.email).toBe(owner.email);
  expect(json.settings.prompt_logging).toBe(true);
  expect(json.api_keys).toHaveLength(1);
  expect(JSON.stringify(json.api_keys)).not.toContain(owner.key);
  expect(Object.keys(json.api_keys[0]!)).not.toContain("hash");
  expect(json.generations.map((g) => g.id).sort()).toEqual(made.map((m) => m.id).sort());
  const served = json.generations.find((g) => g.id === made[2]!.id)!;
  expect(served.content?.input.messages[0]?.content).toBe("owner secret prompt for e2e/tools");
});

test("another account gets 404 for a generation that is not theirs, and none of its rows anywhere", async ({
  request,
}) => {
  const ownersId = made[0]!.id;
  // The owner can open it; the other account gets the same 404 as for an id that does not exist.
  expect((await ownerSession.get(`/activity/${ownersId}`)).status()).toBe(200);
  expect((await otherSession.get(`/activity/${ownersId}`)).status()).toBe(404);
  expect((await otherSession.get("/activity/gen-does-not-exist")).status()).toBe(404);
  const api = await request.get(`/api/v1/generation?id=${ownersId}`, {
    headers: { authorization: `Bearer ${other.key}` },
  });
  expect(api.status()).toBe(404);

  const page = await (await otherSession.get("/activity")).text();
  const csv = await (await otherSession.get("/api/export/activity")).text();
  const exported = await (await otherSession.get("/api/export/account")).text();
  const chart = await (await otherSession.get("/activity?range=year&group=provider")).text();
  for (const m of made) {
    expect(page).not.toContain(m.id);
    expect(csv).not.toContain(m.id);
    expect(exported).not.toContain(m.id);
  }
  // The other account's summaries and chart count its own request only: e2e/tools was never its model.
  expect(page).not.toContain("e2e/tools");
  expect(chart).not.toContain("e2e/tools");
  expect(parseCsv(csv)).toHaveLength(1);
  expect(exported).not.toContain(owner.email);
});

test("the exports need a session", async () => {
  const baseURL = test.info().project.use.baseURL;
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const path of ["/api/export/activity", "/api/export/account"]) {
    const res = await anonymous.get(path, { maxRedirects: 0 });
    expect([302, 307, 401]).toContain(res.status());
    expect(await res.text()).not.toContain("gen-");
  }
  await anonymous.dispose();
});
