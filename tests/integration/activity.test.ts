// The activity capability against a real database, the real gateway and the mock upstream:
// records made through the API, the rollup kept with them, the table's paging/sorting/filters,
// the exports, every deletion, and that no account ever sees another's data.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { isPostgresRun } from "@/tests/support/database";

type TLib = {
  list: typeof import("@/lib/activity/list");
  summary: typeof import("@/lib/activity/summary");
  rollup: typeof import("@/lib/activity/rollup");
  csv: typeof import("@/lib/activity/csv");
  deletion: typeof import("@/lib/activity/deletion");
  detail: typeof import("@/lib/activity/detail");
  daily: typeof import("@/lib/activity/daily");
  query: typeof import("@/lib/activity/query");
  accountExport: typeof import("@/lib/accounts/export");
  accountDeletion: typeof import("@/lib/accounts/deletion");
  content: typeof import("@/lib/content/content");
};

let h: THarness;
let lib: TLib;
let rawQuery: typeof import("@/lib/db").rawQuery;
let rawExecute: typeof import("@/lib/db").rawExecute;
type TUser = Awaited<ReturnType<THarness["createUser"]>>;

const SECRET_PROMPT = "the-marker-that-must-never-leave-the-content-store";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** Sends one chat request and returns what the API said about it. */
async function call(user: TUser, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await h.chat(user.key, { messages: [{ role: "user", content: "hello there friend" }], ...body }, headers);
  const json = (await res.json()) as {
    usage?: { prompt_tokens: number; completion_tokens: number; cost: number };
    provider?: string;
  };
  return {
    status: res.status,
    id: res.headers.get("x-privet-generation-id")!,
    provider: res.headers.get("x-privet-provider"),
    usage: json.usage,
  };
}

async function rollupRows(userId: string) {
  const rows = await rawQuery<Record<string, unknown>[]>(
    h.db,
    `SELECT "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost",
            "cachedPromptTokens", "reasoningTokens"
     FROM "ActivityRollup" WHERE "userId" = ? ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    userId,
  );
  return rows.map((r) => ({
    ...r,
    bucketStart: String((r.bucketStart as Date).toISOString()),
    requests: Number(r.requests),
    cachedPromptTokens: Number(r.cachedPromptTokens),
    reasoningTokens: Number(r.reasoningTokens),
    cost: Math.round(Number(r.cost) * 1e9),
  }));
}

/** The incremental rollup must equal one recomputed from the records. */
async function expectRollupsMatchRecords(userId: string) {
  const incremental = await rollupRows(userId);
  await h.db.$transaction(async (tx) => lib.rollup.rebuildRollups(userId, tx));
  const rebuilt = await rollupRows(userId);
  expect(incremental).toEqual(rebuilt);
}

async function generationIds(userId: string, where = "1 = 1", ...params: unknown[]): Promise<string[]> {
  const rows = await rawQuery<{ id: string }[]>(
    h.db,
    `SELECT "id" FROM "Generation" WHERE "userId" = ? AND ${where} ORDER BY "createdAt" DESC, "id" DESC`,
    userId,
    ...params,
  );
  return rows.map((r) => r.id);
}

let alice: TUser;
let bob: TUser;
const made: {
  id: string;
  model: string;
  provider: string | null;
  usage?: { prompt_tokens: number; completion_tokens: number; cost: number };
}[] = [];
let fallbackId = "";
let failedId = "";
let secondKeyId = "";
const bobIds: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  ({ rawQuery, rawExecute } = await import("@/lib/db"));
  lib = {
    list: await import("@/lib/activity/list"),
    summary: await import("@/lib/activity/summary"),
    rollup: await import("@/lib/activity/rollup"),
    csv: await import("@/lib/activity/csv"),
    deletion: await import("@/lib/activity/deletion"),
    detail: await import("@/lib/activity/detail"),
    daily: await import("@/lib/activity/daily"),
    query: await import("@/lib/activity/query"),
    accountExport: await import("@/lib/accounts/export"),
    accountDeletion: await import("@/lib/accounts/deletion"),
    content: await import("@/lib/content/content"),
  };
  alice = await h.createUser({ promptLogging: true });
  bob = await h.createUser();

  for (let i = 0; i < 4; i++) {
    const r = await call(
      alice,
      { model: "e2e/echo" },
      { "http-referer": "https://notes.example.com/app", "x-title": "Notes" },
    );
    made.push({ id: r.id, model: "e2e/echo", provider: r.provider, usage: r.usage });
  }
  for (let i = 0; i < 3; i++) {
    const r = await call(alice, {
      model: "e2e/tools",
      messages: [{ role: "user", content: `${SECRET_PROMPT} number ${i} with some more words` }],
    });
    made.push({ id: r.id, model: "e2e/tools", provider: r.provider, usage: r.usage });
  }
  const failed = await call(alice, { model: "e2e/no-such-model" });
  expect(failed.status).toBe(404);
  failedId = failed.id;
  made.push({ id: failed.id, model: "e2e/no-such-model", provider: null });

  // A fallback: the first provider in the order fails with a 500, the next one serves.
  h.mock.setProvider("e2e-retain", { failure: "500" });
  const fallback = await call(alice, { model: "e2e/echo", provider: { order: ["e2e-retain", "e2e-zdr"] } });
  h.mock.setProvider("e2e-retain", { failure: null });
  expect(fallback.status).toBe(200);
  fallbackId = fallback.id;
  made.push({ id: fallback.id, model: "e2e/echo", provider: fallback.provider, usage: fallback.usage });

  const { createApiKey } = await import("@/lib/keys/api-keys");
  const second = await createApiKey(alice.id, "second");
  secondKeyId = second.info.id;
  const viaSecond = await call({ ...alice, key: second.key }, { model: "e2e/tools" });
  made.push({ id: viaSecond.id, model: "e2e/tools", provider: viaSecond.provider, usage: viaSecond.usage });

  for (let i = 0; i < 3; i++) bobIds.push((await call(bob, { model: "e2e/echo" })).id);
  await h.flush();
});

afterAll(async () => {
  await h?.close();
});

describe("the table", () => {
  it("shows every request made through the API with the values the API reported", async () => {
    const page = await lib.list.findActivityPage(alice.id, lib.query.DEFAULT_QUERY);
    expect(page.rows.map((r) => r.id).sort()).toEqual(made.map((m) => m.id).sort());
    for (const m of made) {
      const row = page.rows.find((r) => r.id === m.id)!;
      expect(row.model).toBe(m.model);
      expect(row.providerSlug).toBe(m.provider);
      if (m.usage) {
        expect(row.status).toBe("success");
        expect(row.promptTokens).toBe(m.usage.prompt_tokens);
        expect(row.completionTokens).toBe(m.usage.completion_tokens);
        expect(row.cost).toBeCloseTo(m.usage.cost, 10);
        expect(row.latencyMs).not.toBeNull();
      }
    }
    const failed = page.rows.find((r) => r.id === failedId)!;
    expect(failed).toMatchObject({ status: "error", httpStatus: 404, providerSlug: null, cost: 0 });
    const notes = page.rows.filter((r) => r.appReferer === "https://notes.example.com/app");
    expect(notes).toHaveLength(4);
    expect(notes.every((r) => r.app === "Notes")).toBe(true);
    expect(page.rows.find((r) => r.id === fallbackId)!.app).toBe("Unknown");
    expect(page.rows.filter((r) => r.contentStored).length).toBeGreaterThan(0);
    // Bob sees his three requests and nothing of Alice's.
    const bobs = await lib.list.findActivityPage(bob.id, lib.query.DEFAULT_QUERY);
    expect(bobs.rows.map((r) => r.id).sort()).toEqual([...bobIds].sort());
  });

  it("pages by cursor through every row exactly once, newest first, and back again", async () => {
    const expected = await generationIds(alice.id);
    const seen: string[] = [];
    const pages: string[][] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await lib.list.findActivityPage(alice.id, { ...lib.query.DEFAULT_QUERY, after }, 4);
      pages.push(page.rows.map((r) => r.id));
      seen.push(...page.rows.map((r) => r.id));
      if (i > 0) expect(page.prevCursor).not.toBeNull();
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual(expected);
    // From the second page, "previous" is exactly the first page.
    const second = await lib.list.findActivityPage(
      alice.id,
      {
        ...lib.query.DEFAULT_QUERY,
        after: (await lib.list.findActivityPage(alice.id, lib.query.DEFAULT_QUERY, 4)).nextCursor,
      },
      4,
    );
    const back = await lib.list.findActivityPage(
      alice.id,
      { ...lib.query.DEFAULT_QUERY, before: second.prevCursor },
      4,
    );
    expect(back.rows.map((r) => r.id)).toEqual(pages[0]);
    expect(back.prevCursor).toBeNull();
  });

  it("sorts by cost, latency, speed and tokens on the server, across pages", async () => {
    for (const sort of ["cost", "latency", "speed", "input", "output"] as const) {
      for (const dir of ["desc", "asc"] as const) {
        const all: { id: string; value: number }[] = [];
        let after: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof lib.list.findActivityPage>> = await lib.list.findActivityPage(
            alice.id,
            { ...lib.query.DEFAULT_QUERY, sort, dir, after },
            3,
          );
          expect(page.sort).toBe(sort);
          const value = (r: (typeof page.rows)[number]) =>
            sort === "cost"
              ? r.cost
              : sort === "latency"
                ? (r.latencyMs ?? -1)
                : sort === "speed"
                  ? (r.speed ?? -1)
                  : sort === "input"
                    ? r.promptTokens
                    : r.completionTokens;
          all.push(...page.rows.map((r) => ({ id: r.id, value: value(r) })));
          after = page.nextCursor;
        } while (after);
        expect(new Set(all.map((r) => r.id)).size, `${sort} ${dir}`).toBe(made.length);
        const values = all.map((r) => r.value);
        const sorted = [...values].sort((a, b) => (dir === "desc" ? b - a : a - b));
        expect(values, `${sort} ${dir}`).toEqual(sorted);
      }
    }
  });

  it("pages through rows tied on a speed or cost that takes all 17 digits to write, each row once", async () => {
    const ivan = await h.createUser();
    const now = Date.now();
    // 100 tokens in 3 ms: 33333.333333333336 tokens a second, a double whose shortest text has 17 digits.
    await h.db.generation.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        id: `gen-tied-${i}`,
        userId: ivan.id,
        createdAt: new Date(now - i * 1_000),
        model: "e2e/echo",
        status: "success",
        httpStatus: 200,
        completionTokens: 100,
        latencyMs: 3,
        cost: i < 4 ? 1 / 3 : 2 / 3,
      })),
    });
    for (const sort of ["speed", "cost"] as const) {
      for (const dir of ["desc", "asc"] as const) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 20; i++) {
          const page: Awaited<ReturnType<typeof lib.list.findActivityPage>> = await lib.list.findActivityPage(
            ivan.id,
            { ...lib.query.DEFAULT_QUERY, sort, dir, after },
            2,
          );
          seen.push(...page.rows.map((r) => r.id));
          after = page.nextCursor;
          if (!after) break;
        }
        expect(seen.sort(), `${sort} ${dir}`).toEqual(Array.from({ length: 7 }, (_, i) => `gen-tied-${i}`));
      }
    }
  });

  it("filters by model, provider, API key, status, app and date", async () => {
    const ids = async (filters: Record<string, unknown>) =>
      (await lib.list.findActivityPage(alice.id, { ...lib.query.DEFAULT_QUERY, filters }, 100)).rows
        .map((r) => r.id)
        .sort();
    expect(await ids({ model: "e2e/tools" })).toEqual((await generationIds(alice.id, `"model" = 'e2e/tools'`)).sort());
    expect(await ids({ provider: lib.query.NONE })).toEqual([failedId]);
    expect(await ids({ provider: "e2e-zdr" })).toEqual(
      (await generationIds(alice.id, `"providerSlug" = 'e2e-zdr'`)).sort(),
    );
    expect(await ids({ status: "error" })).toEqual([failedId]);
    expect(await ids({ key: secondKeyId })).toEqual([made[made.length - 1]!.id]);
    expect(await ids({ app: "https://notes.example.com/app" })).toEqual(
      made
        .slice(0, 4)
        .map((m) => m.id)
        .sort(),
    );
    expect(await ids({ app: lib.query.NONE })).toHaveLength(made.length - 4);
    expect(await ids({ model: "e2e/tools", key: secondKeyId })).toEqual([made[made.length - 1]!.id]);
    expect(await ids({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ to: new Date(Date.now() + 60_000), from: new Date(Date.now() - 3_600_000) })).toHaveLength(
      made.length,
    );
    // Another account's key id as a filter finds nothing of theirs.
    expect(await ids({ key: bob.keyId })).toEqual([]);
  });

  // EXPLAIN QUERY PLAN and INDEXED BY are SQLite's; PostgreSQL's counterpart follows.
  it.skipIf(isPostgresRun())(
    "reads pages through the (user, time) index, or the filter's own index, without sorting",
    async () => {
      const plan = async (sql: { sql: string; params: unknown[] }) =>
        (await rawQuery<{ detail: string }[]>(h.db, `EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.params))
          .map((r) => r.detail)
          .join("\n");
      const first = await plan(lib.list.pageSql(alice.id, {}, "date", "desc", null, 50));
      expect(first).toContain("Generation_userId_createdAt_id_idx");
      expect(first).not.toMatch(/TEMP B-TREE/);
      const cursor = { s: "date" as const, d: "desc" as const, v: new Date().toISOString(), i: "gen-x" };
      expect(await plan(lib.list.pageSql(alice.id, {}, "date", "desc", cursor, 50))).toMatch(
        /Generation_userId_createdAt_id_idx \(userId=\? AND createdAt<\?\)/,
      );
      expect(await plan(lib.list.pageSql(alice.id, { model: "e2e/echo" }, "date", "desc", null, 50))).toContain(
        "Generation_userId_model_createdAt_idx",
      );
      expect(await plan(lib.list.pageSql(alice.id, { status: "error" }, "date", "desc", null, 50))).toContain(
        "Generation_userId_status_createdAt_idx",
      );
      expect(
        await plan(
          lib.list.pageSql(
            alice.id,
            { status: "error", app: lib.query.NONE, from: new Date() },
            "date",
            "desc",
            null,
            50,
          ),
        ),
      ).toMatch(/Generation_userId_appReferer_createdAt_idx \(userId=\? AND appReferer=\? AND createdAt>\?\)/);
    },
  );

  // PostgreSQL picks indexes by cost, and a test table of a dozen rows would be read whole: scans
  // of the table itself are priced out, so the plan shows which index serves the query's shape.
  // Whether a filter's own index beats the (user, time) one is the planner's choice from its
  // statistics (there is no INDEXED BY), so for filtered pages only "one account's rows, through
  // an index" is asserted.
  it.skipIf(!isPostgresRun())(
    "reads pages through the (user, time) index without sorting, and filtered pages through an index on the account (PostgreSQL)",
    async () => {
      type TNode = { "Node Type": string; "Index Name"?: string; "Index Cond"?: string; Plans?: TNode[] };
      const nodes = (node: TNode): TNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
      const plan = (sql: { sql: string; params: unknown[] }) =>
        h.db.$transaction(async (tx) => {
          await rawExecute(tx, "SET LOCAL enable_seqscan = off");
          await rawExecute(tx, "SET LOCAL enable_bitmapscan = off");
          const [row] = await rawQuery<{ "QUERY PLAN": unknown }[]>(
            tx,
            `EXPLAIN (FORMAT JSON) ${sql.sql}`,
            ...sql.params,
          );
          const json = typeof row!["QUERY PLAN"] === "string" ? JSON.parse(row!["QUERY PLAN"]) : row!["QUERY PLAN"];
          return nodes((json as { Plan: TNode }[])[0]!.Plan);
        });
      const first = await plan(lib.list.pageSql(alice.id, {}, "date", "desc", null, 50));
      expect(first.map((n) => n["Index Name"])).toContain("Generation_userId_createdAt_id_idx");
      expect(first.map((n) => n["Node Type"])).not.toContain("Sort");
      const cursor = { s: "date" as const, d: "desc" as const, v: new Date().toISOString(), i: "gen-x" };
      const next = (await plan(lib.list.pageSql(alice.id, {}, "date", "desc", cursor, 50))).find(
        (n) => n["Index Name"] === "Generation_userId_createdAt_id_idx",
      );
      expect(next?.["Index Cond"]).toMatch(/"userId" = .*"createdAt" <= /);
      for (const filters of [
        { model: "e2e/echo" },
        { status: "error" as const },
        { status: "error" as const, app: lib.query.NONE, from: new Date() },
      ]) {
        const scans = (await plan(lib.list.pageSql(alice.id, filters, "date", "desc", null, 50))).filter((n) =>
          n["Index Name"]?.startsWith("Generation_userId_"),
        );
        expect(scans, JSON.stringify(filters)).toHaveLength(1);
        expect(scans[0]!["Index Cond"]).toMatch(/"userId" = /);
      }
    },
  );
});

describe("values no record can hold", () => {
  it("filters by the API a request came through (its kind), kept in the URL", async () => {
    const carol = await h.createUser();
    const chat = await call(carol, { model: "e2e/echo" });
    const res = await fetch(`${h.baseUrl}/api/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": carol.key, "content-type": "application/json" },
      body: JSON.stringify({ model: "e2e/echo", max_tokens: 50, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    const messagesId = res.headers.get("x-privet-generation-id")!;
    await h.flush();
    const ids = async (kind: string) => {
      const query = lib.query.parseActivityQuery({ kind });
      return (await lib.list.findActivityPage(carol.id, query, 100)).rows.map((r) => r.id);
    };
    expect(await ids("messages")).toEqual([messagesId]);
    expect(await ids("chat")).toEqual([chat.id]);
    expect(await ids("embeddings")).toEqual([]);
    // An unknown kind is dropped like any filter that does not parse: every row.
    expect((await ids("gossip")).sort()).toEqual([chat.id, messagesId].sort());
    const query = lib.query.parseActivityQuery({ kind: "messages" });
    expect(lib.query.activityHref(query)).toBe("/activity?kind=messages");
  });

  it("an id or a filter with U+0000 finds nothing, on every database (PostgreSQL text cannot hold it)", async () => {
    for (const path of ["/api/v1/generation?id=gen%00x", "/api/v1/generation/content?id=%00"]) {
      const res = await h.get(path, alice.key);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(404);
    }
    expect(await lib.detail.getGenerationDetail(alice.id, `${made[0]!.id}\u0000`)).toBeNull();
    await expect(lib.deletion.deleteGenerationLog(alice.id, `${made[0]!.id}\u0000`)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await lib.content.deleteGenerationContent(alice.id, "\u0000")).toBe(false);
    // The filter is dropped, as any that does not parse: the page is the unfiltered one.
    const page = await lib.list.findActivityPage(
      alice.id,
      lib.query.parseActivityQuery(new URLSearchParams("model=e2e%2Fecho%00")),
      100,
    );
    expect(page.rows).toHaveLength(made.length);
  });

  it("a hand-made cursor that no column can compare with is ignored: the first page, never an error", async () => {
    const forged = (sort: string, v: unknown) =>
      Buffer.from(JSON.stringify({ s: sort, d: "desc", v, i: "gen-x" })).toString("base64url");
    const first = (
      await lib.list.findActivityPage(alice.id, { ...lib.query.DEFAULT_QUERY, sort: "latency" }, 100)
    ).rows.map((r) => r.id);
    // A fraction for an integer column, and instants beyond what a database stores.
    const pages = [
      await lib.list.findActivityPage(
        alice.id,
        { ...lib.query.DEFAULT_QUERY, sort: "latency", after: forged("latency", 1.5) },
        100,
      ),
      await lib.list.findActivityPage(
        alice.id,
        { ...lib.query.DEFAULT_QUERY, after: forged("date", "+200000-01-01T00:00:00.000Z") },
        100,
      ),
      await lib.list.findActivityPage(
        alice.id,
        { ...lib.query.DEFAULT_QUERY, before: forged("date", "-100000-01-01T00:00:00.000Z") },
        100,
      ),
    ];
    expect(pages[0]!.rows.map((r) => r.id)).toEqual(first);
    for (const page of pages.slice(1)) expect(page.rows).toHaveLength(made.length);
  });
});

describe("summaries, chart and the daily API", () => {
  it("total what the records hold, for the account alone", async () => {
    const [sums] = await rawQuery<{ n: bigint; tokens: bigint; cost: number }[]>(
      h.db,
      `SELECT count(*) AS n, sum("promptTokens" + "completionTokens") AS tokens, sum("cost") AS cost FROM "Generation" WHERE "userId" = ?`,
      alice.id,
    );
    for (const range of ["hour", "day", "month", "year"] as const) {
      const overview = await lib.summary.getActivityOverview(alice.id, { range, group: "model", metric: "requests" });
      expect(overview.totals.current.requests, range).toBe(Number(sums!.n));
      expect(overview.totals.current.tokens).toBe(Number(sums!.tokens));
      expect(overview.totals.current.spend).toBeCloseTo(sums!.cost, 9);
      expect(overview.totals.current.failed).toBe(1);
      expect(overview.totals.previous.requests).toBe(0);
      expect(overview.series.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0)).toBe(Number(sums!.n));
      expect(overview.series.map((s) => s.key).sort()).toEqual(["e2e/echo", "e2e/no-such-model", "e2e/tools"]);
    }
    const byKey = await lib.summary.getActivityOverview(alice.id, { range: "day", group: "key", metric: "requests" });
    const secondPrefix = (await h.db.apiKey.findUniqueOrThrow({ where: { id: secondKeyId } })).prefix;
    expect(byKey.series.map((s) => s.label)).toHaveLength(2);
    expect(byKey.series.map((s) => s.label)).toEqual(
      expect.arrayContaining([`second (${secondPrefix}…)`, expect.stringMatching(/^test \(sk-pv-/)]),
    );
    const bobs = await lib.summary.getActivityOverview(bob.id, { range: "day", group: "provider", metric: "spend" });
    expect(bobs.totals.current.requests).toBe(3);
  });

  it("keeps the rollup equal to one recomputed from the records", async () => {
    await expectRollupsMatchRecords(alice.id);
    await expectRollupsMatchRecords(bob.id);
  });

  it("serves GET /api/v1/activity from the rollup: the caller's days by model and provider", async () => {
    const res = await h.get("/api/v1/activity", alice.key);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown>[] };
    const today = new Date().toISOString().slice(0, 10);
    expect(data.every((d) => d.date === today)).toBe(true);
    expect(data.reduce((n, d) => n + (d.requests as number), 0)).toBe(made.length);
    const tools = data.filter((d) => d.model === "e2e/tools");
    const toolsMade = made.filter((m) => m.model === "e2e/tools");
    expect(tools.reduce((n, d) => n + (d.requests as number), 0)).toBe(toolsMade.length);
    expect(tools.reduce((n, d) => n + (d.prompt_tokens as number), 0)).toBe(
      toolsMade.reduce((n, m) => n + m.usage!.prompt_tokens, 0),
    );
    expect(tools.reduce((n, d) => n + (d.completion_tokens as number), 0)).toBe(
      toolsMade.reduce((n, m) => n + m.usage!.completion_tokens, 0),
    );
    expect(tools.reduce((n, d) => n + (d.usage as number), 0)).toBeCloseTo(
      toolsMade.reduce((n, m) => n + m.usage!.cost, 0),
      9,
    );
    expect(Object.keys(data[0]!)).toEqual(
      expect.arrayContaining([
        "date",
        "model",
        "provider_name",
        "usage",
        "requests",
        "prompt_tokens",
        "completion_tokens",
      ]),
    );
    // A request no provider served: an empty provider name (OpenRouter's field is a string) and no provider_slug.
    expect(data.find((d) => d.model === "e2e/no-such-model")).toMatchObject({
      provider_name: "",
      provider_slug: null,
      endpoint_id: "",
      requests: 1,
      usage: 0,
    });

    const bobs = (await (await h.get("/api/v1/activity", bob.key)).json()) as {
      data: { requests: number; model: string }[];
    };
    expect(bobs.data.reduce((n, d) => n + d.requests, 0)).toBe(3);

    expect((await (await h.get(`/api/v1/activity?date=${today}`, alice.key)).json()).data).toEqual(data);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const tooOld = await h.get(`/api/v1/activity?date=${old}`, alice.key);
    expect(tooOld.status).toBe(400);
    expect(((await tooOld.json()) as { error: { metadata: { field: string } } }).error.metadata.field).toBe("date");
    expect((await h.get("/api/v1/activity?date=2026-02-30", alice.key)).status).toBe(400);
    expect((await h.get("/api/v1/activity")).status).toBe(401);
  });

  it("reads summaries from the rollup, not from the records", async () => {
    const carol = await h.createUser();
    await call(carol, { model: "e2e/echo" });
    await h.flush();
    // Remove the record behind the rollup's back: a summary that scanned records would drop to 0.
    await rawExecute(h.db, `DELETE FROM "Generation" WHERE "userId" = ?`, carol.id);
    const overview = await lib.summary.getActivityOverview(carol.id, {
      range: "hour",
      group: "model",
      metric: "requests",
    });
    expect(overview.totals.current.requests).toBe(1);
    expect((await lib.daily.findDailyActivity(carol.id)).reduce((n, d) => n + d.requests, 0)).toBe(1);
  });
});

describe("read right after a request ends", () => {
  // The metadata writer keeps a finished request in memory for a moment before its batch is
  // written; every reader of the database must still see it (the record is handed to the writer
  // and read back at once, before the writer's own timer could have written it).
  async function pendingRecordOf(): Promise<{ user: TUser; id: string }> {
    const { recorder } = await import("@/lib/gateway/recorder");
    const user = await h.createUser();
    const id = `gen-pending-${user.id}`;
    const { makeRecord } = await import("@/lib/generations/test-record");
    recorder().record(
      makeRecord({
        id,
        userId: user.id,
        apiKeyId: null,
        createdAt: new Date(),
        upstreamModel: "echo",
        latencyMs: 5,
        firstTokenMs: 5,
        promptTokens: 7,
        completionTokens: 3,
        cost: 0.000001,
        attempts: [],
      }),
    );
    expect(recorder().pendingCount()).toBeGreaterThan(0);
    return { user, id };
  }

  it("GET /api/v1/activity counts it", async () => {
    const { user } = await pendingRecordOf();
    expect(await lib.daily.findDailyActivity(user.id)).toEqual([
      expect.objectContaining({ model: "e2e/echo", requests: 1, prompt_tokens: 7 }),
    ]);
  });

  it("the CSV export holds it", async () => {
    const { user, id } = await pendingRecordOf();
    expect(await readAll(lib.csv.createActivityCsvStream(user.id, {}))).toContain(id);
  });

  it("the account export holds it", async () => {
    const { user, id } = await pendingRecordOf();
    const json = JSON.parse(await readAll(lib.accountExport.createAccountExportStream(user.id))) as {
      generations: { id: string }[];
    };
    expect(json.generations.map((g) => g.id)).toEqual([id]);
  });
});

describe("the detail view's data", () => {
  it("holds the attempts of a fallback in order, and the served endpoint's policy", async () => {
    const detail = (await lib.detail.getGenerationDetail(alice.id, fallbackId))!;
    expect(detail.generation.attempts.map((a) => [a.provider, a.status])).toEqual([
      ["e2e-retain", 500],
      ["e2e-zdr", 200],
    ]);
    expect(detail.providerNames).toMatchObject({ "e2e-retain": "E2E Retain", "e2e-zdr": "E2E ZDR" });
    expect(detail.generation.dataPolicy).toMatchObject({ zdr: true, retainsPrompts: false });
    expect(detail.content.state).toBe("stored");
    expect(await lib.detail.getGenerationDetail(bob.id, fallbackId)).toBeNull();
  });

  it("has no content for an account without prompt logging", async () => {
    const detail = (await lib.detail.getGenerationDetail(bob.id, bobIds[0]!))!;
    expect(detail.generation.contentStored).toBe(false);
    expect(detail.content).toEqual({ state: "none" });
  });
});

describe("exports", () => {
  it("CSV holds exactly the filtered rows, and no content", async () => {
    const text = await readAll(lib.csv.createActivityCsvStream(alice.id, { model: "e2e/tools" }));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(lib.csv.CSV_HEADER.join(","));
    const ids = lines.slice(1).map((l) => l.split(",")[0]);
    expect(ids).toEqual(await generationIds(alice.id, `"model" = 'e2e/tools'`));
    expect(text).not.toContain(SECRET_PROMPT);
    const all = await readAll(lib.csv.createActivityCsvStream(alice.id, {}));
    expect(all.trimEnd().split("\r\n")).toHaveLength(made.length + 1);
    for (const id of bobIds) expect(all).not.toContain(id);
  });

  it("CSV export streams pages until every row is out", async () => {
    const rows: string[] = [];
    for await (const page of lib.list.iterateActivityRows(alice.id, {}, 2)) rows.push(...page.map((r) => r.id));
    expect(rows).toEqual(await generationIds(alice.id));
  });

  it("CSV fields cannot run as spreadsheet formulas", () => {
    expect(lib.csv.csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(lib.csv.csvField('a,"b"')).toBe('"a,""b"""');
    expect(lib.csv.csvField("-1+1")).toBe("'-1+1");
  });

  it("the JSON export holds the account, keys without secrets, every record and its logged content — nobody else's", async () => {
    const json = JSON.parse(await readAll(lib.accountExport.createAccountExportStream(alice.id))) as Record<
      string,
      unknown
    > & {
      api_keys: Record<string, unknown>[];
      generations: { id: string; content: { input: { messages: { content: string }[] } } | null }[];
    };
    expect(json.account).toMatchObject({ id: alice.id, email: alice.email });
    expect(json.settings).toMatchObject({ prompt_logging: true });
    expect(json.api_keys).toHaveLength(2);
    for (const k of json.api_keys)
      expect(Object.keys(k).sort()).toEqual(["created_at", "id", "last_used_at", "name", "prefix", "revoked_at"]);
    expect(json.generations.map((g) => g.id)).toEqual(await generationIds(alice.id));
    const logged = json.generations.filter((g) => g.content !== null);
    expect(logged.length).toBe((await generationIds(alice.id, `"contentStored"`)).length);
    expect(JSON.stringify(logged)).toContain(SECRET_PROMPT);
    const text = JSON.stringify(json);
    for (const id of bobIds) expect(text).not.toContain(id);
    expect(text).not.toContain(bob.email);
  });
});

describe("deletion", () => {
  it("one log: the record, its content and its share of the rollup; nothing else", async () => {
    const dave = await h.createUser({ promptLogging: true });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await call(dave, { model: "e2e/echo" })).id);
    await h.flush();
    const before = await lib.summary.getActivityOverview(dave.id, {
      range: "hour",
      group: "model",
      metric: "requests",
    });
    expect(before.totals.current.requests).toBe(3);

    // Another account's id is "not found", and deletes nothing of theirs.
    await expect(lib.deletion.deleteGenerationLog(bob.id, ids[0]!)).rejects.toMatchObject({ code: "not_found" });
    expect(await generationIds(dave.id)).toHaveLength(3);

    await lib.deletion.deleteGenerationLog(dave.id, ids[0]!);
    expect((await generationIds(dave.id)).sort()).toEqual(ids.slice(1).sort());
    expect(await h.db.generationContent.count({ where: { generationId: ids[0]! } })).toBe(0);
    expect(await h.db.generationContent.count({ where: { userId: dave.id } })).toBe(2);
    const after = await lib.summary.getActivityOverview(dave.id, { range: "hour", group: "model", metric: "requests" });
    expect(after.totals.current.requests).toBe(2);
    await expectRollupsMatchRecords(dave.id);
    await expect(lib.deletion.deleteGenerationLog(dave.id, ids[0]!)).rejects.toMatchObject({ code: "not_found" });
  });

  it("all logged content: the content only; records and totals stay", async () => {
    const erin = await h.createUser({ promptLogging: true });
    for (let i = 0; i < 2; i++) await call(erin, { model: "e2e/echo" });
    await h.flush();
    const aliceContent = await h.db.generationContent.count({ where: { userId: alice.id } });
    expect(await lib.content.deleteAllContent(erin.id)).toBe(2);
    expect(await h.db.generationContent.count({ where: { userId: erin.id } })).toBe(0);
    expect(await generationIds(erin.id, `NOT "contentStored"`)).toHaveLength(2);
    expect(
      (await lib.summary.getActivityOverview(erin.id, { range: "hour", group: "model", metric: "requests" })).totals
        .current.requests,
    ).toBe(2);
    expect(await h.db.generationContent.count({ where: { userId: alice.id } })).toBe(aliceContent);
  });

  it("all activity: records, content, samples and rollups of the account; keys, settings and other accounts stay", async () => {
    const frank = await h.createUser({ promptLogging: true });
    const ids = [(await call(frank, { model: "e2e/echo" })).id, (await call(frank, { model: "e2e/tools" })).id];
    await h.flush();
    await h.db.categorySample.create({
      data: {
        id: crypto.randomUUID(),
        userId: frank.id,
        generationId: ids[0]!,
        model: "e2e/echo",
        category: "other",
        createdAt: new Date(),
      },
    });
    const bobBefore = await rollupRows(bob.id);
    // The sampler may have picked one of the two requests too (PRIVET_SAMPLE_RATE): those go as well.
    const samples = await h.db.categorySample.count({ where: { userId: frank.id } });
    expect(samples).toBeGreaterThanOrEqual(1);

    const deleted = await lib.deletion.deleteAllActivity(frank.id);
    expect(deleted).toMatchObject({ records: 2, contents: 2, samples });
    expect(await generationIds(frank.id)).toEqual([]);
    expect(await h.db.generationContent.count({ where: { userId: frank.id } })).toBe(0);
    expect(await h.db.categorySample.count({ where: { userId: frank.id } })).toBe(0);
    expect(await rollupRows(frank.id)).toEqual([]);
    expect(await h.db.apiKey.count({ where: { userId: frank.id } })).toBe(1);
    expect(await h.db.user.count({ where: { id: frank.id, promptLogging: true } })).toBe(1);
    expect(await rollupRows(bob.id)).toEqual(bobBefore);
    expect(await generationIds(bob.id)).toHaveLength(3);
  });

  it("the account: only with its password, then everything of it and nothing of anyone else", async () => {
    const gina = await h.createUser({ promptLogging: true });
    await call(gina, { model: "e2e/echo" });
    await h.flush();
    await expect(lib.accountDeletion.deleteAccount(gina.id, "not the password", "192.0.2.1")).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await generationIds(gina.id)).toHaveLength(1);

    const anonymousBefore = await h.db.anonymousSample.count();
    await lib.accountDeletion.deleteAccount(gina.id, "correct horse battery", "192.0.2.1");
    expect(await h.db.user.count({ where: { id: gina.id } })).toBe(0);
    expect(await h.db.apiKey.count({ where: { userId: gina.id } })).toBe(0);
    expect(await generationIds(gina.id)).toEqual([]);
    expect(await h.db.generationContent.count({ where: { userId: gina.id } })).toBe(0);
    expect(await rollupRows(gina.id)).toEqual([]);
    expect(await h.db.anonymousSample.count()).toBe(anonymousBefore);
    expect((await h.get("/api/v1/key", gina.key)).status).toBe(401);
    expect(await generationIds(bob.id)).toHaveLength(3);
  });
});

describe("sorting beyond the indexed orders", () => {
  it("is refused, with the date order kept, when more rows match than it can sort quickly", async () => {
    const heidi = await h.createUser();
    const now = Date.now();
    // 50,001 records, one a minute back from now, written the fastest way each database has.
    if (h.dialect === "postgresql") {
      await rawExecute(
        h.db,
        `INSERT INTO "Generation" ("id", "userId", "createdAt", "model", "status", "httpStatus", "cost")
         SELECT 'gen-bulk-' || i, ?, to_timestamp((CAST(? AS BIGINT) - i * CAST(60000 AS BIGINT)) / 1000.0) AT TIME ZONE 'UTC', 'e2e/echo', 'success', 200, i / 1e6
         FROM generate_series(0, ?) AS i`,
        heidi.id,
        now,
        lib.list.MAX_SORTABLE_ROWS,
      );
    } else {
      const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
      const insert = raw.prepare(
        `INSERT INTO "Generation" ("id", "userId", "createdAt", "model", "status", "httpStatus", "cost") VALUES (?, ?, ?, 'e2e/echo', 'success', 200, ?)`,
      );
      raw.transaction(() => {
        for (let i = 0; i <= lib.list.MAX_SORTABLE_ROWS; i++)
          insert.run(`gen-bulk-${i}`, heidi.id, lib.rollup.toDbTime(new Date(now - i * 60_000)), i / 1e6);
      })();
      raw.close();
    }
    await h.db.$transaction(async (tx) => lib.rollup.rebuildRollups(heidi.id, tx));

    const refused = await lib.list.findActivityPage(heidi.id, { ...lib.query.DEFAULT_QUERY, sort: "cost" });
    expect(refused.sortRefused).toEqual({
      requested: "cost",
      matching: lib.list.MAX_SORTABLE_ROWS + 1,
      limit: lib.list.MAX_SORTABLE_ROWS,
    });
    expect(refused.sort).toBe("date");
    expect(refused.rows[0]!.id).toBe("gen-bulk-0");

    // Narrowed to a few minutes, the same sort is allowed.
    const narrowed = await lib.list.findActivityPage(heidi.id, {
      ...lib.query.DEFAULT_QUERY,
      sort: "cost",
      filters: { from: new Date(now - 120_000) },
    });
    expect(narrowed.sortRefused).toBeNull();
    expect(narrowed.sort).toBe("cost");
  });
});
