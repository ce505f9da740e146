// The privacy settings page's live preview: what the account settings alone leave eligible.
// It runs the very same selectEndpoints as the router so the preview cannot drift from routing.
import type { TModel } from "@/lib/catalog/types";
import { selectEndpoints } from "@/lib/policy/select-endpoints";
import type { TAccountPolicy, TPolicyPreview, TPolicyPreviewTier } from "@/lib/policy/types";

type TTierTally = {
  eligibleProviders: Set<string>;
  eligibleModels: Set<string>;
  allProviders: Set<string>;
  allModels: Set<string>;
};

function newTally(): TTierTally {
  return { eligibleProviders: new Set(), eligibleModels: new Set(), allProviders: new Set(), allModels: new Set() };
}

function toTier(tally: TTierTally): TPolicyPreviewTier {
  return {
    providers: tally.eligibleProviders.size,
    models: tally.eligibleModels.size,
    totalProviders: tally.allProviders.size,
    totalModels: tally.allModels.size,
  };
}

/**
 * Evaluate the account settings over the whole catalog with no request preferences, no
 * parameters and a zero-token request. Routability is ignored (every endpoint is treated as
 * routable): the preview answers "what does my policy allow", not "what is configured here".
 */
export function previewAccountPolicy(
  models: readonly TModel[],
  account: TAccountPolicy,
  /** The time policy ages are measured to (ms since the epoch); needed under a maximum policy age. */
  routedAt?: number,
): TPolicyPreview {
  const paid = newTally();
  const free = newTally();
  const providers = new Map<string, { slug: string; name: string; allowed: boolean; reasons: string[] }>();

  for (const model of models) {
    const endpoints = model.endpoints.map((endpoint) => ({ ...endpoint, isRoutable: true }));
    const decision = selectEndpoints(
      endpoints,
      account,
      {},
      { parameters: [], features: [], estimatedTokens: 0, routedAt },
    );
    const eligibleIds = new Set(decision.eligible.map((endpoint) => endpoint.id));
    const reasonsById = new Map(decision.excluded.map((exclusion) => [exclusion.endpointId, exclusion.reason]));

    for (const endpoint of endpoints) {
      const tally = endpoint.free ? free : paid;
      const slug = endpoint.provider.slug;
      const isEligible = eligibleIds.has(endpoint.id);
      tally.allProviders.add(slug);
      tally.allModels.add(model.id);
      if (isEligible) {
        tally.eligibleProviders.add(slug);
        tally.eligibleModels.add(model.id);
      }

      const entry = providers.get(slug) ?? { slug, name: endpoint.provider.name, allowed: false, reasons: [] };
      providers.set(slug, entry);
      if (isEligible) entry.allowed = true;
      const reason = reasonsById.get(endpoint.id);
      if (reason !== undefined && !entry.reasons.includes(reason)) entry.reasons.push(reason);
    }
  }

  return {
    paid: toTier(paid),
    free: toTier(free),
    providers: [...providers.values()]
      .map((entry) => ({ ...entry, reasons: entry.allowed ? [] : entry.reasons }))
      .sort((a, b) => a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug, "en")),
  };
}
