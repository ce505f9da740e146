"use server";

import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { deleteAccount } from "@/lib/accounts/deletion";

/** Deletes the signed-in account and everything it owns, once its password is confirmed. */
export const deleteAccountAction = authedAction(
  "deleteAccount",
  z.object({ password: z.string().min(1, { error: "Enter your password to confirm." }).max(256) }),
  async (account, { password }): Promise<{ deleted: true }> => {
    await deleteAccount(account.id, password);
    return { deleted: true };
  },
);
