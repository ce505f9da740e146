// The server actions the keys UI calls, as the page hands them down (components never import app/).
import type { TResult } from "@/lib/errors";
import type { TApiKeyView, TCreatedApiKey } from "@/lib/keys/api-key-view";

export type TCreateApiKeyAction = (input: { name: string }) => Promise<TResult<TCreatedApiKey>>;
export type TRevokeApiKeyAction = (input: { keyId: string }) => Promise<TResult<TApiKeyView>>;
