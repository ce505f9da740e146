// The request pipeline shared by the API and the chat UI, as a strategy:
// validate → resolve the models → account settings (snapshot at the start) → policy decision →
// attempts in order (attempt.ts) until one serves → the answer or the stream (stream-out.ts) →
// exactly one metadata record. Content is never logged, recorded or put in an error message
// here; see ARCHITECTURE.md, "Invariants".
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TDataPolicy, TModel } from "@/lib/catalog/types";
import { resolveRequestPolicy } from "@/lib/gateway/request-policy";
import type { AdapterRequestError, TChatCompletion, TPrivetChatRequest } from "@/lib/gateway/adapters";
import { attemptEndpoint, type TAttemptContext } from "@/lib/gateway/attempt";
import { withReasoningDetails } from "@/lib/gateway/adapters/reasoning";
import { endUserForProvider } from "@/lib/gateway/end-user";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { settleUsage } from "@/lib/gateway/cost";
import { recorder } from "@/lib/gateway/recorder";
import type { TAttempt, TGenerationKind, TGenerationRecord } from "@/lib/generations/record";
import {
  findRequestedModels,
  planRoute,
  refusalError,
  requestedModelIds,
  routeTraceOf,
} from "@/lib/gateway/route-plan";
import { streamOut, type TOutChunk } from "@/lib/gateway/stream-out";
import { ContentCapture } from "@/lib/content/capture";
import { sampleRequest } from "@/lib/sampling/sampler";
import { isRetryableStatus, UpstreamFailure, upstreamTimeouts, type TClientSignal } from "@/lib/gateway/upstream";
import { logError } from "@/lib/log";
import { chatRateRefusal, takeUpstreamSlot } from "@/lib/gateway/admission";
import { PROVIDER_BUSY, ProviderSlots, providerBusyError } from "@/lib/gateway/provider-queue";
import { forgetSpend } from "@/lib/limits/limits";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";
import { healthMonitor } from "@/lib/health/monitor";
import { observeAttempt, observeStreamEnd } from "@/lib/health/observe";

export type { TClientSignal } from "@/lib/gateway/upstream";

export type TChatInput = {
  userId: string;
  apiKeyId: string | null;
  /**
   * The API key's guardrails (lib/keys/guardrails.ts); undefined for the chat page. Required, so that
   * no route that takes a key can forget to pass them.
   */
  guardrails: TKeyGuardrails | undefined;
  body: unknown;
  origin: "api" | "chat";
  /** The API surface the request came through; chat when absent. */
  kind?: TGenerationKind;
  app: { title: string | null; referer: string | null; userAgent: string | null };
  /** Aborted when the client goes away (an AbortSignal, or the API route's lighter ClientGone). */
  signal: TClientSignal;
  /** The privacy settings page named in a refusal; a function when building it can wait for one. */
  settingsUrl: string | (() => string);
  /**
   * Told when a request is about to leave for a provider (the chat saves whom it reached, even
   * when the reply never starts). Called before the attempt; the attempt may still fail to connect.
   */
  onSending?: (sending: TSending) => void;
};

/** A provider about to receive the request, and its data policy at that moment. */
export type TSending = {
  generationId: string;
  provider: { slug: string; name: string };
  dataPolicy: TDataPolicy;
  contentStored: boolean;
};

/** What every response says about how it was handled (PRODUCT.md, "data-handling receipt"). */
export type TReceipt = {
  generationId: string;
  model: string;
  provider: { slug: string; name: string };
  dataPolicy: TDataPolicy;
  contentStored: boolean;
};

export type { TOutChunk } from "@/lib/gateway/stream-out";

export type TChatResult =
  | { kind: "error"; error: AppError; generationId: string; contentStored: boolean }
  | { kind: "completion"; receipt: TReceipt; completion: TChatCompletion & { provider: string } }
  | { kind: "stream"; receipt: TReceipt; chunks: AsyncGenerator<TOutChunk, void, undefined> };

const ID_BYTES = 15;
// Random bytes for ids are drawn 256 ids at a time: one call into the CSPRNG instead of one per request.
let idPool = Buffer.alloc(0);
let idOffset = 0;

/**
 * A generation id in OpenRouter's form, `gen-<unix seconds>-<20 random characters>`: the second it
 * was made (which the answer's `created` says anyway; never put in an anonymous sample), then 120
 * random bits. Ids made later sort after earlier ones, so the metadata table's primary key grows at
 * its end instead of touching a random page of the index for every record.
 */
export function newGenerationId(now = Date.now()): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = crypto.randomBytes(ID_BYTES * 256);
    idOffset = 0;
  }
  const random = idPool.toString("base64url", idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return `gen-${Math.floor(now / 1000)}-${random}`;
}

let sharedRecorder: ReturnType<typeof recorder> | null = null;
/** The process-wide recorder, looked up once (recorder() is a singleton lookup by name). */
export const metadataRecorder = () => (sharedRecorder ??= recorder());

/** The record every outcome starts from; fields are filled as the request proceeds. */
export function baseRecord(
  input: Pick<TChatInput, "userId" | "apiKeyId" | "body" | "origin" | "kind" | "app">,
  id: string,
  createdAt: Date,
): TGenerationRecord {
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
    kind: input.kind ?? "chat",
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
    cachedPromptTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    route: null,
    cost: 0,
    attempts: [],
    dataPolicy: null,
    contentStored: false,
  };
}

/**
 * Records a request refused before the pipeline could read it (413, invalid JSON, the key's guardrails
 * or a rate limit), or whose client went away while sending it (499: recorded as cancelled).
 */
export function recordRejectedRequest(
  input: Omit<TChatInput, "body" | "signal" | "settingsUrl" | "guardrails">,
  error: AppError,
): string {
  const id = newGenerationId();
  const record = baseRecord({ ...input, body: null }, id, new Date());
  record.httpStatus = error.status;
  record.errorCode = (error.metadata?.code as string | undefined) ?? error.code;
  if (error.status === 499) {
    record.status = "cancelled";
    record.cancelled = true;
    record.errorCode = "cancelled";
    record.finishReason = "cancelled";
  }
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
  // The account's upstream slot (admission.ts), given back when the request ends.
  let releaseSlot: (() => void) | null = null;
  // The slot at the provider of the attempt under way (provider-queue.ts); a stream's until it ends.
  let providerSlots: ProviderSlots | null = null;
  // The endpoint serving a stream: its speed is measured when the stream ends.
  let streamingEndpointId: string | null = null;
  // Every exit hands the record over through exactly one of these two: `fail`, or `finalize` (a
  // served completion; a stream, from its `finally`).
  const finalize = () => {
    providerSlots?.release();
    releaseSlot?.();
    forgetSpend(input.userId, input.apiKeyId);
    if (streamingEndpointId !== null) observeStreamEnd(streamingEndpointId, record);
    record.contentStored = capture !== null;
    const content = capture ? capture.seal() : null;
    const sample =
      record.status === "success" && messagesForSampling
        ? sampleRequest({
            isLinked: capture !== null,
            userId: input.userId,
            generationId: id,
            model: record.model,
            messages: messagesForSampling,
          })
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
    if (!parsed.ok)
      return fail(
        new AppError("bad_request", `Invalid request: ${parsed.field}: ${parsed.message}`, {
          metadata: { field: parsed.field },
        }),
      );
    if (input.origin === "chat") {
      const limited = await chatRateRefusal(input.userId);
      if (limited) return fail(limited);
    }
    let body = parsed.value;
    const isStream = body.stream === true;
    record.streamed = isStream;

    const modelIds = requestedModelIds(body);
    record.model = modelIds[0]!.slice(0, 200);
    const catalog = await getCatalog();
    const requested = findRequestedModels(catalog.modelById, modelIds);
    if (requested instanceof AppError) return fail(requested);
    const embedding = requested.find((model) => model.output !== "text");
    if (embedding)
      return fail(
        new AppError("bad_request", `Invalid request: model: ${embedding.id} is an embedding model; use /embeddings`, {
          metadata: { field: "model", code: "embedding_model" },
        }),
      );

    // The restrictions it routes under (request-policy.ts): the account's limits and the key's
    // guardrails, then the instance floor with the account's settings as they are when the request starts, which decide routing and
    // logging for all of it.
    const resolved = await resolveRequestPolicy(input, requested, body.provider ?? {}, catalog);
    if (resolved instanceof AppError) return fail(resolved);
    const { models, prefs, settings } = resolved;
    if (settings.promptLogging)
      capture = await ContentCapture.start(id, input.userId, body.messages, settings.contentRetentionDays);
    messagesForSampling = body.messages;
    // The plan (route-plan.ts) is what POST /api/v1/route shows: models, policy, middle-out, order.
    // The key's provider layer travels as the request's `provider` preferences (never sent upstream).
    const routedAt = Date.now();
    const plan = planRoute(
      { ...body, provider: prefs },
      models,
      settings,
      input.settingsUrl,
      healthMonitor().snapshot(),
      routedAt,
    );
    // "Why this provider", kept with the record: the plan's candidates and exclusions, no content.
    record.route = routeTraceOf(plan);
    if ("refusal" in plan.candidates) {
      // Refused only because of the account's or the key's provider limits: their refusal (403), not routing's.
      const limited = resolved.limitsRefusal(
        (p) =>
          !(
            "refusal" in
            planRoute(
              { ...body, provider: p },
              models,
              settings,
              input.settingsUrl,
              healthMonitor().snapshot(),
              routedAt,
            ).candidates
          ),
      );
      return fail(limited ?? refusalError(plan.candidates.refusal));
    }
    const { candidates, shape } = plan;
    body = { ...plan.body, provider: body.provider };
    const slot = takeUpstreamSlot(input.userId);
    if (slot instanceof AppError) return fail(slot);
    releaseSlot = slot;
    const slots = (providerSlots = new ProviderSlots(input.userId, input.signal));

    // Each candidate in turn until one serves; a final failure (the client gone, the request itself
    // refused) ends the loop early.
    const context: TAttemptContext = {
      body,
      isStream,
      endUser: endUserForProvider(input.userId, body.user),
      timeouts: upstreamTimeouts(),
      signal: input.signal,
      onSending: input.onSending
        ? (endpoint) =>
            input.onSending?.({
              generationId: id,
              provider: { slug: endpoint.provider.slug, name: endpoint.provider.name },
              dataPolicy: endpoint.dataPolicy,
              contentStored: capture !== null,
            })
        : undefined,
    };
    let lastFailure: UpstreamFailure | null = null;
    // Privet's own refusal of the request for one provider API (attempt.ts): another endpoint may
    // still take it; if none does, this is the answer.
    let unsupported: AdapterRequestError | null = null;
    // A model one of whose providers refused the request itself: its other providers would too.
    let rejectedModel: TModel | null = null;
    for (const { model, endpoint } of candidates) {
      if (input.signal.aborted) break;
      if (model === rejectedModel) continue;
      // A half-open circuit breaker lets one request probe at a time; the others go on to the next.
      if (!healthMonitor().startAttempt(endpoint.id)) continue;
      // The provider's policy goes with its attempt: whoever received the request is named with
      // the policy it had then, whatever the outcome (issue 14, item 18).
      const attempt: TAttempt = {
        provider: endpoint.provider.slug,
        status: 0,
        latency_ms: 0,
        sent: false,
        data_policy: endpoint.dataPolicy,
      };
      // Past the provider's limit the request waits its turn (provider-queue.ts); should the wait
      // run out, the attempt is noted as not sent and the next endpoint of the plan is tried.
      const taken = await slots.take(attempt);
      if (taken !== "slot") {
        healthMonitor().recordNeutral(endpoint.id);
        if (taken === "aborted") break;
        record.attempts.push(attempt);
        continue;
      }
      const outcome = await attemptEndpoint(endpoint, attempt, context);
      if (outcome.kind !== "stream") slots.release();
      observeAttempt(endpoint.id, outcome, attempt);
      if (outcome.kind === "unsupported") {
        unsupported ??= outcome.error;
        continue;
      }
      record.attempts.push(attempt);
      if (outcome.kind === "failed") {
        lastFailure = outcome.failure;
        // The client gone ends everything; a provider refusing the request (400, 413, 422) ends this
        // model, and the next model of `models` may still take it, as on OpenRouter.
        if (outcome.isFinal && outcome.failure.kind === "aborted") break;
        if (outcome.isFinal) rejectedModel = model;
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

      if (outcome.kind === "stream") {
        streamingEndpointId = endpoint.id;
        record.firstTokenMs = elapsed();
        const chunks = streamOut({
          id,
          model,
          endpoint,
          record,
          attempt,
          started,
          upstream: outcome,
          clientSignal: input.signal,
          estimatedPromptTokens: shape.estimatedTokens,
          capture,
          finalize,
        });
        return { kind: "stream", receipt, chunks };
      }

      const { completion } = outcome;
      const choice = completion.choices[0];
      // The adapters mapped the finish reasons and validated the usage (provider-values.ts).
      const text = choice?.message.content;
      const usage = settleUsage(record, endpoint, completion.usage ?? null, {
        prompt: shape.estimatedTokens,
        completion: typeof text === "string" ? Math.ceil(text.length / 4) : 0,
      });
      Object.assign(record, {
        status: "success",
        httpStatus: 200,
        finishReason: choice?.finish_reason ?? null,
        nativeFinishReason: choice?.native_finish_reason ?? choice?.finish_reason ?? null,
        latencyMs: elapsed(),
        firstTokenMs: elapsed(),
      });
      capture?.setCompletion(typeof choice?.message.content === "string" ? choice.message.content : "");
      finalize();
      // The adapter's answer is this request's own object: rewritten in place, not copied.
      const out = completion as TChatCompletion & { provider: string };
      for (const choice of out.choices) withReasoningDetails(choice.message);
      out.id = id;
      out.model = model.id;
      out.provider = endpoint.provider.name;
      out.usage = usage;
      // OpenRouter always sends the key, null when the provider named no fingerprint.
      out.system_fingerprint = typeof completion.system_fingerprint === "string" ? completion.system_fingerprint : null;
      return { kind: "completion", receipt, completion: out };
    }

    if (record.attempts.length > 0 && record.attempts.every((a) => a.error === PROVIDER_BUSY) && !input.signal.aborted)
      return fail(providerBusyError(record.attempts));
    if (unsupported && record.attempts.length === 0 && !input.signal.aborted) {
      return fail(
        new AppError("bad_request", `Invalid request: ${unsupported.message}`, {
          metadata: { field: unsupported.field, code: "unsupported_by_provider_api" },
        }),
      );
    }
    return fail(errorForFailures(record.attempts, lastFailure, input.signal.aborted));
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    logError("pipeline error", error, { requestId: id });
    return fail(new AppError("internal", `Internal error (generation ${id}).`));
  }
}

/** The client-facing error once every attempt failed (or the only allowed one did). */
export function errorForFailures(attempts: TAttempt[], last: UpstreamFailure | null, isCancelled: boolean): AppError {
  const list = attempts.map((a) => ({ provider: a.provider, status: a.status }));
  if (isCancelled)
    return new AppError("bad_request", "The client closed the request.", { status: 499, metadata: { attempts: list } });
  if (last && last.kind === "http" && !isRetryableStatus(last.status)) {
    return new AppError("bad_request", `The provider rejected the request (HTTP ${last.status}).`, {
      metadata: { code: "upstream_rejected", attempts: list },
    });
  }
  if (attempts.length === 1 && last?.kind === "http" && last.status === 429) {
    return new AppError("rate_limited", "The provider is rate limiting requests; retry later.", {
      metadata: { code: "upstream_rate_limited", attempts: list },
      headers: last.retryAfter !== undefined ? { "retry-after": String(last.retryAfter) } : undefined,
    });
  }
  if (attempts.length > 0 && attempts.every((a) => a.error === "timeout")) {
    return new AppError("timeout", "The provider did not answer in time.", {
      metadata: { code: "upstream_timeout", attempts: list },
    });
  }
  return new AppError("upstream_error", `Every provider attempt failed (${attempts.length} tried).`, {
    metadata: { code: "upstream_failed", attempts: list },
  });
}
