// The embeddings pipeline (`POST /api/v1/embeddings`): the chat pipeline's routing, attempts and
// record (pipeline.ts), for OpenAI's embeddings API. validate → the model (an embedding model) →
// the account's settings, read once → selectEndpoints → each eligible OpenAI-compatible endpoint in
// turn until one answers → vectors rebuilt from numbers only → exactly one metadata record (input
// tokens, cost, latency, provider: never the input). The input is stored only with prompt logging.
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TEndpoint } from "@/lib/catalog/types";
import { firstFieldError } from "@/lib/gateway/chat-errors";
import { ZProviderPreferences } from "@/lib/gateway/chat-schema";
import { baseRecord, errorForFailures, metadataRecorder, newGenerationId } from "@/lib/gateway/pipeline";
import { resolveRequestPolicy } from "@/lib/gateway/request-policy";
import { candidatesFor, refusalError } from "@/lib/gateway/route-plan";
import { takeUpstreamSlot } from "@/lib/gateway/admission";
import { PROVIDER_BUSY, ProviderSlots, providerBusyError } from "@/lib/gateway/provider-queue";
import { forgetSpend } from "@/lib/limits/limits";
import { healthMonitor } from "@/lib/health/monitor";
import { observeAttempt } from "@/lib/health/observe";
import type { TChatInput, TReceipt } from "@/lib/gateway/pipeline";
import { markFailed } from "@/lib/gateway/attempt";
import { endUserForProvider } from "@/lib/gateway/end-user";
import { settleUsage } from "@/lib/gateway/cost";
import { retryAfterSeconds, tokenCount, usageOf } from "@/lib/gateway/adapters/provider-values";
import type { TUsage } from "@/lib/gateway/adapters/types";
import { joinUrl } from "@/lib/gateway/adapters/shared";
import { classifyError, startUpstream, upstreamTimeouts, UpstreamFailure } from "@/lib/gateway/upstream";
import type { TAttempt } from "@/lib/generations/record";
import { ContentCapture } from "@/lib/content/capture";
import { logError } from "@/lib/log";

export const MAX_EMBEDDING_INPUTS = 2048;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** A vector longer than this is a provider's mistake (the largest models give a few thousand). */
const MAX_DIMENSIONS = 65_536;

const ZTokenArray = z.array(z.int().min(0)).min(1);
const ZEmbeddingsRequest = z.strictObject({
  model: z.string().min(1),
  input: z.union(
    [
      z.string(),
      z.array(z.string()).min(1).max(MAX_EMBEDDING_INPUTS),
      ZTokenArray,
      z.array(ZTokenArray).min(1).max(MAX_EMBEDDING_INPUTS),
    ],
    { error: "must be a string, an array of strings, or token arrays" },
  ),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.int().min(1).max(MAX_DIMENSIONS).optional(),
  user: z.string().max(256).optional(),
  provider: ZProviderPreferences.optional(),
});

type TEmbeddingsRequest = z.output<typeof ZEmbeddingsRequest>;

const WORDING = {
  fieldOrder: new Map(Object.keys(ZEmbeddingsRequest.shape).map((key, i) => [key, i])),
  providerFields: Object.keys(ZProviderPreferences.shape),
};

export type TEmbeddingsInput = Omit<TChatInput, "origin" | "kind" | "onSending" | "settingsUrl"> & {
  settingsUrl: () => string;
};

export type TEmbeddingsResult =
  | { kind: "error"; error: AppError; generationId: string; contentStored: boolean }
  | { kind: "embeddings"; receipt: TReceipt; body: Record<string, unknown> };

/** A validated embeddings request, or the first field refused (worded by Privet, never echoing input). */
export function parseEmbeddingsRequest(
  json: unknown,
): { ok: true; value: TEmbeddingsRequest } | { ok: false; field: string; message: string } {
  const parsed = ZEmbeddingsRequest.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, ...firstFieldError(parsed.error.issues, json, WORDING) };
}

/** The input's texts (token arrays count as their tokens). */
function inputsOf(input: TEmbeddingsRequest["input"]): { texts: string[]; tokens: number } {
  if (typeof input === "string") return { texts: [input], tokens: Math.ceil(input.length / 4) };
  if (input.every((item): item is string => typeof item === "string"))
    return { texts: input, tokens: input.reduce((n, text) => n + Math.ceil(text.length / 4), 0) };
  if (input.every((item): item is number => typeof item === "number")) return { texts: [], tokens: input.length };
  const arrays = input as number[][];
  return { texts: [], tokens: arrays.reduce((n, tokens) => n + tokens.length, 0) };
}

/** The provider's vectors, rebuilt from finite numbers only, in input order; null when unusable. */
function vectorsOf(json: unknown, count: number): number[][] | null {
  if (typeof json !== "object" || json === null || !Array.isArray((json as { data?: unknown }).data)) return null;
  const data = (json as { data: unknown[] }).data;
  if (data.length !== count) return null;
  const out: (number[] | undefined)[] = new Array(count);
  for (const [position, item] of data.entries()) {
    if (typeof item !== "object" || item === null) return null;
    const { embedding, index } = item as { embedding?: unknown; index?: unknown };
    const at = index === undefined ? position : index;
    if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at >= count || out[at]) return null;
    if (!Array.isArray(embedding) || embedding.length === 0 || embedding.length > MAX_DIMENSIONS) return null;
    if (!embedding.every((v) => typeof v === "number" && Number.isFinite(v))) return null;
    out[at] = embedding as number[];
  }
  return out as number[][];
}

/** OpenAI's base64 form: the vector's float32 values, little-endian. */
function base64Of(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  for (const [i, v] of vector.entries()) buffer.writeFloatLE(v, i * 4);
  return buffer.toString("base64");
}

export async function runEmbeddings(input: TEmbeddingsInput): Promise<TEmbeddingsResult> {
  const started = performance.now();
  const id = newGenerationId();
  const record = baseRecord({ ...input, origin: "api", kind: "embeddings" }, id, new Date());
  const elapsed = () => Math.round(performance.now() - started);
  let capture: ContentCapture | null = null;
  // The account's upstream slot (admission.ts), given back when the request ends.
  let releaseSlot: (() => void) | null = null;
  const finalize = () => {
    releaseSlot?.();
    forgetSpend(input.userId, input.apiKeyId);
    record.contentStored = capture !== null;
    metadataRecorder().record(record, { content: capture ? capture.seal() : null, sample: null });
  };
  const fail = (error: AppError): TEmbeddingsResult => {
    record.status = input.signal.aborted ? "cancelled" : "error";
    record.cancelled = input.signal.aborted;
    record.httpStatus = error.status;
    record.errorCode = record.cancelled ? "cancelled" : ((error.metadata?.code as string | undefined) ?? error.code);
    record.latencyMs = elapsed();
    finalize();
    return { kind: "error", error, generationId: id, contentStored: record.contentStored };
  };

  try {
    const parsed = parseEmbeddingsRequest(input.body);
    if (!parsed.ok) {
      const { field, message } = parsed;
      return fail(new AppError("bad_request", `Invalid request: ${field}: ${message}`, { metadata: { field } }));
    }
    const body = parsed.value;
    const catalog = await getCatalog();
    const model = catalog.modelById.get(body.model);
    if (!model)
      return fail(
        new AppError("not_found", `Model not found: ${body.model.slice(0, 200)}`, {
          metadata: { code: "model_not_found", model: body.model.slice(0, 200) },
        }),
      );
    if (model.output !== "embeddings")
      return fail(
        new AppError("bad_request", `Invalid request: model: ${model.id} is not an embedding model`, {
          metadata: { field: "model", code: "not_an_embedding_model" },
        }),
      );

    // The same restrictions as chat (request-policy.ts): the account's limits, the key's guardrails, the floor, the account's settings.
    const resolved = await resolveRequestPolicy(input, [model], body.provider ?? {}, catalog);
    if (resolved instanceof AppError) return fail(resolved);
    const { settings, prefs } = resolved;
    const { texts, tokens } = inputsOf(body.input);
    if (settings.promptLogging)
      capture = await ContentCapture.start(
        id,
        input.userId,
        texts.map((text) => ({ role: "user" as const, content: text })),
        settings.contentRetentionDays,
      );
    const shape = {
      parameters: body.dimensions !== undefined ? ["dimensions"] : [],
      features: [],
      estimatedTokens: tokens,
      routedAt: Date.now(),
    };
    const health = healthMonitor().snapshot();
    const plan = candidatesFor([model], settings, prefs, shape, input.settingsUrl, health);
    if ("refusal" in plan.candidates) {
      // Refused only because of the account's or the key's provider limits: their refusal (403), not routing's.
      const limited = resolved.limitsRefusal(
        (p) => !("refusal" in candidatesFor([model], settings, p, shape, input.settingsUrl, health).candidates),
      );
      return fail(limited ?? refusalError(plan.candidates.refusal));
    }
    const candidates = plan.candidates;
    const slot = takeUpstreamSlot(input.userId);
    if (slot instanceof AppError) return fail(slot);
    releaseSlot = slot;
    // Past a provider's limit the request waits its turn (provider-queue.ts), as a chat request does.
    const slots = new ProviderSlots(input.userId, input.signal);

    const count = typeof body.input === "string" || typeof body.input[0] === "number" ? 1 : body.input.length;
    const endUser = endUserForProvider(input.userId, body.user);
    const timeouts = upstreamTimeouts();
    let lastFailure: UpstreamFailure | null = null;
    for (const { endpoint } of candidates) {
      if (input.signal.aborted) break;
      // Embeddings are OpenAI's API; a Messages-API provider has none.
      if (endpoint.provider.api !== "openai") continue;
      // A half-open circuit breaker lets one request probe at a time, as for chat (pipeline.ts).
      if (!healthMonitor().startAttempt(endpoint.id)) continue;
      const attempt: TAttempt = {
        provider: endpoint.provider.slug,
        status: 0,
        latency_ms: 0,
        sent: false,
        data_policy: endpoint.dataPolicy,
      };
      const taken = await slots.take(attempt);
      if (taken !== "slot") healthMonitor().recordNeutral(endpoint.id);
      if (taken === "aborted") break;
      record.attempts.push(attempt);
      if (taken === "busy") continue;
      const outcome = await attemptEmbeddings(endpoint, attempt, body, count, endUser, timeouts, input.signal);
      slots.release();
      // What counts against the endpoint's health is what counts for chat (observe.ts).
      if (outcome.kind === "failed") observeAttempt(endpoint.id, outcome, attempt);
      else healthMonitor().recordSuccess(endpoint.id, attempt.latency_ms);
      if (outcome.kind === "failed") {
        lastFailure = outcome.failure;
        if (outcome.isFinal) break;
        continue;
      }
      const usage = settleUsage(record, endpoint, outcome.usage, { prompt: tokens, completion: 0 });
      Object.assign(record, {
        providerSlug: endpoint.provider.slug,
        providerName: endpoint.provider.name,
        upstreamModel: endpoint.upstreamModel,
        dataPolicy: endpoint.dataPolicy,
        model: model.id,
        status: "success",
        httpStatus: 200,
        latencyMs: elapsed(),
        firstTokenMs: elapsed(),
      });
      finalize();
      const isBase64 = body.encoding_format === "base64";
      return {
        kind: "embeddings",
        receipt: {
          generationId: id,
          model: model.id,
          provider: { slug: endpoint.provider.slug, name: endpoint.provider.name },
          dataPolicy: endpoint.dataPolicy,
          contentStored: capture !== null,
        },
        body: {
          id,
          object: "list",
          data: outcome.vectors.map((vector, index) => ({
            object: "embedding",
            index,
            embedding: isBase64 ? base64Of(vector) : vector,
          })),
          model: model.id,
          provider: endpoint.provider.name,
          usage: { prompt_tokens: usage.prompt_tokens, total_tokens: usage.prompt_tokens, cost: usage.cost },
        },
      };
    }
    if (record.attempts.length > 0 && record.attempts.every((a) => a.error === PROVIDER_BUSY) && !input.signal.aborted)
      return fail(providerBusyError(record.attempts));
    if (record.attempts.length === 0 && !input.signal.aborted)
      return fail(
        new AppError("unavailable", `No endpoint of ${model.id} serves OpenAI's embeddings API.`, {
          metadata: { code: "no_embeddings_endpoint" },
        }),
      );
    return fail(errorForFailures(record.attempts, lastFailure, input.signal.aborted));
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    logError("embeddings pipeline error", error, { requestId: id });
    return fail(new AppError("internal", `Internal error (generation ${id}).`));
  }
}

type TEmbeddingsOutcome = { kind: "served"; vectors: number[][]; usage: TUsage | null } | ReturnType<typeof markFailed>;

/** One endpoint's answer: only Privet's fields go out, and only numbers come back. */
async function attemptEmbeddings(
  endpoint: TEndpoint,
  attempt: TAttempt,
  body: TEmbeddingsRequest,
  count: number,
  endUser: string | null,
  timeouts: ReturnType<typeof upstreamTimeouts>,
  signal: TEmbeddingsInput["signal"],
): Promise<TEmbeddingsOutcome> {
  const started = performance.now();
  const apiKey = endpoint.provider.apiKeyEnv ? (process.env[endpoint.provider.apiKeyEnv] ?? null) : null;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  // Always floats from the provider: Privet checks every number, then encodes base64 itself.
  const out: Record<string, unknown> = { model: endpoint.upstreamModel, input: body.input, encoding_format: "float" };
  if (body.dimensions !== undefined) out.dimensions = body.dimensions;
  if (endUser !== null) out.user = endUser;
  const call = startUpstream(
    { url: joinUrl(endpoint.provider.baseUrl, "/embeddings"), headers, body: JSON.stringify(out) },
    timeouts,
    signal,
  );
  try {
    const response = await call.response;
    if (response.status < 200 || response.status >= 300) {
      response.dump();
      return markFailed(
        attempt,
        new UpstreamFailure(
          "http",
          response.status,
          `HTTP ${response.status}`,
          retryAfterSeconds(response.headers["retry-after"]),
        ),
        started,
      );
    }
    const raw = await response.readAll(MAX_RESPONSE_BYTES);
    response.release();
    let json: unknown = null;
    try {
      json = raw === null ? null : JSON.parse(raw.toString("utf8"));
    } catch {
      json = null;
    }
    const vectors = vectorsOf(json, count);
    if (!vectors)
      return markFailed(
        attempt,
        new UpstreamFailure("malformed", 502, "the provider sent embeddings Privet cannot read"),
        started,
      );
    const reported = (json as { usage?: { prompt_tokens?: unknown } }).usage;
    const prompt = tokenCount(reported?.prompt_tokens);
    attempt.status = response.status;
    attempt.sent = true;
    attempt.latency_ms = Math.round(performance.now() - started);
    return {
      kind: "served",
      vectors,
      usage: prompt === undefined ? null : (usageOf({ prompt, completion: 0 }) ?? null),
    };
  } catch (error) {
    call.destroy();
    return markFailed(attempt, classifyError(error, call), started);
  }
}
