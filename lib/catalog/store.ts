// The catalog as the app uses it: read from the database into memory once, shared by the gateway
// and the pages, and rebuilt when a catalog load happens in this process, when another process
// (`privet catalog load`) has written to the database, or after a short lifetime.
import { db, dialect, rawQuery } from "@/lib/db";
import { singleton } from "@/lib/singleton";
import type { TEndpoint, TModel, TProvider, TProviderApi } from "@/lib/catalog/types";
import { isKeyPresent, mergeDataPolicy } from "@/lib/catalog/build";
import type { TDataPolicyEntry } from "@/lib/catalog/schema";
import { DATA_REGION_PATTERN, INPUT_MODALITIES, type TInputModality } from "@/lib/vocabulary";

/** A stored region list, or null when it is missing or holds anything but region codes. */
function parseRegions(stored: string | null): string[] | null {
  if (stored === null) return null;
  const list: unknown = JSON.parse(stored);
  if (!Array.isArray(list) || list.length === 0) return null;
  return list.every((r) => typeof r === "string" && DATA_REGION_PATTERN.test(r)) ? (list as string[]) : null;
}

/** A stored modality list, or null when it is missing or holds anything but known modalities. */
function parseModalities(stored: string | null): TInputModality[] | null {
  if (stored === null) return null;
  const list: unknown = JSON.parse(stored);
  if (!Array.isArray(list) || !list.every((m) => (INPUT_MODALITIES as readonly unknown[]).includes(m))) return null;
  return list as TInputModality[];
}

const LIFETIME_MS = 30_000;
/**
 * How often to ask the database whether another connection has committed since the catalog was read.
 * An operator who reloads the catalog because a provider changed its policy expects routing and
 * the docs table to follow within a moment, not half a minute later.
 */
const CHANGE_CHECK_MS = 1_000;

export type TCatalog = {
  providers: TProvider[];
  providerBySlug: Map<string, TProvider>;
  models: TModel[];
  modelById: Map<string, TModel>;
};

type TState = {
  catalog: TCatalog | null;
  loadedAt: number;
  pending: Promise<TCatalog> | null;
  generation: number;
  /** The database's change signal when the cached catalog was read (see readDataVersion); null when unknown. */
  dataVersion: string | null;
  checkedAt: number;
};
const state = () =>
  singleton<TState>("catalog-store", () => ({
    catalog: null,
    loadedAt: 0,
    pending: null,
    generation: 0,
    dataVersion: null,
    checkedAt: 0,
  }));

/** The catalog as last read, without reading it (null before the first read and right after a reload). */
export function cachedCatalog(): TCatalog | null {
  return state().catalog;
}

export function invalidateCatalog(): void {
  const s = state();
  s.catalog = null;
  s.pending = null;
  s.generation += 1;
}

/**
 * PostgreSQL has no data_version, and several instances share one database there: a catalog load
 * on one (its start, `privet catalog load`) must reach the others. The catalog tables' fingerprint
 * is their row counts and the sum of their rows' xmin, the id of the transaction that wrote each
 * row version. A load deletes every row and inserts new ones in one transaction, so each of its rows
 * carries that transaction's new id and the sum moves, and a deleted row changes a count; nothing
 * else writes these tables. It reads a few hundred small rows (well under a millisecond), once a
 * second at most. A VACUUM FREEZE may change xmin too, which costs one needless re-read at worst;
 * the sum could repeat only if a load's transaction id came round to the previous load's again
 * (four billion transactions later), and then the 30 s lifetime still bounds how stale it gets.
 */
const POSTGRES_FINGERPRINT = ["Provider", "Model", "Endpoint"]
  .map((table) => `(SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM "${table}")`)
  .join(` || ':' || `);

/**
 * A value that changes when another connection has changed the catalog. SQLite's
 * `PRAGMA data_version` changes whenever another connection (the CLI, another process) commits,
 * and never for this process's own writes, which invalidate the cache themselves; it is SQLite's
 * own cache-invalidation signal and costs one tiny query. On PostgreSQL, the fingerprint above.
 * Null when the database cannot tell: the lifetime above still bounds staleness then.
 */
async function readDataVersion(): Promise<string | null> {
  try {
    if (dialect() === "postgresql") {
      const rows = await rawQuery<{ fingerprint: string | null }[]>(
        db,
        `SELECT ${POSTGRES_FINGERPRINT} AS fingerprint`,
      );
      return rows[0]?.fingerprint ?? null;
    }
    const rows = await rawQuery<{ data_version: number | bigint }[]>(db, "PRAGMA data_version");
    const value = Number(rows[0]?.data_version);
    return Number.isFinite(value) ? String(value) : null;
  } catch {
    return null;
  }
}

async function hasChangedElsewhere(s: TState): Promise<boolean> {
  if (s.dataVersion === null || Date.now() - s.checkedAt < CHANGE_CHECK_MS) return false;
  s.checkedAt = Date.now();
  const version = await readDataVersion();
  return version !== null && version !== s.dataVersion;
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
    dataRegions: parseRegions(p.dataRegions),
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
  const modelModalities = new Map(modelRows.map((m) => [m.id, parseModalities(m.inputModalities)]));
  const providerOrder = new Map(providers.map((p, i) => [p.slug, i]));
  for (const e of endpointRows) {
    const provider = providerBySlug.get(e.providerSlug);
    if (!provider) continue;
    // The same merge as the catalog loader's: an endpoint's stated field wins, even an explicit null.
    const dataPolicy = mergeDataPolicy(
      provider.dataPolicy as TDataPolicyEntry,
      JSON.parse(e.dataPolicy) as TDataPolicyEntry,
    );
    const endpoint: TEndpoint = {
      id: e.id,
      modelId: e.modelId,
      provider,
      upstreamModel: e.upstreamModel,
      pricing: {
        prompt: e.pricePrompt,
        completion: e.priceCompletion,
        request: e.priceRequest,
        cacheRead: e.priceCacheRead,
        cacheWrite: e.priceCacheWrite,
      },
      quantization: e.quantization,
      supportedParameters: JSON.parse(e.supportedParameters) as string[],
      free: e.free,
      contextLength: e.contextLength ?? modelContext.get(e.modelId) ?? 0,
      maxOutputTokens: e.maxOutputTokens,
      inputModalities: modelModalities.get(e.modelId) ?? null,
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
    output: m.output === "embeddings" ? "embeddings" : "text",
    inputModalities: modelModalities.get(m.id) ?? null,
    endpoints: (byModel.get(m.id) ?? []).sort(
      (a, b) => (providerOrder.get(a.provider.slug) ?? 0) - (providerOrder.get(b.provider.slug) ?? 0),
    ),
  }));
  return { providers, providerBySlug, models, modelById: new Map(models.map((m) => [m.id, m])) };
}

/** The current catalog; at most one database read is in flight at a time. */
export async function getCatalog(): Promise<TCatalog> {
  const s = state();
  if (s.catalog && Date.now() - s.loadedAt < LIFETIME_MS) {
    if (!(await hasChangedElsewhere(s))) return s.catalog;
    // Another process committed (perhaps a new catalog): read again and wait for it, so the very
    // next request routes on it and the next page shows it.
    if (!s.pending) invalidateCatalog();
  }
  if (!s.pending) {
    const generation = s.generation;
    const read = async () => {
      // The version is read first, so a commit that lands during the read counts as a change.
      const version = await readDataVersion();
      return { catalog: await readCatalog(), version };
    };
    s.pending = read().then(
      ({ catalog, version }) => {
        if (s.generation === generation) {
          s.catalog = catalog;
          s.loadedAt = Date.now();
          s.dataVersion = version;
          s.checkedAt = Date.now();
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
