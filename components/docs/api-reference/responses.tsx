// API reference section. POST /responses: OpenAI's Responses API, stateless, routed like chat.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { printResponsesCurl, printResponsesResponse } from "@/lib/docs/api-examples";

export function ResponsesSection({
  apiBaseUrl,
  exampleModel,
}: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  const sdkExample = `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${apiBaseUrl}", apiKey: process.env.PRIVET_API_KEY });

const response = await client.responses.create({
  model: "${exampleModel}",
  instructions: "Be brief.",
  input: "Hello",
});
console.log(response.output_text);

// Streaming: the SDK assembles the events into the final response.
const stream = client.responses.stream({ model: "${exampleModel}", input: "Hello" });
stream.on("response.output_text.delta", (event) => process.stdout.write(event.delta));
console.log((await stream.finalResponse()).usage);`;
  const codex = `# ~/.codex/config.toml
model = "${exampleModel}"
model_provider = "privet"

[model_providers.privet]
name = "Privet"
base_url = "${apiBaseUrl}"
env_key = "PRIVET_API_KEY"
wire_api = "responses"`;
  return (
    <DocSection id="responses" title="Responses (OpenAI)">
      <Prose>
        <p>
          {B("POST /api/v1/responses")} is OpenAI&apos;s Responses API without server-side state: {B("input")} as text
          or a list of items ({B("message")} items with {B("input_text")}, {B("input_image")} and {B("input_file")}{" "}
          parts, {B("function_call")} and {B("function_call_output")} items), {B("instructions")}, function {B("tools")}{" "}
          with {B("tool_choice")} and {B("parallel_tool_calls")}, {B("reasoning.effort")}, {B("text.format")} (JSON
          object or JSON schema), {B("max_output_tokens")}, {B("temperature")}, {B("top_p")}, {B("user")} and{" "}
          {B('"stream": true')}; {B("provider")} takes the same routing preferences as chat.
        </p>
        <p>
          Privet never stores a response: every answer says {B('"store": false')}, whatever the request asked, and{" "}
          {B("previous_response_id")} (or {B("conversation")}) is refused with a 400 saying that Privet keeps no
          conversation state: send the whole conversation in {B("input")}. Built-in tools (web search, file search,
          computer use) are refused too; reasoning items sent back are not forwarded.
        </p>
        <p>
          The request is routed exactly like a chat completion (account settings, {B("provider")}, fallbacks across
          OpenAI-compatible and Messages-API providers, the receipt headers, one record of kind {B("responses")}, text
          stored only with prompt logging). The answer is a {B("response")} object whose {B("id")} is the generation id,
          with {B("reasoning")}, {B("message")} and {B("function_call")} output items and the usage with its {B("cost")}
          . Streamed, it is the Responses events, from {B("response.created")} through {B("response.output_text.delta")}{" "}
          and {B("response.function_call_arguments.delta")} to {B("response.completed")} ({B("response.incomplete")}{" "}
          when the output hit its limit, {B("response.failed")} when the provider&apos;s stream broke). Errors have
          Privet&apos;s shape.
        </p>
      </Prose>
      <CodeBlock label="Request" code={printResponsesCurl(apiBaseUrl, exampleModel)} isCopyable />
      <CodeBlock label="Response body (from a demo install)" code={printResponsesResponse()} />
      <CodeBlock label="OpenAI's TypeScript SDK" code={sdkExample} isCopyable />
      <CodeBlock label="Codex" code={codex} isCopyable />
    </DocSection>
  );
}
