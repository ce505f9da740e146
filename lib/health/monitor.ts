// How each endpoint is doing, measured from Privet's own traffic: recent times to first token,
// output speed and failures, and a circuit breaker per endpoint (breaker.ts). Per instance, in
// memory: routing reads a snapshot for every request, so it must cost no I/O. Several instances
// share their measurements through the database (sync.ts). The clock is injectable for tests.
import { singleton } from "@/lib/singleton";
import type { TEndpointHealth } from "@/lib/policy/types";
import {
  admit,
  breakerState,
  isProbing,
  newBreaker,
  onFailure,
  onNeutral,
  onSuccess,
  type TBreaker,
} from "@/lib/health/breaker";

/** Measurements older than this no longer count. */
export const HEALTH_WINDOW_MS = 10 * 60_000;
/** An endpoint that failed this recently (and has not answered since) goes after the others. */
export const RECENT_FAILURE_MS = 60_000;
/** At most this many recent measurements of each kind per endpoint. */
const MAX_SAMPLES = 50;

type TSample = { at: number; value: number };
type TEntry = {
  breaker: TBreaker;
  lastFailureAt: number | null;
  outcomes: { at: number; ok: boolean }[];
  latencies: TSample[];
  throughputs: TSample[];
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function push<T extends { at: number }>(list: T[], item: T, now: number): void {
  list.push(item);
  while (list.length > MAX_SAMPLES || (list[0] !== undefined && now - list[0].at > HEALTH_WINDOW_MS)) list.shift();
}

export class HealthMonitor {
  private clock: () => number = Date.now;
  private readonly entries = new Map<string, TEntry>();

  /** Tests move time forward with their own clock instead of waiting. */
  setClock(clock: () => number): void {
    this.clock = clock;
  }

  now(): number {
    return this.clock();
  }

  private entry(endpointId: string): TEntry {
    let entry = this.entries.get(endpointId);
    if (!entry) {
      entry = { breaker: newBreaker(), lastFailureAt: null, outcomes: [], latencies: [], throughputs: [] };
      this.entries.set(endpointId, entry);
    }
    return entry;
  }

  /**
   * Called just before an attempt: a half-open breaker lets one probe through (false for the
   * others until it reports back). Routing already put an open endpoint last, to be tried only when
   * nothing else is left, so an open breaker does not refuse here.
   */
  startAttempt(endpointId: string): boolean {
    const entry = this.entries.get(endpointId);
    if (!entry) return true;
    const now = this.now();
    return breakerState(entry.breaker, now) !== "half_open" || admit(entry.breaker, now);
  }

  recordSuccess(endpointId: string, firstTokenMs: number): void {
    const entry = this.entry(endpointId);
    const now = this.now();
    onSuccess(entry.breaker);
    entry.lastFailureAt = null;
    push(entry.outcomes, { at: now, ok: true }, now);
    push(entry.latencies, { at: now, value: Math.max(0, firstTokenMs) }, now);
  }

  /** Output speed of a finished answer (only answers long enough to say something are measured). */
  recordThroughput(endpointId: string, tokensPerSecond: number): void {
    if (!Number.isFinite(tokensPerSecond) || tokensPerSecond <= 0) return;
    const now = this.now();
    push(this.entry(endpointId).throughputs, { at: now, value: tokensPerSecond }, now);
  }

  recordFailure(endpointId: string): void {
    const entry = this.entry(endpointId);
    const now = this.now();
    onFailure(entry.breaker, now);
    entry.lastFailureAt = now;
    push(entry.outcomes, { at: now, ok: false }, now);
  }

  /** The attempt said nothing about the endpoint (client gone, request refused): a probe is released. */
  recordNeutral(endpointId: string): void {
    const entry = this.entries.get(endpointId);
    if (entry) onNeutral(entry.breaker);
  }

  /** Each measured endpoint's health now; an endpoint not in it has no measurements (healthy). */
  snapshot(): Map<string, TEndpointHealth> {
    const now = this.now();
    const out = new Map<string, TEndpointHealth>();
    for (const [endpointId, entry] of this.entries) {
      const recent = <T extends { at: number }>(list: T[]) => list.filter((s) => now - s.at <= HEALTH_WINDOW_MS);
      const outcomes = recent(entry.outcomes);
      const state = breakerState(entry.breaker, now);
      const tier =
        state === "open" || (state === "half_open" && isProbing(entry.breaker, now))
          ? "down"
          : state === "closed" && entry.lastFailureAt !== null && now - entry.lastFailureAt < RECENT_FAILURE_MS
            ? "degraded"
            : "healthy";
      out.set(endpointId, {
        tier,
        breaker: state,
        consecutiveFailures: entry.breaker.consecutiveFailures,
        latencyMs: median(recent(entry.latencies).map((s) => s.value)),
        throughputTokensPerSecond: median(recent(entry.throughputs).map((s) => s.value)),
        errorRate: outcomes.length === 0 ? null : outcomes.filter((o) => !o.ok).length / outcomes.length,
        retryAt: state === "open" ? entry.breaker.openUntil : null,
      });
    }
    return out;
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.entries.clear();
  }
}

export const healthMonitor = (): HealthMonitor => singleton("health-monitor", () => new HealthMonitor());
