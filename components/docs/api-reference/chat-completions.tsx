// API reference section. POST /chat/completions: the request body, an example and the response fields Privet adds.
import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { chatRequestExample, printChatCurl, printChatResponse } from "@/lib/docs/api-examples";

export function ChatCompletionsSection({ apiBaseUrl, exampleModel }: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  return (
    <DocSection id="chat-completions" title="POST /chat/completions">
      <Prose>
        <p>
          OpenAI&apos;s chat completions request, routed to one provider of the model under your settings. Fields Privet
          does not use itself are passed to the provider. Validation problems name the first offending field and never
          repeat what you sent.
        </p>
      </Prose>
      <RefTable
        caption="Request body"
        head={["Field", "Type", "Meaning"]}
        rows={[
          [B("model"), "string", <>A model id from <Link href="/models">Models</Link>, such as {B(exampleModel)}. Required unless {B("models")} is given.</>],
          [B("models"), "string[]", <>Models to try in order, up to 8. See <a href="#fallbacks">fallbacks</a>.</>],
          [B("messages"), "object[]", <>The conversation: {B("system")}, {B("developer")}, {B("user")}, {B("assistant")} and {B("tool")} messages, text or content parts.</>],
          [B("stream"), "boolean", <>Answer as server-sent events. Default false.</>],
          [
            <>
              {B("max_tokens")}, {B("temperature")}, {B("top_p")}, {B("stop")}, {B("seed")}, …
            </>,
            "—",
            <>
              The usual OpenAI sampling parameters, checked for range ({B("temperature")} 0–2, {B("top_p")} 0–1, …). Also{" "}
              {B("top_k")}, {B("min_p")}, {B("repetition_penalty")}, {B("logprobs")}, {B("response_format")}.
            </>,
          ],
          [<>{B("tools")}, {B("tool_choice")}</>, "—", "Function calling, as in OpenAI's API."],
          [
            <>
              {B("reasoning")}, {B("include_reasoning")}
            </>,
            "object, boolean",
            <>
              Reasoning control: {B("effort")} ({B("minimal")}, {B("low")}, {B("medium")}, {B("high")}, {B("xhigh")}, or {B("none")} for
              off) or {B("max_tokens")}, a thinking budget; {B("exclude")}: {B("true")} keeps the reasoning out of the answer (its
              tokens are still counted). The reasoning comes back in {B("message.reasoning")} or {B("delta.reasoning")}. Anthropic
              providers get extended thinking with a budget of that share of {B("max_tokens")} (at least 1,024, so {B("max_tokens")}{" "}
              must be above that), without {B("temperature")} and {B("top_k")}, which they refuse while thinking; OpenAI-compatible
              providers get {B("reasoning_effort")}. An endpoint whose catalog entry does not list {B("reasoning")} gets none of it
              and answers without reasoning; add {B("provider.require_parameters")} to insist.
            </>,
          ],
          [B("n"), "1", "Privet returns one choice; any other value is refused."],
          [
            B("user"),
            "string",
            "Your own identifier for the person behind the request, up to 256 characters. It is stored in the request's metadata and passed to the provider, so do not put personal data in it.",
          ],
          [B("provider"), "object", <>Routing preferences. See <a href="#provider-object">the provider object</a>.</>],
        ]}
      />
      <Prose>
        <p>
          Optional headers {B("X-Title")} and {B("HTTP-Referer")} name your app in your activity. Privet does not forward
          your headers or your API key to the provider: it calls the provider with the install&apos;s own key for it.
        </p>
      </Prose>
      <CodeBlock label="Request" code={printChatCurl(apiBaseUrl, chatRequestExample(exampleModel))} isCopyable />
      <CodeBlock label="Response (from a demo install)" code={printChatResponse()} />
      <RefTable
        caption="Response fields Privet adds or sets"
        head={["Field", "Meaning"]}
        rows={[
          [B("id"), <>The generation id, the same as {B("X-Privet-Generation-Id")}. Look the request up with <a href="#generation">/generation</a>.</>],
          [B("model"), <>The model that answered (with {B("models")}, possibly a fallback).</>],
          [B("provider"), "The display name of the provider that served the request."],
          [B("usage.cost"), "What the request cost, in USD, at the catalog's prices."],
        ]}
      />
    </DocSection>
  );
}
