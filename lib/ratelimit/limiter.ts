// Fixed-window-with-carry-over (sliding window approximation) rate limiting over a pluggable
// counting store: in memory (one process), PostgreSQL or Redis (shared by every instance; see
// lib/ratelimit/limits.ts for which one a process uses). The arithmetic lives here, once, for all
// stores; a store only counts.
//
// When the shared store fails or does not answer within STORE_TIMEOUT_MS, the hit is counted in
// this instance's own memory instead, and the shared store is tried again after a pause. This is a
// deliberate middle way between failing open and failing closed: failing open would silently turn
// sign-in throttling off (a brute-force window for as long as Redis is down), failing closed would
// take the whole API down with Redis. Counting locally keeps every limit in force per instance
// (a client spread over N instances gets at most N × the limit while the store is down) and keeps
// serving. One log line marks the outage and one its end.
import crypto from "node:crypto";
import { describeError, logError } from "@/lib/log";

export type TLimitDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/** The counts a store reports for one key: this window's (the new hit included) and the previous window's. */
export type TWindowCounts = { current: number; previous: number };

export type TRateLimitStore = {
  readonly kind: "memory" | "postgresql" | "redis" | "cluster";
  /** Counts one hit for `key` in the window starting at `windowStart` (ms) and reports both windows' counts. */
  increment(key: string, windowStart: number, windowMs: number, now: number): Promise<TWindowCounts>;
  /** Takes back a hit that was refused, so refused attempts do not keep the limit exhausted. */
  decrement(key: string, windowStart: number): Promise<void>;
  close?(): Promise<void>;
};

/**
 * How long a hit waits for the shared store before counting locally instead: long enough that a
 * busy database's queueing does not count as an outage, short enough to bound a hung connection.
 */
export const STORE_TIMEOUT_MS = 2_000;
/** After a shared-store failure, hits are counted locally for this long before the store is tried again. */
export const STORE_RETRY_AFTER_MS = 5_000;

type TWindow = { start: number; count: number; previous: number };

/** Counts in this process only: the store on SQLite (one process) and every limiter's fallback. */
export function createMemoryStore(): TRateLimitStore {
  const windows = new Map<string, TWindow>();
  return {
    kind: "memory",
    async increment(key, windowStart, windowMs) {
      let w = windows.get(key);
      if (!w || w.start !== windowStart) {
        const previous = w && w.start === windowStart - windowMs ? w.count : 0;
        w = { start: windowStart, count: 0, previous };
        windows.set(key, w);
        if (windows.size > 100_000) {
          for (const [k, v] of windows) if (v.start < windowStart - windowMs) windows.delete(k);
        }
      }
      w.count += 1;
      return { current: w.count, previous: w.previous };
    },
    async decrement(key, windowStart) {
      const w = windows.get(key);
      if (w && w.start === windowStart && w.count > 0) w.count -= 1;
    },
  };
}

/**
 * The key a store sees: a SHA-256 of the limiter's name and the caller's key, so no email, address
 * or key id is ever written to a shared store, and two limiters never share a count.
 */
export function storeKey(name: string, key: string): string {
  return crypto.createHash("sha256").update(`${name}\n${key}`).digest("hex");
}

/** The sliding-window decision for a hit, given the counts after it was counted. */
export function decide(limit: number, windowMs: number, t: number, counts: TWindowCounts): TLimitDecision {
  const start = t - (t % windowMs);
  // Weight the previous window by how much of it still overlaps a sliding window ending now.
  const overlap = 1 - (t - start) / windowMs;
  const estimated = counts.current - 1 + counts.previous * overlap;
  if (estimated < limit) return { isAllowed: true };
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - t) / 1000)) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("rate limit store timed out"), { name: "TimeoutError" })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type TLimiterOptions = {
  /** Where hits are counted; memory (this process) by default. */
  store?: TRateLimitStore;
  now?: () => number;
  timeoutMs?: number;
  retryAfterMs?: number;
  /** Receives the outage and recovery lines (the server log by default). */
  log?: (line: string) => void;
};

const ALLOWED_DECISION: TLimitDecision = { isAllowed: true };
const ALLOWED: Promise<TLimitDecision> = Promise.resolve(ALLOWED_DECISION);

type TCounted = { counts: TWindowCounts; by: TRateLimitStore };

/**
 * Counts hits in `store`, or in this process's memory while the store fails or hangs (see the
 * header), and takes a hit back from wherever it was counted.
 */
function createFailoverCounter(options: TLimiterOptions) {
  const store = options.store ?? createMemoryStore();
  const local = store.kind === "memory" ? store : createMemoryStore();
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  const retryAfterMs = options.retryAfterMs ?? STORE_RETRY_AFTER_MS;
  const log = options.log ?? ((line: string) => logError(line));
  let sharedAgainAt = 0;
  let isDegraded = false;

  async function increment(key: string, start: number, windowMs: number, t: number): Promise<TCounted> {
    if (store !== local && Date.now() >= sharedAgainAt) {
      try {
        const counts = await withTimeout(store.increment(key, start, windowMs, t), timeoutMs);
        if (isDegraded) {
          isDegraded = false;
          log(`rate limit store (${store.kind}) answers again; limits are shared across instances`);
        }
        return { counts, by: store };
      } catch (error) {
        sharedAgainAt = Date.now() + retryAfterMs;
        if (!isDegraded) {
          isDegraded = true;
          // The class only: a driver's message can carry connection details.
          log(
            `rate limit store (${store.kind}) failed: ${describeError(error)}; counting in this instance until it answers`,
          );
        }
      }
    }
    return { counts: await local.increment(key, start, windowMs, t), by: local };
  }

  function decrement(by: TRateLimitStore, key: string, start: number): Promise<void> {
    return withTimeout(by.decrement(key, start), timeoutMs).catch(() => undefined);
  }

  return { increment, decrement };
}

export function createLimiter(name: string, limit: number, windowMs: number, options: TLimiterOptions = {}) {
  const now = options.now ?? Date.now;
  const counter = createFailoverCounter(options);

  async function hit(key: string): Promise<TLimitDecision> {
    const t = now();
    const start = t - (t % windowMs);
    const hashed = storeKey(name, key);
    const { counts, by } = await counter.increment(hashed, start, windowMs, t);
    const decision = decide(limit, windowMs, t, counts);
    if (!decision.isAllowed) await counter.decrement(by, hashed, start);
    return decision;
  }

  return {
    name,
    limit,
    /** Counts one event for `key` and says whether it is within the limit. A limit of 0 is unlimited and touches no store. */
    hit(key: string): Promise<TLimitDecision> {
      return limit <= 0 ? ALLOWED : hit(key);
    },
  };
}

export type TLimiter = ReturnType<typeof createLimiter>;

/** One attempt under a failure throttle: whether it may go ahead, and how to take it back. */
export type TThrottledAttempt = {
  decision: TLimitDecision;
  /** Uncounts the attempt: it succeeded (only failures count), or another throttle refused it. */
  takeBack(): Promise<void>;
};

/** The first delay once the free failures are used up; each further failure doubles it. */
export const FIRST_DELAY_MS = 1_000;

const NOT_COUNTED: TThrottledAttempt = { decision: ALLOWED_DECISION, takeBack: () => Promise.resolve() };

/**
 * Slows guessing down instead of locking anyone out. The first `freeFailures` failures for a key
 * in a sliding window go through at once; after that, time is cut into slots of a delay that
 * doubles with each further failure (1 s, 2 s, 4 s, … up to `maxDelayMs`, half the window), and an attempt is let
 * through only once the slot of the failure before it and the next one are over (a wait of one
 * to two delays), one per slot; the others are refused with the time left and leave no trace. Every attempt is counted before it is tried, so parallel
 * guesses cannot slip past the count; the caller takes back an attempt that succeeded. Slots are
 * counted in the same store as the failures, so the delay holds across instances.
 */
export function createFailureThrottle(
  name: string,
  freeFailures: number,
  windowMs: number,
  options: TLimiterOptions & { maxDelayMs?: number } = {},
) {
  const now = options.now ?? Date.now;
  // Waits run up to two delays: capped so, nobody waits longer than the window.
  const maxDelayMs = options.maxDelayMs ?? windowMs / 2;
  const counter = createFailoverCounter(options);

  async function attempt(key: string): Promise<TThrottledAttempt> {
    const t = now();
    const start = t - (t % windowMs);
    const hashed = storeKey(name, key);
    const { counts, by } = await counter.increment(hashed, start, windowMs, t);
    const takeBack = () => counter.decrement(by, hashed, start);
    // Failures before this attempt, the previous window weighted by its overlap as in `decide`.
    const earlier = Math.floor(counts.current - 1 + counts.previous * (1 - (t - start) / windowMs));
    const delayFor = (failures: number) => Math.min(maxDelayMs, FIRST_DELAY_MS * 2 ** (failures - freeFailures));
    /** Counts a hit in the slot of `delayMs` that holds now; slots of each delay are counted apart. */
    const hitSlot = async (delayMs: number) => {
      const slotStart = t - (t % delayMs);
      const slotKey = storeKey(`${name}:slot:${delayMs}`, key);
      const { counts: slot, by: slotStore } = await counter.increment(slotKey, slotStart, delayMs, t);
      return { slotStart, slot, uncount: () => counter.decrement(slotStore, slotKey, slotStart) };
    };
    if (earlier >= freeFailures) {
      // The failure before this attempt marked its slot: the attempt waits out that slot and the
      // next (at least the delay), and takes a free slot alone.
      const delayMs = delayFor(earlier);
      const { slotStart, slot, uncount } = await hitSlot(delayMs);
      if (slot.current > 1 || slot.previous > 0) {
        // A refused attempt leaves no mark: obeying the wait it is told is enough.
        await uncount();
        const freeAt = slotStart + (slot.current > 1 ? 2 : 1) * delayMs;
        return {
          decision: { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - t) / 1000)) },
          takeBack,
        };
      }
    }
    // Should this attempt fail, the next one waits for the slot after the next.
    if (earlier + 1 >= freeFailures) await hitSlot(delayFor(earlier + 1));
    return { decision: ALLOWED_DECISION, takeBack };
  }

  return {
    name,
    freeFailures,
    /** Counts an attempt for `key` and says whether it may go ahead. 0 free failures means unthrottled and touches no store. */
    attempt(key: string): Promise<TThrottledAttempt> {
      return freeFailures <= 0 ? Promise.resolve(NOT_COUNTED) : attempt(key);
    },
  };
}
