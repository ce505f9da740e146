"use server";

import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { deleteAccount } from "@/lib/accounts/deletion";
import { changePassword } from "@/lib/accounts/password";
import { endAllSessions } from "@/lib/auth/session-version";
import { ZNewPassword } from "@/lib/auth/schemas";
import { requestAddress } from "@/lib/auth/session";

/** Deletes the signed-in account and everything it owns, once its password is confirmed. */
export const deleteAccountAction = authedAction(
  "deleteAccount",
  z.object({ password: z.string().min(1, { error: "Enter your password to confirm." }).max(256) }),
  async (account, { password }): Promise<{ deleted: true }> => {
    await deleteAccount(account.id, password, await requestAddress());
    return { deleted: true };
  },
);

/** Changes the password once the current one is confirmed; every session ends (the form signs this browser in again). */
export const changePasswordAction = authedAction(
  "changePassword",
  z.object({
    password: z.string().min(1, { error: "Enter your current password." }).max(256),
    newPassword: ZNewPassword,
  }),
  async (account, input): Promise<{ changed: true }> => {
    await changePassword(account.id, input, await requestAddress());
    return { changed: true };
  },
);

/** Ends every session of the account, this browser's included. */
export const signOutEverywhereAction = authedAction(
  "signOutEverywhere",
  z.object({}),
  async (account): Promise<{ signedOut: true }> => {
    await endAllSessions(account.id);
    return { signedOut: true };
  },
);
