// The limiter's arithmetic and its fallback, on the in-memory store (the store on SQLite). The
// shared stores (PostgreSQL, Redis) are tested in lib/ratelimit/stores.test.ts.
import { describe, expect, it } from "vitest";
import {
  createFailureThrottle,
  createLimiter,
  createMemoryStore,
  storeKey,
  type TRateLimitStore,
} from "@/lib/ratelimit/limiter";

const MINUTE = 60_000;

async function hits(
  limiter: { hit: (key: string) => Promise<{ isAllowed: boolean }> },
  key: string,
  n: number,
): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await limiter.hit(key)).isAllowed) allowed += 1;
  return allowed;
}

describe("createLimiter", () => {
  it("allows up to the limit in a window, then refuses with a Retry-After inside the window", async () => {
    let t = 1_000_000 * MINUTE;
    const limiter = createLimiter("test", 3, MINUTE, { now: () => t });
    expect(await hits(limiter, "k", 3)).toBe(3);
    const refused = await limiter.hit("k");
    expect(refused.isAllowed).toBe(false);
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    t += 30_000;
    expect((await limiter.hit("other")).isAllowed).toBe(true);
  });

  it("carries part of the previous window over, so a burst at a boundary cannot double the rate", async () => {
    let t = 1_000_000 * MINUTE;
    const limiter = createLimiter("test", 10, MINUTE, { now: () => t });
    t += 59_000;
    expect(await hits(limiter, "k", 10)).toBe(10);
    t += 2_000; // new window, but the previous one still overlaps almost entirely
    expect(await hits(limiter, "k", 10)).toBeLessThanOrEqual(1);
    t += MINUTE; // two windows later: everything expired
    expect((await limiter.hit("k")).isAllowed).toBe(true);
  });

  it("does not count refused attempts, so hammering does not push the next window's allowance down", async () => {
    let t = 1_000_000 * MINUTE;
    const limiter = createLimiter("test", 4, MINUTE, { now: () => t });
    expect(await hits(limiter, "k", 4)).toBe(4);
    expect(await hits(limiter, "k", 50)).toBe(0);
    // Halfway into the next window half of the previous 4 still counts: 2 more are allowed.
    t += MINUTE + 30_000;
    expect(await hits(limiter, "k", 10)).toBe(2);
  });

  it("a limit of 0 means unlimited and never touches the store", async () => {
    const untouchable: TRateLimitStore = {
      kind: "redis",
      increment: () => Promise.reject(new Error("a limit of 0 must not reach the store")),
      decrement: () => Promise.reject(new Error("a limit of 0 must not reach the store")),
    };
    const lines: string[] = [];
    const limiter = createLimiter("test", 0, MINUTE, { store: untouchable, log: (line) => lines.push(line) });
    expect(await hits(limiter, "k", 1000)).toBe(1000);
    expect(lines).toEqual([]);
  });

  it("limiters with different names sharing one store keep separate counts", async () => {
    const store = createMemoryStore();
    const t = 1_000_000 * MINUTE;
    const a = createLimiter("sign-in-email", 2, MINUTE, { store, now: () => t });
    const b = createLimiter("sign-in-address", 2, MINUTE, { store, now: () => t });
    expect(await hits(a, "same key", 5)).toBe(2);
    expect(await hits(b, "same key", 5)).toBe(2);
    expect(storeKey("sign-in-email", "same key")).not.toBe(storeKey("sign-in-address", "same key"));
    expect(storeKey("sign-in-email", "someone@example.com")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("when the shared store fails", () => {
  /** A stand-in for a shared store that can be switched off, counting in memory while it is on. */
  function switchableStore() {
    const inner = createMemoryStore();
    let isUp = true;
    const store: TRateLimitStore = {
      kind: "redis",
      increment: (...args) =>
        isUp
          ? inner.increment(...args)
          : Promise.reject(Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:6379"), { name: "ConnectionError" })),
      decrement: (...args) => (isUp ? inner.decrement(...args) : Promise.reject(new Error("down"))),
    };
    return { store, setUp: (up: boolean) => (isUp = up) };
  }

  it("keeps limiting, counting in this instance, logs the outage once by class, and uses the store again when it answers", async () => {
    const t = 1_000_000 * MINUTE;
    const { store, setUp } = switchableStore();
    const lines: string[] = [];
    const limiter = createLimiter("test", 3, MINUTE, {
      store,
      now: () => t,
      retryAfterMs: 0,
      log: (line) => lines.push(line),
    });
    expect(await hits(limiter, "k", 2)).toBe(2);

    setUp(false);
    // Neither open (unlimited) nor closed (everything refused): the limit holds, counted locally.
    expect(await hits(limiter, "k", 10)).toBe(3);
    expect(lines).toEqual([
      "rate limit store (redis) failed: ConnectionError; counting in this instance until it answers",
    ]);
    expect(lines.join("\n")).not.toContain("10.0.0.1");

    setUp(true);
    // The shared count (2) is used again: one more is allowed.
    expect(await hits(limiter, "k", 5)).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("rate limit store (redis) answers again; limits are shared across instances");
  });

  it("counts locally while a store does not answer in time", async () => {
    const hanging: TRateLimitStore = {
      kind: "postgresql",
      increment: () => new Promise(() => {}),
      decrement: () => new Promise(() => {}),
    };
    const lines: string[] = [];
    const limiter = createLimiter("test", 2, MINUTE, {
      store: hanging,
      timeoutMs: 50,
      now: () => 1_000_000 * MINUTE,
      log: (line) => lines.push(line),
    });
    expect(await hits(limiter, "k", 5)).toBe(2);
    expect(lines).toEqual([
      "rate limit store (postgresql) failed: TimeoutError; counting in this instance until it answers",
    ]);
  });
});

describe("createFailureThrottle", () => {
  const WINDOW = 15 * MINUTE;
  type TThrottle = ReturnType<typeof createFailureThrottle>;

  /** One attempt that fails (it stays counted); returns the wait a refusal names, or 0 when it was let through. */
  async function fail(throttle: TThrottle, key: string): Promise<number> {
    const { decision, takeBack } = await throttle.attempt(key);
    if (decision.isAllowed) return 0;
    await takeBack();
    return decision.retryAfterSeconds;
  }

  it("lets the free failures through, then slows down: one attempt per delay, and the delay grows with each failure", async () => {
    let t = 1_000_000 * WINDOW;
    const throttle = createFailureThrottle("test", 3, WINDOW, { now: () => t });
    for (let i = 0; i < 3; i++) expect(await fail(throttle, "k"), `free failure ${i + 1}`).toBe(0);
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const wait = await fail(throttle, "k");
      expect(wait, `round ${round}`).toBeGreaterThan(0);
      // Asking again before the wait is over changes nothing.
      expect(await fail(throttle, "k")).toBe(wait);
      waits.push(wait);
      t += wait * 1000;
      // Once the wait is over, one attempt goes through (and fails, making the next wait longer).
      expect(await fail(throttle, "k"), `round ${round}, after the wait`).toBe(0);
    }
    // The delay doubles with each failure (1, 2, 4, … s); slots are aligned to the clock, and the
    // wait is the rest of the previous failure's slot and the whole next one: one to two delays.
    expect(waits).toEqual([2, 4, 6, 12, 24, 48, 96, 192]);
    // Never a lock-out longer than the window, however long it goes on.
    for (let i = 0; i < 100; i++) {
      const wait = await fail(throttle, "k");
      expect(wait).toBeLessThanOrEqual(WINDOW / 1000);
      t += Math.max(wait, 1) * 1000;
    }
  });

  it("does not count attempts that were taken back (a right password), nor refused ones", async () => {
    const t = 1_000_000 * WINDOW;
    const throttle = createFailureThrottle("test", 3, WINDOW, { now: () => t });
    for (let i = 0; i < 20; i++) {
      const { decision, takeBack } = await throttle.attempt("owner");
      expect(decision.isAllowed).toBe(true);
      await takeBack();
    }
    for (let i = 0; i < 3; i++) expect(await fail(throttle, "k")).toBe(0);
    const wait = await fail(throttle, "k");
    expect(wait).toBeGreaterThan(0);
    // Hammering while refused does not make the wait longer.
    for (let i = 0; i < 50; i++) expect(await fail(throttle, "k")).toBeLessThanOrEqual(wait);
  });

  it("keeps keys apart, and 0 free failures means unthrottled without touching the store", async () => {
    const t = 1_000_000 * WINDOW;
    const throttle = createFailureThrottle("test", 2, WINDOW, { now: () => t });
    for (let i = 0; i < 10; i++) await fail(throttle, "attacker");
    expect(await fail(throttle, "attacker")).toBeGreaterThan(0);
    expect(await fail(throttle, "owner")).toBe(0);

    const untouchable: TRateLimitStore = {
      kind: "redis",
      increment: () => Promise.reject(new Error("an unthrottled check must not reach the store")),
      decrement: () => Promise.reject(new Error("an unthrottled check must not reach the store")),
    };
    const lines: string[] = [];
    const off = createFailureThrottle("test", 0, WINDOW, { store: untouchable, log: (line) => lines.push(line) });
    for (let i = 0; i < 100; i++) expect(await fail(off, "k")).toBe(0);
    expect(lines).toEqual([]);
  });
});
