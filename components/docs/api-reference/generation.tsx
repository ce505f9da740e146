// API reference section. Generations: GET /generation and /generation/content.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { DATA_OPEN, generationContentExample, printGeneration, printJson } from "@/lib/docs/api-examples";

export function GenerationSection({ apiBaseUrl }: Pick<TApiReferenceProps, "apiBaseUrl">) {
  const curlGeneration = `# GENERATION_ID: the response's "id", or its X-Privet-Generation-Id header
curl "${apiBaseUrl}/generation?id=$GENERATION_ID" \\
  -H "Authorization: Bearer $PRIVET_API_KEY"`;

  return (
    <DocSection id="generation" title="Generations">
      <Prose>
        <p>
          {B("GET /generation?id=")} returns the metadata record of one of your requests: as soon as its response has
          ended, whether it succeeded or not. {B("GET /generation/content?id=")} returns its prompt and completion, only
          if prompt logging was on for it and the content has not expired or been deleted. For anyone else&apos;s id,
          both answer 404.
        </p>
      </Prose>
      <CodeBlock label="Request" code={curlGeneration} isCopyable />
      <CodeBlock label="GET /generation response (demo install)" code={printGeneration()} />
      <CodeBlock label="GET /generation/content response" code={printJson(generationContentExample, DATA_OPEN)} />
      <Prose>
        <p>
          The record is OpenRouter&apos;s generation object (its SDK&apos;s {B("generations.getGeneration")} reads it),
          with Privet&apos;s own fields after it. {B("provider_responses")} lists every attempt at a provider (a request
          Privet itself could not express in a provider&apos;s API was never sent there, and is not listed). Token
          counts are the provider&apos;s, so {B("native_tokens_*")} equal {B("tokens_*")}; {B("is_byok")} is false
          (providers are called with this install&apos;s keys); {B("app_id")} is {B("null")}: Privet has no app ids, and
          the title your app sent is in {B("app_title")}. What Privet does not know ({B("upstream_id")}, media counts,{" "}
          {B("cache_discount")}, {B("upstream_inference_cost")}, …) is {B("null")}. Privet adds {B("provider_slug")},{" "}
          {B("upstream_model")}, {B("status")}, {B("http_status")}, {B("error_code")}, {B("time_to_first_token")},{" "}
          {B("api_key_id")}, {B("data_policy")} (the serving endpoint&apos;s policy at the time) and{" "}
          {B("content_stored")} (whether the content endpoint has anything to return), and {B("kind")}: the route the
          request came through ({B("chat")}, {B("messages")}, {B("responses")}, {B("completions")} or {B("embeddings")};
          also in the activity page&apos;s CSV export and the account export). For an embeddings request the content is
          the input alone. Times are in milliseconds.
        </p>
      </Prose>
    </DocSection>
  );
}
