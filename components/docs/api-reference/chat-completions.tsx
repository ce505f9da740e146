// API reference section. POST /chat/completions: the request body, an example and the response fields Privet adds.
import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { chatRequestExample, printChatCurl, printChatResponse } from "@/lib/docs/api-examples";
import { UNSUPPORTED_FIELDS } from "@/lib/gateway/unsupported-fields";

export function ChatCompletionsSection({
  apiBaseUrl,
  exampleModel,
}: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  return (
    <DocSection id="chat-completions" title="POST /chat/completions">
      <Prose>
        <p>
          OpenAI&apos;s chat completions request with OpenRouter&apos;s fields, routed to one provider of the model
          under your settings. Every field OpenRouter documents is read: an optional field sent as {B("null")}, or a
          list sent empty, is the same as one left out; what Privet does not implement is refused with a 400 that names
          it (below), never silently ignored. Validation problems name the first offending field and never repeat what
          you sent. What reaches the provider is listed under <a href="#egress">What reaches the provider</a>.
        </p>
      </Prose>
      <RefTable
        caption="Request body"
        head={["Field", "Type", "Meaning"]}
        rows={[
          [
            B("model"),
            "string",
            <>
              A model id from <Link href="/models">Models</Link>, such as {B(exampleModel)}. Required unless{" "}
              {B("models")} is given.
            </>,
          ],
          [
            B("models"),
            "string[]",
            <>
              Models to try in order, up to 8. See <a href="#fallbacks">fallbacks</a>.
            </>,
          ],
          [
            B("messages"),
            "object[]",
            <>
              The conversation: {B("system")}, {B("developer")}, {B("user")}, {B("assistant")} and {B("tool")} messages,
              text or content parts. An {B("assistant")} message may carry the {B("reasoning")} and{" "}
              {B("reasoning_details")} of the answer it repeats, as OpenRouter&apos;s clients send them back: an
              Anthropic provider gets that turn&apos;s signed thinking ({B("reasoning.text")} details with a{" "}
              {B("signature")} and {B("reasoning.encrypted")} ones, format {B("anthropic-claude-v1")}) back as its
              thinking blocks, which it needs to keep thinking through a tool-call loop. Without them such a loop
              continues without thinking. OpenAI-compatible providers get the details as sent (rebuilt from their known
              fields; OpenAI&apos;s own API gets none). A {B("tool")} message may carry {B('"is_error": true')}{" "}
              (Privet&apos;s extension, as Anthropic&apos;s tool results have it): an Anthropic provider gets the flag,
              an OpenAI-compatible one content starting {B("Error: ")}.
            </>,
          ],
          [B("stream"), "boolean", <>Answer as server-sent events. Default false.</>],
          [
            <>
              {B("max_tokens")}, {B("temperature")}, {B("top_p")}, {B("stop")}, {B("seed")}, …
            </>,
            "—",
            <>
              The usual OpenAI sampling parameters, checked for range ({B("temperature")} 0–2, {B("top_p")} 0–1, …).
              Also {B("top_k")}, {B("min_p")}, {B("repetition_penalty")}, {B("logprobs")}, {B("response_format")}.
            </>,
          ],
          [
            <>
              {B("tools")}, {B("tool_choice")}
            </>,
            "—",
            "Function calling, as in OpenAI's API.",
          ],
          [
            "Features",
            "—",
            <>
              A request that uses {B("tools")} (a forced {B("tool_choice")}: {B('"required"')} or a named function),{" "}
              {B("response_format")} {B("json_object")} or {B("json_schema")}, {B("logprobs")} or {B("top_logprobs")},
              or an image, file (PDF) or audio part goes only to endpoints that serve all of it, with or without{" "}
              {B("provider.require_parameters")}: the endpoint&apos;s catalog entry lists the parameter ({B("tools")},{" "}
              {B("tool_choice")}, {B("response_format")}, {B("structured_outputs")}, {B("logprobs")},{" "}
              {B("top_logprobs")}) and its model the input modality, and Privet can say it in the provider&apos;s API
              (Anthropic&apos;s Messages API has no JSON mode, log probabilities or audio). An endpoint that states
              nothing counts as supporting nothing. The others are skipped with the step {B("capabilities")}; when none
              is left the answer is the 404 refusal naming Request features. Sampling parameters such as {B("seed")} do
              not route: an endpoint that ignores one still answers, unless {B("provider.require_parameters")} insists.
            </>,
          ],
          [
            <>
              {B("reasoning")}, {B("include_reasoning")}
            </>,
            "object, boolean",
            <>
              Reasoning control: {B("effort")} ({B("minimal")}, {B("low")}, {B("medium")}, {B("high")}, {B("xhigh")}, or{" "}
              {B("none")} for off) or {B("max_tokens")}, a thinking budget; {B("exclude")}: {B("true")} keeps the
              reasoning out of the answer (its tokens are still counted). The reasoning comes back in{" "}
              {B("message.reasoning")} or {B("delta.reasoning")}, and as {B("reasoning_details")} (OpenRouter&apos;s
              structured form; written from the text when a provider sends none). From an Anthropic provider each
              thinking block is a {B("reasoning.text")} detail with its {B("signature")} (streamed as a last delta of
              that detail, with the same {B("index")}) and redacted thinking a {B("reasoning.encrypted")} detail with
              its {B("data")}, format {B("anthropic-claude-v1")}; {B("exclude")} leaves these out too. Anthropic
              providers get extended thinking with a budget of that share of {B("max_tokens")} (at least 1,024, so{" "}
              {B("max_tokens")} must be above that), without {B("temperature")} and {B("top_k")}, which they refuse
              while thinking; OpenAI-compatible providers get {B("reasoning_effort")}. An endpoint whose catalog entry
              does not list {B("reasoning")} gets none of it and answers without reasoning; add{" "}
              {B("provider.require_parameters")} to insist.
            </>,
          ],
          [B("n"), "1", "Privet returns one choice; any other value is refused."],
          [
            <>
              {B("transforms")}, {B("plugins")}
            </>,
            "string[], object[]",
            <>
              Middle-out, OpenRouter&apos;s context compression: a conversation too long for every endpoint that would
              otherwise take it loses whole messages from its middle (the system messages, the first message and the
              last one stay; a tool call goes with its results) until it fits the largest of their context windows. On
              by default for models with a context window of 8,192 tokens or less, as on OpenRouter;{" "}
              {B('transforms: ["middle-out"]')} or {B('plugins: [{"id": "context-compression"}]')} turn it on for any
              model, {B("transforms: []")} or the plugin with {B("enabled: false")} turn it off. Any other transform or
              plugin is refused.
            </>,
          ],
          [
            <>
              {B("usage")}, {B("route")}
            </>,
            "object, string",
            <>
              Accepted: usage is always reported ({B('usage: {"include": true}')} changes nothing), and{" "}
              {B('route: "fallback"')} is what {B("models")} always does.
            </>,
          ],
          [
            <>
              {B("metadata")}, {B("session_id")}, {B("trace")}, {B("store")}
            </>,
            "—",
            <>
              Accepted and kept in Privet: not recorded (they could hold personal data) and never sent to a provider;{" "}
              {B("store")} is never sent as {B("true")}.
            </>,
          ],
          [
            <>
              {B("modalities")}, {B("service_tier")}
            </>,
            "—",
            <>
              Only {B('["text"]')} and {B('"auto"')} (or {B('"default"')}): other output modalities and service tiers
              are refused.
            </>,
          ],
          [
            B("user"),
            "string",
            "Your own identifier for the person behind the request, up to 256 characters. It is stored in the request's metadata and passed to the provider, so do not put personal data in it.",
          ],
          [
            B("provider"),
            "object",
            <>
              Routing preferences. See <a href="#provider-object">the provider object</a>.
            </>,
          ],
        ]}
      />
      <RefTable
        caption="OpenRouter fields Privet refuses (400, naming the field) when they ask for something"
        head={["Field", "Why"]}
        rows={Object.entries(UNSUPPORTED_FIELDS).map(([field, reason]) => [B(field), reason])}
      />
      <Prose>
        <p>
          Optional headers {B("X-OpenRouter-Title")} (what OpenRouter&apos;s SDKs send) or {B("X-Title")}, and{" "}
          {B("HTTP-Referer")}, name your app in your activity. Privet does not forward your headers or your API key to
          the provider: it calls the provider with the install&apos;s own key for it.
        </p>
      </Prose>
      <CodeBlock label="Request" code={printChatCurl(apiBaseUrl, chatRequestExample(exampleModel))} isCopyable />
      <CodeBlock label="Response (from a demo install)" code={printChatResponse()} />
      <RefTable
        caption="Response fields Privet adds or sets"
        head={["Field", "Meaning"]}
        rows={[
          [
            B("id"),
            <>
              The generation id, the same as {B("X-Privet-Generation-Id")}. Look the request up with{" "}
              <a href="#generation">/generation</a>.
            </>,
          ],
          [B("model"), <>The model that answered (with {B("models")}, possibly a fallback).</>],
          [B("provider"), "The display name of the provider that served the request."],
          [
            B("usage"),
            <>
              Token counts as OpenRouter reports them, counted by the provider (or estimated by Privet when a provider
              sends none it can use): {B("prompt_tokens")}, {B("completion_tokens")}, {B("total_tokens")};{" "}
              {B("prompt_tokens_details.cached_tokens")}, the prompt tokens read from the provider&apos;s cache;{" "}
              {B("prompt_tokens_details.cache_write_tokens")}, the prompt tokens written to it, from providers that bill
              cache writes apart (Anthropic); {B("completion_tokens_details.reasoning_tokens")}, the completion tokens
              spent reasoning. In a stream they come in the last chunk.
            </>,
          ],
          [
            B("usage.cost"),
            <>
              What the request cost, in USD, at the catalog&apos;s prices: cached prompt tokens at the endpoint&apos;s
              cache-read price, cache writes at its cache-write price (each the prompt price where the catalog names
              none; {B("pricing.input_cache_read")} and {B("pricing.input_cache_write")} in{" "}
              <a href="#catalog">/models</a> show them), reasoning tokens as completion tokens.
            </>,
          ],
          [
            B("system_fingerprint"),
            <>Always present, as on OpenRouter: the provider&apos;s fingerprint, or {B("null")}.</>,
          ],
        ]}
      />
    </DocSection>
  );
}
