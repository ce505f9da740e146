// Loads a catalog file into the database, replacing the previous catalog in one transaction.
import path from "node:path";
import { db, dialect } from "@/lib/db";
import { keyDestinationWarnings, readCatalogFile, type TCatalogFile } from "@/lib/catalog/schema";
import { buildCatalog } from "@/lib/catalog/build";
import { invalidateCatalog } from "@/lib/catalog/store";
import { logError } from "@/lib/log";
import { ADVISORY_LOCKS } from "@/lib/server/advisory-locks";
import { setting } from "@/lib/env";

export function catalogPath(): string {
  return path.resolve(setting("PRIVET_CATALOG") ?? path.join(process.cwd(), "catalog", "default.json"));
}

export type TCatalogLoadSummary = {
  source: string;
  providers: number;
  models: number;
  endpoints: number;
  routable: number;
  /** Keys sent to hosts the bundled catalog does not send them to (keyDestinationWarnings); each is also logged. */
  warnings: string[];
};

/** The bundled catalog, to compare where keys go; null when it is not there (nothing to compare). */
async function bundledCatalog(file: string): Promise<TCatalogFile | null> {
  const bundled = path.join(process.cwd(), "catalog", "default.json");
  if (path.resolve(file) === bundled) return null;
  return readCatalogFile(bundled).catch(() => null);
}

export async function loadCatalogIntoDatabase(file: string): Promise<TCatalogLoadSummary> {
  const parsed = await readCatalogFile(file);
  const bundled = await bundledCatalog(file);
  const warnings = bundled ? keyDestinationWarnings(parsed, bundled) : [];
  for (const warning of warnings) logError(`catalog ${file}: ${warning}`);
  const catalog = buildCatalog(parsed, process.env);
  const overrides = new Map<string, Record<string, unknown>>();
  for (const model of parsed.models) {
    for (const endpoint of model.endpoints)
      overrides.set(`${model.id}@${endpoint.provider}`, endpoint.dataPolicy ?? {});
  }
  const baseUrls = new Map(catalog.providers.map((p) => [p.slug, p.baseUrl]));
  const providers = parsed.providers.map((p, position) => ({
    slug: p.slug,
    name: p.name,
    api: p.api,
    baseUrl: baseUrls.get(p.slug) ?? p.baseUrl,
    apiKeyEnv: p.apiKeyEnv ?? null,
    headquarters: p.headquarters ?? null,
    dataRegions: p.dataRegions ? JSON.stringify(p.dataRegions) : null,
    training: p.dataPolicy?.training ?? null,
    retainsPrompts: p.dataPolicy?.retainsPrompts ?? null,
    retentionDays: p.dataPolicy?.retentionDays ?? null,
    zdr: p.dataPolicy?.zdr ?? null,
    canPublish: p.dataPolicy?.canPublish ?? null,
    termsUrl: p.dataPolicy?.termsUrl ?? null,
    privacyUrl: p.dataPolicy?.privacyUrl ?? null,
    checkedAt: p.dataPolicy?.checkedAt ?? null,
    position,
  }));
  const models = catalog.models.map((m, position) => ({
    id: m.id,
    name: m.name,
    author: m.author,
    slug: m.slug,
    description: m.description,
    contextLength: m.contextLength,
    output: m.output,
    inputModalities: m.inputModalities ? JSON.stringify(m.inputModalities) : null,
    position,
  }));
  const endpoints = catalog.models.flatMap((m) =>
    m.endpoints.map((e) => ({
      id: e.id,
      modelId: m.id,
      providerSlug: e.provider.slug,
      upstreamModel: e.upstreamModel,
      pricePrompt: e.pricing.prompt,
      priceCompletion: e.pricing.completion,
      priceRequest: e.pricing.request,
      priceCacheRead: e.pricing.cacheRead,
      priceCacheWrite: e.pricing.cacheWrite,
      quantization: e.quantization,
      supportedParameters: JSON.stringify(e.supportedParameters),
      free: e.free,
      contextLength: e.contextLength,
      maxOutputTokens: e.maxOutputTokens,
      dataPolicy: JSON.stringify(overrides.get(e.id) ?? {}),
    })),
  );
  // Every instance loads the catalog as it starts. On PostgreSQL two loads at once would each
  // delete what they can see and then insert rows the other has just inserted (a unique-key
  // failure that stops an instance from starting), so the transaction first takes the catalog
  // advisory lock: the second load waits, then replaces the first's rows. The lock ends with the
  // transaction. SQLite runs one writer at a time anyway.
  const lock =
    dialect() === "postgresql"
      ? [db.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.catalogLoad}::bigint)`]
      : [];
  await db.$transaction([
    ...lock,
    db.endpoint.deleteMany({}),
    db.model.deleteMany({}),
    db.provider.deleteMany({}),
    db.provider.createMany({ data: providers }),
    db.model.createMany({ data: models }),
    db.endpoint.createMany({ data: endpoints }),
  ]);
  invalidateCatalog();
  return {
    source: file,
    providers: providers.length,
    models: models.length,
    endpoints: endpoints.length,
    routable: catalog.models.reduce((n, m) => n + m.endpoints.filter((e) => e.isRoutable).length, 0),
    warnings,
  };
}
