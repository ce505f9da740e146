"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { ZKeyId, ZKeyName } from "@/lib/auth/schemas";
import { toApiKeyView, type TApiKeyView, type TCreatedApiKey } from "@/lib/keys/api-key-view";
import { createApiKey, revokeApiKey, updateApiKey } from "@/lib/keys/api-keys";
import { guardrailsOrFieldErrors, ZGuardrailsForm } from "@/lib/keys/guardrails-schema";

/**
 * Creates a key for the signed-in account, with its guardrails, or a management key; the plaintext
 * is returned this once and never stored.
 */
export const createApiKeyAction = authedAction(
  "createApiKey",
  z.object({ name: ZKeyName, isManagement: z.boolean().default(false), guardrails: ZGuardrailsForm.optional() }),
  async (account, { name, isManagement, guardrails }): Promise<TCreatedApiKey> => {
    const { key, info } = await createApiKey(account.id, name, {
      isManagement,
      ...(guardrails && !isManagement ? { guardrails: guardrailsOrFieldErrors(guardrails) } : {}),
    });
    revalidatePath("/settings/keys");
    return { key, apiKey: toApiKeyView(info) };
  },
);

/**
 * Changes the guardrails of one of the signed-in account's keys, and whether it is turned off;
 * another account's key id is "not found".
 */
export const updateApiKeyGuardrailsAction = authedAction(
  "updateApiKeyGuardrails",
  z.object({ keyId: ZKeyId, guardrails: ZGuardrailsForm, disabled: z.boolean().optional() }),
  async (account, { keyId, guardrails, disabled }): Promise<TApiKeyView> => {
    const info = await updateApiKey(account.id, keyId, {
      guardrails: guardrailsOrFieldErrors(guardrails),
      ...(disabled === undefined ? {} : { disabled }),
    });
    revalidatePath("/settings/keys");
    return toApiKeyView(info);
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
