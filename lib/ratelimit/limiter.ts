// Fixed-window-with-carry-over (sliding window approximation) rate limiting, in memory, per process.
// Used per API key (PRIVET_RATE_LIMIT_PER_MINUTE) and for sign-in attempts per email and per address.
import { singleton } from "@/lib/singleton";

export type TLimitDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

type TWindow = { start: number; count: number; previous: number };

export function createLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, TWindow>();
  return {
    /** Counts one event for `key` and says whether it is within the limit. */
    hit(key: string): TLimitDecision {
      if (limit <= 0) return { isAllowed: true };
      const t = now();
      const start = t - (t % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        const previous = w && w.start === start - windowMs ? w.count : 0;
        w = { start, count: 0, previous };
        windows.set(key, w);
        if (windows.size > 100_000) {
          for (const [k, v] of windows) if (v.start < start - windowMs) windows.delete(k);
        }
      }
      // Weight the previous window by how much of it still overlaps a sliding window ending now.
      const overlap = 1 - (t - start) / windowMs;
      const estimated = w.count + w.previous * overlap;
      if (estimated >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - t) / 1000));
        return { isAllowed: false, retryAfterSeconds };
      }
      w.count += 1;
      return { isAllowed: true };
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}

function perMinute(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** Requests per minute per API key; 0 (the default) means unlimited. */
export function apiKeyLimiter() {
  return singleton("ratelimit-api-key", () => createLimiter(perMinute("PRIVET_RATE_LIMIT_PER_MINUTE", 0), 60_000));
}

/** Sign-in attempts: 10 per 15 minutes per email, 50 per 15 minutes per client address. */
export function signInLimiters() {
  return singleton("ratelimit-sign-in", () => ({
    byEmail: createLimiter(perMinute("PRIVET_SIGNIN_LIMIT_PER_EMAIL", 10), 15 * 60_000),
    byAddress: createLimiter(perMinute("PRIVET_SIGNIN_LIMIT_PER_ADDRESS", 50), 15 * 60_000),
  }));
}
