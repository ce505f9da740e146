// The routing plan of one validated chat request: which models it names, the policy decision for
// each, middle-out when the request is too long for every endpoint that would otherwise take it,
// and the endpoints to try in order — or the refusal. The chat pipeline (pipeline.ts) follows the
// plan; POST /api/v1/route shows it (describeRoutePlan) without calling anyone, so the two cannot
// disagree. Pure: the caller reads the catalog and the account's settings.
import { AppError, errorBody, type TErrorBody } from "@/lib/errors";
import { dataPolicyToApi } from "@/lib/catalog/api";
import type { TEndpoint, TModel } from "@/lib/catalog/types";
import type { TRequestFeature } from "@/lib/policy/capabilities";
import { excludedByOf } from "@/lib/policy/refusal";
import {
  contextWindowToFit,
  endpointPrice,
  getEndpointsToAttempt,
  isSortedAcrossModels,
  orderEligible,
  refusalFor,
  selectEndpoints,
} from "@/lib/policy";
import { sortKeyOf } from "@/lib/policy/select-endpoints";
import type { TRouteTrace } from "@/lib/generations/route-trace";
import type {
  TAccountPolicy,
  TEndpointHealth,
  TExcludedByStep,
  TProviderPreferences,
  TRefusal,
  TRequestShape,
  TRoutingDecision,
} from "@/lib/policy/types";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters";
import type { TProviderSort } from "@/lib/vocabulary";
import { applyMiddleOut } from "@/lib/gateway/middle-out";
import { estimateTokens, requestShapeOf } from "@/lib/gateway/request-shape";

export type TRouteCandidate = { model: TModel; endpoint: TEndpoint };

export type TRoutePlan = {
  /** The body to send: the request's own, or its middle-out compression. */
  body: TPrivetChatRequest;
  shape: TRequestShape;
  /** Whether middle-out removed messages to fit a context window. */
  isCompressed: boolean;
  /** Each model's decision, in the request's model order. */
  decisions: { model: TModel; decision: TRoutingDecision }[];
  /** The endpoints to try, in order (never empty), or the refusal when nothing is eligible. */
  candidates: TRouteCandidate[] | { refusal: TRefusal };
  /** Eligible endpoints left out for now because their circuit breaker is open (others remain). */
  skipped: (TRouteCandidate & { health: TEndpointHealth })[];
  /** What Privet measured of each endpoint (those it has measured). */
  health: ReadonlyMap<string, TEndpointHealth>;
  /** The routing preferences the plan followed (the request's, with a `:nitro`/`:floor` sort). */
  prefs: TProviderPreferences;
};

/**
 * OpenRouter's model variants that only choose an order: `:nitro` sorts by throughput, `:floor` by
 * price, exactly as `provider.sort` would.
 */
const SORT_VARIANTS: readonly [string, TProviderSort][] = [
  [":nitro", "throughput"],
  [":floor", "price"],
];

function withoutVariant(modelId: string): string {
  const variant = SORT_VARIANTS.find(([suffix]) => modelId.endsWith(suffix));
  return variant ? modelId.slice(0, -variant[0].length) : modelId;
}

/** The sort a `:nitro` or `:floor` model id asks for (the first such id named), if any. */
function variantSort(body: Pick<TPrivetChatRequest, "model" | "models">): TProviderSort | undefined {
  for (const modelId of [...(body.model ? [body.model] : []), ...(body.models ?? [])]) {
    const variant = SORT_VARIANTS.find(([suffix]) => modelId.endsWith(suffix));
    if (variant) return variant[1];
  }
  return undefined;
}

/** The models a request names: `model`, then `models`, each once, without a `:nitro`/`:floor` suffix. */
export function requestedModelIds(body: Pick<TPrivetChatRequest, "model" | "models">): string[] {
  const ids =
    body.models === undefined && body.model
      ? [body.model]
      : [...(body.model ? [body.model] : []), ...(body.models ?? [])];
  return [...new Set(ids.map(withoutVariant))];
}

/** The routing preferences: the request's `provider`, with the sort a model variant names unless it sets one. */
function preferencesOf(body: TPrivetChatRequest): TProviderPreferences {
  const prefs: TProviderPreferences = body.provider ?? {};
  const sort = variantSort(body);
  return sort !== undefined && prefs.sort === undefined ? { ...prefs, sort } : prefs;
}

/** The model's endpoints carrying what Privet measured of them, for ordering. */
function withHealth(model: TModel, health: ReadonlyMap<string, TEndpointHealth>): TModel {
  return {
    ...model,
    endpoints: model.endpoints.map((endpoint) => {
      const measured = health.get(endpoint.id);
      return measured
        ? {
            ...endpoint,
            latencyMs: measured.latencyMs,
            throughputTokensPerSecond: measured.throughputTokensPerSecond,
            health: measured.tier,
          }
        : endpoint;
    }),
  };
}

/** The catalog's models for these ids, or the 404 naming the first id the catalog does not know. */
export function findRequestedModels(
  modelById: ReadonlyMap<string, TModel>,
  modelIds: readonly string[],
): TModel[] | AppError {
  const models: TModel[] = [];
  for (const modelId of modelIds) {
    const model = modelById.get(modelId);
    if (!model)
      return new AppError("not_found", `Model not found: ${modelId.slice(0, 200)}`, {
        metadata: { code: "model_not_found", model: modelId.slice(0, 200) },
      });
    models.push(model);
  }
  return models;
}

/** The refusal as the API answers it (404, or 503 when nothing is configured). */
export function refusalError(refusal: TRefusal): AppError {
  return new AppError(refusal.status === 503 ? "unavailable" : "not_found", refusal.message, {
    status: refusal.status,
    metadata: refusal.metadata,
  });
}

/** Routes a validated request over its models under the account's settings (a snapshot). Pure given its inputs. */
export function planRoute(
  body: TPrivetChatRequest,
  models: readonly TModel[],
  settings: TAccountPolicy,
  settingsUrl: string | (() => string),
  health: ReadonlyMap<string, TEndpointHealth>,
  /** When the request is routed (ms since the epoch): catalog policy ages are measured to it. */
  now: number,
): TRoutePlan {
  const prefs = preferencesOf(body);
  const measured = health.size > 0 ? models.map((model) => withHealth(model, health)) : models;
  let shape: TRequestShape = { ...requestShapeOf(body), routedAt: now };
  let plan = candidatesFor(measured, settings, prefs, shape, settingsUrl, health);
  if ("refusal" in plan.candidates) {
    // Too long for every endpoint that would otherwise take it: middle-out, when on, removes
    // messages from the middle to fit the largest of their windows, and routing runs again.
    const first = measured[0]!;
    const compressed = applyMiddleOut(
      body,
      first.contextLength,
      contextWindowToFit(first.endpoints, settings, prefs, shape),
    );
    if (compressed) {
      shape = { ...shape, estimatedTokens: estimateTokens(compressed) };
      plan = candidatesFor(measured, settings, prefs, shape, settingsUrl, health);
      return { body: compressed, shape, isCompressed: true, health, prefs, ...plan };
    }
  }
  return { body, shape, isCompressed: false, health, prefs, ...plan };
}

/**
 * The endpoints to try, in order: every eligible endpoint of each model in turn, or only the first
 * choice under `allow_fallbacks: false` (its failure is then the answer). None: the refusal.
 * Endpoints whose circuit breaker is open are skipped while any other remains; when none does
 * they are tried, last, rather than refuse a request a recovered provider could serve.
 */
export function candidatesFor(
  models: readonly TModel[],
  settings: TAccountPolicy,
  prefs: TProviderPreferences,
  shape: TRequestShape,
  settingsUrl: string | (() => string),
  health: ReadonlyMap<string, TEndpointHealth>,
): Pick<TRoutePlan, "decisions" | "candidates" | "skipped"> {
  const decisions = models.map((model) => ({
    model,
    decision: selectEndpoints(model.endpoints, settings, prefs, shape),
  }));
  const first = decisions.find(({ decision }) => decision.eligible.length > 0);
  if (!first) {
    // Nothing eligible for any model: the first model's refusal says why (there is always a
    // model, and refusalFor answers whenever nothing is eligible).
    const refused = decisions[0]!;
    const url = typeof settingsUrl === "function" ? settingsUrl() : settingsUrl;
    return { decisions, candidates: { refusal: refusalFor(refused.decision, refused.model.id, url)! }, skipped: [] };
  }
  let ordered: TRouteCandidate[];
  if (prefs.allow_fallbacks === false) {
    ordered = getEndpointsToAttempt(first.decision, prefs).map((endpoint) => ({ model: first.model, endpoint }));
  } else {
    const all = decisions.flatMap(({ model, decision }) => decision.eligible.map((endpoint) => ({ model, endpoint })));
    if (!isSortedAcrossModels(prefs)) {
      ordered = all;
    } else {
      // `sort.partition: "none"`: every model's endpoints sorted together, models in list order on ties.
      const modelOf = new Map(all.map((candidate) => [candidate.endpoint, candidate.model]));
      ordered = orderEligible(
        all.map((candidate) => candidate.endpoint),
        prefs,
      ).map((endpoint) => ({ model: modelOf.get(endpoint)!, endpoint }));
    }
  }
  const downHealth = (candidate: TRouteCandidate) => {
    const measured = health.get(candidate.endpoint.id);
    return measured?.tier === "down" ? measured : undefined;
  };
  const up = ordered.filter((candidate) => downHealth(candidate) === undefined);
  if (up.length === 0 || up.length === ordered.length) return { decisions, candidates: ordered, skipped: [] };
  const skipped = ordered.flatMap((candidate) => {
    const measured = downHealth(candidate);
    return measured ? [{ ...candidate, health: measured }] : [];
  });
  return { decisions, candidates: up, skipped };
}

export type TRouteEndpoint = {
  model: string;
  provider: string;
  provider_name: string;
  /** USD per million prompt and completion tokens, and per request. */
  pricing: { prompt: number; completion: number; request: number };
  data_policy: ReturnType<typeof dataPolicyToApi>;
  /** What Privet measured of the endpoint recently, or null when it has not been used. */
  health: {
    circuit_breaker: TEndpointHealth["breaker"];
    consecutive_failures: number;
    latency_ms: number | null;
    throughput_tokens_per_second: number | null;
    error_rate: number | null;
  } | null;
};

function healthToApi(health: TEndpointHealth | undefined): TRouteEndpoint["health"] {
  if (!health) return null;
  return {
    circuit_breaker: health.breaker,
    consecutive_failures: health.consecutiveFailures,
    latency_ms: health.latencyMs === null ? null : Math.round(health.latencyMs),
    throughput_tokens_per_second:
      health.throughputTokensPerSecond === null ? null : Math.round(health.throughputTokensPerSecond * 10) / 10,
    error_rate: health.errorRate === null ? null : Math.round(health.errorRate * 1000) / 1000,
  };
}

/** The answer of POST /api/v1/route. */
export type TRouteExplanation = {
  data: {
    /** The models the request names, in order. */
    models: string[];
    /** What the request needs an endpoint to serve (the capabilities step). */
    features: TRequestFeature[];
    /** Privet's estimate of the tokens the request needs (prompt plus requested output). */
    estimated_tokens: number;
    /** Whether middle-out would remove messages to fit a context window. */
    middle_out: boolean;
    /** The endpoints Privet would try, in order; the first that answers serves. */
    endpoints: TRouteEndpoint[];
    /** Eligible endpoints that would not be tried (`allow_fallbacks: false`, an open circuit breaker). */
    not_attempted: { model: string; provider: string; reason: string }[];
    /** Every endpoint left out, model by model, in step order: the refusal's `excluded_by` with the model. */
    excluded: { model: string; provider: string; step: TExcludedByStep; reason: string }[];
    /** The error a chat request would get instead of an answer (no endpoint left), or null. */
    error: TErrorBody["error"] | null;
  };
};

function breakerReason(health: TEndpointHealth): string {
  return health.retryAt === null
    ? "circuit breaker half-open: another request is probing this endpoint"
    : `circuit breaker open after ${health.consecutiveFailures} failures in a row; next probe after ${new Date(health.retryAt).toISOString()}`;
}

/** Eligible endpoints that would not be tried, and why (none when nothing is tried at all). */
function notAttemptedOf(plan: TRoutePlan): TRouteExplanation["data"]["not_attempted"] {
  const tried = "refusal" in plan.candidates ? [] : plan.candidates;
  if (tried.length === 0) return [];
  const triedIds = new Set(tried.map(({ endpoint }) => endpoint.id));
  return plan.decisions.flatMap(({ model, decision }) =>
    decision.eligible
      .filter((endpoint) => !triedIds.has(endpoint.id))
      .map((endpoint) => {
        const skipped = plan.skipped.find((candidate) => candidate.endpoint.id === endpoint.id);
        return {
          model: model.id,
          provider: endpoint.provider.slug,
          reason: skipped
            ? breakerReason(skipped.health)
            : "provider.allow_fallbacks is false: only the first choice is tried",
        };
      }),
  );
}

/** Every endpoint left out, model by model, in step order. */
function excludedOf(plan: TRoutePlan): TRouteExplanation["data"]["excluded"] {
  return plan.decisions.flatMap(({ model, decision }) =>
    excludedByOf(decision.excluded).map((entry) => ({ model: model.id, ...entry })),
  );
}

/** What a plan says, in the API's words: the endpoints in order, what is left out and why. */
export function describeRoutePlan(plan: TRoutePlan): TRouteExplanation {
  const tried = "refusal" in plan.candidates ? [] : plan.candidates;
  return {
    data: {
      models: plan.decisions.map(({ model }) => model.id),
      features: plan.shape.features,
      estimated_tokens: plan.shape.estimatedTokens,
      middle_out: plan.isCompressed,
      endpoints: tried.map(({ model, endpoint }) => ({
        model: model.id,
        provider: endpoint.provider.slug,
        provider_name: endpoint.provider.name,
        pricing: {
          prompt: endpoint.pricing.prompt,
          completion: endpoint.pricing.completion,
          request: endpoint.pricing.request,
        },
        data_policy: dataPolicyToApi(endpoint.dataPolicy),
        health: healthToApi(plan.health.get(endpoint.id)),
      })),
      not_attempted: notAttemptedOf(plan),
      excluded: excludedOf(plan),
      error: "refusal" in plan.candidates ? errorBody(refusalError(plan.candidates.refusal)).error : null,
    },
  };
}

function isNamedIn(names: readonly string[] | undefined, endpoint: TEndpoint): boolean {
  const wanted = new Set((names ?? []).map((name) => name.trim().toLowerCase()));
  return wanted.has(endpoint.provider.slug.toLowerCase()) || wanted.has(endpoint.provider.name.toLowerCase());
}

/**
 * What the metadata record keeps of a plan ("why this provider", lib/generations/route-trace.ts): the
 * same candidates, exclusions and reasons as describeRoutePlan, compactly. Nothing of the messages.
 */
export function routeTraceOf(plan: TRoutePlan): TRouteTrace {
  const tried = "refusal" in plan.candidates ? [] : plan.candidates;
  const { prefs } = plan;
  return {
    sort: sortKeyOf(prefs) ?? "price",
    has_order: (prefs.order ?? []).length > 0,
    has_preferences: prefs.preferred_min_throughput !== undefined || prefs.preferred_max_latency !== undefined,
    no_fallbacks: prefs.allow_fallbacks === false,
    middle_out: plan.isCompressed,
    candidates: tried.map(({ model, endpoint }) => {
      const health = plan.health.get(endpoint.id);
      const price = endpointPrice(endpoint);
      return {
        model: model.id,
        provider: endpoint.provider.slug,
        price: Number.isFinite(price) ? price : -1,
        health: health?.tier ?? null,
        latency_ms: health?.latencyMs == null ? null : Math.round(health.latencyMs),
        throughput:
          health?.throughputTokensPerSecond == null ? null : Math.round(health.throughputTokensPerSecond * 10) / 10,
        ordered: isNamedIn(prefs.order, endpoint),
      };
    }),
    not_attempted: notAttemptedOf(plan),
    excluded: excludedOf(plan),
  };
}

/**
 * A body to explain: one without messages is routed as one empty user message, so its features
 * come from its other fields alone (a content part's kind is only known from the messages).
 */
export function withDefaultMessages(json: unknown): unknown {
  const isObject = typeof json === "object" && json !== null && !Array.isArray(json);
  return isObject && (json as { messages?: unknown }).messages == null
    ? { ...json, messages: [{ role: "user", content: "" }] }
    : json;
}
