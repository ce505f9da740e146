// The circuit breaker of one endpoint: after BREAKER.failureThreshold failures in a row the
// endpoint is skipped for a cooldown; then one request may probe it. A failed probe opens it again
// for twice as long (up to BREAKER.maxCooldownMs); any success closes it and resets the cooldown.
// Pure: the caller passes the time.

export const BREAKER = {
  /** Consecutive failures that open the breaker. */
  failureThreshold: 3,
  /** The first cooldown; each failed probe doubles it. */
  baseCooldownMs: 30_000,
  maxCooldownMs: 10 * 60_000,
  /** A probe not heard back from in this long (its request lost) no longer holds the others back. */
  probeTimeoutMs: 15 * 60_000,
} as const;

export type TBreakerState = "closed" | "open" | "half_open";

export type TBreaker = {
  consecutiveFailures: number;
  /** When the current cooldown ends (ms since the epoch), or null when closed. */
  openUntil: number | null;
  /** The cooldown the breaker opens for next. */
  cooldownMs: number;
  /** When the probe in flight was let through, or null when there is none. */
  probeStartedAt: number | null;
};

export function newBreaker(): TBreaker {
  return { consecutiveFailures: 0, openUntil: null, cooldownMs: BREAKER.baseCooldownMs, probeStartedAt: null };
}

export function breakerState(breaker: TBreaker, now: number): TBreakerState {
  if (breaker.openUntil === null) return "closed";
  return now < breaker.openUntil ? "open" : "half_open";
}

/** Whether a probe is in flight (and not lost). */
export function isProbing(breaker: TBreaker, now: number): boolean {
  return breaker.probeStartedAt !== null && now - breaker.probeStartedAt < BREAKER.probeTimeoutMs;
}

/** Whether a request may try the endpoint now; a half-open breaker admits one probe at a time. */
export function admit(breaker: TBreaker, now: number): boolean {
  const state = breakerState(breaker, now);
  if (state === "closed") return true;
  if (state === "open" || isProbing(breaker, now)) return false;
  breaker.probeStartedAt = now;
  return true;
}

/** The attempt ended saying nothing about the endpoint (the client left, the request was refused). */
export function onNeutral(breaker: TBreaker): void {
  breaker.probeStartedAt = null;
}

export function onSuccess(breaker: TBreaker): void {
  breaker.consecutiveFailures = 0;
  breaker.openUntil = null;
  breaker.cooldownMs = BREAKER.baseCooldownMs;
  breaker.probeStartedAt = null;
}

export function onFailure(breaker: TBreaker, now: number): void {
  breaker.consecutiveFailures += 1;
  const state = breakerState(breaker, now);
  if (state === "half_open") {
    // The probe failed: open again, for longer.
    breaker.cooldownMs = Math.min(breaker.cooldownMs * 2, BREAKER.maxCooldownMs);
    breaker.openUntil = now + breaker.cooldownMs;
  } else if (state === "closed" && breaker.consecutiveFailures >= BREAKER.failureThreshold) {
    breaker.openUntil = now + breaker.cooldownMs;
  }
  breaker.probeStartedAt = null;
}
