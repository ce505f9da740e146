"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { ZKeyId, ZKeyName } from "@/lib/auth/schemas";
import { toApiKeyView, type TApiKeyView, type TCreatedApiKey } from "@/lib/keys/api-key-view";
import { createApiKey, revokeApiKey } from "@/lib/keys/api-keys";

/** Creates a key for the signed-in account; the plaintext is returned this once and never stored. */
export const createApiKeyAction = authedAction(
  "createApiKey",
  z.object({ name: ZKeyName }),
  async (account, { name }): Promise<TCreatedApiKey> => {
    const { key, info } = await createApiKey(account.id, name);
    revalidatePath("/settings/keys");
    return { key, apiKey: toApiKeyView(info) };
  },
);

/** Revokes one of the signed-in account's keys; another account's key id is "not found". */
export const revokeApiKeyAction = authedAction(
  "revokeApiKey",
  z.object({ keyId: ZKeyId }),
  async (account, { keyId }): Promise<TApiKeyView> => {
    const info = await revokeApiKey(account.id, keyId);
    revalidatePath("/settings/keys");
    return toApiKeyView(info);
  },
);
