// API reference section. POST /route: what a chat request would do, explained before anything is sent.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";
import { printJson, printRouteExplanation, routeRequestExample } from "@/lib/docs/api-examples";

export function RouteSection() {
  return (
    <DocSection id="route" title="POST /route">
      <Prose>
        <p>
          Explains a chat request before anything is sent: the body of a <a href="#chat-completions">chat completion</a>{" "}
          ({B("messages")} may be left out), with the same key. Privet validates and routes it exactly as it would a
          chat request, under your settings as they are now, and answers with the endpoints in the order it would try
          them and every endpoint it left out, with the step and reason of the{" "}
          <a href="#policy-refusal">data-policy refusal</a>. No provider is called, no record is kept, and the messages
          are read only for the features they use (an image, a file, audio) and their size — never stored or logged. A
          CI job can assert on it, for example that no endpoint that may train ever appears in {B("endpoints")}.
        </p>
        <p>
          The answer is 200 whenever the request is valid, also when a chat request would be refused: {B("error")} then
          holds the error it would get (404 or 503, as under <a href="#errors">Errors</a>). An invalid body is a 400 and
          an unknown model a 404, as for chat completions. A request Privet cannot put into one provider&apos;s API for
          a reason only the building of it shows (a reasoning budget above {B("max_tokens")} on the Messages API) is
          still listed: the chat request skips that endpoint when it gets there.
        </p>
      </Prose>
      <RefTable
        caption="Fields of data"
        head={["Field", "Meaning"]}
        rows={[
          [B("models"), "The models the request names, in order."],
          [
            B("features"),
            <>
              What an endpoint must serve: {B("tools")}, {B("tool_choice")}, {B("response_format")},{" "}
              {B("structured_outputs")}, {B("logprobs")}, {B("top_logprobs")}, {B("image_input")}, {B("file_input")},{" "}
              {B("audio_input")}.
            </>,
          ],
          [B("estimated_tokens"), "Privet's estimate of the tokens the request needs, prompt plus requested output."],
          [B("middle_out"), "Whether middle-out would remove messages from the middle to fit a context window."],
          [
            B("endpoints"),
            <>
              The endpoints in the order they would be tried ({B("model")}, {B("provider")}, {B("provider_name")},{" "}
              {B("pricing")} in USD per million tokens and per request, {B("data_policy")} as in the model endpoints
              list, and {B("health")}: what this install measured over the last 10 minutes — {B("circuit_breaker")} (
              {B("closed")}, {B("half_open")}, {B("open")}), {B("consecutive_failures")}, {B("latency_ms")} to the first
              token, {B("throughput_tokens_per_second")}, {B("error_rate")} — or {B("null")} when it has not been used);
              the first that answers serves.
            </>,
          ],
          [
            B("not_attempted"),
            <>
              Eligible endpoints that would not be tried, with the reason: {B("provider.allow_fallbacks")} is{" "}
              {B("false")}, or the endpoint&apos;s circuit breaker is open (until when) while others remain.
            </>,
          ],
          [
            B("excluded"),
            <>
              Every endpoint left out, model by model in step order: {B("model")}, {B("provider")}, {B("step")} (the{" "}
              {B("excluded_by")} values under <a href="#policy-refusal">the refusal</a>) and {B("reason")}.
            </>,
          ],
          [B("error"), <>The error a chat request would get instead of an answer, or {B("null")}.</>],
        ]}
      />
      <Prose>
        <p>
          After a request, the same explanation is kept with its metadata record: the endpoints in the order they were
          to be tried, the sort that ordered them, every endpoint left out with its {B("step")} and {B("reason")}, and
          those not attempted. The activity page&apos;s detail of the request and the chat&apos;s receipt show it as
          &ldquo;Why this provider&rdquo;, with the outcome of each attempt (served, failed with its status, not tried)
          and why the one that served was chosen: the cheapest healthy endpoint, the first in {B("provider.order")}, the
          fastest measured under {B("sort")}, or the next in order after a failure. It holds catalog ids, step names and
          Privet&apos;s own reasons, never anything of the messages.
        </p>
      </Prose>
      <CodeBlock label="POST /route request" code={printJson(routeRequestExample)} />
      <CodeBlock label="Response (paid-model training off, demo install)" code={printRouteExplanation()} />
    </DocSection>
  );
}
