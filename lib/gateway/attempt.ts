// One attempt at one endpoint: build the adapter's request, start the upstream call, check the
// status, then read the whole answer (non-streamed) or the stream up to its first chunk. The
// pipeline (pipeline.ts) decides what to try and what to answer; this file only reports how one
// try went and notes it on the attempt's entry of the metadata record. Nothing here reads content
// into a log, an error message or the record (PRODUCT.md rule 1).
import { performance } from "node:perf_hooks";
import type { TEndpoint } from "@/lib/catalog/types";
import { adapterFor, AdapterRequestError, UpstreamFormatError } from "@/lib/gateway/adapters";
import { withoutUnsupportedReasoning } from "@/lib/gateway/adapters/reasoning";
import { retryAfterSeconds } from "@/lib/gateway/adapters/provider-values";
import type { TChatCompletion, TPrivetChatRequest, TStreamEvent, TStreamParser } from "@/lib/gateway/adapters";
import type { TAttempt } from "@/lib/generations/record";
import {
  classifyError,
  isRetryableStatus,
  startUpstream,
  UpstreamFailure,
  type TClientSignal,
  type TTimeouts,
  type UpstreamCall,
} from "@/lib/gateway/upstream";

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** What every attempt of one request shares. */
export type TAttemptContext = {
  body: TPrivetChatRequest;
  isStream: boolean;
  /** The client's `user` as providers may see it (lib/gateway/end-user.ts), or null. */
  endUser: string | null;
  timeouts: TTimeouts;
  /** Aborted when the client goes away: the attempt then fails as `aborted`, and that is final. */
  signal: TClientSignal;
  /** Called once an endpoint's request is built, just before it leaves: that provider receives it. */
  onSending?: (endpoint: TEndpoint) => void;
};

/** A stream whose first chunk has arrived: what was read so far, and the call to read on from. */
export type TOpenStream = {
  kind: "stream";
  call: UpstreamCall;
  parser: TStreamParser;
  decoder: TextDecoder;
  /** Events read before the answer was committed, the first chunk among them. */
  buffered: TStreamEvent[];
  /** The upstream already closed the body while the first chunk was awaited. */
  upstreamEnded: boolean;
  /** When the attempt started (performance.now()), for its latency once the stream ends. */
  started: number;
};

export type TAttemptFailed = {
  kind: "failed";
  failure: UpstreamFailure;
  /** The loop stops here: the client went away, or the provider refused the request itself. */
  isFinal: boolean;
};

/**
 * Privet itself cannot express the request in this endpoint's API (audio to a Messages API, a
 * reasoning budget over max_tokens…): nothing was sent, so there is no attempt to record; an
 * endpoint on another API may still take the request.
 */
export type TAttemptUnsupported = { kind: "unsupported"; error: AdapterRequestError };

/** Served (a whole completion, or an open stream), failed, or refused by Privet before sending. */
export type TAttemptOutcome =
  { kind: "completion"; completion: TChatCompletion } | TOpenStream | TAttemptFailed | TAttemptUnsupported;

/**
 * Notes a failed attempt on its entry of the record (the status, the kind of failure, the time it
 * took) and says whether it ends the request: a client gone away and a status that another
 * provider would answer the same way (400, 413, 422…) stop the fallbacks.
 */
export function markFailed(attempt: TAttempt, failure: UpstreamFailure, started: number): TAttemptFailed {
  attempt.status = failure.status;
  attempt.error = failure.kind;
  // Only a connection that could not be made surely carried nothing; anything else may have.
  attempt.sent = failure.kind !== "connect";
  attempt.latency_ms = Math.round(performance.now() - started);
  const isFinal = failure.kind === "aborted" || (failure.kind === "http" && !isRetryableStatus(failure.status));
  return { kind: "failed", failure, isFinal };
}

/** Tries one endpoint; `attempt` is its entry in the record, filled in here (untouched when unsupported). */
export async function attemptEndpoint(
  endpoint: TEndpoint,
  attempt: TAttempt,
  context: TAttemptContext,
): Promise<TAttemptOutcome> {
  const { body, isStream } = context;
  const adapter = adapterFor(endpoint.provider.api);
  const started = performance.now();

  let upstreamRequest;
  try {
    upstreamRequest = adapter.buildRequest({
      baseUrl: endpoint.provider.baseUrl,
      apiKey: endpoint.provider.apiKeyEnv ? (process.env[endpoint.provider.apiKeyEnv] ?? null) : null,
      upstreamModel: endpoint.upstreamModel,
      body: withoutUnsupportedReasoning(body, endpoint.supportedParameters),
      stream: isStream,
      endUser: context.endUser,
    });
  } catch (error) {
    if (!(error instanceof AdapterRequestError)) throw error;
    // Nothing was sent: no attempt to note. The pipeline tries the next endpoint; should none take
    // the request, the client hears Privet's own message naming the field.
    return { kind: "unsupported", error };
  }

  context.onSending?.(endpoint);
  // The call is aborted by the client going away or its total timeout, until released.
  const call = startUpstream(upstreamRequest, context.timeouts, context.signal);
  let response: UpstreamCall;
  try {
    response = await call.response;
  } catch (error) {
    call.release();
    return markFailed(attempt, classifyError(error, call), started);
  }

  if (response.status < 200 || response.status >= 300) {
    response.dump();
    // Privet's own Retry-After, in whole bounded seconds: the provider's text is never passed on.
    const failure = new UpstreamFailure(
      "http",
      response.status,
      `HTTP ${response.status}`,
      retryAfterSeconds(response.headers["retry-after"]),
    );
    return markFailed(attempt, failure, started);
  }

  if (!isStream) {
    try {
      const completion = await readCompletion(response, (json) => adapter.parseResponse(json, body));
      response.release();
      attempt.status = response.status;
      attempt.sent = true;
      attempt.latency_ms = Math.round(performance.now() - started);
      return { kind: "completion", completion };
    } catch (error) {
      response.destroy();
      const failure =
        error instanceof UpstreamFormatError
          ? new UpstreamFailure("malformed", 502, "the provider sent a response Privet cannot read")
          : classifyError(error, response);
      return markFailed(attempt, failure, started);
    }
  }

  // Streaming: read until the first chunk before answering, so a provider that fails before
  // sending anything can still be replaced by the next one.
  const parser = adapter.createStreamParser(body);
  const decoder = new TextDecoder();
  const buffered: TStreamEvent[] = [];
  let upstreamEnded = false;
  let failure: UpstreamFailure | null = null;
  try {
    while (!buffered.some((e) => e.type === "chunk")) {
      const next = await response.next();
      if (next.done) {
        buffered.push(...parser.end());
        upstreamEnded = true;
        break;
      }
      const events = parser.push(decoder.decode(next.value, { stream: true }));
      const bad = events.find((e) => e.type === "error");
      if (bad && !events.some((e) => e.type === "chunk")) {
        failure = new UpstreamFailure("malformed", 502, "the provider sent a stream Privet cannot read");
        break;
      }
      buffered.push(...events);
    }
    if (!failure && !buffered.some((e) => e.type === "chunk"))
      failure = new UpstreamFailure("dropped", 502, "the provider ended the stream before sending anything");
  } catch (error) {
    failure = classifyError(error, response);
  }
  if (failure) {
    response.destroy();
    return markFailed(attempt, failure, started);
  }
  attempt.status = response.status;
  attempt.sent = true;
  return { kind: "stream", call: response, parser, decoder, buffered, upstreamEnded, started };
}

async function readCompletion(
  response: UpstreamCall,
  parse: (json: unknown) => TChatCompletion,
): Promise<TChatCompletion> {
  const body = await response.readAll(MAX_RESPONSE_BYTES);
  if (body === null) throw new UpstreamFormatError("response too large");
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new UpstreamFormatError("response is not JSON");
  }
  return parse(json);
}
