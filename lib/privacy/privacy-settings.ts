// The privacy settings page's use cases: read the account's settings with what the preview needs,
// save a change, delete what prompt logging stored. Every function takes the signed-in account's id
// and touches that account's rows only.
import { getCatalog } from "@/lib/catalog/store";
import { countStoredContent, deleteAllContent } from "@/lib/content/content";
import { AppError } from "@/lib/errors";
import { recorder } from "@/lib/gateway/recorder";
import {
  getAccountSettings,
  updateAccountSettings,
  ZSettingsPatch,
  type TAccountSettings,
} from "@/lib/privacy/settings";
import { toPreviewCatalog, type TPreviewCatalog } from "@/lib/privacy/preview";
import { getPolicyFloor } from "@/lib/instance/settings";
import type { TPolicyFloor } from "@/lib/policy/floor";

/** The settings as the browser sees them (serializable). */
export type TPrivacySettingsView = Omit<TAccountSettings, "updatedAt"> & { updatedAt: string };

export type TPrivacySettingsPage = {
  settings: TPrivacySettingsView;
  catalog: TPreviewCatalog;
  /** Logged prompts and completions still stored for the account. */
  loggedContentCount: number;
  /** What the instance requires of every account: shown locked, applied under the settings. */
  floor: TPolicyFloor;
  /** When the page was built (ms since the epoch): the preview measures catalog policy ages to it. */
  now: number;
};

export type TSavedPrivacySettings = {
  settings: TPrivacySettingsView;
  /** Set when the save turned prompt logging off: how many logged items are still stored. */
  loggedContentCount: number | null;
};

function toView(settings: TAccountSettings): TPrivacySettingsView {
  return { ...settings, ignoredProviders: [...settings.ignoredProviders], updatedAt: settings.updatedAt.toISOString() };
}

/** Counts stored content, including content still waiting in the metadata writer's memory. */
async function countLoggedContent(userId: string): Promise<number> {
  await recorder().flush();
  return countStoredContent(userId);
}

export async function getPrivacySettingsPage(userId: string): Promise<TPrivacySettingsPage> {
  const [settings, catalog, loggedContentCount, floor] = await Promise.all([
    getAccountSettings(userId),
    getCatalog(),
    countLoggedContent(userId),
    getPolicyFloor(),
  ]);
  return {
    settings: toView(settings),
    catalog: toPreviewCatalog(catalog),
    loggedContentCount,
    floor,
    now: Date.now(),
  };
}

/**
 * Applies a settings change in one update; it is effective for the account's very next request.
 * Ignored providers must be in the catalog — except slugs the account already ignores, so a
 * provider that has since left the catalog does not block every later save.
 */
export async function updatePrivacySettings(userId: string, input: unknown): Promise<TSavedPrivacySettings> {
  const parsed = ZSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue?.message ?? "Invalid settings.", {
      metadata: { field: issue?.path[0]?.toString() ?? "form" },
    });
  }
  const patch = parsed.data;
  const before = await getAccountSettings(userId);
  if (patch.ignoredProviders) {
    const known = (await getCatalog()).providerBySlug;
    const unknown = patch.ignoredProviders.filter(
      (slug) => !known.has(slug) && !before.ignoredProviders.includes(slug),
    );
    if (unknown.length > 0) {
      throw new AppError(
        "bad_request",
        `Unknown provider${unknown.length === 1 ? "" : "s"}: ${unknown.slice(0, 5).join(", ")}.`,
        {
          metadata: { field: "ignoredProviders" },
        },
      );
    }
  }
  const settings = await updateAccountSettings(userId, patch);
  const hasTurnedLoggingOff = before.promptLogging && !settings.promptLogging;
  return {
    settings: toView(settings),
    loggedContentCount: hasTurnedLoggingOff ? await countLoggedContent(userId) : null,
  };
}

/** Deletes every logged prompt and completion of the account; the metadata records stay. */
export async function deleteLoggedContent(userId: string): Promise<{ deleted: number }> {
  return { deleted: await deleteAllContent(userId) };
}
