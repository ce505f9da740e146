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
  getEndpointsToAttempt,
  isSortedAcrossModels,
  orderEligible,
  refusalFor,
  selectEndpoints,
} from "@/lib/policy";
import type {
  TAccountPolicy,
  TExcludedByStep,
  TProviderPreferences,
  TRefusal,
  TRequestShape,
  TRoutingDecision,
} from "@/lib/policy/types";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters";
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
};

/** The models a request names: `model`, then `models`, each once. */
export function requestedModelIds(body: Pick<TPrivetChatRequest, "model" | "models">): string[] {
  return body.models === undefined && body.model
    ? [body.model]
    : [...new Set([...(body.model ? [body.model] : []), ...(body.models ?? [])])];
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
): TRoutePlan {
  const prefs: TProviderPreferences = body.provider ?? {};
  let shape = requestShapeOf(body);
  let plan = candidatesFor(models, settings, prefs, shape, settingsUrl);
  if ("refusal" in plan.candidates) {
    // Too long for every endpoint that would otherwise take it: middle-out, when on, removes
    // messages from the middle to fit the largest of their windows, and routing runs again.
    const first = models[0]!;
    const compressed = applyMiddleOut(
      body,
      first.contextLength,
      contextWindowToFit(first.endpoints, settings, prefs, shape),
    );
    if (compressed) {
      shape = { ...shape, estimatedTokens: estimateTokens(compressed) };
      plan = candidatesFor(models, settings, prefs, shape, settingsUrl);
      return { body: compressed, shape, isCompressed: true, ...plan };
    }
  }
  return { body, shape, isCompressed: false, ...plan };
}

/**
 * The endpoints to try, in order: every eligible endpoint of each model in turn, or only the first
 * choice under `allow_fallbacks: false` (its failure is then the answer). None: the refusal.
 */
function candidatesFor(
  models: readonly TModel[],
  settings: TAccountPolicy,
  prefs: TProviderPreferences,
  shape: TRequestShape,
  settingsUrl: string | (() => string),
): Pick<TRoutePlan, "decisions" | "candidates"> {
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
    return { decisions, candidates: { refusal: refusalFor(refused.decision, refused.model.id, url)! } };
  }
  if (prefs.allow_fallbacks === false) {
    const only = getEndpointsToAttempt(first.decision, prefs).map((endpoint) => ({ model: first.model, endpoint }));
    return { decisions, candidates: only };
  }
  const all = decisions.flatMap(({ model, decision }) => decision.eligible.map((endpoint) => ({ model, endpoint })));
  if (!isSortedAcrossModels(prefs)) return { decisions, candidates: all };
  // `sort.partition: "none"`: every model's endpoints sorted together, models in list order on ties.
  const modelOf = new Map(all.map((candidate) => [candidate.endpoint, candidate.model]));
  const sorted = orderEligible(
    all.map((candidate) => candidate.endpoint),
    prefs,
  ).map((endpoint) => ({ model: modelOf.get(endpoint)!, endpoint }));
  return { decisions, candidates: sorted };
}

export type TRouteEndpoint = {
  model: string;
  provider: string;
  provider_name: string;
  /** USD per million prompt and completion tokens, and per request. */
  pricing: { prompt: number; completion: number; request: number };
  data_policy: ReturnType<typeof dataPolicyToApi>;
};

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
    /** Eligible endpoints that would not be tried (`allow_fallbacks: false`). */
    not_attempted: { model: string; provider: string; reason: string }[];
    /** Every endpoint left out, model by model, in step order: the refusal's `excluded_by` with the model. */
    excluded: { model: string; provider: string; step: TExcludedByStep; reason: string }[];
    /** The error a chat request would get instead of an answer (no endpoint left), or null. */
    error: TErrorBody["error"] | null;
  };
};

/** What a plan says, in the API's words: the endpoints in order, what is left out and why. */
export function describeRoutePlan(plan: TRoutePlan): TRouteExplanation {
  const tried = "refusal" in plan.candidates ? [] : plan.candidates;
  const triedIds = new Set(tried.map(({ endpoint }) => endpoint.id));
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
      })),
      // Only when something is tried: with nothing eligible there is nothing held back.
      not_attempted: plan.decisions.flatMap(({ model, decision }) =>
        tried.length === 0
          ? []
          : decision.eligible
              .filter((endpoint) => !triedIds.has(endpoint.id))
              .map((endpoint) => ({
                model: model.id,
                provider: endpoint.provider.slug,
                reason: "provider.allow_fallbacks is false: only the first choice is tried",
              })),
      ),
      excluded: plan.decisions.flatMap(({ model, decision }) =>
        excludedByOf(decision.excluded).map((entry) => ({ model: model.id, ...entry })),
      ),
      error: "refusal" in plan.candidates ? errorBody(refusalError(plan.candidates.refusal)).error : null,
    },
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
