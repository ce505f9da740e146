// Fair sharing of each provider (README, "Fair sharing"): at most PRIVET_MAX_CONCURRENT_PER_PROVIDER
// upstream requests in flight to one provider from this process. Past it, a request waits in the
// provider's queue, and a freed slot goes to the waiting account that holds the fewest of that
// provider's slots (among equals, the one served longest ago: round robin), so an account with
// hundreds of queued requests cannot starve another's single one: each account's turn comes round.
// A request waits at most PRIVET_PROVIDER_QUEUE_TIMEOUT_MS in all, whichever providers it waits for;
// the pipeline then tries the next endpoint of its plan, or answers 429 (providerBusyError). A client
// that goes away leaves the queue at once. Per process: each worker and instance counts its own.
import { performance } from "node:perf_hooks";
import { AppError } from "@/lib/errors";
import { setting } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import type { TAttempt } from "@/lib/generations/record";
import type { TClientSignal } from "@/lib/gateway/upstream";
import { observeQueueWait } from "@/lib/observability/hooks";

/** What a wait for a provider slot came to. */
type TTake = { kind: "slot"; release: () => void } | { kind: "busy" } | { kind: "aborted" };

type TWaiter = {
  account: string;
  /** Arrival order, for ties between accounts. */
  seq: number;
  settle(take: TTake): void;
};

type TAccountShare = {
  running: number;
  waiting: TWaiter[];
  /** When the account last got a slot here (a counter); 0 for an account that has not yet. */
  lastServed: number;
};

type TProviderState = {
  running: number;
  waiting: number;
  accounts: Map<string, TAccountShare>;
};

const providers = () => singleton("provider-queues", () => new Map<string, TProviderState>());

let nextSeq = 0;
let grants = 0;

function stateOf(provider: string): TProviderState {
  const all = providers();
  let state = all.get(provider);
  if (!state) {
    state = { running: 0, waiting: 0, accounts: new Map() };
    all.set(provider, state);
  }
  return state;
}

function shareOf(state: TProviderState, account: string): TAccountShare {
  let share = state.accounts.get(account);
  if (!share) {
    share = { running: 0, waiting: [], lastServed: 0 };
    state.accounts.set(account, share);
  }
  return share;
}

function forgetIfIdle(state: TProviderState, account: string, share: TAccountShare): void {
  if (share.running === 0 && share.waiting.length === 0) state.accounts.delete(account);
}

/** Takes a slot for the account; the function that gives it back (once) and lets the next one in. */
function grant(state: TProviderState, account: string, share: TAccountShare): () => void {
  state.running++;
  share.running++;
  share.lastServed = ++grants;
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    state.running--;
    share.running--;
    forgetIfIdle(state, account, share);
    dispatch(state);
  };
}

/**
 * Hands free slots to waiting requests: to the account holding the fewest of the provider's slots;
 * among equals, the one served longest ago (round robin), then the oldest request.
 */
function dispatch(state: TProviderState): void {
  // Nobody waits (almost every release): nothing to hand over, and no setting to read.
  if (state.waiting === 0) return;
  const limit = setting("PRIVET_MAX_CONCURRENT_PER_PROVIDER");
  while (state.waiting > 0 && (limit === 0 || state.running < limit)) {
    let next: TAccountShare | null = null;
    for (const share of state.accounts.values()) {
      const head = share.waiting[0];
      if (!head) continue;
      if (next === null || isBefore(share, head, next)) next = share;
    }
    if (!next) return;
    const waiter = next.waiting.shift()!;
    state.waiting--;
    waiter.settle({ kind: "slot", release: grant(state, waiter.account, next) });
  }
}

function isBefore(share: TAccountShare, head: TWaiter, other: TAccountShare): boolean {
  if (share.running !== other.running) return share.running < other.running;
  if (share.lastServed !== other.lastServed) return share.lastServed < other.lastServed;
  return head.seq < other.waiting[0]!.seq;
}

/**
 * A slot for one upstream request to `provider` on behalf of `account`: at once when the provider
 * is under its limit and nobody waits, else after waiting at most `maxWaitMs` (busy past it), or
 * aborted as soon as the client goes away.
 */
function takeProviderSlot(
  provider: string,
  account: string,
  signal: TClientSignal,
  maxWaitMs: number,
): TTake | Promise<TTake> {
  if (signal.aborted) return { kind: "aborted" };
  const limit = setting("PRIVET_MAX_CONCURRENT_PER_PROVIDER");
  const state = stateOf(provider);
  const share = shareOf(state, account);
  if (limit === 0 || (state.running < limit && state.waiting === 0))
    return { kind: "slot", release: grant(state, account, share) };
  if (maxWaitMs <= 0) {
    forgetIfIdle(state, account, share);
    return { kind: "busy" };
  }
  return new Promise<TTake>((resolve) => {
    const leave = (take: TTake) => {
      const at = share.waiting.indexOf(waiter);
      if (at === -1) return;
      share.waiting.splice(at, 1);
      state.waiting--;
      forgetIfIdle(state, account, share);
      waiter.settle(take);
    };
    const onAbort = () => leave({ kind: "aborted" });
    const timer = setTimeout(() => leave({ kind: "busy" }), maxWaitMs);
    const waiter: TWaiter = {
      account,
      seq: nextSeq++,
      settle(take) {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        resolve(take);
      },
    };
    share.waiting.push(waiter);
    state.waiting++;
    signal.addEventListener("abort", onAbort, { once: true });
    // A slot may be free while others wait only for an instant (or after the limit was raised).
    dispatch(state);
  });
}

/** Each provider's requests in flight and waiting in this process (the metrics read it at scrape time). */
export function providerQueues(): { provider: string; running: number; waiting: number }[] {
  return [...providers()].map(([provider, state]) => ({ provider, running: state.running, waiting: state.waiting }));
}

/** An attempt's note when its provider stayed at its limit for the rest of the request's wait. */
export const PROVIDER_BUSY = "provider_busy";

/**
 * One request's waits for provider slots: the bound is for the whole request, so falling back to
 * another busy provider never waits longer in all. Holds the slot of the attempt under way; the
 * pipeline gives it back when the attempt fails or its answer has been read (a stream: at its end).
 */
export class ProviderSlots {
  private readonly deadline: number;
  private held: (() => void) | null = null;

  constructor(
    private readonly account: string,
    private readonly signal: TClientSignal,
  ) {
    this.deadline = performance.now() + setting("PRIVET_PROVIDER_QUEUE_TIMEOUT_MS");
  }

  /**
   * Waits for a slot at the attempt's provider; notes on the attempt how long it waited (`queue_ms`,
   * when it did), and when the wait ran out, the attempt itself as not sent, 429 `provider_busy`.
   */
  async take(attempt: TAttempt): Promise<"slot" | "busy" | "aborted"> {
    this.release();
    const started = performance.now();
    const pending = takeProviderSlot(
      attempt.provider,
      this.account,
      this.signal,
      Math.max(0, Math.round(this.deadline - started)),
    );
    if (!(pending instanceof Promise)) {
      if (pending.kind === "slot") this.held = pending.release;
      else if (pending.kind === "busy") markBusy(attempt, 0);
      return pending.kind;
    }
    const take = await pending;
    const waited = performance.now() - started;
    observeQueueWait(attempt.provider, waited / 1000, take.kind);
    attempt.queue_ms = Math.round(waited);
    if (take.kind === "slot") this.held = take.release;
    else if (take.kind === "busy") markBusy(attempt, attempt.queue_ms);
    return take.kind;
  }

  /** Gives back the slot held, if any (idempotent). */
  release(): void {
    const held = this.held;
    this.held = null;
    held?.();
  }
}

function markBusy(attempt: TAttempt, waitedMs: number): void {
  attempt.status = 429;
  attempt.error = PROVIDER_BUSY;
  attempt.sent = false;
  attempt.latency_ms = 0;
  attempt.queue_ms = waitedMs;
}

/** The answer when every provider a request could use stayed at its limit for the whole wait. */
export function providerBusyError(attempts: TAttempt[]): AppError {
  const retryAfter = Math.max(1, Math.ceil(setting("PRIVET_PROVIDER_QUEUE_TIMEOUT_MS") / 1000));
  const providers = [...new Set(attempts.map((a) => a.provider))];
  return new AppError(
    "rate_limited",
    `Too many concurrent requests to ${providers.length === 1 ? "this provider" : "these providers"}: every request slot this server keeps for ${providers.join(", ")} stayed in use while this request waited; retry in ${retryAfter} s.`,
    {
      metadata: {
        code: PROVIDER_BUSY,
        retry_after_seconds: retryAfter,
        attempts: attempts.map((a) => ({ provider: a.provider, status: a.status })),
      },
      headers: { "retry-after": String(retryAfter) },
    },
  );
}
