// API reference section. POST /messages: Anthropic's Messages API (its SDKs, Claude Code), routed like chat.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { messagesStreamEventsExample, printMessagesCurl, printMessagesResponse } from "@/lib/docs/api-examples";

export function MessagesSection({ apiBaseUrl, exampleModel }: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  // Anthropic's clients add /v1/messages to their base URL themselves.
  const anthropicBase = apiBaseUrl.replace(/\/v1$/, "");
  const sdkExample = `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "${anthropicBase}",
  apiKey: process.env.PRIVET_API_KEY,
});

const message = await client.messages.create({
  model: "${exampleModel}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello" }],
});
console.log(message.content);

// Streaming, with Anthropic's events; the SDK assembles the final message.
const stream = client.messages.stream({
  model: "${exampleModel}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello" }],
});
stream.on("text", (text) => process.stdout.write(text));
console.log((await stream.finalMessage()).usage);`;
  const countExample = `// The same body as messages.create, without max_tokens.
const { data, response } = await client.messages
  .countTokens({
    model: "${exampleModel}",
    system: "Be brief.",
    messages: [{ role: "user", content: "Hello" }],
  })
  .withResponse();
// "provider" when a Messages-API provider counted, "estimate" when Privet did.
console.log(data.input_tokens, response.headers.get("x-privet-token-count"));`;
  const claudeCode = `# Claude Code appends /v1/messages to the base URL. Leave ANTHROPIC_API_KEY unset.
export ANTHROPIC_BASE_URL="${anthropicBase}"
export ANTHROPIC_AUTH_TOKEN="$PRIVET_API_KEY"
# Claude Code asks for Anthropic's model names: map them to models of this install.
export ANTHROPIC_MODEL="${exampleModel}"
export ANTHROPIC_DEFAULT_OPUS_MODEL="${exampleModel}"
export ANTHROPIC_DEFAULT_SONNET_MODEL="${exampleModel}"
export ANTHROPIC_DEFAULT_HAIKU_MODEL="${exampleModel}"
claude`;
  return (
    <DocSection id="messages" title="Messages (Anthropic)">
      <Prose>
        <p>
          {B("POST /api/v1/messages")} takes Anthropic&apos;s Messages API as Anthropic&apos;s SDKs and Claude Code send
          it: {B("system")}, text, image, PDF and text-document blocks, {B("tools")} with {B("tool_use")} and{" "}
          {B("tool_result")} blocks, {B("tool_choice")}, {B("thinking")}, {B("stop_sequences")}, {B("metadata.user_id")}{" "}
          and {B('"stream": true')}. The key goes in {B("x-api-key")} or as {B("Authorization: Bearer")}; the{" "}
          {B("anthropic-version")} header is accepted whatever its value. {B("model")} is a model of this install (
          {B(exampleModel)}), and {B("provider")} takes the same routing preferences as chat.
        </p>
        <p>
          The request is routed exactly like a chat completion: the account&apos;s training, ZDR and ignore settings and
          the request&apos;s {B("provider")} decide the provider, any eligible endpoint of the model may serve it
          (Messages-API providers and OpenAI-compatible ones alike: Privet translates), a failed provider is replaced by
          the next, and the answer carries the receipt headers. Each request leaves one metadata record, of kind{" "}
          {B("messages")}; its text is stored only with prompt logging on.
        </p>
        <p>
          The answer is Anthropic&apos;s {B("message")} object, its {B("id")} the generation id, with Privet&apos;s{" "}
          {B("provider")} and the {B("usage.cost")}. Streamed, it is Anthropic&apos;s events:{" "}
          {messagesStreamEventsExample.map((type, i) => (
            <span key={type}>
              {i > 0 ? ", " : ""}
              {B(type)}
            </span>
          ))}
          ; a stream that breaks after it started ends with an {B("error")} event. Errors have Anthropic&apos;s shape,{" "}
          {B('{ "type": "error", "error": { "type", "message" } }')}, with Privet&apos;s {B("metadata")} (a policy
          refusal is a 404 {B("not_found_error")} listing what was excluded).
        </p>
        <p>
          Thinking keeps its signature both ways. From a Messages-API provider, {B("thinking")} blocks come back with
          Anthropic&apos;s {B("signature")} (streamed as a {B("signature_delta")} event before the block ends) and{" "}
          {B("redacted_thinking")} blocks with their {B("data")}; from an OpenAI-compatible provider, its{" "}
          {B("reasoning_details")} become the same blocks (a {B("reasoning.text")} detail a {B("thinking")} block with
          its {B("signature")}, a {B("reasoning.encrypted")} detail a {B("redacted_thinking")} block), and a provider
          that signs nothing gives an empty {B("signature")}. Thinking and redacted thinking you send back in an
          assistant turn go to a Messages-API provider as the blocks you sent, first in the turn, whenever the request
          thinks (Anthropic ignores earlier thinking otherwise), and to an OpenAI-compatible provider as{" "}
          {B("reasoning_details")} (OpenAI&apos;s own API has no such field and is sent none).
        </p>
        <p>
          A {B("tool_result")} with {B('"is_error": true')} reaches a Messages-API provider with that flag; an
          OpenAI-compatible API has no error flag, so the tool message&apos;s content starts with {B("Error: ")} and the
          model reads that the tool failed.
        </p>
        <p>
          What differs from Anthropic: Anthropic&apos;s server tools (web search, code execution) are refused with a
          400, since Privet passes on client tools only; a conversation that continues a tool call without its signed
          thinking is sent without thinking to a Messages-API provider; a tool result may hold text only.
        </p>
      </Prose>
      <CodeBlock label="Request" code={printMessagesCurl(apiBaseUrl, exampleModel)} isCopyable />
      <CodeBlock label="Response body (from a demo install)" code={printMessagesResponse()} />
      <CodeBlock label="Anthropic's TypeScript SDK" code={sdkExample} isCopyable />
      <CodeBlock label="Claude Code" code={claudeCode} isCopyable />
      <Prose>
        <p>
          {B("POST /api/v1/messages/count_tokens")} takes the same body as {B("/messages")} without {B("max_tokens")}{" "}
          and answers Anthropic&apos;s {B('{ "input_tokens": N }')} (the SDKs&apos; {B("messages.countTokens")}). It is
          checked like the request it counts: the account&apos;s settings, the key&apos;s guardrails and the
          request&apos;s {B("provider")} must leave an eligible endpoint, or the answer is the same 404 or 403 as{" "}
          {B("/messages")} would give. The count is <strong>Privet&apos;s own estimate</strong> (about four characters
          per token over the text, tool calls and tool definitions), marked {B("x-privet-token-count: estimate")}:
          Privet never sends a prompt to a provider just to count it, since that provider would receive the whole prompt
          with no generation to show for it in your activity.
        </p>
        <p>
          A count stores nothing: no content, whatever the prompt-logging setting, and no metadata record, since no
          provider is reached and nothing is generated (it still counts against the key&apos;s rate limit). Errors have
          Anthropic&apos;s shape, as on {B("/messages")}.
        </p>
      </Prose>
      <CodeBlock label="Anthropic's TypeScript SDK: counting tokens" code={countExample} isCopyable />
    </DocSection>
  );
}
