// Builders for policy-engine tests. Defaults describe a "good citizen" endpoint (does not train,
// retains nothing, ZDR, routable, supports common parameters) so each test states only what it varies.
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";
import type { TEndpointWithHints } from "@/lib/policy/select-endpoints";
import type { TAccountPolicy, TRequestShape } from "@/lib/policy/types";

export const SAFE_POLICY: TDataPolicy = {
  training: false,
  retainsPrompts: false,
  retentionDays: null,
  zdr: true,
  canPublish: false,
  termsUrl: "https://example.com/terms",
  privacyUrl: "https://example.com/privacy",
  checkedAt: "2026-06-16",
};

export const UNKNOWN_POLICY: TDataPolicy = {
  training: null,
  retainsPrompts: null,
  retentionDays: null,
  zdr: null,
  canPublish: null,
  termsUrl: null,
  privacyUrl: null,
  checkedAt: null,
};

export function makePolicy(overrides: Partial<TDataPolicy> = {}): TDataPolicy {
  return { ...SAFE_POLICY, ...overrides };
}

export function makeProvider(slug: string, overrides: Partial<TProvider> = {}): TProvider {
  return {
    slug,
    name: slug.charAt(0).toUpperCase() + slug.slice(1),
    api: "openai",
    baseUrl: `https://api.${slug}.example/v1`,
    apiKeyEnv: `${slug.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_API_KEY`,
    headquarters: null,
    dataRegions: ["US"],
    dataPolicy: SAFE_POLICY,
    ...overrides,
  };
}

export type TEndpointOverrides = Omit<Partial<TEndpointWithHints>, "provider" | "dataPolicy" | "pricing"> & {
  provider?: string | TProvider;
  dataPolicy?: Partial<TDataPolicy>;
  pricing?: Partial<TEndpoint["pricing"]>;
};

export function makeEndpoint(overrides: TEndpointOverrides = {}): TEndpointWithHints {
  const { provider: providerInput, dataPolicy, pricing, ...rest } = overrides;
  const provider = typeof providerInput === "object" ? providerInput : makeProvider(providerInput ?? "acme");
  const modelId = rest.modelId ?? (rest.free === true ? "test/model:free" : "test/model");
  return {
    id: `${modelId}@${provider.slug}`,
    modelId,
    provider,
    upstreamModel: "model",
    pricing: { prompt: 1, completion: 2, request: 0, cacheRead: null, cacheWrite: null, ...pricing },
    quantization: null,
    supportedParameters: ["temperature", "top_p", "max_tokens", "tools", "tool_choice", "stop"],
    free: false,
    contextLength: 128_000,
    maxOutputTokens: null,
    inputModalities: null,
    dataPolicy: makePolicy(dataPolicy),
    isRoutable: true,
    ...rest,
  };
}

/** Everything forbidden by default: the strictest account, so each test loosens what it needs. */
export function makeAccount(overrides: Partial<TAccountPolicy> = {}): TAccountPolicy {
  return {
    allowTrainingPaid: false,
    allowTrainingFree: false,
    zdrOnly: false,
    ignoredProviders: [],
    allowedDataRegions: null,
    maxRetentionDays: null,
    maxPolicyAgeDays: null,
    ...overrides,
  };
}

export const PERMISSIVE_ACCOUNT: TAccountPolicy = {
  allowTrainingPaid: true,
  allowTrainingFree: true,
  zdrOnly: false,
  ignoredProviders: [],
  allowedDataRegions: null,
  maxRetentionDays: null,
  maxPolicyAgeDays: null,
};

export function makeRequest(overrides: Partial<TRequestShape> = {}): TRequestShape {
  return { parameters: [], features: [], estimatedTokens: 100, ...overrides };
}

export function makeModel(id: string, endpoints: TEndpoint[]): TModel {
  const [author = "test", slug = id] = id.split("/");
  return {
    id,
    name: id,
    author,
    slug,
    description: null,
    contextLength: 128_000,
    output: "text",
    inputModalities: null,
    endpoints,
  };
}

export function ids(endpoints: readonly TEndpoint[]): string[] {
  return endpoints.map((endpoint) => endpoint.id);
}
