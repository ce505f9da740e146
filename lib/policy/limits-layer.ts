// The routing part of a limits layer — an account's limits set by an admin, or an API key's
// guardrails — as one more layer of `provider` preferences over the request's own: `only` becomes the
// providers both allow, `zdr` is required when the layer requires it, and `data_regions` becomes the
// regions inside both lists. Routing then applies it to every model tried (fallbacks included), so
// nothing in the request can loosen it; layers stack (account, then key), each only narrowing.
import { intersectRegions } from "@/lib/policy/floor";
import type { TProviderPreferences } from "@/lib/policy/types";

export type TLimitsProviderLayer = {
  /** Provider slugs the layer allows; empty: any. */
  allowedProviders: readonly string[];
  requireZdr: boolean;
  /** Countries (or "EU") where prompts may be processed; empty: any. */
  allowedDataRegions: readonly string[];
};

const normalize = (name: string) => name.trim().toLowerCase();

/**
 * The request's preferences under the layer, or null when the request's `only` (or `data_regions`)
 * and the layer's have nothing in common (routing reads an empty list as "any", so that case must be
 * a refusal). `nameOf` gives a provider's display name, which a request may use in `only`.
 */
export function withLimitsLayer(
  prefs: TProviderPreferences,
  layer: TLimitsProviderLayer,
  nameOf: (slug: string) => string | undefined,
): TProviderPreferences | null {
  const restricted: TProviderPreferences = { ...prefs };
  if (layer.requireZdr) restricted.zdr = true;
  if (layer.allowedDataRegions.length > 0) {
    const asked = prefs.data_regions !== undefined && prefs.data_regions.length > 0 ? prefs.data_regions : null;
    const both = intersectRegions(asked, layer.allowedDataRegions)!;
    if (both.length === 0) return null;
    restricted.data_regions = both;
  }
  if (layer.allowedProviders.length === 0) return restricted;
  if (prefs.only === undefined || prefs.only.length === 0) {
    restricted.only = [...layer.allowedProviders];
    return restricted;
  }
  const asked = new Set(prefs.only.map(normalize));
  const both = layer.allowedProviders.filter(
    (slug) => asked.has(normalize(slug)) || asked.has(normalize(nameOf(slug) ?? slug)),
  );
  if (both.length === 0) return null;
  restricted.only = both;
  return restricted;
}

/** Whether the layer narrows routing at all. */
export function narrowsRouting(layer: TLimitsProviderLayer): boolean {
  return layer.allowedProviders.length > 0 || layer.requireZdr || layer.allowedDataRegions.length > 0;
}
