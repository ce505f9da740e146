// The purge job against a real, migrated SQLite database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { daysAgo, startTestDb } from "@/lib/privacy/test-db";

let t: Awaited<ReturnType<typeof startTestDb>>;
let purge: typeof import("@/lib/privacy/purge");

beforeAll(async () => {
  t = await startTestDb();
  purge = await import("@/lib/privacy/purge");
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.db.activityRollup.deleteMany();
  await t.db.anonymousSample.deleteMany();
  await t.db.categorySample.deleteMany();
  await t.db.generationContent.deleteMany();
  await t.db.generation.deleteMany();
  await t.db.user.deleteMany();
});

const NOW = new Date("2026-06-20T12:00:00.000Z");
const future = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe("purgeExpiredData: logged content", () => {
  it("deletes content whose retention ended, keeps the metadata and marks it as holding no content", async () => {
    const user = await t.createUser();
    const expired = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 3) });
    const endsNow = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 2) });
    const kept = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 1) });
    await t.storeContent(user.id, expired.id, { createdAt: expired.createdAt, expiresAt: daysAgo(NOW, 1) });
    await t.storeContent(user.id, endsNow.id, { createdAt: endsNow.createdAt, expiresAt: NOW });
    await t.storeContent(user.id, kept.id, { createdAt: kept.createdAt, expiresAt: future(1) });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result.expiredContent).toBe(2);
    const contents = await t.db.generationContent.findMany({ select: { generationId: true } });
    expect(contents.map((c) => c.generationId)).toEqual([kept.id]);
    const generations = await t.db.generation.findMany({
      select: { id: true, contentStored: true },
      orderBy: { createdAt: "asc" },
    });
    expect(generations).toEqual([
      { id: expired.id, contentStored: false },
      { id: endsNow.id, contentStored: false },
      { id: kept.id, contentStored: true },
    ]);
  });

  it("leaves other accounts' unexpired content alone", async () => {
    const alice = await t.createUser();
    const bob = await t.createUser();
    const aliceGen = await t.createGeneration(alice.id, { createdAt: daysAgo(NOW, 5) });
    const bobGen = await t.createGeneration(bob.id, { createdAt: daysAgo(NOW, 5) });
    await t.storeContent(alice.id, aliceGen.id, { createdAt: aliceGen.createdAt, expiresAt: daysAgo(NOW, 1) });
    await t.storeContent(bob.id, bobGen.id, { createdAt: bobGen.createdAt, expiresAt: future(25) });

    await purge.purgeExpiredData({ now: NOW });

    expect(await t.db.generationContent.count({ where: { userId: alice.id } })).toBe(0);
    expect(await t.db.generationContent.count({ where: { userId: bob.id } })).toBe(1);
    expect((await t.db.generation.findUniqueOrThrow({ where: { id: bobGen.id } })).contentStored).toBe(true);
  });

  it("applies a shortened content retention to content already stored", async () => {
    const user = await t.createUser({ contentRetentionDays: 2 });
    const old = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 3) });
    const recent = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 1) });
    // Captured while the retention was still 30 days.
    await t.storeContent(user.id, old.id, { createdAt: old.createdAt, expiresAt: future(27) });
    await t.storeContent(user.id, recent.id, { createdAt: recent.createdAt, expiresAt: future(29) });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result.expiredContent).toBe(1);
    expect((await t.db.generationContent.findMany()).map((c) => c.generationId)).toEqual([recent.id]);
  });
});

describe("purgeExpiredData: linked samples follow the content", () => {
  it("deletes a linked sample with its expired content, and every linked sample older than the content retention; the records stay", async () => {
    const user = await t.createUser({ contentRetentionDays: 7, metadataRetentionDays: 365 });
    const expired = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 3) });
    await t.storeContent(user.id, expired.id, { createdAt: expired.createdAt, expiresAt: daysAgo(NOW, 1) });
    await t.createLinkedSample(user.id, expired.id, { createdAt: expired.createdAt });
    // Its content was deleted by the user: the sample still ends with the content retention.
    const old = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 8) });
    await t.createLinkedSample(user.id, old.id, { createdAt: old.createdAt });
    const fresh = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 1) });
    await t.storeContent(user.id, fresh.id, { createdAt: fresh.createdAt, expiresAt: future(6) });
    await t.createLinkedSample(user.id, fresh.id, { createdAt: fresh.createdAt });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result).toMatchObject({ expiredContent: 1, linkedSamples: 2, expiredGenerations: 0 });
    expect((await t.db.categorySample.findMany({ select: { generationId: true } })).map((s) => s.generationId)).toEqual(
      [fresh.id],
    );
    expect(await t.db.generation.count({ where: { userId: user.id } })).toBe(3);
  });
});

describe("purgeExpiredData: metadata retention", () => {
  it("deletes records older than the account's metadata retention, with their content and linked samples", async () => {
    const user = await t.createUser({ metadataRetentionDays: 30, contentRetentionDays: 365 });
    const old = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 31) });
    const young = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 29) });
    // Content that would otherwise be kept: it goes with its record.
    await t.storeContent(user.id, old.id, { createdAt: old.createdAt, expiresAt: future(10) });
    await t.createLinkedSample(user.id, old.id, { createdAt: old.createdAt });
    await t.createLinkedSample(user.id, young.id, { createdAt: young.createdAt });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result).toMatchObject({
      expiredGenerations: 1,
      contentOfExpiredGenerations: 1,
      linkedSamples: 1,
      expiredContent: 0,
    });
    expect((await t.db.generation.findMany({ select: { id: true } })).map((g) => g.id)).toEqual([young.id]);
    expect(await t.db.generationContent.count()).toBe(0);
    expect((await t.db.categorySample.findMany({ select: { generationId: true } })).map((s) => s.generationId)).toEqual(
      [young.id],
    );
  });

  it("takes purged records out of the activity rollups, leaving the rest", async () => {
    const { addToRollups } = await import("@/lib/activity/rollup");
    const user = await t.createUser({ metadataRetentionDays: 30 });
    const old = await t.createGeneration(user.id, {
      createdAt: daysAgo(NOW, 45),
      promptTokens: 40,
      completionTokens: 2,
    });
    const young = await t.createGeneration(user.id, {
      createdAt: daysAgo(NOW, 5),
      promptTokens: 7,
      completionTokens: 3,
    });
    await addToRollups(
      [
        { ...old, status: "success" },
        { ...young, status: "success" },
      ],
      t.db,
    );
    const tokens = async () =>
      (await t.db.activityRollup.findMany({ where: { userId: user.id, unit: "day" } })).reduce(
        (sum, r) => sum + Number(r.promptTokens + r.completionTokens),
        0,
      );
    expect(await tokens()).toBe(52);

    await purge.purgeExpiredData({ now: NOW });

    expect(await tokens()).toBe(10);
  });

  it("uses each account's own retention and never touches another account's records", async () => {
    const short = await t.createUser({ metadataRetentionDays: 30 });
    const long = await t.createUser({ metadataRetentionDays: 365, contentRetentionDays: 365 });
    await t.createGeneration(short.id, { createdAt: daysAgo(NOW, 100) });
    const longOld = await t.createGeneration(long.id, { createdAt: daysAgo(NOW, 100) });
    await t.createGeneration(long.id, { createdAt: daysAgo(NOW, 400) });
    await t.createLinkedSample(long.id, longOld.id, { createdAt: longOld.createdAt });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result.expiredGenerations).toBe(2);
    expect(await t.db.generation.count({ where: { userId: short.id } })).toBe(0);
    const remaining = await t.db.generation.findMany({ where: { userId: long.id }, select: { id: true } });
    expect(remaining.map((g) => g.id)).toEqual([longOld.id]);
    expect(await t.db.categorySample.count({ where: { userId: long.id } })).toBe(1);
  });

  it("ages out linked samples whose record was already deleted", async () => {
    const user = await t.createUser({ metadataRetentionDays: 30 });
    await t.createLinkedSample(user.id, "gen-deleted-by-the-user", { createdAt: daysAgo(NOW, 40) });
    await t.createLinkedSample(user.id, "gen-deleted-recently", { createdAt: daysAgo(NOW, 10) });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result.linkedSamples).toBe(1);
    expect((await t.db.categorySample.findMany()).map((s) => s.generationId)).toEqual(["gen-deleted-recently"]);
  });
});

describe("purgeExpiredData: anonymous samples", () => {
  it("deletes the samples of days no rankings period reads any more, and keeps every day one still reads", async () => {
    const { closedPeriod } = await import("@/lib/rankings/periods");
    const day = (daysBack: number) => daysAgo(NOW, daysBack).toISOString().slice(0, 10);
    // The longest period at NOW reads the 30 closed days up to yesterday: ages 1 to 30.
    const month = closedPeriod("month", NOW);
    expect([month.firstDay, month.lastDay]).toEqual([day(30), day(1)]);
    const ages = [0, 1, 29, 30, 31, 32, 400];
    await t.db.anonymousSample.createMany({
      data: ages.map((age, i) => ({ id: `anon-${i}`, day: day(age), model: "m/one", category: "programming" })),
    });

    const result = await purge.purgeExpiredData({ now: NOW });

    expect(result.anonymousSamples).toBe(3);
    const kept = await t.db.anonymousSample.findMany({ select: { day: true }, orderBy: { day: "desc" } });
    expect(kept.map((k) => k.day)).toEqual(ages.slice(0, 4).map(day));
    expect(purge.describePurge(result)).toContain("3 anonymous category samples older than the rankings read");
  });
});

describe("purgeExpiredData: batches", () => {
  it("works through more rows than one batch, one batch at a time, and stops when asked", async () => {
    const user = await t.createUser({ metadataRetentionDays: 30 });
    for (let i = 0; i < 7; i++) {
      const g = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 10) });
      await t.storeContent(user.id, g.id, { createdAt: g.createdAt, expiresAt: daysAgo(NOW, 1) });
    }
    for (let i = 0; i < 5; i++) await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 60) });

    let batchesSeen = 0;
    const stopped = await purge.purgeExpiredData({ now: NOW, batchSize: 3, shouldStop: () => ++batchesSeen > 2 });
    expect(stopped.batches).toBe(2);
    expect(stopped.expiredContent).toBe(6);
    expect(await t.db.generationContent.count()).toBe(1);

    const rest = await purge.purgeExpiredData({ now: NOW, batchSize: 3 });
    // 1 content row left (one batch) + 5 old records (two batches of 3 and 2).
    expect(rest).toMatchObject({ expiredContent: 1, expiredGenerations: 5, batches: 3 });
    expect(await t.db.generationContent.count()).toBe(0);
    expect(await t.db.generation.count()).toBe(7);
    expect(await t.db.generation.count({ where: { contentStored: true } })).toBe(0);
  });

  it("does nothing, successfully, when nothing has expired", async () => {
    const user = await t.createUser();
    const g = await t.createGeneration(user.id, { createdAt: daysAgo(NOW, 1) });
    await t.storeContent(user.id, g.id, { createdAt: g.createdAt, expiresAt: future(29) });
    const result = await purge.purgeExpiredData({ now: NOW });
    expect(result).toEqual({
      expiredContent: 0,
      expiredGenerations: 0,
      contentOfExpiredGenerations: 0,
      linkedSamples: 0,
      anonymousSamples: 0,
      batches: 0,
    });
    expect(purge.describePurge(result)).toBe(
      "deleted 0 logged items past content retention; 0 metadata records past metadata retention, with 0 logged items; 0 linked category samples with their content or record; 0 anonymous category samples older than the rankings read",
    );
  });
});

describe("startPurgeTimer", () => {
  it("runs the purge in the background and stops cleanly", async () => {
    const user = await t.createUser();
    const g = await t.createGeneration(user.id, { createdAt: daysAgo(new Date(), 3) });
    await t.storeContent(user.id, g.id, { createdAt: g.createdAt, expiresAt: daysAgo(new Date(), 1) });

    purge.startPurgeTimer({ firstRunDelayMs: 0, intervalMs: 60_000 });
    await expect.poll(() => t.db.generationContent.count()).toBe(0);
    await purge.stopPurgeTimer();
    expect((await t.db.generation.findUniqueOrThrow({ where: { id: g.id } })).contentStored).toBe(false);
  });
});
