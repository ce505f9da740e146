// API reference section. What reaches the provider: the adapters' allowlist (PRODUCT.md rule 9),
// printed from the list the OpenAI-compatible adapter sends by (lib/gateway/adapters/egress.ts).
import { DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";
import { OPENAI_PASSED_FIELDS } from "@/lib/gateway/adapters/egress";

const list = (names: readonly string[]) =>
  names.map((name, i) => (
    <span key={name}>
      {i > 0 ? ", " : null}
      {B(name)}
    </span>
  ));

export function EgressSection() {
  return (
    <DocSection id="egress" title="What reaches the provider">
      <Prose>
        <p>
          A provider is sent a request Privet builds from the fields it knows, never a copy of yours. A field not listed
          here stays in Privet: OpenRouter&apos;s own fields ({B("provider")}, {B("models")}, {B("transforms")} and{" "}
          {B("plugins")}: middle-out happens in Privet), {B("metadata")}, {B("session_id")}, {B("trace")}, any field a
          client or SDK adds, and any unknown field inside a message, a content part, a tool or a response format.
        </p>
      </Prose>
      <RefTable
        caption="Fields sent upstream"
        head={["Field", "Sent to OpenAI-compatible providers", "Sent to Anthropic providers"]}
        rows={[
          [
            B("messages"),
            <>
              each message rebuilt from its role&apos;s fields (role, content parts, name, tool calls, tool call id); an
              assistant turn&apos;s {B("reasoning_details")} rebuilt from their known fields (not to OpenAI&apos;s own
              API); a tool message with {B('"is_error": true')} as content starting {B("Error: ")}
            </>,
            <>
              translated to Messages {B("system")} and {B("messages")}; an assistant turn&apos;s signed thinking from
              its {B("reasoning_details")}, only while the request thinks; a tool message&apos;s {B("is_error")} as the
              tool result&apos;s
            </>,
          ],
          [
            <>{list(OPENAI_PASSED_FIELDS)}</>,
            "as you set them",
            <>
              {B("temperature")} (at most 1), {B("top_p")}, {B("top_k")}, {B("max_tokens")}, {B("stop")} as{" "}
              {B("stop_sequences")}; the rest is not sent
            </>,
          ],
          [
            <>
              {B("tools")}, {B("tool_choice")}, {B("response_format")}
            </>,
            "rebuilt from their known fields",
            <>tools and tool choice translated; {B("response_format")} is not sent</>,
          ],
          [
            <>
              {B("reasoning")}, {B("reasoning_effort")}, {B("verbosity")}
            </>,
            <>
              as {B("reasoning_effort")} and {B("verbosity")}
            </>,
            <>
              {B("reasoning")} as extended {B("thinking")}
            </>,
          ],
          [
            B("user"),
            <>never as you wrote it: a stable hash, different for every Privet account ({B("user-…")})</>,
            <>the same hash, as {B("metadata.user_id")}</>,
          ],
          [
            B("store"),
            <>
              never {B("true")}: OpenAI&apos;s own API is always told {B("store: false")}; other providers get no{" "}
              {B("store")}
            </>,
            "not sent",
          ],
          [B("stream"), <>with {B('stream_options: {"include_usage": true}')} and nothing else</>, "as is"],
        ]}
      />
    </DocSection>
  );
}
