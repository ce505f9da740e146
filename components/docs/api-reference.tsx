import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { DocsArticle, type TTocItem } from "@/components/docs/docs-article";
import { Callout, Code, DocSection, Prose, RefTable, SubSection } from "@/components/docs/prose";
import { ScrollToHash } from "@/components/docs/scroll-to-hash";

// The reference for /api/v1. Each statement is checked against lib/api, lib/gateway (chat-schema.ts,
// pipeline.ts, adapters) and lib/policy (select-endpoints.ts, refusal.ts); the examples are real
// responses of a demo install, shortened only where marked with "…".

const TOC: TTocItem[] = [
  { id: "overview", label: "Base URL and keys" },
  { id: "chat-completions", label: "Chat completions" },
  { id: "receipt", label: "The data-handling receipt" },
  { id: "streaming", label: "Streaming" },
  { id: "provider-object", label: "The provider object" },
  { id: "fallbacks", label: "Fallbacks" },
  { id: "errors", label: "Errors" },
  { id: "catalog", label: "Models and providers" },
  { id: "generation", label: "Generations" },
  { id: "key", label: "Key" },
  { id: "activity", label: "Activity" },
  { id: "sdks", label: "OpenAI SDKs" },
];

type TProps = { apiBaseUrl: string; settingsUrl: string; exampleModel: string };

const B = (text: string) => <Code>{text}</Code>;

export function ApiReference({ apiBaseUrl, settingsUrl, exampleModel }: TProps) {
  const curlChat = `curl ${apiBaseUrl}/chat/completions \\
  -H "Authorization: Bearer $PRIVET_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${exampleModel}",
    "messages": [{ "role": "user", "content": "Hello" }],
    "provider": { "data_collection": "deny" }
  }'`;

  const chatResponse = `HTTP/1.1 200 OK
content-type: application/json; charset=utf-8
x-privet-generation-id: gen-a6PbI0MkTZWEJkJmNWHY
x-privet-provider: demo-zdr
x-privet-data-policy: training=no; retention=none; zdr=yes
x-privet-content-stored: no

{
  "id": "gen-a6PbI0MkTZWEJkJmNWHY",
  "object": "chat.completion",
  "created": 1795799241,
  "model": "demo/echo",
  "choices": [
    {
      "index": 0,
      "message": { "role": "assistant", "content": "Hello from demo-zdr.", "refusal": null },
      "logprobs": null,
      "finish_reason": "stop",
      "native_finish_reason": "stop"
    }
  ],
  "usage": { "prompt_tokens": 4, "completion_tokens": 3, "total_tokens": 7, "cost": 0.00002 },
  "provider": "Demo ZDR Cloud"
}`;

  const curlStream = `curl -N ${apiBaseUrl}/chat/completions \\
  -H "Authorization: Bearer $PRIVET_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${exampleModel}",
    "stream": true,
    "messages": [{ "role": "user", "content": "Hello" }]
  }'`;

  const streamResponse = `data: {"id":"gen-UP29E9xTj6hFI_ZvzlLD","object":"chat.completion.chunk","created":1795799230,"model":"demo/echo","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"provider":"Demo Retain 30d"}

data: {"id":"gen-UP29E9xTj6hFI_ZvzlLD","object":"chat.completion.chunk","created":1795799230,"model":"demo/echo","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"provider":"Demo Retain 30d"}

…

data: {"id":"gen-UP29E9xTj6hFI_ZvzlLD","object":"chat.completion.chunk","created":1795799230,"model":"demo/echo","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop","native_finish_reason":"stop"}],"provider":"Demo Retain 30d"}

data: {"id":"gen-UP29E9xTj6hFI_ZvzlLD","object":"chat.completion.chunk","created":1795799230,"model":"demo/echo","provider":"Demo Retain 30d","choices":[],"usage":{"prompt_tokens":2,"completion_tokens":3,"total_tokens":5,"cost":0.000004}}

data: [DONE]`;

  const refusal = `{
  "error": {
    "code": 404,
    "message": "No endpoints found matching your data policy (Paid model training, Max price). Configure: ${settingsUrl}",
    "metadata": {
      "code": "privacy_restricted",
      "model": "demo/echo",
      "excluded_by": [
        { "provider": "demo-trains", "step": "data_policy:training", "reason": "may train on prompts; paid-model training is off" },
        { "provider": "demo-unknown", "step": "data_policy:training", "reason": "training policy unknown (treated as may train); paid-model training is off" },
        { "provider": "demo-zdr", "step": "max_price", "reason": "prompt price $2/M exceeds max_price.prompt $0.01/M" },
        …
      ]
    }
  }
}`;

  const badRequest = `{ "error": { "code": 400, "message": "Invalid request: temperature: must be at most 2", "metadata": { "field": "temperature" } } }`;

  const upstreamFailed = `{
  "error": {
    "code": 502,
    "message": "Every provider attempt failed (2 tried).",
    "metadata": {
      "code": "upstream_failed",
      "attempts": [{ "provider": "…", "status": 500 }, { "provider": "…", "status": 502 }]
    }
  }
}`;

  const curlGeneration = `# GENERATION_ID: the response's "id", or its X-Privet-Generation-Id header
curl "${apiBaseUrl}/generation?id=$GENERATION_ID" \\
  -H "Authorization: Bearer $PRIVET_API_KEY"`;

  const generationResponse = `{
  "data": {
    "id": "gen-a6PbI0MkTZWEJkJmNWHY",
    "created_at": "2026-11-27T17:07:21.852Z",
    "model": "demo/echo",
    "provider_name": "Demo ZDR Cloud",
    "provider_slug": "demo-zdr",
    "upstream_model": "echo",
    "provider_responses": [{ "provider": "demo-zdr", "status": 200, "latency": 2 }],
    "streamed": false,
    "cancelled": false,
    "status": "success",
    "http_status": 200,
    "error_code": null,
    "finish_reason": "stop",
    "native_finish_reason": "stop",
    "latency": 13,
    "generation_time": 0,
    "time_to_first_token": 13,
    "tokens_prompt": 4,
    "tokens_completion": 3,
    "total_cost": 0.00002,
    "usage": 0.00002,
    "app_id": "Docs example",
    "http_referer": null,
    "origin": "api",
    "user_agent": "curl/7.88.1",
    "external_user": null,
    "api_type": "completions",
    "api_key_id": "cmwz8hreq0000ak7db4zfgr1q",
    "data_policy": { "training": false, "retainsPrompts": false, "retentionDays": null, "zdr": true, "canPublish": false, "termsUrl": null, "privacyUrl": null, "checkedAt": "2026-06-16" },
    "content_stored": true
  }
}`;

  const contentResponse = `{
  "data": {
    "input": { "messages": [{ "role": "user", "content": "What is a privet?" }] },
    "output": { "completion": "Hello from demo-zdr.", "is_partial": false }
  }
}`;

  const curlEndpoints = `curl ${apiBaseUrl}/models/${exampleModel.split("/").map(encodeURIComponent).join("/")}/endpoints`;

  const endpointsResponse = `{
  "data": {
    "id": "demo/echo:free",
    "name": "Demo Echo (free)",
    …
    "endpoints": [
      {
        "name": "Demo Trains | demo/echo:free",
        "model_id": "demo/echo:free",
        "provider_name": "Demo Trains",
        "provider_slug": "demo-trains",
        "context_length": 32768,
        "max_completion_tokens": null,
        "pricing": { "prompt": "0", "completion": "0", "request": "0" },
        "quantization": "unknown",
        "supported_parameters": ["temperature", "top_p", "max_tokens", "stop"],
        "is_free": true,
        "status": "available",
        "data_policy": {
          "training": true,
          "retains_prompts": true,
          "retention_days": null,
          "zdr": false,
          "can_publish": false,
          "terms_url": null,
          "privacy_url": null,
          "checked_at": "2026-06-16",
          "retention": "Retained for an unknown period",
          "training_summary": "May train",
          "summary": "training=yes; retention=unknown-period; zdr=no"
        }
      },
      …
    ]
  }
}`;

  const activityResponse = `{
  "data": [
    {
      "date": "2026-11-27",
      "model": "demo/echo",
      "provider_name": "Demo ZDR Cloud",
      "provider_slug": "demo-zdr",
      "usage": 0.00002,
      "requests": 1,
      "prompt_tokens": 4,
      "completion_tokens": 3
    },
    …
  ]
}`;

  const jsExample = `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${apiBaseUrl}",
  apiKey: process.env.PRIVET_API_KEY,
});

const { data: completion, response } = await client.chat.completions
  .create({
    model: "${exampleModel}",
    messages: [{ role: "user", content: "Hello" }],
    // Routing options go in the body; the SDK sends fields it does not know as they are.
    // (In TypeScript, the SDK's types do not list \`provider\`: add it with a cast.)
    provider: { data_collection: "deny" },
  })
  .withResponse();

console.log(completion.choices[0].message.content);
console.log(completion.provider, response.headers.get("x-privet-data-policy"));

// Streaming: the last chunk before [DONE] carries usage, with the cost.
const stream = await client.chat.completions.create({
  model: "${exampleModel}",
  messages: [{ role: "user", content: "Hello" }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
  if (chunk.usage) console.log("\\n", chunk.usage);
}`;

  const pythonExample = `import os
from openai import OpenAI

client = OpenAI(
    base_url="${apiBaseUrl}",
    api_key=os.environ["PRIVET_API_KEY"],
)

# with_raw_response exposes the receipt headers as well as the completion.
raw = client.chat.completions.with_raw_response.create(
    model="${exampleModel}",
    messages=[{"role": "user", "content": "Hello"}],
    # Routing options that are not OpenAI parameters travel in extra_body.
    extra_body={"provider": {"data_collection": "deny", "zdr": True}},
)
completion = raw.parse()
print(completion.choices[0].message.content)
print(raw.headers.get("x-privet-provider"), raw.headers.get("x-privet-data-policy"))

stream = client.chat.completions.create(
    model="${exampleModel}",
    messages=[{"role": "user", "content": "Hello"}],
    stream=True,
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="")
    if chunk.usage:
        print("\\n", chunk.usage)`;

  return (
    <DocsArticle
      title="API reference"
      description={
        <>
          An OpenAI-compatible API with provider routing options and a data-handling receipt on every response. The
          examples use this install&apos;s address and run as printed once <Code>PRIVET_API_KEY</Code> holds one of your keys.
        </>
      }
      toc={TOC}
    >
      <DocSection id="overview" title="Base URL and keys">
        <Prose>
          <p>
            Every endpoint lives under <Code>{apiBaseUrl}</Code>. Requests that act for an account carry one of its API keys,
            which you create in <Link href="/settings/keys">Settings → API keys</Link>:
          </p>
        </Prose>
        <CodeBlock code="Authorization: Bearer sk-pv-…" label="Request header" isCopyable />
        <Prose>
          <p>
            A key acts with its account&apos;s <Link href="/settings/privacy">privacy settings</Link>: each request is routed
            and logged (or not) exactly as those settings say at the moment it starts. The model and provider listings are
            public and need no key. Bodies are JSON, at most 1 MiB.
          </p>
        </Prose>
      </DocSection>

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
        <CodeBlock label="Request" code={curlChat} isCopyable />
        <CodeBlock label="Response (from a demo install)" code={chatResponse} />
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

      <DocSection id="receipt" title="The data-handling receipt">
        <Prose>
          <p>Every completion, streamed or not, carries these headers, so a program can check where its prompt went:</p>
        </Prose>
        <RefTable
          caption="Receipt headers"
          head={["Header", "Example", "Meaning"]}
          rows={[
            [B("X-Privet-Generation-Id"), B("gen-a6PbI0MkTZWEJkJmNWHY"), "The request's id. Error responses carry it too."],
            [B("X-Privet-Provider"), B("demo-zdr"), "The slug of the provider that served it."],
            [
              B("X-Privet-Data-Policy"),
              B("training=no; retention=none; zdr=yes"),
              <>
                That endpoint&apos;s policy: {B("training")} is yes, no or unknown; {B("retention")} is {B("none")}, a number of
                days such as {B("30d")}, {B("unknown-period")} or {B("unknown")}; {B("zdr")} is yes, no or unknown.
              </>,
            ],
            [B("X-Privet-Content-Stored"), B("no"), <>{B("yes")} when prompt logging was on for the request, so its text is stored, encrypted.</>],
          ]}
        />
        <Prose>
          <p>
            The same provider&apos;s full policy is in the <a href="/docs#provider-policies">provider table</a>.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="streaming" title="Streaming">
        <Prose>
          <p>
            With {B("\"stream\": true")} the answer is a stream of server-sent events, passed on as the provider sends them.
            Each {B("data:")} line is a {B("chat.completion.chunk")} with the generation id and the provider. The last chunk
            has empty {B("choices")} and the {B("usage")}, including {B("cost")}; then comes {B("data: [DONE]")}. Privet
            always sends the usage chunk, whatever {B("stream_options")} says.
          </p>
          <p>
            Privet waits for the provider&apos;s first chunk before answering, so a provider that fails before sending anything
            is replaced by the next eligible one. If a stream breaks after it has started, the last event is a chunk with{" "}
            {B("finish_reason: \"error\"")} and an {B("error")} object ({B("code")}, {B("message")}), and no {B("[DONE]")}{" "}
            follows. Closing the connection cancels the call to the provider.
          </p>
        </Prose>
        <CodeBlock label="Request" code={curlStream} isCopyable />
        <CodeBlock label="Response body (from a demo install)" code={streamResponse} />
      </DocSection>

      <DocSection id="provider-object" title="The provider object">
        <Prose>
          <p>
            {B("provider")} steers routing for one request. Privet rejects a field it does not know here, with a 400, rather
            than ignore a misspelt privacy option. Provider names in {B("order")}, {B("only")} and {B("ignore")} match a
            provider&apos;s slug or display name, in any case.
          </p>
        </Prose>
        <RefTable
          caption="Fields of the provider object"
          head={["Field", "Type", "Default", "Meaning"]}
          rows={[
            [B("order"), "string[]", "—", "Providers to try first, in this order. The others follow, ordered by sort."],
            [
              B("allow_fallbacks"),
              "boolean",
              B("true"),
              <>
                {B("false")}: only the first choice is tried (or, with {B("order")}, the eligible providers it names); if that
                fails, its error is the answer.
              </>,
            ],
            [
              B("require_parameters"),
              "boolean",
              B("false"),
              <>
                Only endpoints that list every parameter the request uses (such as {B("tools")}, {B("temperature")},{" "}
                {B("response_format")}) among their supported parameters.
              </>,
            ],
            [
              B("data_collection"),
              <>{B("\"allow\"")} | {B("\"deny\"")}</>,
              B("\"allow\""),
              <>
                {B("\"deny\"")}: only endpoints known not to train on prompts and known not to keep them. {B("\"allow\"")} adds
                nothing: it cannot lift your settings.
              </>,
            ],
            [
              B("zdr"),
              "boolean",
              "—",
              <>
                {B("true")}: only zero-data-retention endpoints. {B("false")} does not switch off the ZDR-only setting of your
                account.
              </>,
            ],
            [B("only"), "string[]", "—", "Only these providers."],
            [B("ignore"), "string[]", "—", "Never these providers, in addition to the ones your settings ignore."],
            [
              B("quantizations"),
              "string[]",
              "—",
              <>
                Only endpoints with one of these: {B("int4")}, {B("int8")}, {B("fp4")}, {B("fp6")}, {B("fp8")}, {B("fp16")},{" "}
                {B("bf16")}, {B("fp32")}, {B("unknown")} (an endpoint that states none counts as {B("unknown")}).
              </>,
            ],
            [
              B("sort"),
              <>{B("\"price\"")} | {B("\"throughput\"")} | {B("\"latency\"")}</>,
              B("\"price\""),
              <>
                How eligible endpoints are ordered after {B("order")}. Price is prompt plus completion price per million tokens,
                cheapest first. Throughput and latency would use measured speeds; Privet does not measure providers yet, so
                they order by price too.
              </>,
            ],
            [
              B("max_price"),
              <>{"{"} {B("prompt")}, {B("completion")}, {B("request")} {"}"}</>,
              "—",
              <>
                A hard cap in USD: per million prompt or completion tokens, and per request for {B("request")}. Endpoints above
                any given cap are skipped.
              </>,
            ],
          ]}
        />
        <Callout title="Options can only narrow your settings">
          Your account settings are applied first and a request cannot undo them: ignored providers, the training switches for
          paid and free models and ZDR only always hold. The filters run in a fixed order: your ignored providers, training,
          ZDR, {B("data_collection")}, {B("only")}, {B("ignore")}, {B("require_parameters")}, {B("quantizations")},{" "}
          {B("max_price")}, then the context window. An endpoint whose provider has no key configured on this install is never
          called. See <a href="/docs#provider-rules">how policies are judged</a>.
        </Callout>
      </DocSection>

      <DocSection id="fallbacks" title="Fallbacks">
        <Prose>
          <p>
            Privet tries a model&apos;s eligible endpoints one after another. It moves on to the next when a provider answers
            408, 429, any 5xx, 401, 403 or 404, times out, cannot be reached, sends a response Privet cannot read, or breaks
            a stream before its first chunk. Any
            other error from a provider (a 400, say) ends the request: it would fail everywhere. A fallback only ever goes to an
            endpoint that passed every filter above.
          </p>
          <p>
            {B("models")} lists models to try in order: the eligible endpoints of the first, then those of the next, and so on;
            the response&apos;s {B("model")} names the one that answered. If none of the models has an eligible endpoint, the
            refusal explains the first one.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="errors" title="Errors">
        <Prose>
          <p>
            Errors are JSON in one shape, {B("{ \"error\": { \"code\", \"message\", \"metadata\" } }")}, where {B("code")} is the
            HTTP status. Messages never include what you sent.
          </p>
        </Prose>
        <RefTable
          caption="Error statuses"
          head={["Status", "When", "metadata"]}
          rows={[
            [B("400"), "The body is not valid JSON, a field is invalid, or the provider rejected the request.", <>{B("field")}, or {B("code: \"upstream_rejected\"")} with {B("attempts")}</>],
            [B("401"), "The API key is missing, malformed, unknown or revoked.", "—"],
            [B("404"), <>The model is not in the catalog.</>, <>{B("code: \"model_not_found\"")}, {B("model")}</>],
            [
              B("404"),
              <>
                No endpoint passes your settings and the request&apos;s options. The message starts with{" "}
                {B("No endpoints found matching your data policy")}.
              </>,
              <>{B("code")}, {B("model")}, {B("excluded_by")}</>,
            ],
            [B("405"), "The method is not allowed on this path; the Allow header says which is.", "—"],
            [B("413"), "The body is larger than 1 MiB.", "—"],
            [
              B("429"),
              <>
                This key went over the install&apos;s rate limit ({B("PRIVET_RATE_LIMIT_PER_MINUTE")}), or the only provider
                tried is rate limiting. {B("Retry-After")} says when to retry.
              </>,
              <>{B("code")}, and {B("retry_after_seconds")} or {B("attempts")}</>,
            ],
            [B("502"), "Every provider attempt failed.", <>{B("code: \"upstream_failed\"")}, {B("attempts")}: {B("[{ provider, status }]")}</>],
            [
              B("503"),
              "Every endpoint of the model is on a provider whose key is not configured on this install.",
              <>{B("code: \"no_provider_configured\"")}, {B("excluded_by")}</>,
            ],
            [B("504"), "Every provider attempt timed out.", <>{B("code: \"upstream_timeout\"")}, {B("attempts")}</>],
          ]}
        />
        <CodeBlock label="400: the offending field" code={badRequest} />
        <CodeBlock label="502: every attempt failed" code={upstreamFailed} />

        <SubSection id="policy-refusal" title="The data-policy refusal (404)">
          <Prose>
            <p>
              Nothing is sent to any provider. {B("metadata.code")} is {B("privacy_restricted")} when one of the data-policy
              steps (ignored providers, training, ZDR, {B("data_collection")}) removed an endpoint, and{" "}
              {B("no_eligible_endpoint")} when only request options or the context window did. The message names each setting
              involved, from: Ignored providers, Paid model training, Free model training, Zero data retention, Data collection
              denied, Provider allow-list, Request ignore list, Required parameters, Quantization, Max price, Context length. It
              ends with a link to your privacy settings. {B("excluded_by")} has one entry per excluded endpoint:
            </p>
          </Prose>
          <CodeBlock label="404: paid-model training is off and max_price is low (demo install)" code={refusal} />
          <RefTable
            caption="Values of excluded_by[].step, in the order the filters run"
            head={["step", "Removed because"]}
            rows={[
              [B("ignored_providers"), "The provider is in your ignored providers."],
              [B("data_policy:training"), "It may train on prompts (or its policy is unknown) and your setting for paid or free models forbids it."],
              [B("data_policy:zdr"), <>It is not zero-data-retention (or unknown) and ZDR is required by your settings or {B("provider.zdr")}.</>],
              [B("data_policy:data_collection"), <>It may train or keeps prompts (or unknown), and the request set {B("data_collection: \"deny\"")}.</>],
              [B("allowed_providers"), <>It is not in {B("provider.only")}.</>],
              [B("ignore"), <>It is in {B("provider.ignore")}.</>],
              [B("require_parameters"), <>It does not support a parameter the request uses, with {B("require_parameters")} on.</>],
              [B("quantization"), <>Its quantization is not in {B("provider.quantizations")}.</>],
              [B("max_price"), <>A price is above {B("provider.max_price")}.</>],
              [B("context_length"), "The request (estimated) does not fit its context window."],
              [B("unavailable"), "The provider's key is not configured on this install."],
            ]}
          />
        </SubSection>
      </DocSection>

      <DocSection id="catalog" title="Models and providers">
        <Prose>
          <p>Public, no key needed. Prices in these responses are USD per token, as decimal strings.</p>
          <ul>
            <li>
              {B("GET /models")}: every model, with its cheapest endpoint&apos;s pricing, supported parameters,{" "}
              {B("endpoint_count")} and {B("available_endpoint_count")} (endpoints configured on this install).
            </li>
            <li>
              {B("GET /models/{author}/{slug}/endpoints")}: one model and each of its endpoints, with the endpoint&apos;s
              effective {B("data_policy")} (the provider&apos;s, overridden by the endpoint&apos;s own where it states one) and{" "}
              {B("status")}: {B("available")} or {B("not_configured")}. Write a {B(":free")} id as is or encoded ({B("%3A")}).
            </li>
            <li>
              {B("GET /providers")}: every provider with its headquarters, terms and privacy links, {B("is_configured")} and{" "}
              {B("data_policy")}.
            </li>
          </ul>
        </Prose>
        <CodeBlock label="Request" code={curlEndpoints} isCopyable />
        <CodeBlock label="Response for demo/echo:free (demo install, shortened)" code={endpointsResponse} />
      </DocSection>

      <DocSection id="generation" title="Generations">
        <Prose>
          <p>
            {B("GET /generation?id=")} returns the metadata record of one of your requests: as soon as its response has ended,
            whether it succeeded or not. {B("GET /generation/content?id=")} returns its prompt and completion, only if prompt
            logging was on for it and the content has not expired or been deleted. For anyone else&apos;s id, both answer 404.
          </p>
        </Prose>
        <CodeBlock label="Request" code={curlGeneration} isCopyable />
        <CodeBlock label="GET /generation response (demo install)" code={generationResponse} />
        <CodeBlock label="GET /generation/content response" code={contentResponse} />
        <Prose>
          <p>
            {B("provider_responses")} lists every attempt; {B("data_policy")} is the serving endpoint&apos;s policy at the time;{" "}
            {B("content_stored")} says whether the content endpoint has anything to return. Times are in milliseconds.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="key" title="GET /key">
        <Prose>
          <p>
            The calling key&apos;s name, its prefix and when it was created. The prefix (the key&apos;s first characters) and
            a hash are all Privet keeps of a key.
          </p>
        </Prose>
        <CodeBlock label="Response" code={`{ "data": { "name": "docs", "prefix": "sk-pv-FlVdRy-9", "created_at": "2026-11-27T17:07:06.626Z" } }`} />
      </DocSection>

      <DocSection id="activity" title="GET /activity">
        <Prose>
          <p>
            Your account&apos;s requests over the last 30 days (UTC), grouped by day, model and provider: {B("date")},{" "}
            {B("model")}, {B("provider_name")}, {B("provider_slug")}, {B("usage")} (USD), {B("requests")},{" "}
            {B("prompt_tokens")} and {B("completion_tokens")}. Requests no provider served have a null provider. Add{" "}
            {B("date=YYYY-MM-DD")} for one of those days.
          </p>
        </Prose>
        <CodeBlock label="Request" code={`curl "${apiBaseUrl}/activity" \\\n  -H "Authorization: Bearer $PRIVET_API_KEY"`} isCopyable />
        <CodeBlock label="Response (shortened)" code={activityResponse} />
      </DocSection>

      <DocSection id="sdks" title="With the OpenAI SDKs">
        <Prose>
          <p>
            Point the official {B("openai")} package at {B(apiBaseUrl)}. Privet&apos;s extra response fields ({B("provider")},{" "}
            {B("usage.cost")}) arrive as extra fields of the SDK&apos;s objects; the receipt headers are on the raw response.
          </p>
        </Prose>
        <CodeBlock label="JavaScript (npm install openai)" code={jsExample} isCopyable />
        <CodeBlock label="Python (pip install openai)" code={pythonExample} isCopyable />
      </DocSection>
      <ScrollToHash />
    </DocsArticle>
  );
}
