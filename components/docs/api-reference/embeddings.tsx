// API reference section. POST /embeddings: OpenAI's embeddings API, routed like chat.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { printEmbeddingsCurl, printEmbeddingsResponse } from "@/lib/docs/api-examples";

export function EmbeddingsSection({ apiBaseUrl }: Pick<TApiReferenceProps, "apiBaseUrl">) {
  const model = "demo/embed";
  const sdkExample = `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${apiBaseUrl}", apiKey: process.env.PRIVET_API_KEY });

const { data } = await client.embeddings.create({
  model: "openai/text-embedding-3-small", // any model listed with output_modalities ["embeddings"]
  input: ["first passage", "second passage"],
  dimensions: 512,
});
console.log(data[0].embedding.length);`;
  return (
    <DocSection id="embeddings" title="Embeddings">
      <Prose>
        <p>
          {B("POST /api/v1/embeddings")} is OpenAI&apos;s embeddings API: {B("input")} is a string, an array of strings
          (up to 2,048) or token arrays; {B("encoding_format")} is {B("float")} (the default) or {B("base64")}{" "}
          (little-endian float32, what OpenAI&apos;s SDKs ask for and decode); {B("dimensions")} asks for shorter
          vectors where the model allows it; {B("provider")} takes the same routing preferences as chat. The model must
          be an embedding model: those list {B('architecture.output_modalities: ["embeddings"]')} in{" "}
          {B("GET /api/v1/models")}, and the chat routes refuse them with a 400 (as this route refuses a chat model).
        </p>
        <p>
          The account&apos;s training, ZDR and ignore settings and the request&apos;s {B("provider")} choose among the
          model&apos;s OpenAI-compatible endpoints exactly as for chat, with the same 404 refusal, fallbacks and receipt
          headers. Privet always asks the provider for floats, checks every number and writes the answer itself. The
          record (kind {B("embeddings")}) holds the input tokens, the cost, the latency and the provider, never the
          input; with prompt logging on, the input is stored as the request&apos;s content (the vectors never are).
        </p>
      </Prose>
      <CodeBlock label="Request" code={printEmbeddingsCurl(apiBaseUrl, model)} isCopyable />
      <CodeBlock label="Response body (from a demo install)" code={printEmbeddingsResponse()} />
      <CodeBlock label="OpenAI's TypeScript SDK" code={sdkExample} isCopyable />
    </DocSection>
  );
}
