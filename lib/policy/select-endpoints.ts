// The routing eligibility decision: which endpoints of a model may receive this request, and why
// each of the others may not. Pure: no I/O, no clock, no environment. PRODUCT.md rules 3–6 live here.
import type { TEndpoint } from "@/lib/catalog/types";
import { capabilityProblem } from "@/lib/policy/capabilities";
import { isPolicyStale, withStalenessApplied } from "@/lib/policy/policy-age";
import { EU_COUNTRIES, type TProviderSort } from "@/lib/vocabulary";
import type {
  TAccountPolicy,
  TEndpointHints,
  TPerformanceCutoff,
  TExclusion,
  TPolicyStep,
  TProviderPreferences,
  TRequestShape,
  TRoutingDecision,
} from "@/lib/policy/types";

/** The filtering steps in the order they run. An endpoint is attributed to the first one it fails. */
export const POLICY_STEPS: readonly TPolicyStep[] = [
  "account_ignore",
  "training",
  "zdr",
  "data_collection",
  "data_regions",
  "retention",
  "only",
  "ignore",
  "require_parameters",
  "capabilities",
  "quantization",
  "max_price",
  "context_length",
  "unavailable",
];

/** Steps that enforce the data policy (as opposed to request preferences or availability). */
export const DATA_POLICY_STEPS: ReadonlySet<TPolicyStep> = new Set<TPolicyStep>([
  "account_ignore",
  "training",
  "zdr",
  "data_collection",
  "data_regions",
  "retention",
]);

/**
 * Request fields every endpoint is assumed to handle, so `require_parameters` never excludes on
 * them: they are routing/transport fields the gateway consumes itself (model, models, provider,
 * route, transforms, user) or the minimum of any chat call (messages, stream, stream_options).
 * Everything else, including max_tokens, must appear in the endpoint's `supportedParameters`.
 */
export const ALWAYS_SUPPORTED_PARAMETERS: ReadonlySet<string> = new Set([
  "model",
  "messages",
  "stream",
  "stream_options",
  "provider",
  "models",
  "user",
  "route",
  "transforms",
]);

export type TEndpointWithHints = TEndpoint & TEndpointHints;

type TStepContext = {
  account: TAccountPolicy;
  prefs: TProviderPreferences;
  request: TRequestShape;
  accountIgnored: ReadonlySet<string>;
  isZdrRequired: boolean;
  zdrSource: string;
  isDataCollectionDenied: boolean;
  /** The regions the account (under the instance floor) allows (upper case), or null for any. */
  accountRegions: ReadonlySet<string> | null;
  /** The regions the request allows (upper case), or null when the request names none. */
  requestRegions: ReadonlySet<string> | null;
  onlyProviders: ReadonlySet<string> | null;
  ignoredByRequest: ReadonlySet<string>;
  requiredParameters: readonly string[] | null;
  allowedQuantizations: ReadonlySet<string> | null;
};

/** The steps that read the provider's data policy, which a stale policy (policy-age.ts) makes unknown for. */
const POLICY_READING_STEPS: ReadonlySet<TPolicyStep> = new Set<TPolicyStep>([
  "training",
  "zdr",
  "data_collection",
  "retention",
]);

/** A step returns null when the endpoint passes, otherwise the reason it does not. */
type TStepCheck = (endpoint: TEndpoint, ctx: TStepContext) => string | null;

// Provider lists are matched case-insensitively against the slug or the display name, because
// Clients send either ("openai" or "OpenAI") and a typo in case must not silently
// turn an `ignore` into a no-op.
function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

function toNameSet(names: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((names ?? []).map(normalizeName));
}

function isProviderIn(endpoint: TEndpoint, names: ReadonlySet<string>): boolean {
  return names.has(normalizeName(endpoint.provider.slug)) || names.has(normalizeName(endpoint.provider.name));
}

const EU: ReadonlySet<string> = new Set(EU_COUNTRIES);

/** Whether prompts processed in `region` stay inside the allowed regions ("EU" allows each member state). */
export function isWithinRegions(region: string, allowed: ReadonlySet<string>): boolean {
  return allowed.has(region) || (allowed.has("EU") && EU.has(region));
}

function toRegionSet(regions: readonly string[]): ReadonlySet<string> {
  return new Set(regions.map((region) => region.trim().toUpperCase()));
}

/**
 * Why a provider's regions are not all inside `allowed` (rule 5: unknown regions may be anywhere),
 * or null. `source` names who set the limit.
 */
function regionProblem(endpoint: TEndpoint, allowed: ReadonlySet<string>, source: string): string | null {
  if (allowed.size === 0) return `no data region is allowed; ${source}`;
  const list = [...allowed].join(", ");
  const regions = endpoint.provider.dataRegions;
  if (regions === null || regions.length === 0) {
    return `data region unknown (treated as outside ${list}); ${source}`;
  }
  const outside = regions.filter((region) => !isWithinRegions(region.toUpperCase(), allowed));
  return outside.length === 0 ? null : `processes prompts in ${outside.join(", ")}, outside ${list}; ${source}`;
}

function formatUsd(value: number): string {
  return `$${value}`;
}

/** Why a provider's publishing policy is unsafe (rule 5: unknown counts as "may publish"), or null. */
function publishingProblem(policy: TEndpoint["dataPolicy"]): string | null {
  if (policy.canPublish === false) return null;
  return policy.canPublish === null ? "publishing policy unknown (treated as may publish)" : "may publish prompts";
}

const STEP_CHECKS: Record<TPolicyStep, TStepCheck> = {
  account_ignore: (endpoint, ctx) =>
    isProviderIn(endpoint, ctx.accountIgnored) ? "provider is in the account's ignored providers" : null,

  training: (endpoint, ctx) => {
    // Rule 3 with the paid/free split: each tier is judged by its own setting only.
    const isAllowed = endpoint.free ? ctx.account.allowTrainingFree : ctx.account.allowTrainingPaid;
    if (isAllowed) return null;
    const setting = endpoint.free ? "free-model training is off" : "paid-model training is off";
    // Rule 5: unknown is treated as "may train", but the reason says which of the two it was.
    if (endpoint.dataPolicy.training !== false) {
      return endpoint.dataPolicy.training === null
        ? `training policy unknown (treated as may train); ${setting}`
        : `may train on prompts; ${setting}`;
    }
    // Publishing prompts is a use of them at least as wide as training: an account that keeps its
    // data out of training keeps it away from providers that may publish it.
    const publishing = publishingProblem(endpoint.dataPolicy);
    return publishing ? `${publishing}; ${setting}` : null;
  },

  zdr: (endpoint, ctx) => {
    if (!ctx.isZdrRequired) return null;
    if (endpoint.dataPolicy.zdr !== true) {
      return endpoint.dataPolicy.zdr === null
        ? `zero-data-retention status unknown (treated as not ZDR); ZDR is required by ${ctx.zdrSource}`
        : `not a zero-data-retention endpoint; ZDR is required by ${ctx.zdrSource}`;
    }
    // A provider that may publish prompts keeps them somewhere, whatever its ZDR flag says.
    const publishing = publishingProblem(endpoint.dataPolicy);
    return publishing ? `${publishing}; ZDR is required by ${ctx.zdrSource}` : null;
  },

  data_collection: (endpoint, ctx) => {
    if (!ctx.isDataCollectionDenied) return null;
    const { training, retainsPrompts, retentionDays, canPublish } = endpoint.dataPolicy;
    const problems: string[] = [];
    if (training === true) problems.push("may train on prompts");
    if (training === null) problems.push("training policy unknown");
    if (retainsPrompts === true) {
      problems.push(retentionDays === null ? "retains prompts" : `retains prompts for ${retentionDays} days`);
    }
    if (retainsPrompts === null) problems.push("retention policy unknown");
    if (canPublish === true) problems.push("may publish prompts");
    if (canPublish === null) problems.push("publishing policy unknown");
    if (problems.length === 0) return null;
    const isUnknown = training === null || retainsPrompts === null || canPublish === null;
    return `${problems.join(" and ")}${isUnknown ? " (unknown is treated as unsafe)" : ""}; the request set provider.data_collection to "deny"`;
  },

  // The account's regions and the request's both apply: a provider must lie inside each, so the
  // request can only narrow what the account (under the instance floor) allows.
  data_regions: (endpoint, ctx) =>
    (ctx.accountRegions === null
      ? null
      : regionProblem(
          endpoint,
          ctx.accountRegions,
          "the account's allowed data regions (account settings or instance policy)",
        )) ??
    (ctx.requestRegions === null
      ? null
      : regionProblem(endpoint, ctx.requestRegions, "the request set provider.data_regions")),

  retention: (endpoint, ctx) => {
    const max = ctx.account.maxRetentionDays;
    if (max === null) return null;
    const { retainsPrompts, retentionDays } = endpoint.dataPolicy;
    // A provider that keeps nothing passes whatever its period field says.
    if (retainsPrompts === false) return null;
    const limit = `the maximum retention is ${max} day${max === 1 ? "" : "s"} (account settings or instance policy)`;
    // Rule 5: unknown retention, or retention for an unknown period, counts as too long.
    if (retainsPrompts === null) return `retention policy unknown (treated as retaining too long); ${limit}`;
    if (retentionDays === null) return `retains prompts for an unknown period; ${limit}`;
    return retentionDays > max ? `retains prompts for ${retentionDays} days; ${limit}` : null;
  },

  only: (endpoint, ctx) =>
    ctx.onlyProviders !== null && !isProviderIn(endpoint, ctx.onlyProviders)
      ? "provider is not in the request's provider.only list"
      : null,

  ignore: (endpoint, ctx) =>
    isProviderIn(endpoint, ctx.ignoredByRequest) ? "provider is in the request's provider.ignore list" : null,

  require_parameters: (endpoint, ctx) => {
    if (ctx.requiredParameters === null) return null;
    const supported = new Set(endpoint.supportedParameters);
    const missing = ctx.requiredParameters.filter((name) => !supported.has(name));
    return missing.length === 0
      ? null
      : `does not support the request parameter${missing.length === 1 ? "" : "s"} ${missing.join(", ")}; the request set provider.require_parameters`;
  },

  // After require_parameters: under that flag an endpoint missing a listed parameter is attributed
  // to it; without it, a feature the request uses still has to be served (never silently dropped).
  capabilities: (endpoint, ctx) => capabilityProblem(endpoint, ctx.request.features),

  quantization: (endpoint, ctx) => {
    if (ctx.allowedQuantizations === null) return null;
    const quantization = endpoint.quantization ?? "unknown";
    return ctx.allowedQuantizations.has(normalizeName(quantization))
      ? null
      : `quantization ${quantization} is not in the request's provider.quantizations (${[...ctx.allowedQuantizations].join(", ")})`;
  },

  max_price: (endpoint, ctx) => {
    const maxPrice = ctx.prefs.max_price;
    // max_price.image and .audio cap per-image and per-audio prices, which no endpoint in Privet's
    // catalog charges (images and audio count as prompt tokens): they never exclude one.
    if (maxPrice === undefined) return null;
    const over: string[] = [];
    // `!(price <= max)` rather than `price > max`: a non-numeric price is never under a cap.
    if (maxPrice.prompt !== undefined && !(endpoint.pricing.prompt <= maxPrice.prompt)) {
      over.push(
        `prompt price ${formatUsd(endpoint.pricing.prompt)}/M exceeds max_price.prompt ${formatUsd(maxPrice.prompt)}/M`,
      );
    }
    if (maxPrice.completion !== undefined && !(endpoint.pricing.completion <= maxPrice.completion)) {
      over.push(
        `completion price ${formatUsd(endpoint.pricing.completion)}/M exceeds max_price.completion ${formatUsd(maxPrice.completion)}/M`,
      );
    }
    if (maxPrice.request !== undefined && !(endpoint.pricing.request <= maxPrice.request)) {
      over.push(
        `request price ${formatUsd(endpoint.pricing.request)} exceeds max_price.request ${formatUsd(maxPrice.request)}`,
      );
    }
    return over.length === 0 ? null : over.join("; ");
  },

  context_length: (endpoint, ctx) =>
    ctx.request.estimatedTokens > endpoint.contextLength
      ? `context window of ${endpoint.contextLength} tokens is smaller than the request's estimated ${ctx.request.estimatedTokens} tokens`
      : null,

  // Last on purpose: a provider that is both unconfigured and forbidden must show the policy reason.
  unavailable: (endpoint) => {
    if (endpoint.isRoutable) return null;
    return endpoint.provider.apiKeyEnv === null
      ? "provider is not configured on this server"
      : `provider is not configured: ${endpoint.provider.apiKeyEnv} is not set`;
  },
};

function buildContext(account: TAccountPolicy, prefs: TProviderPreferences, request: TRequestShape): TStepContext {
  const requiredParameters =
    prefs.require_parameters === true
      ? [...new Set(request.parameters)].filter((name) => !ALWAYS_SUPPORTED_PARAMETERS.has(name))
      : null;
  return {
    account,
    prefs,
    request,
    accountIgnored: toNameSet(account.ignoredProviders),
    // Rule 4: the request can add ZDR; `zdr: false` is simply not a requirement, never a waiver.
    isZdrRequired: account.zdrOnly || prefs.zdr === true,
    zdrSource: account.zdrOnly ? "the account settings" : "the request (provider.zdr)",
    isDataCollectionDenied: prefs.data_collection === "deny",
    accountRegions: account.allowedDataRegions === null ? null : toRegionSet(account.allowedDataRegions),
    requestRegions:
      prefs.data_regions !== undefined && prefs.data_regions.length > 0 ? toRegionSet(prefs.data_regions) : null,
    onlyProviders: prefs.only !== undefined && prefs.only.length > 0 ? toNameSet(prefs.only) : null,
    ignoredByRequest: toNameSet(prefs.ignore),
    requiredParameters,
    allowedQuantizations:
      prefs.quantizations !== undefined && prefs.quantizations.length > 0 ? toNameSet(prefs.quantizations) : null,
  };
}

/** The first step an endpoint fails, with its reason; null when it passes every step. */
export function findExclusion(
  endpoint: TEndpoint,
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  request: TRequestShape,
): TExclusion | null {
  return firstFailure(endpoint, buildContext(account, prefs, request));
}

function firstFailure(endpoint: TEndpoint, ctx: TStepContext): TExclusion | null {
  // A policy checked too long ago (the account's or the floor's maximum policy age) is read as
  // unknown in every step: each then fails the safe side, and its reason says why.
  const maxAge = ctx.account.maxPolicyAgeDays;
  const isStale = isPolicyStale(endpoint.dataPolicy.checkedAt, maxAge, ctx.request.routedAt);
  const seen = isStale ? { ...endpoint, dataPolicy: withStalenessApplied(endpoint.dataPolicy, true) } : endpoint;
  for (const step of POLICY_STEPS) {
    let reason = STEP_CHECKS[step](seen, ctx);
    if (reason !== null) {
      if (isStale && POLICY_READING_STEPS.has(step))
        reason += `; the provider's policy was last checked ${endpoint.dataPolicy.checkedAt ?? "never"}, more than ${maxAge} day${maxAge === 1 ? "" : "s"} ago, so it is treated as unknown`;
      return {
        endpointId: endpoint.id,
        provider: endpoint.provider.slug,
        step,
        reason,
        isFree: endpoint.free,
        apiKeyEnv: endpoint.provider.apiKeyEnv,
      };
    }
  }
  return null;
}

/** prompt + completion USD per million; unusable prices sort last rather than breaking the sort. */
export function endpointPrice(endpoint: TEndpoint): number {
  const price = endpoint.pricing.prompt + endpoint.pricing.completion;
  return Number.isFinite(price) ? price : Number.POSITIVE_INFINITY;
}

function usableHint(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** What `provider.sort` sorts by, in either of its forms (undefined: the default, price). */
export function sortKeyOf(prefs: TProviderPreferences): TProviderSort | undefined {
  return typeof prefs.sort === "object" ? prefs.sort.by : prefs.sort;
}

/** Whether `provider.sort` asks to sort all models' endpoints together (`partition: "none"`). */
export function isSortedAcrossModels(prefs: TProviderPreferences): boolean {
  return typeof prefs.sort === "object" && prefs.sort.partition === "none";
}

/**
 * Whether a known figure meets a preference: one number, or cut-offs per percentile. Privet knows
 * one figure per endpoint (its typical value), so every cut-off given is compared with it.
 */
function meetsCutoff(figure: number | null, cutoff: TPerformanceCutoff | undefined, isMinimum: boolean): boolean {
  if (cutoff === undefined) return true;
  if (figure === null) return false;
  const limits =
    typeof cutoff === "number"
      ? [cutoff]
      : [cutoff.p50, cutoff.p75, cutoff.p90, cutoff.p99].filter((v): v is number => typeof v === "number");
  return limits.every((limit) => (isMinimum ? figure >= limit : figure <= limit));
}

/**
 * `preferred_min_throughput` (tokens per second) and `preferred_max_latency` (seconds to the first
 * token): an endpoint known to meet both goes before those that do not or whose figures are
 * unknown. Nothing is excluded: a preference only reorders.
 */
export function meetsPerformancePreferences(endpoint: TEndpointWithHints, prefs: TProviderPreferences): boolean {
  const latencyMs = usableHint(endpoint.latencyMs);
  return (
    meetsCutoff(usableHint(endpoint.throughputTokensPerSecond), prefs.preferred_min_throughput, true) &&
    meetsCutoff(latencyMs === null ? null : latencyMs / 1000, prefs.preferred_max_latency, false)
  );
}

/**
 * The sort key within one ordering group. `throughput` (higher first) and `latency` (lower first)
 * use the endpoint's hint when it has one; endpoints with a hint go before those without, and
 * endpoints without one (or ties) fall back to price. The catalog index breaks every remaining tie,
 * so the ordering is deterministic and stable.
 */
function compareBySort(
  a: { endpoint: TEndpointWithHints; index: number },
  b: { endpoint: TEndpointWithHints; index: number },
  sort: TProviderSort | undefined,
): number {
  if (sort === "throughput" || sort === "latency") {
    const hintA = usableHint(sort === "throughput" ? a.endpoint.throughputTokensPerSecond : a.endpoint.latencyMs);
    const hintB = usableHint(sort === "throughput" ? b.endpoint.throughputTokensPerSecond : b.endpoint.latencyMs);
    if (hintA !== null && hintB === null) return -1;
    if (hintA === null && hintB !== null) return 1;
    if (hintA !== null && hintB !== null && hintA !== hintB) {
      return sort === "throughput" ? hintB - hintA : hintA - hintB;
    }
  }
  const priceA = endpointPrice(a.endpoint);
  const priceB = endpointPrice(b.endpoint);
  if (priceA !== priceB) return priceA < priceB ? -1 : 1;
  return a.index - b.index;
}

const TIER_RANK = { healthy: 0, degraded: 1, down: 2 } as const;

/**
 * Orders eligible endpoints: an endpoint whose circuit breaker is open ("down") after every other;
 * then providers named in `order` first, in that order; then endpoints meeting the performance
 * preferences; then endpoints without recent failures before those with; then by `sort` (price by
 * default). Used for one model's endpoints, and for several models' together under
 * `sort.partition: "none"`. Deterministic: the same endpoints and health give the same order.
 */
export function orderEligible<T extends TEndpointWithHints>(eligible: readonly T[], prefs: TProviderPreferences): T[] {
  const orderRank = new Map<string, number>();
  (prefs.order ?? []).forEach((name, rank) => {
    const key = normalizeName(name);
    if (!orderRank.has(key)) orderRank.set(key, rank);
  });
  const rankOf = (endpoint: TEndpoint): number => {
    const bySlug = orderRank.get(normalizeName(endpoint.provider.slug));
    const byName = orderRank.get(normalizeName(endpoint.provider.name));
    const ranks = [bySlug, byName].filter((rank): rank is number => rank !== undefined);
    return ranks.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ranks);
  };
  const hasPreferences = prefs.preferred_min_throughput !== undefined || prefs.preferred_max_latency !== undefined;
  const sort = sortKeyOf(prefs);
  return eligible
    .map((endpoint, index) => ({
      endpoint,
      index,
      rank: rankOf(endpoint),
      isPreferred: !hasPreferences || meetsPerformancePreferences(endpoint, prefs),
      tier: TIER_RANK[endpoint.health ?? "healthy"],
    }))
    .sort((a, b) => {
      if ((a.tier === 2) !== (b.tier === 2)) return a.tier === 2 ? 1 : -1;
      // Providers named in `order` first, in that order; everyone else after, by `sort`.
      if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
      if (a.isPreferred !== b.isPreferred) return a.isPreferred ? -1 : 1;
      if (a.tier !== b.tier) return a.tier - b.tier;
      return compareBySort(a, b, sort);
    })
    .map(({ endpoint }) => endpoint);
}

/**
 * Filter a model's endpoints through the fixed pipeline and order the survivors.
 * Every input endpoint ends up exactly once in `eligible` or in `excluded`.
 * `allow_fallbacks` does not filter here; see getEndpointsToAttempt.
 */
export function selectEndpoints(
  endpoints: readonly TEndpointWithHints[],
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  request: TRequestShape,
): TRoutingDecision {
  const ctx = buildContext(account, prefs, request);
  const eligible: TEndpointWithHints[] = [];
  const excluded: TExclusion[] = [];
  for (const endpoint of endpoints) {
    const exclusion = firstFailure(endpoint, ctx);
    if (exclusion === null) eligible.push(endpoint);
    else excluded.push(exclusion);
  }
  return { eligible: orderEligible(eligible, prefs), excluded };
}

/**
 * The largest context window among the endpoints that only the context length keeps from this
 * request (routable, passing every other step), or null when there is none: the window middle-out
 * compression (lib/gateway/middle-out.ts) fits the request into before routing again.
 */
export function contextWindowToFit(
  endpoints: readonly TEndpoint[],
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  request: TRequestShape,
): number | null {
  const ctx = buildContext(account, prefs, request);
  let largest: number | null = null;
  for (const endpoint of endpoints) {
    if (!endpoint.isRoutable || firstFailure(endpoint, ctx)?.step !== "context_length") continue;
    if (largest === null || endpoint.contextLength > largest) largest = endpoint.contextLength;
  }
  return largest;
}

/**
 * The endpoints the gateway should actually try, in order. With fallbacks allowed (the default)
 * that is every eligible endpoint. With `allow_fallbacks: false` it is the first choice only —
 * or, when `order` names providers, the eligible endpoints of those providers (the documented
 * "first choice(s)"); if none of them is eligible, the single best remaining endpoint.
 * It never adds anything that `selectEndpoints` excluded.
 */
export function getEndpointsToAttempt(decision: TRoutingDecision, prefs: TProviderPreferences): TEndpoint[] {
  if (prefs.allow_fallbacks !== false) return [...decision.eligible];
  const ordered = toNameSet(prefs.order);
  const preferred = decision.eligible.filter((endpoint) => isProviderIn(endpoint, ordered));
  if (preferred.length > 0) return preferred;
  return decision.eligible.slice(0, 1);
}
