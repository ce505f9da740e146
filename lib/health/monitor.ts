// How each endpoint is doing, measured from Privet's own traffic: recent times to first token,
// output speed and failures, and a circuit breaker per endpoint (breaker.ts). Per instance, in
// memory: routing reads a snapshot for every request, so it must cost no I/O. Several instances
// share their measurements through the database (sync.ts). The clock is injectable for tests.
import crypto from "node:crypto";
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

/** One instance's summary of one endpoint: what it writes for the others, and reads of theirs. */
export type THealthSummary = {
  endpointId: string;
  attempts: number;
  failures: number;
  latencyMs: number | null;
  throughput: number | null;
  consecutiveFailures: number;
  lastFailureAt: number | null;
  openUntil: number | null;
};

/** A mean of figures weighted by how many measurements each stands for (null when none). */
function weightedMean(parts: { value: number | null; weight: number }[]): number | null {
  const known = parts.filter((p): p is { value: number; weight: number } => p.value !== null && p.weight > 0);
  const total = known.reduce((sum, p) => sum + p.weight, 0);
  return total === 0 ? null : known.reduce((sum, p) => sum + p.value * p.weight, 0) / total;
}

const NO_SUMMARIES: readonly THealthSummary[] = [];
const NO_VALUES = new Float64Array(0);

/** The values of the samples still inside the window (a typed array: it sorts numerically, fast). */
function recentValues(samples: readonly TSample[], now: number): Float64Array {
  let n = 0;
  for (const s of samples) if (now - s.at <= HEALTH_WINDOW_MS) n++;
  const values = new Float64Array(n);
  let i = 0;
  for (const s of samples) if (now - s.at <= HEALTH_WINDOW_MS) values[i++] = s.value;
  return values;
}

function isRecentFailure(at: number | null, failures: number, now: number): boolean {
  return failures > 0 && at !== null && now - at < RECENT_FAILURE_MS;
}

function median(values: number[] | Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function push<T extends { at: number }>(list: T[], item: T, now: number): void {
  list.push(item);
  while (list.length > MAX_SAMPLES || (list[0] !== undefined && now - list[0].at > HEALTH_WINDOW_MS)) list.shift();
}

/**
 * A snapshot of measured endpoints' health. Each endpoint's figures are worked out (once) when first
 * read, from the measurements as they are then; it is read at once, never across an await.
 */
class HealthSnapshot implements ReadonlyMap<string, TEndpointHealth> {
  private readonly known = new Map<string, TEndpointHealth>();
  constructor(
    private readonly local: ReadonlyMap<string, unknown>,
    private readonly remote: ReadonlyMap<string, unknown>,
    private readonly healthOf: (endpointId: string) => TEndpointHealth,
  ) {}

  get size(): number {
    let size = this.local.size;
    for (const id of this.remote.keys()) if (!this.local.has(id)) size++;
    return size;
  }

  has(endpointId: string): boolean {
    return this.local.has(endpointId) || this.remote.has(endpointId);
  }

  get(endpointId: string): TEndpointHealth | undefined {
    let health = this.known.get(endpointId);
    if (!health) {
      if (!this.has(endpointId)) return undefined;
      health = this.healthOf(endpointId);
      this.known.set(endpointId, health);
    }
    return health;
  }

  *keys(): MapIterator<string> {
    yield* this.local.keys();
    for (const id of this.remote.keys()) if (!this.local.has(id)) yield id;
  }

  *entries(): MapIterator<[string, TEndpointHealth]> {
    for (const id of this.keys()) yield [id, this.get(id)!];
  }

  *values(): MapIterator<TEndpointHealth> {
    for (const id of this.keys()) yield this.get(id)!;
  }

  forEach(callback: (value: TEndpointHealth, key: string, map: ReadonlyMap<string, TEndpointHealth>) => void): void {
    for (const id of this.keys()) callback(this.get(id)!, id, this);
  }

  [Symbol.iterator](): MapIterator<[string, TEndpointHealth]> {
    return this.entries();
  }
}

export class HealthMonitor {
  /** This process among several instances (its rows in the EndpointHealth table). */
  readonly instanceId = crypto.randomUUID();
  private clock: () => number = Date.now;
  private readonly entries = new Map<string, TEntry>();
  /** The other instances' summaries, as last read (sync.ts). */
  private remote = new Map<string, THealthSummary[]>();

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

  /** This instance's own recent measurements, one summary per endpoint (for the other instances). */
  localSummaries(): THealthSummary[] {
    const now = this.now();
    const summaries: THealthSummary[] = [];
    for (const [endpointId, entry] of this.entries) {
      const outcomes = entry.outcomes.filter((o) => now - o.at <= HEALTH_WINDOW_MS);
      if (outcomes.length === 0 && entry.breaker.openUntil === null) continue;
      summaries.push({
        endpointId,
        attempts: outcomes.length,
        failures: outcomes.filter((o) => !o.ok).length,
        latencyMs: median(entry.latencies.filter((s) => now - s.at <= HEALTH_WINDOW_MS).map((s) => s.value)),
        throughput: median(entry.throughputs.filter((s) => now - s.at <= HEALTH_WINDOW_MS).map((s) => s.value)),
        consecutiveFailures: entry.breaker.consecutiveFailures,
        lastFailureAt: entry.lastFailureAt,
        openUntil: entry.breaker.openUntil,
      });
    }
    return summaries;
  }

  /** The other instances' recent summaries, replacing the ones read before. */
  setRemote(summaries: readonly THealthSummary[]): void {
    const remote = new Map<string, THealthSummary[]>();
    for (const summary of summaries)
      remote.set(summary.endpointId, [...(remote.get(summary.endpointId) ?? []), summary]);
    this.remote = remote;
  }

  /**
   * Each measured endpoint's health now, this instance's measurements merged with the others':
   * figures weighted by the attempts behind them, an endpoint another instance's breaker holds open
   * is down here too, and one that failed recently anywhere is degraded. An endpoint not in it has
   * no measurements (healthy). Each endpoint's figures are worked out when first read (routing reads
   * the few endpoints of the requested models, not every endpoint measured), from the measurements
   * as they are then: read it at once, as routing does, not across an await.
   */
  snapshot(): ReadonlyMap<string, TEndpointHealth> {
    const now = this.now();
    return new HealthSnapshot(this.entries, this.remote, (endpointId) => this.healthOf(endpointId, now));
  }

  private healthOf(endpointId: string, now: number): TEndpointHealth {
    const entry = this.entries.get(endpointId);
    const others = this.remote.get(endpointId) ?? NO_SUMMARIES;
    let attempts = 0;
    let failures = 0;
    if (entry)
      for (const o of entry.outcomes)
        if (now - o.at <= HEALTH_WINDOW_MS) {
          attempts++;
          if (!o.ok) failures++;
        }
    const latencies = entry ? recentValues(entry.latencies, now) : NO_VALUES;
    const throughputs = entry ? recentValues(entry.throughputs, now) : NO_VALUES;
    const local = entry ? breakerState(entry.breaker, now) : "closed";
    let remoteOpenUntil = 0;
    let consecutiveFailures = entry?.breaker.consecutiveFailures ?? 0;
    let isRemoteDegraded = false;
    for (const o of others) {
      remoteOpenUntil = Math.max(remoteOpenUntil, o.openUntil ?? 0);
      consecutiveFailures = Math.max(consecutiveFailures, o.consecutiveFailures);
      if (isRecentFailure(o.lastFailureAt, o.consecutiveFailures, now)) isRemoteDegraded = true;
      attempts += o.attempts;
      failures += o.failures;
    }
    const state = local !== "open" && remoteOpenUntil > now ? "open" : local;
    const isDegraded =
      (entry !== undefined && local === "closed" && isRecentFailure(entry.lastFailureAt, 1, now)) || isRemoteDegraded;
    const tier =
      state === "open" || (state === "half_open" && entry !== undefined && isProbing(entry.breaker, now))
        ? "down"
        : state === "closed" && isDegraded
          ? "degraded"
          : "healthy";
    return {
      tier,
      breaker: state,
      consecutiveFailures,
      latencyMs: weightedMean([
        { value: median(latencies), weight: latencies.length },
        ...others.map((o) => ({ value: o.latencyMs, weight: o.attempts - o.failures })),
      ]),
      throughputTokensPerSecond: weightedMean([
        { value: median(throughputs), weight: throughputs.length },
        ...others.map((o) => ({ value: o.throughput, weight: o.attempts - o.failures })),
      ]),
      errorRate: attempts === 0 ? null : failures / attempts,
      retryAt:
        state !== "open" ? null : Math.max(local === "open" ? (entry?.breaker.openUntil ?? 0) : 0, remoteOpenUntil),
    };
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.entries.clear();
    this.remote.clear();
  }
}

export const healthMonitor = (): HealthMonitor => singleton("health-monitor", () => new HealthMonitor());
