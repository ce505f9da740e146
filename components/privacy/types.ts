// The server actions the privacy settings UI calls, as the page hands them down (components never import app/).
import type { TResult } from "@/lib/errors";
import type { TSavedPrivacySettings } from "@/lib/privacy/privacy-settings";
import type { TSettingsPatch } from "@/lib/privacy/settings";

export type TUpdatePrivacySettingsAction = (patch: TSettingsPatch) => Promise<TResult<TSavedPrivacySettings>>;
export type TDeleteLoggedContentAction = (input: Record<string, never>) => Promise<TResult<{ deleted: number }>>;
