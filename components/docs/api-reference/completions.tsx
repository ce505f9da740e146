// API reference section. POST /completions: OpenAI's legacy text completions, routed like chat.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";

export function CompletionsSection({
  apiBaseUrl,
  exampleModel,
}: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  const sdkExample = `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${apiBaseUrl}", apiKey: process.env.PRIVET_API_KEY });

const completion = await client.completions.create({
  model: "${exampleModel}",
  prompt: "Once upon a time",
  max_tokens: 50,
});
console.log(completion.choices[0].text);`;
  return (
    <DocSection id="completions" title="Text completions (legacy)">
      <Prose>
        <p>
          {B("POST /api/v1/completions")} takes OpenAI&apos;s legacy request for the tools that still send one: a{" "}
          {B("prompt")} (a string, or an array holding one), with {B("max_tokens")}, {B("temperature")}, {B("top_p")},{" "}
          {B("stop")}, {B("seed")}, the penalties, {B("user")}, {B('"stream": true')} and Privet&apos;s {B("provider")}{" "}
          and {B("models")}. The prompt is sent as the one user message of a chat request, routed and recorded exactly
          like a chat completion (record kind {B("completions")}). The answer is a {B("text_completion")} with one
          choice&apos;s {B("text")}, the usage and its cost; streamed, chunks of the same object, the last one carrying
          the usage, then {B("data: [DONE]")}.
        </p>
        <p>
          What a chat model cannot do is refused with a 400 naming the field: several prompts, {B("n")} or{" "}
          {B("best_of")} above 1, {B("echo")}, {B("suffix")} and {B("logprobs")}.
        </p>
      </Prose>
      <CodeBlock label="OpenAI's TypeScript SDK" code={sdkExample} isCopyable />
    </DocSection>
  );
}
