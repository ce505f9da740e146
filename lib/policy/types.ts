// Inputs and outputs of the policy engine (lib/policy). Pure types.
import type { TEndpoint } from "@/lib/catalog/types";
import type { TDataCollectionChoice, TProviderSort, TSortPartition } from "@/lib/vocabulary";
import type { TRequestFeature } from "@/lib/policy/capabilities";

/** The account's privacy settings that routing depends on. */
export type TAccountPolicy = {
  allowTrainingPaid: boolean;
  allowTrainingFree: boolean;
  zdrOnly: boolean;
  ignoredProviders: string[];
  /** Countries (or "EU") where prompts may be processed; null allows any; [] allows none. */
  allowedDataRegions: string[] | null;
  /** Providers retaining prompts longer than this many days, or for an unknown period, are excluded; null: any. */
  maxRetentionDays: number | null;
  /**
   * A provider's catalog policy last checked more than this many days before the request (or never)
   * counts as unknown in every step (lib/policy/policy-age.ts); null: any age.
   */
  maxPolicyAgeDays: number | null;
};

/**
 * The `provider` routing object on a chat completion request (validated by ZProviderPreferences in
 * lib/gateway/chat-schema.ts; chat-schema.test-d.ts holds the two together). Quantization labels
 * are any strings here: the engine compares them without regard to case.
 */
export type TProviderPreferences = {
  order?: string[];
  allow_fallbacks?: boolean;
  require_parameters?: boolean;
  data_collection?: TDataCollectionChoice;
  zdr?: boolean;
  only?: string[];
  ignore?: string[];
  quantizations?: string[];
  sort?: TProviderSort | TSortObject;
  /** USD per million tokens (prompt, completion), per request, per image, per audio unit. */
  max_price?: { prompt?: number; completion?: number; request?: number; image?: number; audio?: number };
  /** Only providers processing prompts in these countries ("EU": any member state); unknown is outside. */
  data_regions?: string[];
  /** Only false reaches the engine: true is refused at validation (the catalog cannot tell). */
  enforce_distillable_text?: boolean;
  /** Tokens per second: endpoints known to reach it go first (TEndpointHints). */
  preferred_min_throughput?: TPerformanceCutoff;
  /** Seconds to the first token: endpoints known to stay under it go first (TEndpointHints). */
  preferred_max_latency?: TPerformanceCutoff;
};

/** `provider.sort` as an object: the key, and whether models are sorted apart ("model") or together ("none"). */
export type TSortObject = { by?: TProviderSort; partition?: TSortPartition };

/** One typical value, or cut-offs per percentile (null: no cut-off at that percentile). */
export type TPerformanceCutoff =
  number | { p50?: number | null; p75?: number | null; p90?: number | null; p99?: number | null };

/** What the policy engine needs to know about the request itself (never its content). */
export type TRequestShape = {
  /** OpenAI parameter names present in the body (temperature, tools, …). */
  parameters: string[];
  /** The features the request uses (tools, a response format, images…): only endpoints serving all of them are eligible. */
  features: TRequestFeature[];
  /** Estimated prompt tokens plus requested max output tokens. */
  estimatedTokens: number;
  /**
   * When the request is routed (ms since the epoch): policy ages are measured to it. Absent while a
   * maximum policy age applies, every policy counts as unknown (rule 5).
   */
  routedAt?: number;
};

/** The filtering steps, in the fixed order they run (PRODUCT.md, "Filtering pipeline"). */
export type TPolicyStep =
  | "account_ignore"
  | "training"
  | "zdr"
  | "data_collection"
  | "data_regions"
  | "retention"
  | "only"
  | "ignore"
  | "require_parameters"
  | "capabilities"
  | "quantization"
  | "max_price"
  | "context_length"
  | "unavailable";

export type TExclusion = {
  endpointId: string;
  provider: string;
  step: TPolicyStep;
  /** One plain sentence, the true reason, e.g. "may train on prompts; paid-model training is off". */
  reason: string;
  /**
   * Whether the excluded endpoint is a free variant. Recorded so a refusal can name the right
   * setting ("Free model training" vs "Paid model training") without re-reading the catalog.
   * Always set by selectEndpoints; optional only so hand-built fixtures elsewhere stay valid.
   */
  isFree?: boolean;
  /** The provider's key variable, so "nothing is configured" can say which variable to set. */
  apiKeyEnv?: string | null;
};

export type TRoutingDecision = {
  /** Eligible endpoints in the order they should be tried. */
  eligible: TEndpoint[];
  excluded: TExclusion[];
};

/**
 * Optional routing hints an endpoint may carry, measured from Privet's own traffic (lib/health).
 * The catalog does not define them; `sort: "throughput" | "latency"` and the performance
 * preferences use the figures when present and fall back to price; the health tier orders
 * endpoints with recent failures after the others, and ones whose circuit breaker is open last.
 */
export type TEndpointHints = {
  /** Observed output tokens per second; higher is better. */
  throughputTokensPerSecond?: number | null;
  /** Observed time to first token in milliseconds; lower is better. */
  latencyMs?: number | null;
  health?: THealthTier;
};

/**
 * "healthy": no failure since its last success (or a half-open breaker with its probe to give);
 * "degraded": failed since its last success; "down": its breaker is open (or its probe is out).
 */
export type THealthTier = "healthy" | "degraded" | "down";

/** What Privet has measured of one endpoint (lib/health/monitor.ts). */
export type TEndpointHealth = {
  tier: THealthTier;
  breaker: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  /** Median time to first token of recent successes, in milliseconds. */
  latencyMs: number | null;
  /** Median output tokens per second of recent answers. */
  throughputTokensPerSecond: number | null;
  /** Failed share of recent attempts (0–1). */
  errorRate: number | null;
  /** When an open breaker lets its next probe through (ms since the epoch), or null. */
  retryAt: number | null;
};

/** The `excluded_by` values, one per TPolicyStep. */
export type TExcludedByStep =
  | "ignored_providers"
  | "data_policy:training"
  | "data_policy:zdr"
  | "data_policy:data_collection"
  | "data_policy:data_regions"
  | "data_policy:retention"
  | "allowed_providers"
  | "ignore"
  | "require_parameters"
  | "capabilities"
  | "quantization"
  | "max_price"
  | "context_length"
  | "unavailable";

export type TRefusalCode =
  /** A data-policy step (account ignore, training, ZDR, data_collection, data regions, retention) removed at least one endpoint. */
  | "privacy_restricted"
  /** Only request preferences / request shape (and possibly missing keys) removed endpoints. */
  | "no_eligible_endpoint"
  /** Every endpoint exists but none has its key configured. */
  | "no_provider_configured"
  /** The model has no endpoints at all. */
  | "no_endpoints";

export type TRefusal = {
  status: 404 | 503;
  message: string;
  metadata: {
    code: TRefusalCode;
    model: string;
    excluded_by: { provider: string; step: TExcludedByStep; reason: string }[];
  };
};

export type TPolicyPreviewTier = {
  /** Providers with at least one eligible endpoint in this tier. */
  providers: number;
  /** Models with at least one eligible endpoint in this tier. */
  models: number;
  /** Providers with at least one endpoint in this tier, eligible or not. */
  totalProviders: number;
  /** Models with at least one endpoint in this tier, eligible or not. */
  totalModels: number;
};

export type TPolicyPreview = {
  paid: TPolicyPreviewTier;
  free: TPolicyPreviewTier;
  providers: { slug: string; name: string; allowed: boolean; reasons: string[] }[];
};
