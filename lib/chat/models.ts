// The chat page's data for the signed-in account: the model picker (judged by the account's own
// settings), those settings read-only, and setup help when no provider can be called at all.
import { getCatalog } from "@/lib/catalog/store";
import { publicBaseUrl } from "@/lib/env";
import { getAccountSettings } from "@/lib/privacy/settings";
import { getPolicyFloor } from "@/lib/instance/settings";
import { applyPolicyFloor, isModelAllowed } from "@/lib/policy/floor";
import { buildChatModelViews, defaultModelId, setupHelpFor } from "@/lib/chat/model-views";
import { PRIVACY_SETTINGS_PATH } from "@/lib/chat/links";
import type { TChatPageData } from "@/lib/chat/types";

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
  const policy = applyPolicyFloor(floor, accountSettings);
  const settings = { ...accountSettings, ...policy };
  const models = buildChatModelViews(
    catalog.models.filter((model) => isModelAllowed(policy, model.id)),
    settings,
    chatSettingsUrl(),
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
    setup: setupHelpFor(catalog.models, catalog.providers),
    defaultModelId: defaultModelId(models),
  };
}
