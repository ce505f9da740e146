// API reference section. Streaming: server-sent events, the usage chunk and how a broken stream ends.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { printChatCurl, printStreamResponse, streamRequestExample } from "@/lib/docs/api-examples";

export function StreamingSection({
  apiBaseUrl,
  exampleModel,
}: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  return (
    <DocSection id="streaming" title="Streaming">
      <Prose>
        <p>
          With {B('"stream": true')} the answer is a stream of server-sent events, passed on as the provider sends them.
          Each {B("data:")} line is a {B("chat.completion.chunk")} with the generation id and the provider. The last
          chunk has empty {B("choices")} and the {B("usage")}, including {B("cost")}; then comes {B("data: [DONE]")}.
          Privet always sends the usage chunk, whatever {B("stream_options")} says.
        </p>
        <p>
          Privet waits for the provider&apos;s first chunk before answering, so a provider that fails before sending
          anything is replaced by the next eligible one. If a stream breaks after it has started, the last event is a
          chunk with {B('finish_reason: "error"')} and an {B("error")} object ({B("code")}, {B("message")}), and no{" "}
          {B("[DONE]")} follows. Closing the connection cancels the call to the provider.
        </p>
      </Prose>
      <CodeBlock label="Request" code={printChatCurl(apiBaseUrl, streamRequestExample(exampleModel))} isCopyable />
      <CodeBlock label="Response body (from a demo install)" code={printStreamResponse()} />
    </DocSection>
  );
}
