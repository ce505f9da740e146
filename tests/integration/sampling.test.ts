// Rule 7: sampling is anonymous unless opted in. With PRIVET_SAMPLE_RATE=1 every successful
// request is sampled. For an account without prompt logging the stored row holds only
// { id, day, model, category } — in a table that cannot be joined to anything. With logging on the
// sample is a CategorySample linked to the user and the generation. With the rate at 0, nothing.
// An anonymous sample is stored only when its (day, model) had PRIVET_RANKINGS_MIN_ACCOUNTS (3)
// counted accounts (older than a day, used on two days), so that joining the stored rows with the
// metadata on (day, model) never comes down to one person (issue 14, item 12).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { isPostgresRun } from "@/tests/support/database";

let h: THarness;
let samples: () => { flush(options?: { now?: Date }): Promise<void>; size(): number };
let rawQuery: typeof import("@/lib/db").rawQuery;

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_SAMPLE_RATE: "1" } });
  ({ rawQuery } = await import("@/lib/db"));
  const sampler = await import("@/lib/sampling/sampler");
  samples = sampler.anonymousSamples;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  process.env.PRIVET_SAMPLE_RATE = "1";
  // Whatever waits from an earlier test is dropped (its day is closed by then), and with it what the
  // sampler knew about today's accounts: each test starts from no usage.
  await samples().flush({ now: new Date(Date.now() + 3 * 86_400_000) });
  await h.db.anonymousSample.deleteMany({});
  await h.db.categorySample.deleteMany({});
  await h.db.generation.deleteMany({});
});

/** An account that counts for the rankings: opened ten days ago and used three days ago (a second day of use). */
async function countedUser(settings: Record<string, unknown> = {}) {
  const user = await h.createUser(settings);
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
  await h.db.user.update({ where: { id: user.id }, data: { createdAt: tenDaysAgo } });
  await h.db.generation.create({
    data: {
      id: crypto.randomUUID(),
      userId: user.id,
      createdAt: new Date(Date.now() - 3 * 86_400_000),
      model: "e2e/earlier",
      status: "success",
      httpStatus: 200,
      promptTokens: 10,
      completionTokens: 5,
    },
  });
  return user;
}

/** Each stored sample's (day, model), with the distinct accounts the metadata shows for it: what a join would find. */
async function joinWithMetadata() {
  const rows = await h.db.anonymousSample.findMany();
  const joined = [];
  for (const row of rows) {
    const start = new Date(`${row.day}T00:00:00.000Z`);
    const generations = await h.db.generation.findMany({
      where: { model: row.model, createdAt: { gte: start, lt: new Date(start.getTime() + 86_400_000) } },
      select: { userId: true },
    });
    joined.push({ model: row.model, category: row.category, accounts: new Set(generations.map((g) => g.userId)).size });
  }
  return joined;
}

const programming = [
  { role: "user", content: "Please refactor this python function, it throws an exception: ```def f(): pass```" },
];
const translation = [{ role: "user", content: "Translate this sentence into French for me: good morning" }];

async function chatOk(key: string, body: Record<string, unknown>) {
  const res = await h.chat(key, body);
  expect(res.status).toBe(200);
  await res.text();
  return res.headers.get("x-privet-generation-id")!;
}

type TColumn = { name: string };

describe("the AnonymousSample table", () => {
  it("has exactly the columns id, day, model, category", async () => {
    const columns =
      h.dialect === "postgresql"
        ? await rawQuery<TColumn[]>(
            h.db,
            `SELECT CAST(column_name AS TEXT) AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'AnonymousSample'`,
          )
        : await rawQuery<TColumn[]>(h.db, `PRAGMA table_info("AnonymousSample")`);
    expect(columns.map((c) => c.name).sort()).toEqual(["category", "day", "id", "model"]);
  });

  it("has no foreign keys", async () => {
    if (h.dialect === "postgresql") {
      // Every foreign key of the schema, as (table, the table it points at).
      const keys = await rawQuery<{ table: string; references: string }[]>(
        h.db,
        `SELECT DISTINCT CAST(tc.table_name AS TEXT) AS "table", CAST(ccu.table_name AS TEXT) AS "references"
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_schema = tc.constraint_schema AND ccu.constraint_name = tc.constraint_name
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
      );
      // The query sees the schema's other keys (records point at their account)…
      expect(keys).toContainEqual({ table: "Generation", references: "User" });
      // …and none from or to the anonymous samples.
      expect(keys.filter((k) => k.table === "AnonymousSample" || k.references === "AnonymousSample")).toEqual([]);
      return;
    }
    expect(await rawQuery<unknown[]>(h.db, `PRAGMA foreign_key_list("AnonymousSample")`)).toEqual([]);
    // …and no other table points at it.
    const tables = await rawQuery<{ name: string }[]>(h.db, `SELECT name FROM sqlite_master WHERE type = 'table'`);
    for (const { name } of tables) {
      const keys = await rawQuery<{ table: string }[]>(h.db, `PRAGMA foreign_key_list("${name}")`);
      expect(
        keys.map((k) => k.table),
        name,
      ).not.toContain("AnonymousSample");
    }
  });

  // PostgreSQL has no WITHOUT ROWID: a heap table keeps rows in the order they were written, so this
  // property does not exist there (the shuffled batches are what remains of it).
  it.skipIf(isPostgresRun())("is WITHOUT ROWID (storage order says nothing about when a row was written)", async () => {
    const [table] = await rawQuery<{ sql: string }[]>(
      h.db,
      `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'AnonymousSample'`,
    );
    expect(table!.sql).toMatch(/WITHOUT ROWID\s*$/i);
    await expect(rawQuery(h.db, `SELECT rowid FROM "AnonymousSample"`)).rejects.toThrow();
  });
});

describe("an account without prompt logging", () => {
  it("gets an anonymous sample: category, model and day only, written apart from the metadata", async () => {
    // Two other counted accounts used both models today (unsampled): with this one, three.
    process.env.PRIVET_SAMPLE_RATE = "0";
    for (const other of [await countedUser(), await countedUser()]) {
      await chatOk(other.key, { model: "e2e/echo", messages: translation });
      await chatOk(other.key, { model: "e2e/tools", messages: programming });
    }
    process.env.PRIVET_SAMPLE_RATE = "1";
    const user = await countedUser();
    const id1 = await chatOk(user.key, { model: "e2e/echo", messages: programming, user: "external-end-user" });
    const id2 = await chatOk(user.key, { model: "e2e/tools", messages: translation, stream: true });
    await h.flush();
    // Written later, in its own shuffled batch: not with the metadata record.
    expect(samples().size()).toBe(2);
    expect(await h.db.anonymousSample.count()).toBe(0);
    await samples().flush();

    const rows = await rawQuery<Record<string, unknown>[]>(h.db, `SELECT * FROM "AnonymousSample"`);
    expect(rows).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      rows
        .map((r) => ({ model: r.model, category: r.category, day: r.day }))
        .sort((a, b) => String(a.model).localeCompare(String(b.model))),
    ).toEqual([
      { model: "e2e/echo", category: "programming", day: today },
      { model: "e2e/tools", category: "translation", day: today },
    ]);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["category", "day", "id", "model"]);

    // No value can be joined back: not the user, the key, a generation, or a moment in time.
    const generations = await h.db.generation.findMany({
      where: { userId: user.id },
      select: { id: true, createdAt: true },
    });
    expect(generations.map((g) => g.id)).toEqual(expect.arrayContaining([id1, id2]));
    const identifying = new Set<string>([
      user.id,
      user.keyId,
      user.key,
      user.email,
      "external-end-user",
      ...generations.map((g) => g.id),
    ]);
    const instants = generations.flatMap((g) => [
      g.createdAt.toISOString(),
      String(g.createdAt.getTime()),
      String(Math.floor(g.createdAt.getTime() / 1000)),
    ]);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        const text = String(value);
        expect(identifying.has(text), text).toBe(false);
        for (const known of identifying) expect(text.includes(known), `${text} contains ${known}`).toBe(false);
        for (const instant of instants) expect(text.includes(instant)).toBe(false);
        // A day, never a time: no clock time, no epoch number.
        expect(text).not.toMatch(/\d{2}:\d{2}|T\d{2}|^\d{9,}$/);
      }
    }
    // Nothing linked for this account.
    expect(await h.db.categorySample.count()).toBe(0);
  });

  it("is stored only once three counted accounts used the model that day, so no join on (day, model) names one person", async () => {
    const health = [
      { role: "user", content: "What are the symptoms of the flu, and should I see a doctor about my fever?" },
    ];
    const victim = await countedUser();
    await chatOk(victim.key, { model: "e2e/tools", messages: health });
    // Two accounts opened just now use the same model: they are not counted.
    for (const fresh of [await h.createUser(), await h.createUser()])
      await chatOk(fresh.key, { model: "e2e/tools", messages: translation });
    await h.flush();
    await samples().flush();
    // The metadata shows three accounts on (today, e2e/tools), but only one that counts: nothing stored.
    expect(await h.db.anonymousSample.count()).toBe(0);
    expect(samples().size()).toBe(3);

    // Once the day has closed with too few accounts the samples are dropped, never written.
    await samples().flush({ now: new Date(Date.now() + 2 * 86_400_000) });
    expect(samples().size()).toBe(0);
    expect(await h.db.anonymousSample.count()).toBe(0);

    // With two more counted accounts on the model that day, the day's samples are stored, and every
    // stored row's (day, model) joins to at least three accounts.
    await chatOk(victim.key, { model: "e2e/tools", messages: health });
    for (const other of [await countedUser(), await countedUser()])
      await chatOk(other.key, { model: "e2e/tools", messages: translation });
    await h.flush();
    await samples().flush();
    const joined = await joinWithMetadata();
    expect(joined.map((j) => j.category).sort()).toEqual(["health", "translation", "translation"]);
    for (const row of joined) expect(row.accounts).toBeGreaterThanOrEqual(3);
  });

  it("a failed request is not sampled", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: programming,
      provider: { allow_fallbacks: false },
    });
    h.mock.reset();
    expect(res.status).toBe(502);
    expect((await h.chat(user.key, { model: "e2e/echo:free", messages: programming })).status).toBe(404);
    await h.flush();
    expect(samples().size()).toBe(0);
  });
});

describe("anonymous samples written at different moments", () => {
  it("are stored once each, and a day's rows do not tell which write they came with", async () => {
    process.env.PRIVET_RANKINGS_MIN_ACCOUNTS = "1";
    const user = await countedUser();
    await chatOk(user.key, { model: "e2e/echo", messages: programming });
    await h.flush();
    await samples().flush();
    await chatOk(user.key, { model: "e2e/tools", messages: translation });
    await chatOk(user.key, { model: "e2e/echo", messages: translation });
    await h.flush();
    await samples().flush();

    const rows = await rawQuery<{ id: string; model: string; category: string }[]>(
      h.db,
      `SELECT "id", "model", "category" FROM "AnonymousSample"`,
    );
    expect(rows.map((r) => `${r.model} ${r.category}`).sort()).toEqual([
      "e2e/echo programming",
      "e2e/echo translation",
      "e2e/tools translation",
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    if (h.dialect === "postgresql") {
      // PostgreSQL stamps each row with the transaction that wrote it; the first sample was written
      // a write earlier than the others, yet all of the day's rows carry the same one.
      const writers = await rawQuery<{ xmin: string }[]>(
        h.db,
        `SELECT DISTINCT CAST("xmin" AS TEXT) AS "xmin" FROM "AnonymousSample"`,
      );
      expect(writers).toHaveLength(1);
    }
    delete process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
  });
});

describe("an account with prompt logging", () => {
  it("gets a CategorySample linked to the user and the generation, and no anonymous one", async () => {
    const user = await h.createUser({ promptLogging: true });
    const id = await chatOk(user.key, { model: "e2e/echo", messages: programming });
    await h.flush();
    expect(samples().size()).toBe(0);
    const linked = await h.db.categorySample.findMany();
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ userId: user.id, generationId: id, model: "e2e/echo", category: "programming" });
    await samples().flush();
    expect(await h.db.anonymousSample.count()).toBe(0);
  });
});

describe("PRIVET_SAMPLE_RATE=0", () => {
  it("samples nothing, with or without logging", async () => {
    // The rate is read on every request; this file's harness started at 1.
    process.env.PRIVET_SAMPLE_RATE = "0";
    const plain = await h.createUser();
    const logged = await h.createUser({ promptLogging: true });
    for (let i = 0; i < 5; i++) {
      await chatOk(plain.key, { model: "e2e/echo", messages: programming });
      await chatOk(logged.key, { model: "e2e/echo", messages: programming, stream: true });
    }
    await h.flush();
    expect(samples().size()).toBe(0);
    await samples().flush();
    expect(await h.db.anonymousSample.count()).toBe(0);
    expect(await h.db.categorySample.count()).toBe(0);
    // The requests themselves were recorded (and the logged ones' content stored).
    expect(await h.db.generation.count({ where: { userId: { in: [plain.id, logged.id] } } })).toBe(10);
    expect(await h.db.generationContent.count({ where: { userId: logged.id } })).toBe(5);
  });
});
