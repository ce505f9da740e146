// Calls to providers: one kept-alive connection pool per origin (undici), and the three timeouts
// (connect, first byte, total). Failures are classified so the pipeline can decide on fallback.
// Nothing here reads or logs request or response content.
import { Agent, errors as undiciErrors, type Dispatcher } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import { setting } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import type { TUpstreamRequest } from "@/lib/gateway/adapters";

export type TTimeouts = { connectMs: number; firstByteMs: number; totalMs: number };

/** What the gateway needs of an AbortSignal: an AbortSignal qualifies, and so does a lighter object. */
export type TClientSignal = {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
};

export function upstreamTimeouts(): TTimeouts {
  return {
    connectMs: setting("PRIVET_TIMEOUT_CONNECT_MS"),
    firstByteMs: setting("PRIVET_TIMEOUT_FIRST_BYTE_MS"),
    totalMs: setting("PRIVET_TIMEOUT_TOTAL_MS"),
  };
}

let sharedAgent: Agent | null = null;
const agent = (): Agent =>
  (sharedAgent ??= singleton(
    "upstream-agent",
    () =>
      new Agent({
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        // No cap per provider: a streamed answer holds its connection for as long as it streams
        // (tens of seconds), so with a cap every request past it waited for a running stream to end
        // (bench/streams.md: the 257th of 300 streams waited 10 s for its first token).
        connections: null,
        pipelining: 1,
        connect: { timeout: upstreamTimeouts().connectMs },
      }),
  ));

export type TUpstreamFailureKind = "http" | "timeout" | "connect" | "dropped" | "malformed" | "aborted";

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";
  constructor(
    readonly kind: TUpstreamFailureKind,
    /** The upstream's HTTP status, or the status Privet reports for it (504 timeout, 502 otherwise). */
    readonly status: number,
    message: string,
    /** Seconds, from the provider's Retry-After (parsed and bounded: provider-values.ts). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export function classifyError(
  error: unknown,
  call: { readonly isAborted: boolean; readonly isTimedOut: boolean },
): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (call.isTimedOut) return new UpstreamFailure("timeout", 504, "timed out");
  if (call.isAborted) return new UpstreamFailure("aborted", 499, "client went away");
  const code = (error as { code?: string }).code ?? "";
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT"
  ) {
    return new UpstreamFailure("timeout", 504, "timed out waiting for the provider");
  }
  if (error instanceof undiciErrors.ConnectTimeoutError || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new UpstreamFailure("timeout", 504, "timed out connecting to the provider");
  }
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH"
  ) {
    return new UpstreamFailure("connect", 502, `could not connect (${code})`);
  }
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_CLOSED") {
    return new UpstreamFailure("dropped", 502, "the provider closed the connection");
  }
  return new UpstreamFailure("connect", 502, "connection error");
}

/** Upstream statuses after which another provider may succeed (PRODUCT.md, "fallbacks"). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status === 401 || status === 403 || status === 404;
}

/** Origin and path of a provider URL, parsed once per distinct URL (a catalog has a handful). */
const targets = new Map<string, { origin: string; path: string }>();
function targetOf(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size >= 1000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** A stream's unread bytes above which the provider's socket is paused until the reader catches up. */
const HIGH_WATER_BYTES = 64 * 1024;
/** An unwanted (error) body is drained up to this size so its connection can be reused, then cut. */
const DUMP_LIMIT_BYTES = 128 * 1024;

type TWaiter = { resolve(result: IteratorResult<Buffer>): void; reject(error: unknown): void };

/**
 * One request to a provider, written straight against undici's dispatcher: no stream objects, no
 * AbortController, no per-chunk promises when the body is read whole. `response` resolves at the
 * response headers (with this call, which then serves as the body); the body is read once, either
 * whole (`readAll`) or chunk by chunk (`next`). The total timeout and the client's going away abort
 * the call until `release()` (or `destroy`/`dump`) ends the caller's interest in it.
 */
export class UpstreamCall implements Dispatcher.DispatchHandler {
  readonly response: Promise<UpstreamCall>;
  /** Aborted by Privet: the client went away or the total timeout passed. */
  isAborted = false;
  isTimedOut = false;
  status = 0;
  headers: IncomingHttpHeaders = {};

  private resolveResponse!: (call: UpstreamCall) => void;
  private rejectResponse!: (error: unknown) => void;
  private controller: Dispatcher.DispatchController | null = null;
  private abortReason: Error | null = null;
  private hasHeaders = false;
  private isComplete = false;
  private failure: unknown = null;
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private waiter: TWaiter | null = null;
  private whole: { maxBytes: number; resolve(body: Buffer | null): void; reject(error: unknown): void } | null = null;
  private isDumping = false;
  private isDestroyed = false;
  private totalTimer: NodeJS.Timeout | null;
  private readonly clientSignal: TClientSignal;

  constructor(req: TUpstreamRequest, timeouts: TTimeouts, clientSignal: TClientSignal) {
    this.response = new Promise<UpstreamCall>((resolve, reject) => {
      this.resolveResponse = resolve;
      this.rejectResponse = reject;
    });
    this.clientSignal = clientSignal;
    clientSignal.addEventListener("abort", this.onClientAbort, { once: true });
    this.totalTimer = setTimeout(this.onTotalTimeout, timeouts.totalMs);
    try {
      const { origin, path } = targetOf(req.url);
      agent().dispatch(
        {
          origin,
          path,
          method: "POST",
          headers: req.headers,
          body: req.body,
          headersTimeout: timeouts.firstByteMs,
          bodyTimeout: timeouts.firstByteMs,
        },
        this,
      );
    } catch (error) {
      this.onResponseError(null, error as Error);
    }
  }

  private readonly onClientAbort = (): void => this.abort(false);
  private readonly onTotalTimeout = (): void => this.abort(true);

  /** Stops the call; the pending read (or the response) fails and classifyError names why. */
  private abort(isTimeout: boolean): void {
    if (isTimeout) this.isTimedOut = true;
    this.isAborted = true;
    const reason = (this.abortReason ??= new undiciErrors.RequestAbortedError());
    // A body already (partly) received fails now, unread chunks included, even if it is complete.
    if (this.hasHeaders && !this.isDestroyed) this.onResponseError(null, reason);
    // Before the request reached a socket there is nothing to abort yet: onRequestStart does it.
    this.controller?.abort(reason);
  }

  /** Ends the timeout and the client-abort watch; the call itself may still be read or drained. */
  release(): void {
    if (this.totalTimer) {
      clearTimeout(this.totalTimer);
      this.totalTimer = null;
      this.clientSignal.removeEventListener("abort", this.onClientAbort);
    }
  }

  /** The whole body, or null when it is larger than `maxBytes` (the call is then cut). */
  readAll(maxBytes: number): Promise<Buffer | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.bufferedBytes > maxBytes) {
      this.destroy();
      return Promise.resolve(null);
    }
    if (this.isComplete) return Promise.resolve(this.takeChunks());
    return new Promise((resolve, reject) => {
      this.whole = { maxBytes, resolve, reject };
    });
  }

  /** The next body chunk (streaming). */
  next(): Promise<IteratorResult<Buffer>> {
    if (this.chunks.length > 0) {
      const chunk = this.chunks.shift()!;
      this.bufferedBytes -= chunk.length;
      if (this.bufferedBytes < HIGH_WATER_BYTES) this.controller?.resume();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.isComplete || this.isDestroyed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** Cuts the call unless it already completed; nothing more is read. */
  destroy(): void {
    this.release();
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.chunks = [];
    this.bufferedBytes = 0;
    if (!this.isComplete && !this.failure) this.controller?.abort(new undiciErrors.RequestAbortedError());
  }

  /** Discards the body (an error answer): drained so the connection can be reused, cut when large. */
  dump(): void {
    this.release();
    this.isDumping = true;
    this.chunks = [];
    if (this.bufferedBytes > DUMP_LIMIT_BYTES) this.destroy();
    this.controller?.resume();
  }

  private takeChunks(): Buffer {
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bufferedBytes);
    this.chunks = [];
    this.bufferedBytes = 0;
    return body;
  }

  // --- undici's dispatch handler ---------------------------------------------------------------

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // informational (1xx): the real answer follows
    this.hasHeaders = true;
    this.status = statusCode;
    this.headers = headers;
    this.resolveResponse(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.isDestroyed) return;
    this.bufferedBytes += chunk.length;
    if (this.isDumping) {
      if (this.bufferedBytes > DUMP_LIMIT_BYTES) this.destroy();
      return;
    }
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      this.bufferedBytes -= chunk.length;
      waiter.resolve({ done: false, value: chunk });
      return;
    }
    this.chunks.push(chunk);
    if (this.whole) {
      if (this.bufferedBytes > this.whole.maxBytes) {
        const whole = this.whole;
        this.whole = null;
        this.destroy();
        whole.resolve(null);
      }
      return;
    }
    if (this.bufferedBytes >= HIGH_WATER_BYTES) controller.pause();
  }

  onResponseEnd(): void {
    this.isComplete = true;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter.resolve({ done: true, value: undefined });
    }
    if (this.whole) {
      const whole = this.whole;
      this.whole = null;
      whole.resolve(this.takeChunks());
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.failure) return;
    this.failure = error;
    // Like a destroyed stream: what was received but not read yet is dropped with the error.
    this.chunks = [];
    this.bufferedBytes = 0;
    if (!this.hasHeaders) {
      this.release();
      this.rejectResponse(error);
      return;
    }
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter.reject(error);
    }
    if (this.whole) {
      const whole = this.whole;
      this.whole = null;
      whole.reject(error);
    }
  }
}

/**
 * Sends the request at once. `call.response` resolves when the response headers arrive;
 * `firstByteMs` bounds that wait and each pause in the body, `totalMs` the whole call, and the
 * client going away (`clientSignal`) aborts it.
 */
export function startUpstream(req: TUpstreamRequest, timeouts: TTimeouts, clientSignal: TClientSignal): UpstreamCall {
  return new UpstreamCall(req, timeouts, clientSignal);
}
