// The shared rate limit stores against the real thing: PostgreSQL (a fresh migrated database, in
// the PostgreSQL test pass) and Redis (REDIS_URL or 127.0.0.1:6379, a key prefix of its own per
// test). Two limiters with stores of their own over one database or one Redis stand for two
// instances: together they allow no more than the limit. And what happens when the store is down.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { createLimiter, storeKey, type TLimiter, type TRateLimitStore } from "@/lib/ratelimit/limiter";
import { createRedisStore } from "@/lib/ratelimit/redis-store";
import { createTestDatabase, isPostgresRun, type TTestDatabase } from "@/tests/support/database";

const MINUTE = 60_000;
const REDIS_URL = process.env.PRIVET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function hits(limiter: TLimiter, key: string, n: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await limiter.hit(key)).isAllowed) allowed += 1;
  return allowed;
}

/** These tests are about counting: a loaded machine's slow answers must not look like an outage. */
const PATIENT = 30_000;

/** A window start near now, so expiry (Redis) and clean-up (PostgreSQL) see realistic times. */
const thisMinute = () => Date.now() - (Date.now() % MINUTE);
const uniqueName = () => `test-${crypto.randomBytes(6).toString("hex")}`;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP pass-through to `port` that can be cut (every connection dropped, new ones refused) and restored on the same port. */
async function cuttableProxy(port: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let listenPort = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(port, "127.0.0.1");
        const closeBoth = () => {
          sockets.delete(client);
          sockets.delete(upstream);
          client.destroy();
          upstream.destroy();
        };
        sockets.add(client).add(upstream);
        client.on("error", closeBoth).on("close", closeBoth);
        upstream.on("error", closeBoth).on("close", closeBoth);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.listen(listenPort, "127.0.0.1", () => {
        listenPort = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await open();
  return {
    url: () => `redis://127.0.0.1:${listenPort}`,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server!.close(() => resolve());
      }),
    restore: open,
  };
}

type TStoreCase = {
  kind: "postgresql" | "redis";
  /** A store with a connection of its own, as another instance would have. */
  newStore: () => TRateLimitStore;
  /** The keys stored for this test, as the store holds them. */
  storedKeys: () => Promise<string[]>;
};

function sharedStoreTests(name: "postgresql" | "redis", setup: () => TStoreCase) {
  describe(`${name} store`, () => {
    let c: TStoreCase;
    beforeAll(() => {
      c = setup();
    });

    it("allows the limit, then refuses with a Retry-After; another key is unaffected", async () => {
      const t = thisMinute() + 10_000;
      const limiter = createLimiter(uniqueName(), 3, MINUTE, { store: c.newStore(), now: () => t, timeoutMs: PATIENT });
      expect(await hits(limiter, "k", 3)).toBe(3);
      const refused = await limiter.hit("k");
      expect(refused).toEqual({ isAllowed: false, retryAfterSeconds: 50 });
      expect(await hits(limiter, "other", 3)).toBe(3);
    });

    it("two instances, each with its own connection, hold the limit together — one after the other and all at once", async () => {
      const name = uniqueName();
      const t = thisMinute() + 5_000;
      const a = createLimiter(name, 6, MINUTE, { store: c.newStore(), now: () => t, timeoutMs: PATIENT });
      const b = createLimiter(name, 6, MINUTE, { store: c.newStore(), now: () => t, timeoutMs: PATIENT });
      let allowed = 0;
      for (let i = 0; i < 10; i++) if ((await (i % 2 === 0 ? a : b).hit("alternating")).isAllowed) allowed += 1;
      expect(allowed).toBe(6);
      expect((await a.hit("alternating")).isAllowed).toBe(false);
      expect((await b.hit("alternating")).isAllowed).toBe(false);

      // A burst of 30 concurrent hits over both instances: exactly the limit gets through.
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).hit("burst")));
      expect(burst.filter((d) => d.isAllowed)).toHaveLength(6);
    });

    it("reads the previous window from the store and does not count refused attempts", async () => {
      const name = uniqueName();
      let t = thisMinute() + 50_000;
      const a = createLimiter(name, 4, MINUTE, { store: c.newStore(), now: () => t, timeoutMs: PATIENT });
      const b = createLimiter(name, 4, MINUTE, { store: c.newStore(), now: () => t, timeoutMs: PATIENT });
      expect(await hits(a, "k", 4)).toBe(4);
      expect(await hits(b, "k", 20)).toBe(0);
      // Halfway into the next window, on the other instance: half of the previous 4 still counts.
      t += 40_000;
      expect(await hits(b, "k", 10)).toBe(2);
      // Two windows later nothing is carried over.
      t += 2 * MINUTE;
      expect(await hits(a, "k", 10)).toBe(4);
    });

    it("stores neither the email nor the limiter's key, only their hash", async () => {
      const name = uniqueName();
      const email = `${name}@example.com`;
      const limiter = createLimiter(name, 10, 15 * MINUTE, { store: c.newStore(), timeoutMs: PATIENT });
      await limiter.hit(`email:${email}`);
      const keys = await c.storedKeys();
      expect(keys.some((k) => k.includes(storeKey(name, `email:${email}`)))).toBe(true);
      expect(keys.join("\n")).not.toContain(email);
      expect(keys.join("\n")).not.toContain(name);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

describe.runIf(isPostgresRun())("on PostgreSQL", () => {
  let database: TTestDatabase;
  let dir: string;
  const clients: PrismaClient[] = [];
  let createPostgresStore: typeof import("@/lib/ratelimit/postgres-store").createPostgresStore;

  const newClient = (url = database.url) => {
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: 4, connectionTimeoutMillis: 1_000 }),
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-ratelimit-"));
    database = await createTestDatabase(dir);
    process.env.DATABASE_URL = database.url;
    const { applyMigrations } = await import("@/lib/server/migrate");
    const migrated = await applyMigrations(process.cwd());
    if (!migrated.ok) throw new Error(migrated.output);
    ({ createPostgresStore } = await import("@/lib/ratelimit/postgres-store"));
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  sharedStoreTests("postgresql", () => ({
    kind: "postgresql",
    newStore: () => createPostgresStore(newClient()),
    storedKeys: async () => (await newClient().rateLimitWindow.findMany({ select: { key: true } })).map((r) => r.key),
  }));

  it("rows live two windows and expired ones are deleted by a later hit", async () => {
    const name = uniqueName();
    const reader = newClient();
    let t = thisMinute() - 10 * MINUTE;
    const limiter = createLimiter(name, 5, MINUTE, {
      store: createPostgresStore(newClient()),
      now: () => t,
      timeoutMs: PATIENT,
    });
    await limiter.hit("old");
    const key = storeKey(name, "old");
    const [row] = await reader.rateLimitWindow.findMany({ where: { key } });
    expect(row!.expiresAt.getTime() - row!.windowStart.getTime()).toBe(2 * MINUTE);
    t = thisMinute();
    // A hit a while later (any key) clears rows whose two windows are over.
    await limiter.hit("new");
    await expect.poll(() => reader.rateLimitWindow.count({ where: { key } })).toBe(0);
    expect(await reader.rateLimitWindow.count({ where: { key: storeKey(name, "new") } })).toBe(1);
  });

  it("with the database unreachable, each instance keeps the limit on its own and logs the outage once", async () => {
    const unreachable = `postgresql://postgres@127.0.0.1:${await closedPort()}/nothing`;
    const lines: string[] = [];
    const t = thisMinute() + 1_000;
    const limiter = createLimiter(uniqueName(), 3, MINUTE, {
      store: createPostgresStore(newClient(unreachable)),
      now: () => t,
      log: (line) => lines.push(line),
    });
    expect(await hits(limiter, "k", 8)).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^rate limit store \(postgresql\) failed: [\w .-]+; counting in this instance until it answers$/,
    );
    expect(lines[0]).not.toContain("127.0.0.1");
  });
});

// ---------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------

describe("on Redis", () => {
  const prefix = `privet-test:${process.pid}:${crypto.randomBytes(4).toString("hex")}:`;
  const admin = createClient({ url: REDIS_URL });
  const stores: TRateLimitStore[] = [];
  const newStore = (url = REDIS_URL) => {
    const store = createRedisStore(url, { prefix });
    stores.push(store);
    return store;
  };
  const storedKeys = async () => {
    const keys: string[] = [];
    for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    return keys;
  };

  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close?.()));
    const keys = await storedKeys();
    if (keys.length > 0) await admin.del(keys);
    await admin.close();
  });

  sharedStoreTests("redis", () => ({ kind: "redis", newStore: () => newStore(), storedKeys }));

  it("each window's counter expires on its own after two windows", async () => {
    const name = uniqueName();
    const t = thisMinute() + 1_000;
    await createLimiter(name, 5, MINUTE, { store: newStore(), now: () => t, timeoutMs: PATIENT }).hit("k");
    const key = `${prefix}${storeKey(name, "k")}:${thisMinute()}`;
    const ttl = await admin.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * MINUTE);
  });

  it("with Redis unreachable, each instance keeps the limit on its own and logs the outage once", async () => {
    const lines: string[] = [];
    // A fixed clock: on a loaded machine the eight hits may otherwise straddle a window's edge.
    const t = thisMinute() + 1_000;
    const limiter = createLimiter(uniqueName(), 3, MINUTE, {
      store: newStore(`redis://127.0.0.1:${await closedPort()}`),
      now: () => t,
      timeoutMs: 300,
      log: (line) => lines.push(line),
    });
    expect(await hits(limiter, "k", 8)).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^rate limit store \(redis\) failed: [\w .-]+; counting in this instance until it answers$/,
    );
  });

  it("with Redis accepting connections but never answering, hits count locally after the timeout", async () => {
    const silent = net.createServer((socket) => socket.on("error", () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const lines: string[] = [];
    try {
      const t = thisMinute() + 1_000;
      const limiter = createLimiter(uniqueName(), 2, MINUTE, {
        store: newStore(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`),
        now: () => t,
        timeoutMs: 200,
        log: (line) => lines.push(line),
      });
      expect(await hits(limiter, "k", 5)).toBe(2);
      expect(lines).toEqual([
        "rate limit store (redis) failed: TimeoutError; counting in this instance until it answers",
      ]);
    } finally {
      await stores.at(-1)?.close?.();
      silent.close();
    }
  });

  it("an instance cut off from Redis limits on its own meanwhile and shares the count again once Redis is back", async () => {
    const name = uniqueName();
    const t = thisMinute() + 1_000;
    const proxy = await cuttableProxy(Number(new URL(REDIS_URL).port || 6379));
    const lines: string[] = [];
    const cutOff = createLimiter(name, 5, MINUTE, {
      store: newStore(proxy.url()),
      now: () => t,
      timeoutMs: PATIENT,
      retryAfterMs: 0,
      log: (line) => lines.push(line),
    });
    const other = createLimiter(name, 5, MINUTE, { store: newStore(), now: () => t, timeoutMs: PATIENT });
    expect(await hits(cutOff, "k", 1)).toBe(1);
    expect(await hits(other, "k", 1)).toBe(1);

    await proxy.cut();
    // Cut off: its own count starts from nothing, so it allows its own 5 — never unlimited, never
    // refusing everything. The other instance still sees the shared count (2) and allows 3.
    expect(await hits(cutOff, "k", 10)).toBe(5);
    expect(await hits(other, "k", 10)).toBe(3);
    expect(lines).toHaveLength(1);

    await proxy.restore();
    // Back on the shared count, which is exhausted.
    await expect
      .poll(async () => {
        await cutOff.hit("k");
        return lines.length;
      })
      .toBe(2);
    expect(lines[1]).toBe("rate limit store (redis) answers again; limits are shared across instances");
    expect(await hits(cutOff, "k", 3)).toBe(0);
    await proxy.cut();
  });
});
