// Where the chat links to. The privacy settings anchors are agreed with the settings page:
// prompt-logging, train-paid, train-free, zdr-only, ignored-providers, content-retention,
// metadata-retention. Kept apart from the policy code so the browser bundle stays small.
import type { TSettingAnchor } from "@/lib/chat/types";

export const PRIVACY_SETTINGS_PATH = "/settings/privacy";

/** Every provider, with whether this server has its key. */
export const PROVIDERS_HREF = "/providers";

export function settingHref(anchor: TSettingAnchor): string {
  return `${PRIVACY_SETTINGS_PATH}#${anchor}`;
}

/** The provider's row in the docs' data-retention table. */
export function providerDocsHref(slug: string): string {
  return `/docs#provider-${slug}`;
}

/** The metadata record of one request, on the activity page. */
export function activityHref(generationId: string): string {
  return `/activity/${encodeURIComponent(generationId)}`;
}
