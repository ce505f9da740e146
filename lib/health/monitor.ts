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

/**
 * The recent measurements of one kind, oldest first, with their values also kept sorted, so routing
 * reads a median without sorting (it reads one for every request). Measurements leave when they
 * fall out of the window, or when more than MAX_SAMPLES are kept.
 */
class SampleWindow {
  private readonly at: number[] = [];
  private readonly values: number[] = [];
  /** The same values, ascending. */
  private readonly sorted: number[] = [];

  get size(): number {
    return this.at.length;
  }

  push(value: number, now: number): void {
    this.at.push(now);
    this.values.push(value);
    this.sorted.splice(sortedIndex(this.sorted, value), 0, value);
    while (this.at.length > MAX_SAMPLES) this.shift();
    this.prune(now);
  }

  /** Drops what fell out of the window by `now`. */
  prune(now: number): void {
    while (this.at.length > 0 && now - this.at[0]! > HEALTH_WINDOW_MS) this.shift();
  }

  median(): number | null {
    const n = this.sorted.length;
    if (n === 0) return null;
    const mid = n >> 1;
    return n % 2 === 1 ? this.sorted[mid]! : (this.sorted[mid - 1]! + this.sorted[mid]!) / 2;
  }

  private shift(): void {
    this.at.shift();
    const value = this.values.shift()!;
    this.sorted.splice(sortedIndex(this.sorted, value), 1);
  }
}

/** Recent attempts' outcomes, oldest first, with the failures among them counted. */
class OutcomeWindow {
  private readonly at: number[] = [];
  private readonly ok: boolean[] = [];
  failures = 0;

  get attempts(): number {
    return this.at.length;
  }

  push(isOk: boolean, now: number): void {
    this.at.push(now);
    this.ok.push(isOk);
    if (!isOk) this.failures++;
    while (this.at.length > MAX_SAMPLES) this.shift();
    this.prune(now);
  }

  prune(now: number): void {
    while (this.at.length > 0 && now - this.at[0]! > HEALTH_WINDOW_MS) this.shift();
  }

  private shift(): void {
    this.at.shift();
    if (!this.ok.shift()) this.failures--;
  }
}

/** The first index of `sorted` whose value is not below `value`. */
function sortedIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type TEntry = {
  breaker: TBreaker;
  lastFailureAt: number | null;
  outcomes: OutcomeWindow;
  latencies: SampleWindow;
  throughputs: SampleWindow;
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

/** Drops an entry's measurements that fell out of the window by `now`. */
function pruneEntry(entry: TEntry, now: number): void {
  entry.outcomes.prune(now);
  entry.latencies.prune(now);
  entry.throughputs.prune(now);
}

function isRecentFailure(at: number | null, failures: number, now: number): boolean {
  return failures > 0 && at !== null && now - at < RECENT_FAILURE_MS;
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
      entry = {
        breaker: newBreaker(),
        lastFailureAt: null,
        outcomes: new OutcomeWindow(),
        latencies: new SampleWindow(),
        throughputs: new SampleWindow(),
      };
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
    entry.outcomes.push(true, now);
    entry.latencies.push(Math.max(0, firstTokenMs), now);
  }

  /** Output speed of a finished answer (only answers long enough to say something are measured). */
  recordThroughput(endpointId: string, tokensPerSecond: number): void {
    if (!Number.isFinite(tokensPerSecond) || tokensPerSecond <= 0) return;
    const now = this.now();
    this.entry(endpointId).throughputs.push(tokensPerSecond, now);
  }

  recordFailure(endpointId: string): void {
    const entry = this.entry(endpointId);
    const now = this.now();
    onFailure(entry.breaker, now);
    entry.lastFailureAt = now;
    entry.outcomes.push(false, now);
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
      pruneEntry(entry, now);
      if (entry.outcomes.attempts === 0 && entry.breaker.openUntil === null) continue;
      summaries.push({
        endpointId,
        attempts: entry.outcomes.attempts,
        failures: entry.outcomes.failures,
        latencyMs: entry.latencies.median(),
        throughput: entry.throughputs.median(),
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
    if (entry) pruneEntry(entry, now);
    let attempts = entry?.outcomes.attempts ?? 0;
    let failures = entry?.outcomes.failures ?? 0;
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
        { value: entry?.latencies.median() ?? null, weight: entry?.latencies.size ?? 0 },
        ...others.map((o) => ({ value: o.latencyMs, weight: o.attempts - o.failures })),
      ]),
      throughputTokensPerSecond: weightedMean([
        { value: entry?.throughputs.median() ?? null, weight: entry?.throughputs.size ?? 0 },
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
