// The request pipeline shared by the API and the chat UI:
// validate → account settings (snapshot at the start) → policy decision → attempts with fallback
// → response or stream → exactly one metadata record. Content is never logged, recorded or put in
// an error message here; see ARCHITECTURE.md, "Invariants".
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TDataPolicy, TEndpoint, TModel } from "@/lib/catalog/types";
import { getAccountSettings } from "@/lib/privacy/settings";
import { getEndpointsToAttempt, refusalFor, selectEndpoints } from "@/lib/policy";
import type { TProviderPreferences, TRoutingDecision } from "@/lib/policy/types";
import { adapterFor, AdapterRequestError, UpstreamFormatError } from "@/lib/gateway/adapters";
import { withoutUnsupportedReasoning } from "@/lib/gateway/adapters/reasoning";
import type { TChatCompletion, TChatCompletionChunk, TPrivetChatRequest, TStreamEvent, TUsage } from "@/lib/gateway/adapters";
import { estimateTokens, parseChatRequest, requestParameterNames } from "@/lib/gateway/chat-schema";
import { recorder } from "@/lib/gateway/recorder";
import type { TAttempt, TGenerationRecord } from "@/lib/generations/record";
import { ContentCapture } from "@/lib/content/capture";
import { sampleRequest } from "@/lib/sampling/sampler";
import { classifyError, isRetryableStatus, startUpstream, UpstreamFailure, upstreamTimeouts, type TClientSignal, type UpstreamCall } from "@/lib/gateway/upstream";
import { logError } from "@/lib/log";

export type { TClientSignal } from "@/lib/gateway/upstream";

export type TChatInput = {
  userId: string;
  apiKeyId: string | null;
  body: unknown;
  origin: "api" | "chat";
  app: { title: string | null; referer: string | null; userAgent: string | null };
  /** Aborted when the client goes away (an AbortSignal, or the API route's lighter ClientGone). */
  signal: TClientSignal;
  /** The privacy settings page named in a refusal; a function when building it can wait for one. */
  settingsUrl: string | (() => string);
};

/** What every response says about how it was handled (PRODUCT.md, "data-handling receipt"). */
export type TReceipt = {
  generationId: string;
  model: string;
  provider: { slug: string; name: string };
  dataPolicy: TDataPolicy;
  contentStored: boolean;
};

export type TOutChunk = TChatCompletionChunk & { provider: string; error?: { code: number; message: string } };

export type TChatResult =
  | { kind: "error"; error: AppError; generationId: string; contentStored: boolean }
  | { kind: "completion"; receipt: TReceipt; completion: TChatCompletion & { provider: string } }
  | { kind: "stream"; receipt: TReceipt; chunks: AsyncGenerator<TOutChunk, void, undefined> };

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const ID_BYTES = 15;
// Random bytes for ids are drawn 256 ids at a time: one call into the CSPRNG instead of one per request.
let idPool = Buffer.alloc(0);
let idOffset = 0;

export function newGenerationId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = crypto.randomBytes(ID_BYTES * 256);
    idOffset = 0;
  }
  const id = idPool.toString("base64url", idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return `gen-${id}`;
}

export function costOf(endpoint: TEndpoint, usage: { prompt_tokens: number; completion_tokens: number }): number {
  const cost = (usage.prompt_tokens * endpoint.pricing.prompt + usage.completion_tokens * endpoint.pricing.completion) / 1_000_000 + endpoint.pricing.request;
  return Math.round(cost * 1e10) / 1e10;
}

type TCandidate = { model: TModel; endpoint: TEndpoint };

let sharedRecorder: ReturnType<typeof recorder> | null = null;
/** The process-wide recorder, looked up once (recorder() is a singleton lookup by name). */
const metadataRecorder = () => (sharedRecorder ??= recorder());

/** The record every outcome starts from; fields are filled as the request proceeds. */
function baseRecord(input: TChatInput, id: string, createdAt: Date): TGenerationRecord {
  const body = input.body as { model?: unknown; user?: unknown } | null;
  return {
    id,
    userId: input.userId,
    apiKeyId: input.apiKeyId,
    createdAt,
    model: typeof body?.model === "string" ? body.model.slice(0, 200) : "unknown",
    providerSlug: null,
    providerName: null,
    upstreamModel: null,
    origin: input.origin,
    appTitle: input.app.title?.slice(0, 200) ?? null,
    appReferer: input.app.referer?.slice(0, 500) ?? null,
    userAgent: input.app.userAgent?.slice(0, 300) ?? null,
    externalUser: typeof body?.user === "string" ? body.user.slice(0, 256) : null,
    streamed: false,
    cancelled: false,
    status: "error",
    httpStatus: 500,
    errorCode: null,
    finishReason: null,
    nativeFinishReason: null,
    latencyMs: null,
    firstTokenMs: null,
    promptTokens: 0,
    completionTokens: 0,
    cost: 0,
    attempts: [],
    dataPolicy: null,
    contentStored: false,
  };
}

const NEVER_ABORTED: TClientSignal = { aborted: false, addEventListener() {}, removeEventListener() {} };

/** Records a request refused before the pipeline could read it (413, invalid JSON). */
export function recordRejectedRequest(input: Omit<TChatInput, "body" | "signal" | "settingsUrl">, error: AppError): string {
  const id = newGenerationId();
  const record = baseRecord({ ...input, body: null, signal: NEVER_ABORTED, settingsUrl: "" }, id, new Date());
  record.httpStatus = error.status;
  record.errorCode = error.code;
  record.latencyMs = 0;
  metadataRecorder().record(record);
  return id;
}

export async function runChatCompletion(input: TChatInput): Promise<TChatResult> {
  const started = performance.now();
  const id = newGenerationId();
  const record = baseRecord(input, id, new Date());
  const elapsed = () => Math.round(performance.now() - started);

  // Set only when the account logs prompts; everything below writes content through it alone.
  let capture: ContentCapture | null = null;
  let messagesForSampling: TPrivetChatRequest["messages"] | null = null;
  const finalize = () => {
    record.contentStored = capture !== null;
    const content = capture ? capture.seal() : null;
    const sample = record.status === "success" && messagesForSampling
      ? sampleRequest({ isLinked: capture !== null, userId: input.userId, generationId: id, model: record.model, messages: messagesForSampling })
      : null;
    metadataRecorder().record(record, { content, sample });
  };

  const fail = (error: AppError): TChatResult => {
    record.status = input.signal.aborted ? "cancelled" : "error";
    record.cancelled = input.signal.aborted;
    record.httpStatus = error.status;
    // A client gone before the first byte is recorded like one gone mid-stream.
    record.errorCode = record.cancelled ? "cancelled" : ((error.metadata?.code as string | undefined) ?? error.code);
    if (record.cancelled) record.finishReason = "cancelled";
    record.latencyMs = elapsed();
    capture?.markPartial();
    finalize();
    return { kind: "error", error, generationId: id, contentStored: record.contentStored };
  };

  try {
    const parsed = parseChatRequest(input.body);
    if (!parsed.ok) return fail(new AppError("bad_request", `Invalid request: ${parsed.field}: ${parsed.message}`, { metadata: { field: parsed.field } }));
    const body = parsed.value as TPrivetChatRequest;
    const isStream = body.stream === true;
    record.streamed = isStream;

    const modelIds = body.models === undefined && body.model ? [body.model] : [...new Set([...(body.model ? [body.model] : []), ...(body.models ?? [])])];
    record.model = modelIds[0]!.slice(0, 200);
    const catalog = await getCatalog();
    const models: TModel[] = [];
    for (const modelId of modelIds) {
      const model = catalog.modelById.get(modelId);
      if (!model) return fail(new AppError("not_found", `Model not found: ${modelId.slice(0, 200)}`, { metadata: { code: "model_not_found", model: modelId.slice(0, 200) } }));
      models.push(model);
    }

    // The settings as they are when the request starts decide routing and logging for all of it.
    const settings = await getAccountSettings(input.userId);
    if (settings.promptLogging) capture = await ContentCapture.start(id, input.userId, body.messages, settings.contentRetentionDays);
    messagesForSampling = body.messages;
    const prefs: TProviderPreferences = body.provider ?? {};
    const shape = { parameters: requestParameterNames(body), estimatedTokens: estimateTokens(body) };

    const decisions: { model: TModel; decision: TRoutingDecision }[] = models.map((model) => ({
      model,
      decision: selectEndpoints(model.endpoints, settings, prefs, shape),
    }));
    let candidates: TCandidate[] = decisions.flatMap(({ model, decision }) => decision.eligible.map((endpoint) => ({ model, endpoint })));
    if (candidates.length === 0) {
      const first = decisions[0]!;
      const settingsUrl = typeof input.settingsUrl === "function" ? input.settingsUrl() : input.settingsUrl;
      const refusal = refusalFor(first.decision, first.model.id, settingsUrl)!;
      return fail(new AppError(refusal.status === 503 ? "unavailable" : "not_found", refusal.message, { status: refusal.status, metadata: refusal.metadata }));
    }
    // allow_fallbacks: false means only the first choice is tried; its failure is the answer.
    if (prefs.allow_fallbacks === false) {
      const first = decisions.find(({ decision }) => decision.eligible.length > 0)!;
      candidates = getEndpointsToAttempt(first.decision, prefs).map((endpoint) => ({ model: first.model, endpoint }));
    }

    const timeouts = upstreamTimeouts();
    let lastFailure: UpstreamFailure | null = null;
    for (const candidate of candidates) {
      if (input.signal.aborted) break;
      const { endpoint, model } = candidate;
      const adapter = adapterFor(endpoint.provider.api);
      const attemptStarted = performance.now();
      const attempt: TAttempt = { provider: endpoint.provider.slug, status: 0, latency_ms: 0 };
      record.attempts.push(attempt);

      let upstreamRequest;
      try {
        upstreamRequest = adapter.buildRequest({
          baseUrl: endpoint.provider.baseUrl,
          apiKey: endpoint.provider.apiKeyEnv ? (process.env[endpoint.provider.apiKeyEnv] ?? null) : null,
          upstreamModel: endpoint.upstreamModel,
          body: withoutUnsupportedReasoning(body, endpoint.supportedParameters),
          stream: isStream,
        });
      } catch (error) {
        if (!(error instanceof AdapterRequestError)) throw error;
        attempt.status = 400;
        attempt.error = "unsupported_by_api";
        lastFailure = new UpstreamFailure("http", 400, error.message);
        continue;
      }

      // Each attempt is aborted by the client going away or its total timeout, until released.
      const call = startUpstream(upstreamRequest, timeouts, input.signal);
      let response: UpstreamCall;
      try {
        response = await call.response;
      } catch (error) {
        call.release();
        const failure = classifyError(error, call);
        attempt.status = failure.status;
        attempt.error = failure.kind;
        attempt.latency_ms = Math.round(performance.now() - attemptStarted);
        lastFailure = failure;
        if (failure.kind === "aborted") break;
        continue;
      }

      if (response.status < 200 || response.status >= 300) {
        response.dump();
        attempt.status = response.status;
        attempt.error = "http";
        attempt.latency_ms = Math.round(performance.now() - attemptStarted);
        const retryAfter = response.headers["retry-after"];
        lastFailure = new UpstreamFailure("http", response.status, `HTTP ${response.status}`, typeof retryAfter === "string" ? retryAfter : undefined);
        if (!isRetryableStatus(response.status)) break;
        continue;
      }

      record.providerSlug = endpoint.provider.slug;
      record.providerName = endpoint.provider.name;
      record.upstreamModel = endpoint.upstreamModel;
      record.dataPolicy = endpoint.dataPolicy;
      record.model = model.id;
      const receipt: TReceipt = {
        generationId: id,
        model: model.id,
        provider: { slug: endpoint.provider.slug, name: endpoint.provider.name },
        dataPolicy: endpoint.dataPolicy,
        contentStored: capture !== null,
      };

      if (!isStream) {
        try {
          const completion = await readCompletion(response, (json) => adapter.parseResponse(json, body));
          response.release();
          attempt.status = response.status;
          attempt.latency_ms = Math.round(performance.now() - attemptStarted);
          const usage: TUsage = completion.usage ?? { prompt_tokens: shape.estimatedTokens, completion_tokens: 0, total_tokens: shape.estimatedTokens };
          const cost = costOf(endpoint, usage);
          const choice = completion.choices[0];
          Object.assign(record, {
            status: "success",
            httpStatus: 200,
            finishReason: choice?.finish_reason ?? null,
            nativeFinishReason: choice?.native_finish_reason ?? choice?.finish_reason ?? null,
            latencyMs: elapsed(),
            firstTokenMs: elapsed(),
            promptTokens: usage.prompt_tokens,
            completionTokens: usage.completion_tokens,
            cost,
          });
          capture?.setCompletion(typeof choice?.message.content === "string" ? choice.message.content : "");
          finalize();
          // The parsed upstream answer is this request's own object: rewritten in place, not copied.
          const out = completion as TChatCompletion & { provider: string };
          out.id = id;
          out.model = model.id;
          out.provider = endpoint.provider.name;
          out.usage = { ...usage, cost } as TUsage;
          return { kind: "completion", receipt, completion: out };
        } catch (error) {
          response.destroy();
          const failure = error instanceof UpstreamFormatError
            ? new UpstreamFailure("malformed", 502, "the provider sent a response Privet cannot read")
            : classifyError(error, response);
          attempt.status = failure.kind === "malformed" ? 502 : failure.status;
          attempt.error = failure.kind;
          attempt.latency_ms = Math.round(performance.now() - attemptStarted);
          lastFailure = failure;
          resetServed(record);
          if (failure.kind === "aborted") break;
          continue;
        }
      }

      // Streaming: read until the first chunk before answering, so a provider that fails before
      // sending anything can still be replaced by the next one.
      const parser = adapter.createStreamParser(body);
      const decoder = new TextDecoder();
      const buffered: TStreamEvent[] = [];
      let upstreamEnded = false;
      let firstFailure: UpstreamFailure | null = null;
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
            firstFailure = new UpstreamFailure("malformed", 502, "the provider sent a stream Privet cannot read");
            break;
          }
          buffered.push(...events);
        }
        if (!firstFailure && !buffered.some((e) => e.type === "chunk")) firstFailure = new UpstreamFailure("dropped", 502, "the provider ended the stream before sending anything");
      } catch (error) {
        firstFailure = classifyError(error, response);
      }
      if (firstFailure) {
        response.destroy();
        attempt.status = firstFailure.status;
        attempt.error = firstFailure.kind;
        attempt.latency_ms = Math.round(performance.now() - attemptStarted);
        lastFailure = firstFailure;
        resetServed(record);
        if (firstFailure.kind === "aborted") break;
        continue;
      }

      attempt.status = response.status;
      record.firstTokenMs = elapsed();
      const chunks = streamOut({
        id,
        model,
        endpoint,
        record,
        attempt,
        attemptStarted,
        started,
        buffered,
        upstreamEnded,
        parser,
        decoder,
        call: response,
        clientSignal: input.signal,
        estimatedPromptTokens: shape.estimatedTokens,
        capture,
        finalize,
      });
      return { kind: "stream", receipt, chunks };
    }

    return fail(errorForFailures(record.attempts, lastFailure, input.signal.aborted));
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    logError(`${id} pipeline error`, error);
    return fail(new AppError("internal", `Internal error (generation ${id}).`));
  }
}

function resetServed(record: TGenerationRecord) {
  record.providerSlug = null;
  record.providerName = null;
  record.upstreamModel = null;
  record.dataPolicy = null;
}

/** The client-facing error once every attempt failed (or the only allowed one did). */
function errorForFailures(attempts: TAttempt[], last: UpstreamFailure | null, isCancelled: boolean): AppError {
  const list = attempts.map((a) => ({ provider: a.provider, status: a.status }));
  if (isCancelled) return new AppError("bad_request", "The client closed the request.", { status: 499, metadata: { attempts: list } });
  if (last && last.kind === "http" && !isRetryableStatus(last.status)) {
    return new AppError("bad_request", `The provider rejected the request (HTTP ${last.status}).`, { metadata: { code: "upstream_rejected", attempts: list } });
  }
  if (attempts.length === 1 && last?.kind === "http" && last.status === 429) {
    return new AppError("rate_limited", "The provider is rate limiting requests; retry later.", {
      metadata: { code: "upstream_rate_limited", attempts: list },
      headers: last.retryAfter ? { "retry-after": last.retryAfter } : undefined,
    });
  }
  if (attempts.length > 0 && attempts.every((a) => a.error === "timeout")) {
    return new AppError("timeout", "The provider did not answer in time.", { metadata: { code: "upstream_timeout", attempts: list } });
  }
  return new AppError("upstream_error", `Every provider attempt failed (${attempts.length} tried).`, { metadata: { code: "upstream_failed", attempts: list } });
}

async function readCompletion(response: UpstreamCall, parse: (json: unknown) => TChatCompletion): Promise<TChatCompletion> {
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

type TStreamState = {
  id: string;
  model: TModel;
  endpoint: TEndpoint;
  record: TGenerationRecord;
  attempt: TAttempt;
  attemptStarted: number;
  started: number;
  buffered: TStreamEvent[];
  upstreamEnded: boolean;
  parser: { push(text: string): TStreamEvent[]; end(): TStreamEvent[] };
  decoder: TextDecoder;
  call: UpstreamCall;
  clientSignal: TClientSignal;
  estimatedPromptTokens: number;
  capture: ContentCapture | null;
  finalize: () => void;
};

/**
 * Passes the upstream stream through, chunk by chunk, rewritten to name the generation and the
 * provider. Ends with a usage chunk carrying the cost. A failure after the first chunk ends the
 * stream with an error chunk; a consumer that stops early (client gone) aborts the upstream call.
 * The record is written exactly once, in `finally`.
 */
async function* streamOut(s: TStreamState): AsyncGenerator<TOutChunk, void, undefined> {
  const { record, endpoint } = s;
  const created = Math.floor(Date.now() / 1000);
  let usage: TUsage | null = null;
  let finishReason: string | null = null;
  let nativeFinishReason: string | null = null;
  let sawDone = false;
  let completionPieces = 0;
  let failure: UpstreamFailure | null = null;
  let finished = false;

  const decorate = (chunk: TChatCompletionChunk): TOutChunk => ({ ...chunk, id: s.id, model: s.model.id, provider: endpoint.provider.name });

  try {
    let pending = s.buffered;
    let ended = s.upstreamEnded;
    for (;;) {
      for (const event of pending) {
        if (event.type === "done") {
          sawDone = true;
          continue;
        }
        if (event.type === "error") {
          failure = new UpstreamFailure("malformed", 502, "the provider sent a stream Privet cannot read");
          break;
        }
        const chunk = event.chunk;
        if (chunk.usage) usage = chunk.usage;
        for (const choice of chunk.choices ?? []) {
          if (choice.finish_reason) finishReason = choice.finish_reason;
          if (choice.native_finish_reason) nativeFinishReason = choice.native_finish_reason;
          if (choice.delta?.content) {
            completionPieces += 1;
            s.capture?.append(choice.delta.content);
          }
        }
        // The usage chunk is re-emitted at the end with the cost added.
        if (chunk.usage && (!chunk.choices || chunk.choices.length === 0)) continue;
        yield decorate(chunk.usage ? { ...chunk, usage: undefined } : chunk);
      }
      if (failure || ended || sawDone) break;
      let next: IteratorResult<Buffer>;
      try {
        next = await s.call.next();
      } catch (error) {
        failure = classifyError(error, s.call);
        break;
      }
      if (next.done) {
        pending = s.parser.end();
        ended = true;
      } else {
        pending = s.parser.push(s.decoder.decode(next.value, { stream: true }));
      }
    }
    if (!failure && !sawDone && !finishReason) failure = new UpstreamFailure("dropped", 502, "the provider ended the stream before finishing");

    if (failure && failure.kind !== "aborted") {
      record.status = "error";
      record.httpStatus = failure.status;
      record.errorCode = `stream_${failure.kind}`;
      s.attempt.error = `stream_${failure.kind}`;
      yield {
        id: s.id,
        object: "chat.completion.chunk",
        created,
        model: s.model.id,
        provider: endpoint.provider.name,
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        error: { code: failure.status, message: `The provider's stream failed after it started (${failure.message}).` },
      };
    } else if (!failure) {
      const final = usage ?? { prompt_tokens: s.estimatedPromptTokens, completion_tokens: completionPieces, total_tokens: s.estimatedPromptTokens + completionPieces };
      record.status = "success";
      record.httpStatus = 200;
      usage = final;
      yield {
        id: s.id,
        object: "chat.completion.chunk",
        created,
        model: s.model.id,
        provider: endpoint.provider.name,
        choices: [],
        usage: { ...final, cost: costOf(endpoint, final) } as TUsage,
      };
    }
    finished = !failure || failure.kind !== "aborted";
  } finally {
    if (!finished || s.clientSignal.aborted) {
      // The consumer stopped early (client disconnected, Stop pressed): cancel upstream too
      // (destroy, below, cuts a call that has not completed).
      record.cancelled = true;
      record.status = "cancelled";
      record.httpStatus = 499;
      record.errorCode = "cancelled";
    }
    s.call.destroy();
    const tokens = usage ?? { prompt_tokens: s.estimatedPromptTokens, completion_tokens: completionPieces, total_tokens: 0 };
    record.promptTokens = tokens.prompt_tokens;
    record.completionTokens = tokens.completion_tokens;
    record.cost = costOf(endpoint, tokens);
    record.finishReason = record.cancelled ? "cancelled" : record.status === "error" ? "error" : finishReason;
    record.nativeFinishReason = nativeFinishReason ?? finishReason;
    record.latencyMs = Math.round(performance.now() - s.started);
    s.attempt.latency_ms = Math.round(performance.now() - s.attemptStarted);
    if (record.status !== "success") s.capture?.markPartial();
    s.finalize();
  }
}
