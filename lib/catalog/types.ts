// The in-memory shape of the provider catalog, shared by the policy engine, the gateway and the pages.
// Pure types: no I/O here.

import type { TInputModality, TModelOutput, TProviderApi } from "@/lib/vocabulary";

export type { TProviderApi } from "@/lib/vocabulary";

/**
 * A data policy as published. `null` means "not known"; the policy engine treats an unknown
 * field as the unsafe answer (PRODUCT.md rule 5: retains and may train).
 */
export type TDataPolicy = {
  training: boolean | null;
  retainsPrompts: boolean | null;
  /** Days prompts are kept when retained; null = unknown period (or not retained). */
  retentionDays: number | null;
  zdr: boolean | null;
  canPublish: boolean | null;
  termsUrl: string | null;
  privacyUrl: string | null;
  /** ISO date (YYYY-MM-DD) or a coarse period such as "late-2025". */
  checkedAt: string | null;
};

export type TProvider = {
  slug: string;
  name: string;
  api: TProviderApi;
  baseUrl: string;
  /** Environment variable holding the provider's API key; null = no key needed (local servers). */
  apiKeyEnv: string | null;
  headquarters: string | null;
  /** Countries (or "EU") where the provider processes prompts; null = unknown (outside every allowed region). */
  dataRegions: string[] | null;
  dataPolicy: TDataPolicy;
};

export type TPricing = {
  /** USD per million prompt tokens. */
  prompt: number;
  /** USD per million completion tokens. */
  completion: number;
  /** USD per request. */
  request: number;
  /** USD per million prompt tokens read from the provider's cache; null = the prompt price. */
  cacheRead: number | null;
  /** USD per million prompt tokens written to the provider's cache (Anthropic's cache writes); null = the prompt price. */
  cacheWrite: number | null;
};

/** A model served by a provider, with the provider's policy already merged with the endpoint's overrides. */
export type TEndpoint = {
  /** `${modelId}@${providerSlug}` */
  id: string;
  modelId: string;
  provider: TProvider;
  upstreamModel: string;
  pricing: TPricing;
  quantization: string | null;
  supportedParameters: string[];
  free: boolean;
  /** The endpoint's context window (the model's unless the endpoint says otherwise). */
  contextLength: number;
  maxOutputTokens: number | null;
  /** What the model reads (its catalog `inputModalities`); null = not stated, treated as text only. */
  inputModalities: TInputModality[] | null;
  /** Effective policy: provider policy, overridden field by field by the endpoint's. */
  dataPolicy: TDataPolicy;
  /** False when the provider's key variable is unset: listed, never called. */
  isRoutable: boolean;
};

export type TModel = {
  /** e.g. "meta-llama/llama-3.3-70b-instruct" or "…:free" */
  id: string;
  name: string;
  author: string;
  /** The part after the author, including a ":free" suffix. */
  slug: string;
  description: string | null;
  contextLength: number;
  /** text: served by the chat routes; embeddings: by /embeddings only. */
  output: TModelOutput;
  /** The catalog's `inputModalities`; null = not stated (text only). */
  inputModalities: TInputModality[] | null;
  endpoints: TEndpoint[];
};
