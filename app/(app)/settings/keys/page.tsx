import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getExampleModelId } from "@/lib/docs/catalog-pages";
import { publicBaseUrl } from "@/lib/env";
import { toApiKeyView } from "@/lib/keys/api-key-view";
import { findApiKeys } from "@/lib/keys/api-keys";
import { ApiKeysEmptyState } from "@/components/keys/api-keys-empty-state";
import { ApiKeysTable } from "@/components/keys/api-keys-table";
import { CreateApiKey } from "@/components/keys/create-api-key";
import { KeyUsageExample } from "@/components/keys/key-usage-example";
import { createApiKeyAction, revokeApiKeyAction, updateApiKeyGuardrailsAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const account = await requireAccount("/settings/keys");
  const [keys, exampleModel] = await Promise.all([
    findApiKeys(account.id).then((found) => found.map(toApiKeyView)),
    getExampleModelId(),
  ]);
  const baseUrl = publicBaseUrl();
  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="api-keys-heading" className="text-xl font-semibold tracking-tight">
          API keys
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Keys let your own code call Privet&apos;s OpenAI-compatible API as you. Every request made with a key follows
          your privacy settings.
        </p>
      </div>
      <CreateApiKey createAction={createApiKeyAction} />
      {keys.length === 0 ? (
        <ApiKeysEmptyState baseUrl={baseUrl} exampleModel={exampleModel} />
      ) : (
        <>
          <ApiKeysTable
            keys={keys}
            revokeAction={revokeApiKeyAction}
            updateGuardrailsAction={updateApiKeyGuardrailsAction}
          />
          <details className="group rounded-xl border bg-card px-5 py-4 shadow-xs">
            <summary className="cursor-pointer text-sm font-medium">How to use a key</summary>
            <div className="mt-4">
              <KeyUsageExample baseUrl={baseUrl} exampleModel={exampleModel} />
            </div>
          </details>
        </>
      )}
    </section>
  );
}
