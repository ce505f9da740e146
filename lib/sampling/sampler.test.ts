// Anonymity of the rankings samples (PRODUCT.md rule 7): for an account without prompt logging the
// stored row holds the category, the model and the UTC day — nothing that could lead back to the
// user, the key, the generation or the moment of the request.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CATEGORIES } from "@/lib/sampling/categorize";
import { anonymousSample, anonymousSamples, sampleRequest, shouldSample } from "@/lib/sampling/sampler";

// The anonymous buffer writes through the database client; capture what it would store.
const written = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock("@/lib/db", () => {
  const anonymousSample = {
    findMany: async () => [],
    deleteMany: async () => ({ count: 0 }),
    createMany: async ({ data }: { data: Record<string, unknown>[] }) => {
      written.push(...data);
      return { count: data.length };
    },
  };
  return {
    db: { anonymousSample, $transaction: async (run: (tx: unknown) => Promise<unknown>) => run({ anonymousSample }) },
    dialect: () => "sqlite",
    rawQuery: async () => [],
  };
});
// How many counted accounts the metadata shows for every (day, model) asked about (the query itself
// is tested against real databases in lib/rankings/rankings.test.ts and tests/integration/sampling.test.ts).
const metadata = vi.hoisted(() => ({ accounts: 3, asked: 0 }));
vi.mock("@/lib/rankings/counted-accounts", () => ({
  dayModelKey: (day: string, model: string) => `${day}\u0000${model}`,
  findCountedAccountsByDay: async (start: Date, _end: Date, models: string[]) => {
    metadata.asked += 1;
    return new Map(models.map((model) => [`${start.toISOString().slice(0, 10)}\u0000${model}`, metadata.accounts]));
  },
}));

const ANON_KEYS = ["category", "day", "id", "model"];
const USER_ID = "cm-user-7f3a9b";
const GENERATION_ID = "gen-Qx8vT2mZ1kLp9RcW4yNd";

beforeEach(async () => {
  vi.stubEnv("PRIVET_SAMPLE_RATE", "1");
  metadata.accounts = 3;
  // Anything left from a test is written (or dropped: its day is long closed by then).
  await anonymousSamples().flush({ now: new Date("2200-01-01T00:00:00Z") });
  written.length = 0;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("anonymousSample", () => {
  it("has exactly id, day, model and category", () => {
    const row = anonymousSample("programming", "e2e/echo", new Date("2026-06-20T13:45:12.345Z"));
    expect(Object.keys(row).sort()).toEqual(ANON_KEYS);
    expect(row).toMatchObject({ day: "2026-06-20", model: "e2e/echo", category: "programming" });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gets a fresh random id each time, so ids carry no order or time", () => {
    const at = new Date("2026-06-20T00:00:00Z");
    const ids = new Set(Array.from({ length: 50 }, () => anonymousSample("other", "m", at).id));
    expect(ids.size).toBe(50);
  });
});

describe("sampleRequest", () => {
  const messages = [{ role: "user" as const, content: "Please fix this python function, it throws an exception" }];

  it("with prompt logging off returns no linked sample and queues an anonymous one", async () => {
    const before = anonymousSamples().size();
    const now = new Date("2026-06-20T08:30:00Z");
    const linked = sampleRequest({
      isLinked: false,
      userId: USER_ID,
      generationId: GENERATION_ID,
      model: "e2e/echo",
      messages,
      now,
    });
    expect(linked).toBeNull();
    expect(anonymousSamples().size()).toBe(before + 1);

    await anonymousSamples().flush();
    expect(written).toHaveLength(1);
    expect(Object.keys(written[0]!).sort()).toEqual(ANON_KEYS);
    expect(written[0]).toMatchObject({ day: "2026-06-20", model: "e2e/echo", category: "programming" });
    expect(JSON.stringify(written)).not.toContain(USER_ID);
    expect(JSON.stringify(written)).not.toContain(GENERATION_ID);
  });

  it("with prompt logging on returns a sample linked to the user and generation, and queues nothing anonymous", () => {
    const before = anonymousSamples().size();
    const now = new Date("2026-06-20T08:30:00Z");
    const linked = sampleRequest({
      isLinked: true,
      userId: USER_ID,
      generationId: GENERATION_ID,
      model: "e2e/echo",
      messages,
      now,
    });
    expect(linked).toMatchObject({
      userId: USER_ID,
      generationId: GENERATION_ID,
      model: "e2e/echo",
      category: "programming",
      createdAt: now,
    });
    expect(anonymousSamples().size()).toBe(before);
  });

  it("samples nothing at rate 0", () => {
    vi.stubEnv("PRIVET_SAMPLE_RATE", "0");
    const before = anonymousSamples().size();
    expect(
      sampleRequest({ isLinked: false, userId: USER_ID, generationId: GENERATION_ID, model: "m", messages }),
    ).toBeNull();
    expect(anonymousSamples().size()).toBe(before);
    expect(shouldSample(() => 0, 0)).toBe(false);
  });

  it("for any inputs, the stored anonymous row has no user id, generation id, content or time beyond the day", async () => {
    const text = fc.string({ minLength: 1, maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 8, maxLength: 40 }).map((s) => `user-${s}`),
        fc.string({ minLength: 8, maxLength: 40 }).map((s) => `gen-${s}`),
        fc.constantFrom("e2e/echo", "e2e/tools", "openai/gpt-4o-mini", "meta-llama/llama-3.3-70b-instruct:free"),
        fc.array(
          fc.record({ role: fc.constantFrom("user" as const, "assistant" as const, "system" as const), content: text }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        async (userId, generationId, model, messages, now) => {
          written.length = 0;
          const linked = sampleRequest({ isLinked: false, userId, generationId, model, messages, now });
          expect(linked).toBeNull();
          await anonymousSamples().flush();
          expect(written).toHaveLength(1);
          const row = written[0] as Record<string, string>;
          expect(Object.keys(row).sort()).toEqual(ANON_KEYS);
          expect(row.model).toBe(model);
          expect(CATEGORIES).toContain(row.category);
          // The day, and nothing finer: no hour, minute or timestamp anywhere in the row.
          expect(row.day).toBe(now.toISOString().slice(0, 10));
          expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const serialized = JSON.stringify(row);
          expect(serialized).not.toContain(now.toISOString().slice(11, 19));
          expect(serialized).not.toContain(String(now.getTime()));
          for (const field of Object.values(row)) {
            expect(field).not.toBe(userId);
            expect(field).not.toBe(generationId);
          }
          // The id is random, not derived from anything about the request.
          expect(row.id).not.toContain(userId);
          expect(row.id).not.toContain(generationId);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("anonymous samples and the accounts behind their (day, model)", () => {
  const messages = [{ role: "user" as const, content: "What are the symptoms of the flu?" }];
  const day = new Date("2026-06-20T08:30:00Z");
  const sample = () =>
    sampleRequest({
      isLinked: false,
      userId: USER_ID,
      generationId: GENERATION_ID,
      model: "rare/model",
      messages,
      now: day,
    });

  it("are written only once the (day, model) has PRIVET_RANKINGS_MIN_ACCOUNTS counted accounts", async () => {
    metadata.accounts = 1;
    sample();
    await anonymousSamples().flush({ now: new Date("2026-06-20T09:00:00Z") });
    expect(written).toEqual([]);
    // The day is open: the sample waits, and is written once two more accounts used the model.
    expect(anonymousSamples().size()).toBe(1);
    metadata.accounts = 3;
    await anonymousSamples().flush({ now: new Date("2026-06-20T18:00:00Z") });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ day: "2026-06-20", model: "rare/model", category: "health" });
    expect(anonymousSamples().size()).toBe(0);
  });

  it("are dropped, never written, when their day closes with too few accounts", async () => {
    metadata.accounts = 2;
    sample();
    await anonymousSamples().flush({ now: new Date("2026-06-20T23:00:00Z") });
    expect(anonymousSamples().size()).toBe(1);
    await anonymousSamples().flush({ now: new Date("2026-06-21T00:30:00Z") });
    expect(anonymousSamples().size()).toBe(0);
    expect(written).toEqual([]);
  });

  it("ask the metadata about a (day, model) again only while it is short of accounts", async () => {
    metadata.accounts = 3;
    sample();
    await anonymousSamples().flush({ now: new Date("2026-06-20T09:00:00Z") });
    const asked = metadata.asked;
    sample();
    await anonymousSamples().flush({ now: new Date("2026-06-20T09:01:00Z") });
    expect(metadata.asked).toBe(asked);
    expect(written).toHaveLength(2);
  });
});
