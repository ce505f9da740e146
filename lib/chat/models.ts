// The chat page's data for the signed-in account: the model picker (judged by the account's own
// settings), those settings read-only, and setup help when no provider can be called at all.
import { getCatalog } from "@/lib/catalog/store";
import { publicBaseUrl } from "@/lib/env";
import { getAccountSettings } from "@/lib/privacy/settings";
import { getPolicyFloor } from "@/lib/instance/settings";
import { applyPolicyFloor, isModelAllowed } from "@/lib/policy/floor";
import { buildChatModelViews, defaultModelId, setupHelpFor } from "@/lib/chat/model-views";
import { PRIVACY_SETTINGS_PATH } from "@/lib/chat/links";
import type { TChatPageData, TModelAvailability } from "@/lib/chat/types";

export function chatSettingsUrl(): string {
  return `${publicBaseUrl()}${PRIVACY_SETTINGS_PATH}`;
}

export async function getChatPageData(userId: string): Promise<TChatPageData> {
  const [catalog, accountSettings, floor] = await Promise.all([
    getCatalog(),
    getAccountSettings(userId),
    getPolicyFloor(),
  ]);
  // The picker judges models as the router will: under the instance floor, allowed models only.
  // Embedding models answer /embeddings only: the chat offers the models that give text.
  const policy = applyPolicyFloor(floor, accountSettings);
  const settings = { ...accountSettings, ...policy };
  const chatModels = catalog.models.filter((model) => model.output === "text");
  const models = buildChatModelViews(
    chatModels.filter((model) => isModelAllowed(policy, model.id)),
    settings,
    chatSettingsUrl(),
    Date.now(),
  );
  const nameOf = (slug: string) => catalog.providerBySlug.get(slug)?.name ?? slug;
  return {
    models,
    settings: {
      promptLogging: settings.promptLogging,
      allowTrainingPaid: settings.allowTrainingPaid,
      allowTrainingFree: settings.allowTrainingFree,
      zdrOnly: settings.zdrOnly,
      ignoredProviders: settings.ignoredProviders.map((slug) => ({ slug, name: nameOf(slug) })),
      contentRetentionDays: settings.contentRetentionDays,
    },
    setup: setupHelpFor(chatModels, catalog.providers),
    defaultModelId: defaultModelId(models),
  };
}

/** What the account's settings leave of one model's providers (the model page), or null for a model the catalog lacks. */
export async function findModelAvailability(userId: string, modelId: string): Promise<TModelAvailability | null> {
  const [catalog, accountSettings, floor] = await Promise.all([
    getCatalog(),
    getAccountSettings(userId),
    getPolicyFloor(),
  ]);
  const model = catalog.modelById.get(modelId);
  if (!model) return null;
  // The reader's settings as the router applies them: under the instance floor.
  const settings = { ...accountSettings, ...applyPolicyFloor(floor, accountSettings) };
  return buildChatModelViews([model], settings, chatSettingsUrl(), Date.now())[0]?.availability.none ?? null;
}
