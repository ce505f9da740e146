import { DocsArticle, type TTocItem } from "@/components/docs/docs-article";
import { Code } from "@/components/docs/prose";
import { ScrollToHash } from "@/components/docs/scroll-to-hash";
import type { TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { OverviewSection } from "@/components/docs/api-reference/overview";
import { ChatCompletionsSection } from "@/components/docs/api-reference/chat-completions";
import { MessagesSection } from "@/components/docs/api-reference/messages";
import { EmbeddingsSection } from "@/components/docs/api-reference/embeddings";
import { ResponsesSection } from "@/components/docs/api-reference/responses";
import { CompletionsSection } from "@/components/docs/api-reference/completions";
import { ReceiptSection } from "@/components/docs/api-reference/receipt";
import { StreamingSection } from "@/components/docs/api-reference/streaming";
import { ProviderObjectSection } from "@/components/docs/api-reference/provider-object";
import { FallbacksSection } from "@/components/docs/api-reference/fallbacks";
import { RouteSection } from "@/components/docs/api-reference/route";
import { EgressSection } from "@/components/docs/api-reference/egress";
import { ErrorsSection } from "@/components/docs/api-reference/errors";
import { CatalogSection } from "@/components/docs/api-reference/catalog";
import { GenerationSection } from "@/components/docs/api-reference/generation";
import { KeySection } from "@/components/docs/api-reference/key";
import { ActivitySection } from "@/components/docs/api-reference/activity";
import { SdksSection } from "@/components/docs/api-reference/sdks";

// The reference for /api/v1, one file per section. Each statement is checked against lib/api,
// lib/gateway (chat-schema.ts, pipeline.ts, adapters) and lib/policy (select-endpoints.ts,
// refusal.ts); the example payloads are typed values in lib/docs/api-examples.ts, checked against
// the API's own types and code by its test.

const TOC: TTocItem[] = [
  { id: "overview", label: "Base URL and keys" },
  { id: "chat-completions", label: "Chat completions" },
  { id: "messages", label: "Messages (Anthropic)" },
  { id: "responses", label: "Responses (OpenAI)" },
  { id: "embeddings", label: "Embeddings" },
  { id: "completions", label: "Text completions (legacy)" },
  { id: "receipt", label: "The data-handling receipt" },
  { id: "streaming", label: "Streaming" },
  { id: "provider-object", label: "The provider object" },
  { id: "fallbacks", label: "Fallbacks" },
  { id: "route", label: "Explaining a route" },
  { id: "egress", label: "What reaches the provider" },
  { id: "errors", label: "Errors" },
  { id: "catalog", label: "Models and providers" },
  { id: "generation", label: "Generations" },
  { id: "key", label: "Keys, guardrails and credits" },
  { id: "activity", label: "Activity" },
  { id: "sdks", label: "SDKs" },
];

export function ApiReference({ apiBaseUrl, settingsUrl, exampleModel }: TApiReferenceProps) {
  return (
    <DocsArticle
      title="API reference"
      description={
        <>
          An OpenAI- and OpenRouter-compatible API (with Anthropic&apos;s Messages API and OpenAI&apos;s Responses,
          embeddings and legacy completions APIs under the same privacy routing) with provider routing options and a
          data-handling receipt on every response. The examples use this install&apos;s address and run as printed once{" "}
          <Code>PRIVET_API_KEY</Code> holds one of your keys.
        </>
      }
      toc={TOC}
    >
      <OverviewSection apiBaseUrl={apiBaseUrl} />
      <ChatCompletionsSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <MessagesSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <ResponsesSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <EmbeddingsSection apiBaseUrl={apiBaseUrl} />
      <CompletionsSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <ReceiptSection />
      <StreamingSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <ProviderObjectSection />
      <FallbacksSection />
      <RouteSection />
      <EgressSection />
      <ErrorsSection settingsUrl={settingsUrl} />
      <CatalogSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <GenerationSection apiBaseUrl={apiBaseUrl} />
      <KeySection />
      <ActivitySection apiBaseUrl={apiBaseUrl} />
      <SdksSection apiBaseUrl={apiBaseUrl} exampleModel={exampleModel} />
      <ScrollToHash />
    </DocsArticle>
  );
}
