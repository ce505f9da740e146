// The restrictions a request routes under, resolved once and in one place for every route that
// sends a request (the chat pipeline — API and chat page alike —, /embeddings) and for POST
// /api/v1/route, which must say what they do: the account's limits set by an admin and the key's
// guardrails, two limits layers by the same rules (lib/limits/limits.ts: requests per minute, models,
// providers, ZDR, data regions, spending limit), then the instance policy floor combined with the
// account's own settings. Each layer only narrows; the request's own `provider` preferences narrow
// further in routing.
import { AppError } from "@/lib/errors";
import type { TCatalog } from "@/lib/catalog/store";
import type { TModel } from "@/lib/catalog/types";
import { getAccountSettings, type TAccountSettings } from "@/lib/privacy/settings";
import { getPolicyFloor } from "@/lib/instance/settings";
import { applyPolicyFloor, isModelAllowed } from "@/lib/policy/floor";
import type { TProviderPreferences } from "@/lib/policy/types";
import { getAccountLimits, hasLimits } from "@/lib/accounts/limits";
import { applyLimits, limitsRefusalFor, rateRefusal, type TLimitsLayer } from "@/lib/limits/limits";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";

export type TRequestPolicy = {
  /** The requested models the account, the key and the instance allow, in the request's order (never empty). */
  models: TModel[];
  /** The request's `provider` preferences with the account's and the key's layers merged in. */
  prefs: TProviderPreferences;
  /** The account's settings under the instance floor, as they are now: routing and logging follow them. */
  settings: TAccountSettings;
  /**
   * When routing finds no endpoint: the 403 of the account's or the key's provider limits when they
   * alone caused it, else null (routing's own refusal). `isRoutable` plans under the given preferences.
   */
  limitsRefusal: (isRoutable: (prefs: TProviderPreferences) => boolean) => AppError | null;
};

export async function resolveRequestPolicy(
  request: { userId: string; apiKeyId: string | null; guardrails?: TKeyGuardrails },
  requested: TModel[],
  prefs: TProviderPreferences,
  catalog: TCatalog,
  /** false for POST /api/v1/route, which sends nothing: it does not count against requests per minute. */
  isSending = true,
): Promise<TRequestPolicy | AppError> {
  const [accountLimits, accountSettings, floor] = await Promise.all([
    getAccountLimits(request.userId),
    getAccountSettings(request.userId),
    getPolicyFloor(),
  ]);
  const layers: TLimitsLayer[] = [];
  if (hasLimits(accountLimits))
    layers.push({ owner: { kind: "account", userId: request.userId }, limits: accountLimits });
  if (request.guardrails && request.apiKeyId !== null)
    layers.push({
      owner: { kind: "key", userId: request.userId, keyId: request.apiKeyId },
      limits: request.guardrails,
    });
  // The account's own requests per minute count API and chat requests together (a key's are counted by the router).
  if (isSending) {
    const limited = await rateRefusal({ kind: "account", userId: request.userId }, accountLimits.rateLimitPerMinute);
    if (limited) return limited;
  }
  // The account's limits, then the key's: refuse, or narrow the models and add their layers of provider preferences.
  let guarded = { models: requested, prefs };
  for (const layer of layers) {
    const applied = await applyLimits(layer, guarded.models, guarded.prefs, catalog);
    if (applied instanceof AppError) return applied;
    guarded = applied;
  }
  // The instance floor, then the account's own settings, each only narrowing (lib/policy/floor.ts).
  const policy = applyPolicyFloor(floor, accountSettings);
  // A model outside the instance's allow-list is never tried, not even as a `models` fallback.
  const models = guarded.models.filter((model) => isModelAllowed(policy, model.id));
  const first = guarded.models[0]!;
  if (models.length === 0)
    return new AppError("forbidden", `Model not allowed on this Privet by its instance policy: ${first.id}`, {
      metadata: { code: "model_not_allowed", model: first.id },
    });
  return {
    models,
    prefs: guarded.prefs,
    settings: { ...accountSettings, ...policy },
    limitsRefusal: (isRoutable) => limitsRefusalFor(layers, prefs, models[0]!.id, catalog, isRoutable),
  };
}
