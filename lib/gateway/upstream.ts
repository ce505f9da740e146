// Calls to providers: one kept-alive connection pool per origin (undici), and the three timeouts
// (connect, first byte, total). Failures are classified so the pipeline can decide on fallback.
// Nothing here reads or logs request or response content.
import { Agent, request, errors as undiciErrors, type Dispatcher } from "undici";
import { singleton } from "@/lib/singleton";
import type { TUpstreamRequest } from "@/lib/gateway/adapters";

export type TTimeouts = { connectMs: number; firstByteMs: number; totalMs: number };

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function upstreamTimeouts(): TTimeouts {
  return {
    connectMs: envMs("PRIVET_TIMEOUT_CONNECT_MS", 10_000),
    firstByteMs: envMs("PRIVET_TIMEOUT_FIRST_BYTE_MS", 120_000),
    totalMs: envMs("PRIVET_TIMEOUT_TOTAL_MS", 600_000),
  };
}

const agent = () =>
  singleton(
    "upstream-agent",
    () => new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1, connect: { timeout: upstreamTimeouts().connectMs } }),
  );

export type TUpstreamFailureKind = "http" | "timeout" | "connect" | "dropped" | "malformed" | "aborted";

export type TUpstreamResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Dispatcher.ResponseData["body"] };

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";
  constructor(
    readonly kind: TUpstreamFailureKind,
    /** The upstream's HTTP status, or the status Privet reports for it (504 timeout, 502 otherwise). */
    readonly status: number,
    message: string,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

export function classifyError(error: unknown, signal: AbortSignal, timedOut: () => boolean): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (timedOut()) return new UpstreamFailure("timeout", 504, "timed out");
  if (signal.aborted) return new UpstreamFailure("aborted", 499, "client went away");
  const code = (error as { code?: string }).code ?? "";
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new UpstreamFailure("timeout", 504, "timed out waiting for the provider");
  }
  if (error instanceof undiciErrors.ConnectTimeoutError || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new UpstreamFailure("timeout", 504, "timed out connecting to the provider");
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new UpstreamFailure("connect", 502, `could not connect (${code})`);
  }
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_CLOSED") {
    return new UpstreamFailure("dropped", 502, "the provider closed the connection");
  }
  return new UpstreamFailure("connect", 502, "connection error");
}

/**
 * Sends the request and resolves when the response headers arrive. `signal` aborts everything
 * (client gone or total timeout); `firstByteMs` bounds the wait for the headers.
 */
export async function sendUpstream(req: TUpstreamRequest, signal: AbortSignal, timeouts: TTimeouts): Promise<TUpstreamResponse> {
  const response = await request(req.url, {
    method: "POST",
    headers: req.headers,
    body: req.body,
    signal,
    dispatcher: agent(),
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.firstByteMs,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

/** Upstream statuses after which another provider may succeed (PRODUCT.md, "fallbacks"). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status === 401 || status === 403 || status === 404;
}
