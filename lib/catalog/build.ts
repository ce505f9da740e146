// Turns a validated catalog file into the in-memory catalog. Pure: the environment is passed in.
import type { TDataPolicyEntry, TCatalogFile, TProviderEntry } from "@/lib/catalog/schema";
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";

const POLICY_FIELDS = [
  "training",
  "retainsPrompts",
  "retentionDays",
  "zdr",
  "canPublish",
  "termsUrl",
  "privacyUrl",
  "checkedAt",
] as const satisfies readonly (keyof TDataPolicy)[];

/**
 * Field-by-field merge. A field the endpoint states (even as null, "unknown") wins; a field it
 * leaves out comes from the provider; a field neither states is null, which the policy engine
 * reads as unsafe.
 */
export function mergeDataPolicy(
  provider: TDataPolicyEntry | undefined,
  endpoint: TDataPolicyEntry | undefined,
): TDataPolicy {
  const out = {} as Record<keyof TDataPolicy, unknown>;
  for (const field of POLICY_FIELDS) {
    const own = endpoint?.[field];
    out[field] = own !== undefined ? own : (provider?.[field] ?? null);
  }
  return out as TDataPolicy;
}

/** A key that is only whitespace is as good as no key: the upstream would reject every call. */
export function isKeyPresent(apiKeyEnv: string | null, env: Record<string, string | undefined>): boolean {
  if (apiKeyEnv === null) return true;
  const value = env[apiKeyEnv];
  return typeof value === "string" && value.trim() !== "";
}

function buildProvider(entry: TProviderEntry): TProvider {
  return {
    slug: entry.slug,
    name: entry.name,
    api: entry.api,
    // Adapters append "/chat/completions" or "/messages".
    baseUrl: entry.baseUrl.replace(/\/+$/, ""),
    apiKeyEnv: entry.apiKeyEnv,
    headquarters: entry.headquarters,
    dataRegions: entry.dataRegions ? [...entry.dataRegions] : null,
    dataPolicy: mergeDataPolicy(entry.dataPolicy, undefined),
  };
}

export function buildCatalog(
  file: TCatalogFile,
  env: Record<string, string | undefined>,
): { providers: TProvider[]; models: TModel[] } {
  const entries = new Map(file.providers.map((p) => [p.slug, p]));
  const providers = file.providers.map(buildProvider);
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const routable = new Map(providers.map((p) => [p.slug, isKeyPresent(p.apiKeyEnv, env)]));

  const models = file.models.map((model): TModel => {
    const slash = model.id.indexOf("/");
    const endpoints = model.endpoints.map((ep): TEndpoint => {
      const provider = bySlug.get(ep.provider);
      // parseCatalog rejects unknown providers; this guards callers that skipped it.
      if (!provider) throw new Error(`model "${model.id}": unknown provider "${ep.provider}"`);
      return {
        id: `${model.id}@${provider.slug}`,
        modelId: model.id,
        provider,
        upstreamModel: ep.upstreamModel,
        pricing: {
          prompt: ep.pricing.prompt,
          completion: ep.pricing.completion,
          request: ep.pricing.request ?? 0,
          cacheRead: ep.pricing.cacheRead ?? null,
          cacheWrite: ep.pricing.cacheWrite ?? null,
        },
        quantization: ep.quantization ?? null,
        supportedParameters: [...(ep.supportedParameters ?? [])],
        free: ep.free ?? false,
        contextLength: ep.contextLength ?? model.contextLength,
        maxOutputTokens: ep.maxOutputTokens ?? null,
        inputModalities: model.inputModalities ? [...model.inputModalities] : null,
        dataPolicy: mergeDataPolicy(entries.get(ep.provider)?.dataPolicy, ep.dataPolicy),
        isRoutable: routable.get(provider.slug) ?? false,
      };
    });
    return {
      id: model.id,
      name: model.name,
      author: model.id.slice(0, slash),
      slug: model.id.slice(slash + 1),
      description: model.description ?? null,
      contextLength: model.contextLength,
      output: model.output ?? "text",
      inputModalities: model.inputModalities ? [...model.inputModalities] : null,
      endpoints,
    };
  });

  return { providers, models };
}

/**
 * The catalog's key variables (`apiKeyEnv`), each once, the one that makes the most models callable
 * first (ties in catalog order): the keys most worth setting.
 */
export function keyVariablesByReach(
  providers: readonly { slug: string; apiKeyEnv: string | null }[],
  models: readonly { endpoints: readonly { provider: { slug: string } }[] }[],
): string[] {
  const reach = new Map<string, Set<number>>();
  const envBySlug = new Map(providers.map((p) => [p.slug, p.apiKeyEnv]));
  for (const provider of providers)
    if (provider.apiKeyEnv && !reach.has(provider.apiKeyEnv)) reach.set(provider.apiKeyEnv, new Set());
  models.forEach((model, index) => {
    for (const endpoint of model.endpoints) {
      const env = envBySlug.get(endpoint.provider.slug);
      if (env) reach.get(env)?.add(index);
    }
  });
  // Map keeps catalog order; a stable sort keeps it among equals.
  return [...reach].sort((a, b) => b[1].size - a[1].size).map(([name]) => name);
}
