// Pure builders of the catalog pages' view models, from the in-memory catalog. The words come from
// lib/policy/describe so a policy reads the same in the docs table, the receipts and the API.
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";
import { describeRetention, describeTraining, endpointPrice, formatDataPolicyHeader } from "@/lib/policy";
import type {
  TEndpointView,
  THeadquarters,
  TModelDetail,
  TModelLink,
  TModelSummary,
  TPolicyView,
  TPriceRange,
  TProviderDetail,
  TProviderPolicyRow,
  TTriState,
} from "@/lib/docs/types";

const FREE_SUFFIX = ":free";

/** `/models/<author>/<slug>`, each segment encoded: a `:free` slug becomes `echo%3Afree`. */
export function modelHref(modelId: string): string {
  const slash = modelId.indexOf("/");
  const author = modelId.slice(0, slash);
  const slug = modelId.slice(slash + 1);
  return `/models/${encodeURIComponent(author)}/${encodeURIComponent(slug)}`;
}

export function providerHref(slug: string): string {
  return `/providers/${encodeURIComponent(slug)}`;
}

export function providerAnchorId(slug: string): string {
  return `provider-${slug}`;
}

/** The provider's row in the docs table, for links from receipts, model and provider pages. */
export function providerTableHref(slug: string): string {
  return `/docs#${providerAnchorId(slug)}`;
}

function triState(value: boolean | null): TTriState {
  if (value === null) return "Unknown";
  return value ? "Yes" : "No";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-06-16" → "16 Jun 2026"; "late-2025" → "Late 2025". Spelled out by hand so server and browser agree. */
export function formatCheckedAt(checkedAt: string | null): string | null {
  if (checkedAt === null) return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(checkedAt);
  if (date) return `${Number(date[3])} ${MONTHS[Number(date[2]) - 1] ?? date[2]} ${date[1]}`;
  const period = /^(early|mid|late)-(\d{4})$/.exec(checkedAt);
  if (period) return `${period[1]!.charAt(0).toUpperCase()}${period[1]!.slice(1)} ${period[2]}`;
  return checkedAt;
}

const UNKNOWN_PERIOD_RANK = 1_000_000;
const UNKNOWN_POLICY_RANK = 2_000_000;

function retentionRank(policy: TDataPolicy): number {
  if (policy.retainsPrompts === null) return UNKNOWN_POLICY_RANK;
  if (!policy.retainsPrompts) return 0;
  return policy.retentionDays === null ? UNKNOWN_PERIOD_RANK : 1 + policy.retentionDays;
}

export function toPolicyView(policy: TDataPolicy): TPolicyView {
  const training = describeTraining(policy);
  const isTrainingUnknown = training === "Unknown (treated as may train)";
  return {
    retention: describeRetention(policy),
    retentionRank: retentionRank(policy),
    isZeroRetention: policy.retainsPrompts === false,
    // Unknown is shown as what routing assumes (rule 5), and flagged as unknown next to it.
    training: training === "Does not train" ? "Does not train" : "May train",
    isTrainingUnknown,
    trainingRank: training === "Does not train" ? 0 : isTrainingUnknown ? 2 : 1,
    isNoTraining: policy.training === false,
    zdr: triState(policy.zdr),
    canPublish: triState(policy.canPublish),
    checkedAt: policy.checkedAt,
    checkedLabel: formatCheckedAt(policy.checkedAt),
    termsUrl: policy.termsUrl,
    privacyUrl: policy.privacyUrl,
    header: formatDataPolicyHeader(policy),
  };
}

let regionNames: Intl.DisplayNames | null | undefined;

export function toHeadquarters(code: string | null): THeadquarters | null {
  if (code === null) return null;
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(["en"], { type: "region" });
    } catch {
      regionNames = null;
    }
  }
  let name = code;
  try {
    name = regionNames?.of(code) ?? code;
  } catch {
    // An unknown code is shown as the code itself.
  }
  return { code, name };
}

export function toProviderPolicyRow(provider: TProvider, isConfigured = false): TProviderPolicyRow {
  return {
    slug: provider.slug,
    name: provider.name,
    href: providerHref(provider.slug),
    anchorId: providerAnchorId(provider.slug),
    headquarters: toHeadquarters(provider.headquarters),
    policy: toPolicyView(provider.dataPolicy),
    isConfigured,
  };
}

function samePolicy(a: TDataPolicy, b: TDataPolicy): boolean {
  return (Object.keys(a) as (keyof TDataPolicy)[]).every((key) => a[key] === b[key]);
}

export function toEndpointView(endpoint: TEndpoint): TEndpointView {
  const { provider } = endpoint;
  return {
    id: endpoint.id,
    provider: {
      slug: provider.slug,
      name: provider.name,
      href: providerHref(provider.slug),
      tableHref: providerTableHref(provider.slug),
    },
    pricing: { ...endpoint.pricing },
    isFree: endpoint.free,
    quantization: endpoint.quantization,
    contextLength: endpoint.contextLength,
    maxOutputTokens: endpoint.maxOutputTokens,
    supportedParameters: [...endpoint.supportedParameters],
    policy: toPolicyView(endpoint.dataPolicy),
    isPolicyOverridden: !samePolicy(endpoint.dataPolicy, provider.dataPolicy),
    isRoutable: endpoint.isRoutable,
  };
}

function range(values: number[]): TPriceRange | null {
  if (values.length === 0) return null;
  return { min: Math.min(...values), max: Math.max(...values) };
}

export function toModelSummary(model: TModel): TModelSummary {
  return {
    id: model.id,
    name: model.name,
    href: modelHref(model.id),
    contextLength: model.contextLength,
    prompt: range(model.endpoints.map((e) => e.pricing.prompt)),
    completion: range(model.endpoints.map((e) => e.pricing.completion)),
    endpointCount: model.endpoints.length,
    routableCount: model.endpoints.filter((e) => e.isRoutable).length,
    isFree: model.id.endsWith(FREE_SUFFIX),
    providerNames: [...new Set(model.endpoints.map((e) => e.provider.name))],
  };
}

function toModelLink(model: TModel): TModelLink {
  return { id: model.id, name: model.name, href: modelHref(model.id) };
}

/** The paid model of a `:free` variant, or the `:free` variant of a paid model. */
function findCounterpart(model: TModel, modelById: ReadonlyMap<string, TModel>): TModelLink | null {
  const otherId = model.id.endsWith(FREE_SUFFIX) ? model.id.slice(0, -FREE_SUFFIX.length) : `${model.id}${FREE_SUFFIX}`;
  const other = modelById.get(otherId);
  return other ? toModelLink(other) : null;
}

export function toModelDetail(model: TModel, modelById: ReadonlyMap<string, TModel>): TModelDetail {
  return {
    id: model.id,
    name: model.name,
    description: model.description,
    contextLength: model.contextLength,
    isFree: model.id.endsWith(FREE_SUFFIX),
    // Cheapest first, the router's default order; the catalog order breaks ties.
    endpoints: model.endpoints
      .map((endpoint, index) => ({ endpoint, index }))
      .sort((a, b) => endpointPrice(a.endpoint) - endpointPrice(b.endpoint) || a.index - b.index)
      .map(({ endpoint }) => toEndpointView(endpoint)),
    counterpart: findCounterpart(model, modelById),
  };
}

export function toProviderDetail(
  provider: TProvider,
  models: readonly TModel[],
  isConfigured: boolean,
): TProviderDetail {
  const served = models.flatMap((model) => {
    const endpoint = model.endpoints.find((e) => e.provider.slug === provider.slug);
    return endpoint ? [{ ...toModelLink(model), endpoint: toEndpointView(endpoint) }] : [];
  });
  return { row: toProviderPolicyRow(provider, isConfigured), api: provider.api, isConfigured, models: served };
}

/** A model id as the URL's two segments name it. Next hands segments over decoded; this tolerates both. */
export function modelIdFromSegments(author: string, slug: string): string {
  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  return `${decode(author)}/${decode(slug)}`;
}
