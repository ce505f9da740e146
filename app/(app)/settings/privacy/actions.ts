"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { deleteLoggedContent, updatePrivacySettings, type TSavedPrivacySettings } from "@/lib/privacy/privacy-settings";
import { ZSettingsPatch } from "@/lib/privacy/settings";

/** Saves the signed-in account's privacy settings in one update, effective for its next request. */
export const updatePrivacySettingsAction = authedAction(
  "updatePrivacySettings",
  ZSettingsPatch,
  async (account, patch): Promise<TSavedPrivacySettings> => {
    const saved = await updatePrivacySettings(account.id, patch);
    revalidatePath("/settings/privacy");
    return saved;
  },
);

/** Deletes every prompt and completion logged for the signed-in account (its metadata stays). */
export const deleteLoggedContentAction = authedAction("deleteLoggedContent", z.object({}).strict(), async (account) => {
  const result = await deleteLoggedContent(account.id);
  revalidatePath("/settings/privacy");
  revalidatePath("/activity");
  return result;
});
