// The model picker's data: every catalog model judged by the policy engine under the account's
// settings, for each combination of the conversation's two restricting options. Pure, so the same
// decision the router makes is what the picker shows, and it is unit-tested without a database.
import { keyVariablesByReach } from "@/lib/catalog/build";
import type { TModel, TProvider } from "@/lib/catalog/types";
import { endpointPrice, refusalFor, selectEndpoints } from "@/lib/policy";
import type { TAccountPolicy, TProviderPreferences } from "@/lib/policy/types";
import { toRefusalView } from "@/lib/chat/refusal-view";
import { takesReasoning } from "@/lib/gateway/adapters/reasoning";
import type { TChatModelView, TModelAvailability, TOptionsKey, TSetupHelp } from "@/lib/chat/types";

const OPTION_COMBINATIONS: { key: TOptionsKey; prefs: TProviderPreferences }[] = [
  { key: "none", prefs: {} },
  { key: "deny", prefs: { data_collection: "deny" } },
  { key: "zdr", prefs: { zdr: true } },
  { key: "deny+zdr", prefs: { data_collection: "deny", zdr: true } },
];

/** The picker does not know the conversation yet: judge an empty request (no parameters, no tokens). */
const EMPTY_REQUEST = { parameters: [], features: [], estimatedTokens: 0 };
/** The same, carrying an image or a PDF: whether an allowed endpoint would take the attachment (the capabilities step). */
const IMAGE_REQUEST = { parameters: [], features: ["image_input" as const], estimatedTokens: 0 };
const PDF_REQUEST = { parameters: [], features: ["file_input" as const], estimatedTokens: 0 };

function availabilityOf(
  model: TModel,
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  settingsUrl: string,
  now: number | undefined,
): TModelAvailability {
  const decision = selectEndpoints(model.endpoints, account, prefs, { ...EMPTY_REQUEST, routedAt: now });
  const priced = decision.eligible.length > 0 ? decision.eligible : model.endpoints;
  const cheapest = [...priced].sort((a, b) => endpointPrice(a) - endpointPrice(b))[0];
  const refusal = refusalFor(decision, model.id, settingsUrl);
  const names = new Map(model.endpoints.map((e) => [e.provider.slug, e.provider.name]));
  const freeBySlug = new Map(model.endpoints.map((e) => [e.provider.slug, e.free]));
  const thinking = decision.eligible.filter((e) => takesReasoning(e.supportedParameters)).length;
  return {
    allowed: decision.eligible.map((e) => ({ slug: e.provider.slug, name: e.provider.name })),
    price: cheapest ? { prompt: cheapest.pricing.prompt, completion: cheapest.pricing.completion } : null,
    refusal: refusal
      ? toRefusalView(
          refusal,
          model.id,
          {
            providerName: (slug) => names.get(slug) ?? slug,
            isFree: (slug) => freeBySlug.get(slug) ?? model.id.endsWith(":free"),
          },
          {
            accountZdrOnly: account.zdrOnly,
            requestZdr: prefs.zdr === true,
            requestDeny: prefs.data_collection === "deny",
          },
        )
      : null,
    reasoning: thinking === 0 ? "none" : thinking === decision.eligible.length ? "all" : "some",
    accepts: {
      image: selectEndpoints(model.endpoints, account, prefs, IMAGE_REQUEST).eligible.length > 0,
      pdf: selectEndpoints(model.endpoints, account, prefs, PDF_REQUEST).eligible.length > 0,
    },
  };
}

export function buildChatModelViews(
  models: readonly TModel[],
  account: TAccountPolicy,
  settingsUrl: string,
  /** The time catalog policy ages are measured to (ms since the epoch), for a maximum policy age. */
  now?: number,
): TChatModelView[] {
  return models.map((model) => {
    const providers = new Map<string, string>();
    for (const endpoint of model.endpoints) providers.set(endpoint.provider.slug, endpoint.provider.name);
    const availability = Object.fromEntries(
      OPTION_COMBINATIONS.map(({ key, prefs }) => [key, availabilityOf(model, account, prefs, settingsUrl, now)]),
    ) as Record<TOptionsKey, TModelAvailability>;
    return {
      id: model.id,
      name: model.name,
      description: model.description,
      contextLength: model.contextLength,
      isFree: model.endpoints.length > 0 && model.endpoints.every((e) => e.free),
      reads: {
        image: model.inputModalities?.includes("image") ?? false,
        pdf: model.inputModalities?.includes("file") ?? false,
      },
      providers: [...providers].map(([slug, name]) => ({ slug, name })),
      availability,
    };
  });
}

/**
 * Null when something can be called; otherwise what to tell the operator. "Nothing can be called"
 * means no endpoint anywhere has its key set (or there are no models), whatever the account allows:
 * a refusal by the privacy settings is not a setup problem and is shown per model instead.
 */
export function setupHelpFor(models: readonly TModel[], providers: readonly TProvider[]): TSetupHelp | null {
  const hasRoutable = models.some((model) => model.endpoints.some((endpoint) => endpoint.isRoutable));
  if (hasRoutable) return null;
  return { envVars: keyVariablesByReach(providers, models), hasModels: models.length > 0 };
}

/** The first model the account settings leave a provider for (or the first model at all). */
export function defaultModelId(views: readonly TChatModelView[]): string | null {
  return (views.find((view) => view.availability.none.allowed.length > 0) ?? views[0])?.id ?? null;
}
