// Jobs that several instances on one database must not collide in (issue 9): every instance loads
// the catalog as it starts, and only one purges at a time. The rate limiter's shared stores are
// tested in lib/ratelimit/stores.test.ts; two real instances in e2e/scale-out.api.spec.ts.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { daysAgo, startTestDb } from "@/lib/privacy/test-db";
import { ADVISORY_LOCKS } from "@/lib/server/advisory-locks";
import { isPostgresRun } from "@/tests/support/database";

let t: Awaited<ReturnType<typeof startTestDb>>;

beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe("catalog load at start-up", () => {
  it("instances starting together each load the catalog; all loads succeed and leave exactly one copy", async () => {
    const file = path.join(t.dir, "catalog.json");
    const catalog = e2eCatalog("http://127.0.0.1:9");
    fs.writeFileSync(file, JSON.stringify(catalog));
    const { loadCatalogIntoDatabase } = await import("@/lib/catalog/load");
    const summaries = await Promise.all(Array.from({ length: 4 }, () => loadCatalogIntoDatabase(file)));
    for (const summary of summaries) expect(summary).toEqual(summaries[0]);
    expect(await t.db.provider.count()).toBe(catalog.providers.length);
    expect(await t.db.model.count()).toBe(catalog.models.length);
    expect(await t.db.endpoint.count()).toBe(catalog.models.reduce((n, m) => n + m.endpoints.length, 0));
  });
});

describe.runIf(isPostgresRun())("purge across instances (PostgreSQL)", () => {
  /** Another instance in the middle of its purge: a session of its own holding the purge lock. */
  async function otherInstancePurging() {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCKS.purge]);
    return {
      finish: async () => {
        await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCKS.purge]);
        await client.end();
      },
    };
  }

  async function expiredContent() {
    const user = await t.createUser();
    const g = await t.createGeneration(user.id, { createdAt: daysAgo(new Date(), 3) });
    await t.storeContent(user.id, g.id, { createdAt: g.createdAt, expiresAt: daysAgo(new Date(), 1) });
    return g.id;
  }

  it("a scheduled run skips while another instance purges; the next one purges", async () => {
    const id = await expiredContent();
    const { purgeExclusively } = await import("@/lib/privacy/purge");
    const other = await otherInstancePurging();
    try {
      expect(await purgeExclusively({ shouldWait: false })).toBeNull();
      expect(await t.db.generationContent.count({ where: { generationId: id } })).toBe(1);
    } finally {
      await other.finish();
    }
    const result = await purgeExclusively({ shouldWait: false });
    expect(result?.expiredContent).toBe(1);
    expect(await t.db.generationContent.count({ where: { generationId: id } })).toBe(0);
  });

  it("two instances purging at once: one runs, the other skips; neither fails", async () => {
    await expiredContent();
    const { purgeExclusively } = await import("@/lib/privacy/purge");
    const other = await otherInstancePurging();
    // Both contenders find the lock taken: neither may start while the first holder runs.
    const contenders = await Promise.all([
      purgeExclusively({ shouldWait: false }),
      purgeExclusively({ shouldWait: false }),
    ]);
    expect(contenders).toEqual([null, null]);
    await other.finish();
    const after = await Promise.all([purgeExclusively({ shouldWait: false }), purgeExclusively({ shouldWait: false })]);
    // One of them deleted the expired item; a second run either skipped or found nothing left.
    expect(after.reduce((n, r) => n + (r?.expiredContent ?? 0), 0)).toBe(1);
    expect(await t.db.generationContent.count()).toBe(0);
  });

  it("`privet purge` waits for another instance's purge to finish, then purges", async () => {
    const id = await expiredContent();
    const { purgeExclusively } = await import("@/lib/privacy/purge");
    const other = await otherInstancePurging();
    let isWaiting = false;
    const cli = purgeExclusively({ shouldWait: true, onWait: () => (isWaiting = true) });
    await expect.poll(() => isWaiting).toBe(true);
    expect(await t.db.generationContent.count({ where: { generationId: id } })).toBe(1);
    await other.finish();
    const result = await cli;
    expect(result?.expiredContent).toBe(1);
    expect(await t.db.generationContent.count({ where: { generationId: id } })).toBe(0);
  });

  it("the lock ends with the process holding it: a crashed instance does not block purging", async () => {
    const id = await expiredContent();
    const crashed = new pg.Client({ connectionString: process.env.DATABASE_URL });
    crashed.on("error", () => undefined);
    await crashed.connect();
    await crashed.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCKS.purge]);
    const pid = (await crashed.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    // The server sees the connection drop, as when the process dies.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    const { purgeExclusively } = await import("@/lib/privacy/purge");
    await expect.poll(async () => (await purgeExclusively({ shouldWait: false }))?.expiredContent ?? null).toBe(1);
    expect(await t.db.generationContent.count({ where: { generationId: id } })).toBe(0);
  });
});
