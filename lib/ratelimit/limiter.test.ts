import { describe, expect, it } from "vitest";
import { createLimiter } from "@/lib/ratelimit/limiter";

describe("createLimiter", () => {
  it("allows up to the limit in a window, then refuses with a Retry-After inside the window", () => {
    let t = 1_000_000 * 60_000;
    const limiter = createLimiter(3, 60_000, () => t);
    expect([1, 2, 3].map(() => limiter.hit("k").isAllowed)).toEqual([true, true, true]);
    const refused = limiter.hit("k");
    expect(refused.isAllowed).toBe(false);
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    if (!refused.isAllowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    t += 30_000;
    expect(limiter.hit("other").isAllowed).toBe(true);
  });

  it("carries part of the previous window over, so a burst at a boundary cannot double the rate", () => {
    let t = 1_000_000 * 60_000;
    const limiter = createLimiter(10, 60_000, () => t);
    t += 59_000;
    for (let i = 0; i < 10; i++) expect(limiter.hit("k").isAllowed).toBe(true);
    t += 2_000; // new window, but the previous one still overlaps almost entirely
    const accepted = Array.from({ length: 10 }, () => limiter.hit("k").isAllowed).filter(Boolean).length;
    expect(accepted).toBeLessThanOrEqual(1);
    t += 60_000; // two windows later: everything expired
    expect(limiter.hit("k").isAllowed).toBe(true);
  });

  it("a limit of 0 means unlimited", () => {
    const limiter = createLimiter(0, 60_000);
    for (let i = 0; i < 1000; i++) expect(limiter.hit("k").isAllowed).toBe(true);
  });
});
