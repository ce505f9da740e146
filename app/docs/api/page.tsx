import type { Metadata } from "next";
import { getApiDocsContext } from "@/lib/docs/catalog-pages";
import { ApiReference } from "@/components/docs/api-reference";

export const metadata: Metadata = {
  title: "API reference",
  description:
    "Privet's OpenAI-compatible API: chat completions, provider routing options, errors, and the catalog, generation and key endpoints.",
};

export default async function ApiReferencePage() {
  const context = await getApiDocsContext();
  return (
    <ApiReference
      apiBaseUrl={context.apiBaseUrl}
      settingsUrl={context.settingsUrl}
      exampleModel={context.exampleModel}
    />
  );
}
