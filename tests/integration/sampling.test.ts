// Rule 7: sampling is anonymous unless opted in. With PRIVET_SAMPLE_RATE=1 every successful
// request is sampled. For an account without prompt logging the stored row holds only
// { id, day, model, category } — in a table that cannot be joined to anything. With logging on the
// sample is a CategorySample linked to the user and the generation. With the rate at 0, nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let samples: () => { flush(): Promise<void>; size(): number };

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_SAMPLE_RATE: "1" } });
  const sampler = await import("@/lib/sampling/sampler");
  samples = sampler.anonymousSamples;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  process.env.PRIVET_SAMPLE_RATE = "1";
  await samples().flush();
  await h.db.anonymousSample.deleteMany({});
  await h.db.categorySample.deleteMany({});
});

const programming = [{ role: "user", content: "Please refactor this python function, it throws an exception: ```def f(): pass```" }];
const translation = [{ role: "user", content: "Translate this sentence into French for me: good morning" }];

async function chatOk(key: string, body: Record<string, unknown>) {
  const res = await h.chat(key, body);
  expect(res.status).toBe(200);
  await res.text();
  return res.headers.get("x-privet-generation-id")!;
}

type TColumn = { name: string; type: string; notnull: number | bigint; pk: number | bigint };

describe("the AnonymousSample table", () => {
  it("has exactly the columns id, day, model, category", async () => {
    const columns = await h.db.$queryRawUnsafe<TColumn[]>(`PRAGMA table_info("AnonymousSample")`);
    expect(columns.map((c) => c.name).sort()).toEqual(["category", "day", "id", "model"]);
  });

  it("has no foreign keys", async () => {
    expect(await h.db.$queryRawUnsafe<unknown[]>(`PRAGMA foreign_key_list("AnonymousSample")`)).toEqual([]);
    // …and no other table points at it.
    const tables = await h.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`);
    for (const { name } of tables) {
      const keys = await h.db.$queryRawUnsafe<{ table: string }[]>(`PRAGMA foreign_key_list("${name}")`);
      expect(keys.map((k) => k.table), name).not.toContain("AnonymousSample");
    }
  });

  it("is WITHOUT ROWID (storage order says nothing about when a row was written)", async () => {
    const [table] = await h.db.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'AnonymousSample'`);
    expect(table!.sql).toMatch(/WITHOUT ROWID\s*$/i);
    await expect(h.db.$queryRawUnsafe(`SELECT rowid FROM "AnonymousSample"`)).rejects.toThrow();
  });
});

describe("an account without prompt logging", () => {
  it("gets an anonymous sample: category, model and day only, written apart from the metadata", async () => {
    const user = await h.createUser();
    const id1 = await chatOk(user.key, { model: "e2e/echo", messages: programming, user: "external-end-user" });
    const id2 = await chatOk(user.key, { model: "e2e/tools", messages: translation, stream: true });
    await h.flush();
    // Written later, in its own shuffled batch: not with the metadata record.
    expect(samples().size()).toBe(2);
    expect(await h.db.anonymousSample.count()).toBe(0);
    await samples().flush();

    const rows = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "AnonymousSample"`);
    expect(rows).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(rows.map((r) => ({ model: r.model, category: r.category, day: r.day })).sort((a, b) => String(a.model).localeCompare(String(b.model)))).toEqual([
      { model: "e2e/echo", category: "programming", day: today },
      { model: "e2e/tools", category: "translation", day: today },
    ]);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["category", "day", "id", "model"]);

    // No value can be joined back: not the user, the key, a generation, or a moment in time.
    const generations = await h.db.generation.findMany({ where: { userId: user.id }, select: { id: true, createdAt: true } });
    expect(generations.map((g) => g.id).sort()).toEqual([id1, id2].sort());
    const identifying = new Set<string>([user.id, user.keyId, user.key, user.email, "external-end-user", ...generations.map((g) => g.id)]);
    const instants = generations.flatMap((g) => [g.createdAt.toISOString(), String(g.createdAt.getTime()), String(Math.floor(g.createdAt.getTime() / 1000))]);
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

  it("a failed request is not sampled", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: programming, provider: { allow_fallbacks: false } });
    h.mock.reset();
    expect(res.status).toBe(502);
    expect((await h.chat(user.key, { model: "e2e/echo:free", messages: programming })).status).toBe(404);
    await h.flush();
    expect(samples().size()).toBe(0);
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
