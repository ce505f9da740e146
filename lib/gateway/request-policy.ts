// The restrictions a request routes under, resolved once and in one place for every route that
// sends a request (the chat pipeline, /embeddings) and for POST /api/v1/route, which must say what
// they do: the key's guardrails (its models, its provider layer, its spending limit), then the
// instance policy floor combined with the account's own settings. Each layer only narrows; the
// request's own `provider` preferences narrow further in routing.
import { AppError } from "@/lib/errors";
import type { TCatalog } from "@/lib/catalog/store";
import type { TModel } from "@/lib/catalog/types";
import { getAccountSettings, type TAccountSettings } from "@/lib/privacy/settings";
import { getPolicyFloor } from "@/lib/instance/settings";
import { applyPolicyFloor, isModelAllowed } from "@/lib/policy/floor";
import type { TProviderPreferences } from "@/lib/policy/types";
import { applyKeyGuardrails } from "@/lib/keys/guardrails";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";

export type TRequestPolicy = {
  /** The requested models the key and the instance allow, in the request's order (never empty). */
  models: TModel[];
  /** The request's `provider` preferences with the key's provider layer merged in. */
  prefs: TProviderPreferences;
  /** The account's settings under the instance floor, as they are now: routing and logging follow them. */
  settings: TAccountSettings;
};

export async function resolveRequestPolicy(
  request: { userId: string; apiKeyId: string | null; guardrails?: TKeyGuardrails },
  requested: TModel[],
  prefs: TProviderPreferences,
  catalog: TCatalog,
): Promise<TRequestPolicy | AppError> {
  // The key's guardrails: refuse, or narrow the models and add their layer of provider preferences.
  const guarded = await applyKeyGuardrails(request, requested, prefs, catalog);
  if (guarded instanceof AppError) return guarded;
  // The instance floor, then the account's own settings, each only narrowing (lib/policy/floor.ts).
  const [accountSettings, floor] = await Promise.all([getAccountSettings(request.userId), getPolicyFloor()]);
  const policy = applyPolicyFloor(floor, accountSettings);
  // A model outside the instance's allow-list is never tried, not even as a `models` fallback.
  const models = guarded.models.filter((model) => isModelAllowed(policy, model.id));
  const first = guarded.models[0]!;
  if (models.length === 0)
    return new AppError("forbidden", `Model not allowed on this Privet by its instance policy: ${first.id}`, {
      metadata: { code: "model_not_allowed", model: first.id },
    });
  return { models, prefs: guarded.prefs, settings: { ...accountSettings, ...policy } };
}
