// An API key's allowed providers and ZDR requirement as one more layer of `provider` preferences,
// over the request's own: `only` becomes the providers both allow, `zdr` is required when the key
// requires it. Routing then applies it to every model tried (fallbacks included), so the key's
// restriction can never be loosened by anything in the request.
import type { TProviderPreferences } from "@/lib/policy/types";

export type TKeyProviderLayer = { allowedProviders: readonly string[]; requireZdr: boolean };

const normalize = (name: string) => name.trim().toLowerCase();

/**
 * The request's preferences under the key's layer, or null when the request's `only` and the key's
 * providers have nothing in common (routing reads an empty `only` as "any provider", so that case
 * must be a refusal). `nameOf` gives a provider's display name, which a request may use in `only`.
 */
export function withKeyProviderLayer(
  prefs: TProviderPreferences,
  layer: TKeyProviderLayer,
  nameOf: (slug: string) => string | undefined,
): TProviderPreferences | null {
  const restricted: TProviderPreferences = { ...prefs };
  if (layer.requireZdr) restricted.zdr = true;
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
