// The privacy page's live preview, pure so the settings form can run it in the browser on every
// change. The eligibility itself is lib/policy's previewAccountPolicy — the code the router runs —
// applied to the whole catalog and to each tier (paid, free) on its own, so a provider that only
// trains on one tier is reported as blocked there and allowed in the other.
import type { TCatalog } from "@/lib/catalog/store";
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";
import { previewAccountPolicy } from "@/lib/policy/preview";
import type { TAccountPolicy, TPolicyPreviewTier } from "@/lib/policy/types";

/**
 * The catalog as the browser needs it for the preview: providers once (with their published
 * policy), and per endpoint only what the policy engine reads. No base URLs or key variable
 * names: the preview treats every endpoint as routable, and those are the operator's business.
 */
export type TPreviewCatalog = {
  providers: { slug: string; name: string; dataRegions: string[] | null; dataPolicy: TDataPolicy }[];
  models: { id: string; name: string; endpoints: { providerSlug: string; free: boolean; dataPolicy: TDataPolicy }[] }[];
};

export function toPreviewCatalog(catalog: Pick<TCatalog, "providers" | "models">): TPreviewCatalog {
  return {
    providers: catalog.providers.map((p) => ({
      slug: p.slug,
      name: p.name,
      dataRegions: p.dataRegions,
      dataPolicy: p.dataPolicy,
    })),
    models: catalog.models.map((m) => ({
      id: m.id,
      name: m.name,
      endpoints: m.endpoints.map((e) => ({ providerSlug: e.provider.slug, free: e.free, dataPolicy: e.dataPolicy })),
    })),
  };
}

/** Rebuilds the policy engine's input. Fields the account-level preview never reads get neutral values. */
export function fromPreviewCatalog(catalog: TPreviewCatalog): TModel[] {
  const providers = new Map<string, TProvider>(
    catalog.providers.map((p) => [
      p.slug,
      {
        slug: p.slug,
        name: p.name,
        api: "openai",
        baseUrl: "",
        apiKeyEnv: null,
        headquarters: null,
        dataRegions: p.dataRegions,
        dataPolicy: p.dataPolicy,
      },
    ]),
  );
  return catalog.models.map((m) => ({
    id: m.id,
    name: m.name,
    author: m.id.split("/")[0] ?? "",
    slug: m.id.split("/").slice(1).join("/"),
    description: null,
    contextLength: 0,
    output: "text",
    inputModalities: null,
    endpoints: m.endpoints.flatMap((e): TEndpoint[] => {
      const provider = providers.get(e.providerSlug);
      if (!provider) return [];
      return [
        {
          id: `${m.id}@${e.providerSlug}`,
          modelId: m.id,
          provider,
          upstreamModel: "",
          pricing: { prompt: 0, completion: 0, request: 0, cacheRead: null, cacheWrite: null },
          quantization: null,
          supportedParameters: [],
          free: e.free,
          contextLength: 0,
          maxOutputTokens: null,
          inputModalities: null,
          dataPolicy: e.dataPolicy,
          isRoutable: true,
        },
      ];
    }),
  }));
}

/** A provider's standing in one tier: it serves no model there, or it is allowed, or blocked and why. */
export type TTierStanding = { status: "none" } | { status: "allowed" } | { status: "blocked"; reasons: string[] };

export type TProviderPreview = {
  slug: string;
  name: string;
  /** Allowed for at least one model (paid or free). */
  isAllowed: boolean;
  paid: TTierStanding;
  free: TTierStanding;
};

export type TPrivacyPreview = {
  paid: TPolicyPreviewTier;
  free: TPolicyPreviewTier;
  providers: TProviderPreview[];
  allowedProviders: number;
  blockedProviders: number;
};

function onlyTier(models: readonly TModel[], isFree: boolean): TModel[] {
  return models
    .map((m) => ({ ...m, endpoints: m.endpoints.filter((e) => e.free === isFree) }))
    .filter((m) => m.endpoints.length > 0);
}

function standing(entry: { allowed: boolean; reasons: string[] } | undefined): TTierStanding {
  if (!entry) return { status: "none" };
  return entry.allowed ? { status: "allowed" } : { status: "blocked", reasons: entry.reasons };
}

/** `now`: the time catalog policy ages are measured to (ms since the epoch), for a maximum policy age. */
export function buildPrivacyPreview(models: readonly TModel[], account: TAccountPolicy, now?: number): TPrivacyPreview {
  const overall = previewAccountPolicy(models, account, now);
  const paid = new Map(previewAccountPolicy(onlyTier(models, false), account, now).providers.map((p) => [p.slug, p]));
  const free = new Map(previewAccountPolicy(onlyTier(models, true), account, now).providers.map((p) => [p.slug, p]));
  const providers = overall.providers.map((p) => ({
    slug: p.slug,
    name: p.name,
    isAllowed: p.allowed,
    paid: standing(paid.get(p.slug)),
    free: standing(free.get(p.slug)),
  }));
  const allowedProviders = providers.filter((p) => p.isAllowed).length;
  return {
    paid: overall.paid,
    free: overall.free,
    providers,
    allowedProviders,
    blockedProviders: providers.length - allowedProviders,
  };
}
