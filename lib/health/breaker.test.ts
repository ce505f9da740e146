import { describe, expect, it } from "vitest";
import { BREAKER, admit, breakerState, newBreaker, onFailure, onNeutral, onSuccess } from "@/lib/health/breaker";

const T = 1_000_000;

function failTimes(times: number, at = T) {
  const breaker = newBreaker();
  for (let i = 0; i < times; i++) onFailure(breaker, at);
  return breaker;
}

describe("the circuit breaker", () => {
  it("stays closed below the threshold and opens at it, for the base cooldown", () => {
    expect(breakerState(failTimes(BREAKER.failureThreshold - 1), T)).toBe("closed");
    const breaker = failTimes(BREAKER.failureThreshold);
    expect(breakerState(breaker, T)).toBe("open");
    expect(breakerState(breaker, T + BREAKER.baseCooldownMs - 1)).toBe("open");
    expect(breakerState(breaker, T + BREAKER.baseCooldownMs)).toBe("half_open");
  });

  it("a success closes it and forgets the failures", () => {
    const breaker = failTimes(BREAKER.failureThreshold - 1);
    onSuccess(breaker);
    onFailure(breaker, T);
    expect(breakerState(breaker, T)).toBe("closed");
  });

  it("admits one probe when half-open, none while open, any number when closed", () => {
    const breaker = failTimes(BREAKER.failureThreshold);
    expect(admit(breaker, T + 1)).toBe(false);
    const later = T + BREAKER.baseCooldownMs;
    expect(admit(breaker, later)).toBe(true);
    expect(admit(breaker, later)).toBe(false);
    // A probe that says nothing (the client left) lets the next one through.
    onNeutral(breaker);
    expect(admit(breaker, later)).toBe(true);
    // A probe never heard from no longer holds the others back.
    expect(admit(breaker, later + BREAKER.probeTimeoutMs)).toBe(true);
    onSuccess(breaker);
    expect([admit(breaker, later), admit(breaker, later)]).toEqual([true, true]);
  });

  it("a failed probe opens it again for twice as long, up to the maximum", () => {
    const breaker = failTimes(BREAKER.failureThreshold);
    let now = T;
    const cooldowns: number[] = [];
    for (let i = 0; i < 8; i++) {
      now = breaker.openUntil!;
      expect(admit(breaker, now)).toBe(true);
      onFailure(breaker, now);
      cooldowns.push(breaker.openUntil! - now);
    }
    expect(cooldowns.slice(0, 3)).toEqual([
      BREAKER.baseCooldownMs * 2,
      BREAKER.baseCooldownMs * 4,
      BREAKER.baseCooldownMs * 8,
    ]);
    expect(Math.max(...cooldowns)).toBe(BREAKER.maxCooldownMs);
    // A success then starts again from the base cooldown.
    onSuccess(breaker);
    for (let i = 0; i < BREAKER.failureThreshold; i++) onFailure(breaker, now);
    expect(breaker.openUntil! - now).toBe(BREAKER.baseCooldownMs);
  });
});
