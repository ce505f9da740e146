// The server actions the keys UI calls, as the page hands them down (components never import app/).
import type { TResult } from "@/lib/errors";
import type { TApiKeyView, TCreatedApiKey } from "@/lib/keys/api-key-view";
import type { TGuardrailsForm } from "@/lib/keys/guardrails-schema";

export type TCreateApiKeyAction = (input: {
  name: string;
  isManagement: boolean;
  guardrails: TGuardrailsForm;
}) => Promise<TResult<TCreatedApiKey>>;
export type TUpdateGuardrailsAction = (input: {
  keyId: string;
  guardrails: TGuardrailsForm;
  disabled?: boolean;
}) => Promise<TResult<TApiKeyView>>;
export type TRevokeApiKeyAction = (input: { keyId: string }) => Promise<TResult<TApiKeyView>>;
