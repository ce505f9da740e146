// The catalog as the app uses it: read from the database into memory once, shared by the gateway
// and the pages, and rebuilt when a catalog load happens in this process or after a short lifetime
// (another process may have loaded a new catalog).
import { db } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import type { TEndpoint, TModel, TProvider, TProviderApi } from "@/lib/catalog/types";
import { isKeyPresent, mergeDataPolicy } from "@/lib/catalog/build";
import type { TDataPolicyEntry } from "@/lib/catalog/schema";

const LIFETIME_MS = 30_000;

export type TCatalog = {
  providers: TProvider[];
  providerBySlug: Map<string, TProvider>;
  models: TModel[];
  modelById: Map<string, TModel>;
};

type TState = { catalog: TCatalog | null; loadedAt: number; pending: Promise<TCatalog> | null; generation: number };
const state = () => singleton<TState>("catalog-store", () => ({ catalog: null, loadedAt: 0, pending: null, generation: 0 }));

export function invalidateCatalog(): void {
  const s = state();
  s.catalog = null;
  s.pending = null;
  s.generation += 1;
}


async function readCatalog(): Promise<TCatalog> {
  const [providerRows, modelRows, endpointRows] = await Promise.all([
    db.provider.findMany({ orderBy: { position: "asc" } }),
    db.model.findMany({ orderBy: { position: "asc" } }),
    db.endpoint.findMany(),
  ]);
  const providers: TProvider[] = providerRows.map((p) => ({
    slug: p.slug,
    name: p.name,
    api: p.api as TProviderApi,
    baseUrl: p.baseUrl,
    apiKeyEnv: p.apiKeyEnv,
    headquarters: p.headquarters,
    dataPolicy: {
      training: p.training,
      retainsPrompts: p.retainsPrompts,
      retentionDays: p.retentionDays,
      zdr: p.zdr,
      canPublish: p.canPublish,
      termsUrl: p.termsUrl,
      privacyUrl: p.privacyUrl,
      checkedAt: p.checkedAt,
    },
  }));
  const providerBySlug = new Map(providers.map((p) => [p.slug, p]));
  const byModel = new Map<string, TEndpoint[]>();
  const modelContext = new Map(modelRows.map((m) => [m.id, m.contextLength]));
  const providerOrder = new Map(providers.map((p, i) => [p.slug, i]));
  for (const e of endpointRows) {
    const provider = providerBySlug.get(e.providerSlug);
    if (!provider) continue;
    // The same merge as the catalog loader's: an endpoint's stated field wins, even an explicit null.
    const dataPolicy = mergeDataPolicy(provider.dataPolicy as TDataPolicyEntry, JSON.parse(e.dataPolicy) as TDataPolicyEntry);
    const endpoint: TEndpoint = {
      id: e.id,
      modelId: e.modelId,
      provider,
      upstreamModel: e.upstreamModel,
      pricing: { prompt: e.pricePrompt, completion: e.priceCompletion, request: e.priceRequest },
      quantization: e.quantization,
      supportedParameters: JSON.parse(e.supportedParameters) as string[],
      free: e.free,
      contextLength: e.contextLength ?? modelContext.get(e.modelId) ?? 0,
      maxOutputTokens: e.maxOutputTokens,
      dataPolicy,
      isRoutable: isKeyPresent(provider.apiKeyEnv, process.env),
    };
    const list = byModel.get(e.modelId) ?? [];
    list.push(endpoint);
    byModel.set(e.modelId, list);
  }
  const models: TModel[] = modelRows.map((m) => ({
    id: m.id,
    name: m.name,
    author: m.author,
    slug: m.slug,
    description: m.description,
    contextLength: m.contextLength,
    endpoints: (byModel.get(m.id) ?? []).sort(
      (a, b) => (providerOrder.get(a.provider.slug) ?? 0) - (providerOrder.get(b.provider.slug) ?? 0),
    ),
  }));
  return { providers, providerBySlug, models, modelById: new Map(models.map((m) => [m.id, m])) };
}

/** The current catalog; at most one database read is in flight at a time. */
export async function getCatalog(): Promise<TCatalog> {
  const s = state();
  if (s.catalog && Date.now() - s.loadedAt < LIFETIME_MS) return s.catalog;
  if (!s.pending) {
    const generation = s.generation;
    s.pending = readCatalog().then(
      (catalog) => {
        if (s.generation === generation) {
          s.catalog = catalog;
          s.loadedAt = Date.now();
          s.pending = null;
        }
        return catalog;
      },
      (error: unknown) => {
        s.pending = null;
        throw error;
      },
    );
  }
  // While a refresh is in flight, keep serving the previous snapshot rather than waiting.
  return s.catalog ?? s.pending;
}
