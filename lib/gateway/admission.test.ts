// The per-account cap's default: a quarter of the provider limit, so one account can hold at most
// that share of any provider's slots (README, "Fair sharing").
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { takeUpstreamSlot } from "@/lib/gateway/admission";

afterEach(() => {
  delete process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER;
  delete process.env.PRIVET_MAX_CONCURRENT_PER_ACCOUNT;
});

/** How many requests the account may have under way before the next is refused (at most 500). */
function capOf(account: string): number {
  const held: (() => void)[] = [];
  try {
    for (;;) {
      const slot = takeUpstreamSlot(account);
      if (slot instanceof AppError) {
        expect(slot.status).toBe(429);
        expect(slot.headers).toMatchObject({ "retry-after": "1" });
        return held.length;
      }
      held.push(slot);
      if (held.length >= 500) return Infinity;
    }
  } finally {
    for (const release of held) release();
  }
}

describe("the per-account cap on concurrent requests", () => {
  it("is a quarter of the provider limit unless set", () => {
    expect(capOf("default")).toBe(64);
    process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER = "40";
    expect(capOf("quarter")).toBe(10);
    process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER = "2";
    expect(capOf("at-least-one")).toBe(1);
    process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER = "0";
    expect(capOf("no-provider-limit")).toBe(64);
    process.env.PRIVET_MAX_CONCURRENT_PER_ACCOUNT = "3";
    expect(capOf("set")).toBe(3);
    process.env.PRIVET_MAX_CONCURRENT_PER_ACCOUNT = "0";
    expect(capOf("uncapped")).toBe(Infinity);
  });
});
