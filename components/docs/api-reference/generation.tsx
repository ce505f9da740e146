// API reference section. Generations: GET /generation and /generation/content.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { DATA_OPEN, generationContentExample, generationExample, printJson } from "@/lib/docs/api-examples";

export function GenerationSection({ apiBaseUrl }: Pick<TApiReferenceProps, "apiBaseUrl">) {
  const curlGeneration = `# GENERATION_ID: the response's "id", or its X-Privet-Generation-Id header
curl "${apiBaseUrl}/generation?id=$GENERATION_ID" \\
  -H "Authorization: Bearer $PRIVET_API_KEY"`;

  return (
    <DocSection id="generation" title="Generations">
      <Prose>
        <p>
          {B("GET /generation?id=")} returns the metadata record of one of your requests: as soon as its response has ended,
          whether it succeeded or not. {B("GET /generation/content?id=")} returns its prompt and completion, only if prompt
          logging was on for it and the content has not expired or been deleted. For anyone else&apos;s id, both answer 404.
        </p>
      </Prose>
      <CodeBlock label="Request" code={curlGeneration} isCopyable />
      <CodeBlock label="GET /generation response (demo install)" code={printJson(generationExample, DATA_OPEN)} />
      <CodeBlock label="GET /generation/content response" code={printJson(generationContentExample, DATA_OPEN)} />
      <Prose>
        <p>
          {B("provider_responses")} lists every attempt; {B("data_policy")} is the serving endpoint&apos;s policy at the time;{" "}
          {B("content_stored")} says whether the content endpoint has anything to return. Times are in milliseconds.
        </p>
      </Prose>
    </DocSection>
  );
}
