// The words the catalog, the API and the policy core share, each listed once: a value the catalog
// may state is one a request may name, and the types follow the lists. Pure (no imports), so the
// policy core and the browser may use it too.

/** The upstream APIs Privet speaks (a provider's `api`), one adapter each (lib/gateway/adapters). */
export const PROVIDER_APIS = ["openai", "anthropic"] as const;
export type TProviderApi = (typeof PROVIDER_APIS)[number];

/** What a model gives: text (chat, messages, responses, completions) or embeddings (the /embeddings route). */
export const MODEL_OUTPUTS = ["text", "embeddings"] as const;
export type TModelOutput = (typeof MODEL_OUTPUTS)[number];

/**
 * Privet has no workspaces: every key, and every generation, is in the account's one, named as
 * OpenRouter names an account's default workspace (`/key`, `/keys`, `/generation`).
 */
export const WORKSPACE_ID = "default";

/** A provider slug: lowercase letters, digits and dashes (the catalog, an account's ignore list). */
export const PROVIDER_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** When an API key's spending limit starts over (OpenRouter's `limit_reset`): at midnight UTC, weeks from Monday. */
export const LIMIT_RESETS = ["daily", "weekly", "monthly"] as const;
export type TLimitReset = (typeof LIMIT_RESETS)[number];

/** The quantization labels an endpoint may state and `provider.quantizations` may name. */
export const QUANTIZATIONS = ["int4", "int8", "fp4", "fp6", "fp8", "fp16", "bf16", "fp32", "unknown"] as const;

/** OpenRouter's reasoning effort levels (`reasoning.effort`); "none" turns reasoning off. */
export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;
export type TReasoningEffortLevel = (typeof REASONING_EFFORTS)[number];
/** OpenAI's `verbosity`: how long an answer should be. */
export const VERBOSITIES = ["low", "medium", "high"] as const;
export type TVerbosity = (typeof VERBOSITIES)[number];

/** The sampling parameters of a chat request (OpenAI's and the routers' own), as the catalog's `supportedParameters` name them. */
export const SAMPLING_PARAMETERS = [
  "temperature",
  "top_p",
  "top_k",
  "min_p",
  "top_a",
  "frequency_penalty",
  "presence_penalty",
  "repetition_penalty",
] as const;

/**
 * What a model reads besides text (OpenRouter's `architecture.input_modalities`): the catalog's
 * `inputModalities`, and the content parts a request may carry (`image_url`, `file`, `input_audio`).
 */
export const INPUT_MODALITIES = ["text", "image", "file", "audio"] as const;
export type TInputModality = (typeof INPUT_MODALITIES)[number];

/** The member states of the European Union: the data region "EU" stands for any of them. */
export const EU_COUNTRIES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

/** A data region (the catalog's `dataRegions`, `provider.data_regions`): a two-letter country code, or "EU". */
export const DATA_REGION_PATTERN = /^[A-Z]{2}$/;

/** `provider.sort`: how eligible endpoints are ordered. */
export const PROVIDER_SORTS = ["price", "throughput", "latency"] as const;
export type TProviderSort = (typeof PROVIDER_SORTS)[number];
/** `provider.sort.partition`: sort each model's endpoints apart ("model", the default) or all models' together ("none"). */
export const SORT_PARTITIONS = ["model", "none"] as const;
export type TSortPartition = (typeof SORT_PARTITIONS)[number];

/** `provider.data_collection`: "deny" excludes endpoints that may retain or train on prompts. */
export const DATA_COLLECTION_CHOICES = ["allow", "deny"] as const;
export type TDataCollectionChoice = (typeof DATA_COLLECTION_CHOICES)[number];

/** OpenRouter's normalized `finish_reason` values: every provider's reason is mapped to one of these. */
export const FINISH_REASONS = ["stop", "length", "tool_calls", "content_filter", "error"] as const;
export type TFinishReason = (typeof FINISH_REASONS)[number];
