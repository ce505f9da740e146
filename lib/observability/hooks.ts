// What the gateway tells the operator's instruments (metrics, traces): a handful of calls at the
// places where something countable happens, each a no-op until lib/observability/start.ts has
// switched an instrument on. Everything an instrument sees is the metadata record (which holds no
// content, lib/generations/record.ts) or a number. The state is process-wide (singleton): the
// Next.js bundle's copy of this module (the chat page's server action) feeds the same instruments.
import { singleton } from "@/lib/singleton";
import type { TGenerationRecord } from "@/lib/generations/record";
import { logError } from "@/lib/log";

/** What an instrument is told (it listens to what it needs); each method must be cheap and must not throw. */
export type TObserver = {
  /** A request's metadata record, as it is handed to the recorder (once per request). */
  record(record: TGenerationRecord): void;
  /** A streamed answer started (+1) or ended (-1). */
  streams?(change: 1 | -1): void;
  /** A metadata batch was written (or failed): its size and how long the write took. */
  metadataWrite?(records: number, seconds: number, isWritten: boolean): void;
  /** Records dropped because they can never be written. */
  metadataDropped?(records: number): void;
  /** A request refused by the per-key rate limit, by its route template. */
  rateLimited?(route: string): void;
  /**
   * A request waited for a slot at a provider at its limit (lib/gateway/provider-queue.ts): the
   * provider's catalog slug, how long, and whether it got one, ran out of time or its client left.
   */
  queueWait?(provider: string, seconds: number, result: "slot" | "busy" | "aborted"): void;
};

type TState = { observers: TObserver[]; isDraining: boolean };

let shared: TState | null = null;
/** The process-wide state, looked up once per module copy (singleton() is a lookup by name). */
export const observability = (): TState =>
  (shared ??= singleton<TState>("observability", () => ({ observers: [], isDraining: false })));

let hasLoggedFailure = false;
/** An instrument threw: the request goes on regardless; one log line per process says so. */
function instrumentFailed(error: unknown): void {
  if (hasLoggedFailure) return;
  hasLoggedFailure = true;
  logError("an observability instrument failed (metrics or traces may be incomplete)", error);
}

export function addObserver(observer: TObserver): void {
  observability().observers.push(observer);
}

export function removeObserver(observer: TObserver): void {
  const { observers } = observability();
  const i = observers.indexOf(observer);
  if (i !== -1) observers.splice(i, 1);
}

/** Tells every instrument; one that throws never fails the request. Per-request hooks check for instruments first (no closure then). */
function notify(tell: (observer: TObserver) => void): void {
  try {
    for (const o of observability().observers) tell(o);
  } catch (error) {
    instrumentFailed(error);
  }
}

export function observeRecord(record: TGenerationRecord): void {
  if (observability().observers.length > 0) notify((o) => o.record(record));
}

export function observeStreamOpened(): void {
  if (observability().observers.length > 0) notify((o) => o.streams?.(1));
}

export function observeStreamClosed(): void {
  if (observability().observers.length > 0) notify((o) => o.streams?.(-1));
}

export function observeMetadataWrite(records: number, seconds: number, isWritten: boolean): void {
  notify((o) => o.metadataWrite?.(records, seconds, isWritten));
}

export function observeMetadataDropped(records: number): void {
  notify((o) => o.metadataDropped?.(records));
}

export function observeRateLimited(route: string): void {
  notify((o) => o.rateLimited?.(route));
}

export function observeQueueWait(provider: string, seconds: number, result: "slot" | "busy" | "aborted"): void {
  if (observability().observers.length > 0) notify((o) => o.queueWait?.(provider, seconds, result));
}
