// The API reference's example payloads (components/docs/api-reference/), as typed values rather than
// text: each is checked against the type the API builds it with, and api-examples.test.ts checks
// that the example requests parse, that the refusal is what refusalFor produces for the request
// shown, and that the catalog example is what the API answers for the demo catalog. `printJson`
// lays them out as the page shows them. The values are real responses of a demo install.
import type { TDailyActivity } from "@/lib/activity/daily";
import type { endpointToApi, modelToApi } from "@/lib/catalog/api";
import type { TStoredContent } from "@/lib/content/capture";
import type { TErrorBody } from "@/lib/errors";
import type { TChatCompletion, TChatCompletionChunk, TPrivetChatRequest, TUsage } from "@/lib/gateway/adapters/types";
import type { generationToApi } from "@/lib/generations/generations";
import type { TRouteExplanation } from "@/lib/gateway/route-plan";
import type { TEndpointHealth } from "@/lib/policy/types";

const ELLIPSIS = "…";

/**
 * How a value is laid out, by path ("" is the whole value, "data.endpoints.0" one element): open
 * containers put one member per line, everything else stays on one line. `keys` picks an object's
 * members to show (an "…" entry stands for the ones left out); `items` shows an array's first
 * items, and `hasMore` ends an array with "…" for items the example leaves out.
 */
export type TJsonLayout = Record<
  string,
  { isOpen?: boolean; keys?: readonly string[]; items?: number; hasMore?: boolean }
>;

export function printJson(value: unknown, layout: TJsonLayout = {}, path = "", indent = ""): string {
  const node = layout[path] ?? {};
  const inner = indent + "  ";
  const child = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  let parts: string[];
  let brackets: [string, string];
  if (Array.isArray(value)) {
    const shown = node.items === undefined ? value : value.slice(0, node.items);
    parts = shown.map((item, i) => printJson(item, layout, child(i), inner));
    if (shown.length < value.length || node.hasMore) parts.push(ELLIPSIS);
    brackets = ["[", "]"];
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = node.keys ?? Object.keys(record);
    parts = keys.map((key) =>
      key === ELLIPSIS ? ELLIPSIS : `${JSON.stringify(key)}: ${printJson(record[key], layout, child(key), inner)}`,
    );
    brackets = ["{", "}"];
  } else {
    return JSON.stringify(value);
  }
  const [start, end] = brackets;
  if (parts.length === 0) return `${start}${end}`;
  if (!node.isOpen) return start === "[" ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
  // A member is followed by a comma whenever anything follows it; an "…" line never is.
  const lines = parts.map((part, i) => `${inner}${part}${part !== ELLIPSIS && i < parts.length - 1 ? "," : ""}`);
  return `${start}\n${lines.join("\n")}\n${indent}${end}`;
}

const OPEN = { isOpen: true } as const;

/** Privet's usage: OpenAI's, plus what the request cost in USD. */
type TPrivetUsage = TUsage & { cost: number };
type TPrivetCompletion = TChatCompletion & { usage: TPrivetUsage; provider: string };
type TPrivetChunk = TChatCompletionChunk & { provider: string; usage?: TPrivetUsage };

const BEARER_KEY = ["Authorization: Bearer $PRIVET_API_KEY"];

/** A POST to `url` as a curl command (`-N` for a stream): the key's headers, then the JSON body indented under it. */
function printPostCurl(url: string, body: unknown, keyHeaders = BEARER_KEY, isStream = false): string {
  const json = printJson(body, { "": OPEN }).replaceAll("\n", "\n  ");
  return [
    `curl ${isStream ? "-N " : ""}${url} \\`,
    ...keyHeaders.map((header) => `  -H "${header}" \\`),
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Chat completions
// ---------------------------------------------------------------------------------------------

export function chatRequestExample(model: string) {
  return {
    model,
    messages: [{ role: "user", content: "Hello" }],
    provider: { data_collection: "deny" },
  } satisfies TPrivetChatRequest;
}

export function streamRequestExample(model: string) {
  return { model, stream: true, messages: [{ role: "user", content: "Hello" }] } satisfies TPrivetChatRequest;
}

/** A chat completion request as a curl command (`-N` for a stream), its body indented under it. */
export function printChatCurl(apiBaseUrl: string, request: TPrivetChatRequest): string {
  return printPostCurl(`${apiBaseUrl}/chat/completions`, request, BEARER_KEY, request.stream === true);
}

export const chatCompletionExample = {
  id: "gen-1795799241-a6PbI0MkTZWEJkJmNWHY",
  object: "chat.completion",
  created: 1795799241,
  model: "demo/echo",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello from demo-zdr.", refusal: null },
      logprobs: null,
      finish_reason: "stop",
      native_finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 4,
    completion_tokens: 3,
    total_tokens: 7,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
    cost: 0.00002,
  },
  system_fingerprint: null,
  provider: "Demo ZDR Cloud",
} satisfies TPrivetCompletion;

/** The receipt headers of the completion above (the provider served it: demo-zdr). */
export const receiptHeadersExample = {
  "X-Privet-Generation-Id": chatCompletionExample.id,
  "X-Privet-Provider": "demo-zdr",
  "X-Privet-Data-Policy": "training=no; retention=none; zdr=yes; publish=no",
  "X-Privet-Content-Stored": "no",
} as const;

export function printChatResponse(): string {
  const headers = Object.entries(receiptHeadersExample).map(([name, value]) => `${name.toLowerCase()}: ${value}`);
  const json = printJson(chatCompletionExample, { "": OPEN, choices: OPEN, "choices.0": OPEN });
  return ["HTTP/1.1 200 OK", "content-type: application/json; charset=utf-8", ...headers, "", json].join("\n");
}

const streamChunk = {
  id: "gen-1795799230-UP29E9xTj6hFI_ZvzlLD",
  object: "chat.completion.chunk",
  created: 1795799230,
  model: "demo/echo",
} as const;
const streamProvider = "Demo Retain 30d";

/** The last chunk of the stream below: no choices, the usage with the cost. */
export const streamUsageChunkExample = {
  ...streamChunk,
  provider: streamProvider,
  choices: [],
  usage: {
    prompt_tokens: 2,
    completion_tokens: 3,
    total_tokens: 5,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
    cost: 0.000004,
  },
} satisfies TPrivetChunk;

/** A streamed answer from demo-retain: the first chunks, the last content chunk, the usage chunk. */
export const streamChunksExample = [
  {
    ...streamChunk,
    choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
    provider: streamProvider,
  },
  {
    ...streamChunk,
    choices: [{ index: 0, delta: { content: "Hello" }, logprobs: null, finish_reason: null }],
    provider: streamProvider,
  },
  {
    ...streamChunk,
    choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop", native_finish_reason: "stop" }],
    provider: streamProvider,
  },
  streamUsageChunkExample,
] satisfies TPrivetChunk[];

export function printStreamResponse(): string {
  const events = streamChunksExample.map((chunk) => `data: ${JSON.stringify(chunk)}`);
  return [...events.slice(0, 2), ELLIPSIS, ...events.slice(2), "data: [DONE]"].join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// Messages (Anthropic)
// ---------------------------------------------------------------------------------------------

/** A Messages request as Anthropic's SDKs send it, with Privet's routing preferences. */
export function messagesRequestExample(model: string) {
  return {
    model,
    max_tokens: 1024,
    system: "Be brief.",
    messages: [{ role: "user", content: "Hello" }],
    provider: { zdr: true },
  } as const;
}

/** The answer to it on a demo install: the completion above, in Anthropic's shape. */
export const messagesResponseExample = {
  id: chatCompletionExample.id,
  type: "message",
  role: "assistant",
  model: "demo/echo",
  provider: "Demo ZDR Cloud",
  content: [{ type: "text", text: "Hello from demo-zdr." }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: {
    input_tokens: 4,
    output_tokens: 3,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cost: 0.00002,
  },
} as const;

/** A Messages request as a curl command, with the key as Anthropic's clients send it. */
export function printMessagesCurl(apiBaseUrl: string, model: string): string {
  return printPostCurl(`${apiBaseUrl}/messages`, messagesRequestExample(model), [
    "x-api-key: $PRIVET_API_KEY",
    "anthropic-version: 2023-06-01",
  ]);
}

export function printMessagesResponse(): string {
  return printJson(messagesResponseExample, { "": OPEN });
}

/** The same answer streamed: Anthropic's event types, in order (the text deltas shortened). */
export const messagesStreamEventsExample = [
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
] as const;

// ---------------------------------------------------------------------------------------------
// Embeddings
// ---------------------------------------------------------------------------------------------

export function embeddingsRequestExample(model: string) {
  return {
    model,
    input: ["Privet is a hedge.", "Privet is a router."],
    encoding_format: "float",
    provider: { zdr: true },
  } as const;
}

export function printEmbeddingsCurl(apiBaseUrl: string, model: string): string {
  return printPostCurl(`${apiBaseUrl}/embeddings`, embeddingsRequestExample(model));
}

/** The demo's answer to it (demo/embed on demo-zdr: the mock's 8-number vectors). */
export const embeddingsResponseExample = {
  id: "gen-1795799252-Jq2m3cVb8kR1sT0uWx4y",
  object: "list",
  data: [
    { object: "embedding", index: 0, embedding: [-0.023, 0.488, -0.256, 0.372, -0.314, 0.343, 0.671, -0.165] },
    { object: "embedding", index: 1, embedding: [-0.327, 0.336, 0.668, 0.834, 0.917, -0.042, -0.521, -0.761] },
  ],
  model: "demo/embed",
  provider: "Demo ZDR Cloud",
  usage: { prompt_tokens: 8, total_tokens: 8, cost: 4e-7 },
} as const;

export function printEmbeddingsResponse(): string {
  return printJson(embeddingsResponseExample, { "": OPEN, data: OPEN });
}

// ---------------------------------------------------------------------------------------------
// Responses (OpenAI)
// ---------------------------------------------------------------------------------------------

export function responsesRequestExample(model: string) {
  return { model, instructions: "Be brief.", input: "Hello", provider: { zdr: true } } as const;
}

export function printResponsesCurl(apiBaseUrl: string, model: string): string {
  return printPostCurl(`${apiBaseUrl}/responses`, responsesRequestExample(model));
}

/** The answer to it on a demo install: the chat completion above, as a Response. */
export const responsesResponseExample = {
  id: chatCompletionExample.id,
  object: "response",
  created_at: chatCompletionExample.created,
  status: "completed",
  model: "demo/echo",
  provider: "Demo ZDR Cloud",
  output: [
    {
      type: "message",
      id: "msg_1795799241-a6PbI0MkTZWEJkJmNWHY",
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: "Hello from demo-zdr.", annotations: [] }],
    },
  ],
  store: false,
  previous_response_id: null,
  instructions: "Be brief.",
  max_output_tokens: null,
  temperature: null,
  top_p: null,
  tools: [],
  tool_choice: "auto",
  parallel_tool_calls: true,
  reasoning: { effort: null, summary: null },
  text: { format: { type: "text" } },
  truncation: "disabled",
  metadata: {},
  error: null,
  incomplete_details: null,
  usage: {
    input_tokens: 4,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 3,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 7,
    cost: 0.00002,
  },
} as const;

export function printResponsesResponse(): string {
  return printJson(responsesResponseExample, {
    "": { isOpen: true, keys: ["id", "object", "status", "model", "provider", "output", "store", ELLIPSIS, "usage"] },
    output: OPEN,
  });
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** The request the refusal below answers: on an account with paid-model training off. */
export const refusalRequestExample = {
  model: "demo/echo",
  messages: [{ role: "user", content: "Hello" }],
  provider: { max_price: { prompt: 0.01 } },
} satisfies TPrivetChatRequest;

export function refusalExample(settingsUrl: string) {
  return {
    error: {
      code: 404,
      message: `No endpoints found matching your data policy (Paid model training, Max price). Configure: ${settingsUrl}`,
      metadata: {
        code: "privacy_restricted",
        model: "demo/echo",
        excluded_by: [
          {
            provider: "demo-trains",
            step: "data_policy:training",
            reason: "may train on prompts; paid-model training is off",
          },
          {
            provider: "demo-unknown",
            step: "data_policy:training",
            reason: "training policy unknown (treated as may train); paid-model training is off",
          },
          { provider: "demo-zdr", step: "max_price", reason: "prompt price $2/M exceeds max_price.prompt $0.01/M" },
          {
            provider: "demo-retain",
            step: "max_price",
            reason: "prompt price $0.5/M exceeds max_price.prompt $0.01/M",
          },
          {
            provider: "demo-anthropic",
            step: "max_price",
            reason: "prompt price $1/M exceeds max_price.prompt $0.01/M",
          },
        ],
      },
    },
  } satisfies TErrorBody;
}

export function printRefusal(settingsUrl: string): string {
  return printJson(refusalExample(settingsUrl), {
    "": OPEN,
    error: OPEN,
    "error.metadata": OPEN,
    "error.metadata.excluded_by": { isOpen: true, items: 3 },
  });
}

/** The answer to a request with `"temperature": 3`. */
export const badRequestExample = {
  error: { code: 400, message: "Invalid request: temperature: must be at most 2", metadata: { field: "temperature" } },
} satisfies TErrorBody;

export const upstreamFailedExample = {
  error: {
    code: 502,
    message: "Every provider attempt failed (2 tried).",
    metadata: {
      code: "upstream_failed",
      attempts: [
        { provider: ELLIPSIS, status: 500 },
        { provider: ELLIPSIS, status: 502 },
      ],
    },
  },
} satisfies TErrorBody;

export function printUpstreamFailed(): string {
  return printJson(upstreamFailedExample, { "": OPEN, error: OPEN, "error.metadata": OPEN });
}

// ---------------------------------------------------------------------------------------------
// Explaining a route
// ---------------------------------------------------------------------------------------------

/** A request to POST /route: no messages needed. On an account with paid-model training off. */
export const routeRequestExample = {
  model: "demo/echo",
  provider: { ignore: ["demo-anthropic"] },
} satisfies Omit<TPrivetChatRequest, "messages">;

/** What the demo install had measured when the example was taken: demo-retain answered 49 of 50. */
export const routeHealthExample: ReadonlyMap<string, TEndpointHealth> = new Map([
  [
    "demo/echo@demo-retain",
    {
      tier: "healthy",
      breaker: "closed",
      consecutiveFailures: 0,
      latencyMs: 412,
      throughputTokensPerSecond: 61.5,
      errorRate: 0.02,
      retryAt: null,
    },
  ],
]);

export const routeExample = {
  data: {
    models: ["demo/echo"],
    features: [],
    estimated_tokens: 0,
    middle_out: false,
    endpoints: [
      {
        model: "demo/echo",
        provider: "demo-retain",
        provider_name: "Demo Retain 30d",
        pricing: {
          prompt: 0.5,
          completion: 1,
          request: 0,
        },
        data_policy: {
          training: false,
          retains_prompts: true,
          retention_days: 30,
          zdr: false,
          can_publish: false,
          terms_url: null,
          privacy_url: null,
          checked_at: "2026-06-16",
          retention: "Retained for 30 days",
          training_summary: "Does not train",
          summary: "training=no; retention=30d; zdr=no; publish=no",
        },
        health: {
          circuit_breaker: "closed",
          consecutive_failures: 0,
          latency_ms: 412,
          throughput_tokens_per_second: 61.5,
          error_rate: 0.02,
        },
      },
      {
        model: "demo/echo",
        provider: "demo-zdr",
        provider_name: "Demo ZDR Cloud",
        pricing: {
          prompt: 2,
          completion: 4,
          request: 0,
        },
        data_policy: {
          training: false,
          retains_prompts: false,
          retention_days: null,
          zdr: true,
          can_publish: false,
          terms_url: null,
          privacy_url: null,
          checked_at: "2026-06-16",
          retention: "Zero retention",
          training_summary: "Does not train",
          summary: "training=no; retention=none; zdr=yes; publish=no",
        },
        health: null,
      },
    ],
    not_attempted: [],
    excluded: [
      {
        model: "demo/echo",
        provider: "demo-trains",
        step: "data_policy:training",
        reason: "may train on prompts; paid-model training is off",
      },
      {
        model: "demo/echo",
        provider: "demo-unknown",
        step: "data_policy:training",
        reason: "training policy unknown (treated as may train); paid-model training is off",
      },
      {
        model: "demo/echo",
        provider: "demo-anthropic",
        step: "ignore",
        reason: "provider is in the request's provider.ignore list",
      },
    ],
    error: null,
  },
} satisfies TRouteExplanation;

export function printRouteExplanation(): string {
  return printJson(routeExample, {
    "": OPEN,
    data: OPEN,
    "data.endpoints": OPEN,
    "data.endpoints.0": OPEN,
    "data.endpoints.0.data_policy": { keys: ["training", "retention_days", "zdr", "summary", ELLIPSIS] },
    "data.endpoints.0.health": OPEN,
    "data.endpoints.1": { keys: ["model", "provider", ELLIPSIS] },
    "data.excluded": OPEN,
  });
}

// ---------------------------------------------------------------------------------------------
// Models, generations, key, activity
// ---------------------------------------------------------------------------------------------

type TEndpointApi = ReturnType<typeof endpointToApi>;
type TModelEndpointsResponse = { data: ReturnType<typeof modelToApi> & { endpoints: TEndpointApi[] } };

/** What the two endpoints of demo/echo:free share, between their provider and their policy. */
const freeEndpoint = {
  model_id: "demo/echo:free",
  model_name: "Demo Echo (free)",
  context_length: 32768,
  max_completion_tokens: null,
  max_prompt_tokens: null,
  pricing: { prompt: "0", completion: "0", request: "0" },
  quantization: "unknown",
  supported_parameters: ["temperature", "top_p", "max_tokens", "stop"],
  supports_tool_choice: { auto: false, none: false, required: false, function: false },
  supports_implicit_caching: false,
  status: 0,
  uptime_last_5m: null,
  uptime_last_30m: null,
  uptime_last_1d: null,
  latency_last_30m: null,
  throughput_last_30m: null,
} satisfies Partial<TEndpointApi>;

/** `GET /models/demo/echo:free/endpoints` on the demo catalog. */
export const modelEndpointsExample = {
  data: {
    id: "demo/echo:free",
    canonical_slug: "demo/echo:free",
    name: "Demo Echo (free)",
    created: 0,
    description:
      "Free variant: only providers that may train or whose policy is unknown, so it is refused while free-model training is off.",
    context_length: 32768,
    architecture: {
      modality: "text->text",
      input_modalities: ["text"],
      output_modalities: ["text"],
      tokenizer: "Other",
      instruct_type: null,
    },
    pricing: { prompt: "0", completion: "0", request: "0" },
    top_provider: { context_length: 32768, max_completion_tokens: null, is_moderated: false },
    per_request_limits: null,
    supported_parameters: ["max_tokens", "stop", "temperature", "top_p"],
    default_parameters: null,
    supported_voices: null,
    links: { details: "/api/v1/models/demo/echo:free/endpoints" },
    endpoint_count: 2,
    available_endpoint_count: 2,
    endpoints: [
      {
        name: "Demo Trains | demo/echo:free",
        provider_name: "Demo Trains",
        tag: "demo-trains",
        ...freeEndpoint,
        provider_slug: "demo-trains",
        is_free: true,
        is_configured: true,
        data_policy: {
          training: true,
          retains_prompts: true,
          retention_days: null,
          zdr: false,
          can_publish: false,
          terms_url: null,
          privacy_url: null,
          checked_at: "2026-06-16",
          retention: "Retained for an unknown period",
          training_summary: "May train",
          summary: "training=yes; retention=unknown-period; zdr=no; publish=no",
        },
      },
      {
        name: "Demo Unknown Policy | demo/echo:free",
        provider_name: "Demo Unknown Policy",
        tag: "demo-unknown",
        ...freeEndpoint,
        provider_slug: "demo-unknown",
        is_free: true,
        is_configured: true,
        data_policy: {
          training: null,
          retains_prompts: null,
          retention_days: null,
          zdr: null,
          can_publish: null,
          terms_url: null,
          privacy_url: null,
          checked_at: null,
          retention: "Unknown policy",
          training_summary: "Unknown (treated as may train)",
          summary: "training=unknown; retention=unknown; zdr=unknown; publish=unknown",
        },
      },
    ],
  },
} satisfies TModelEndpointsResponse;

export function printModelEndpoints(): string {
  return printJson(modelEndpointsExample, {
    "": OPEN,
    data: { isOpen: true, keys: ["id", "name", "context_length", "architecture", "pricing", ELLIPSIS, "endpoints"] },
    "data.endpoints": { isOpen: true, items: 1 },
    "data.endpoints.0": {
      isOpen: true,
      keys: [
        "name",
        "provider_name",
        "tag",
        "context_length",
        "pricing",
        "quantization",
        "status",
        ELLIPSIS,
        "provider_slug",
        "is_free",
        "is_configured",
        "data_policy",
      ],
    },
    "data.endpoints.0.data_policy": OPEN,
  });
}

export const generationExample = {
  data: {
    id: chatCompletionExample.id,
    created_at: "2026-11-27T17:07:21.852Z",
    model: "demo/echo",
    provider_name: "Demo ZDR Cloud",
    provider_responses: [{ provider: "demo-zdr", status: 200, latency: 2 }],
    upstream_id: null,
    streamed: false,
    cancelled: false,
    finish_reason: "stop",
    native_finish_reason: "stop",
    latency: 13,
    generation_time: 0,
    moderation_latency: null,
    tokens_prompt: 4,
    tokens_completion: 3,
    native_tokens_prompt: 4,
    native_tokens_completion: 3,
    native_tokens_reasoning: 0,
    native_tokens_cached: 0,
    native_tokens_completion_images: null,
    num_media_prompt: null,
    num_media_completion: null,
    num_input_audio_prompt: null,
    num_search_results: null,
    num_fetches: null,
    total_cost: 0.00002,
    usage: 0.00002,
    upstream_inference_cost: null,
    cache_discount: null,
    is_byok: false,
    app_id: null,
    http_referer: null,
    origin: "api",
    kind: "chat",
    user_agent: "curl/7.88.1",
    external_user: null,
    api_type: "completions",
    router: null,
    preset_id: null,
    service_tier: null,
    data_region: "global",
    web_search_engine: null,
    workspace_id: "default",
    app_title: "Docs example",
    provider_slug: "demo-zdr",
    upstream_model: "echo",
    status: "success",
    http_status: 200,
    error_code: null,
    time_to_first_token: 13,
    api_key_id: "cmwz8hreq0000ak7db4zfgr1q",
    data_policy: {
      training: false,
      retainsPrompts: false,
      retentionDays: null,
      zdr: true,
      canPublish: false,
      termsUrl: null,
      privacyUrl: null,
      checkedAt: "2026-06-16",
    },
    content_stored: true,
    usage_estimated: false,
    sent_to: [
      {
        provider: "demo-zdr",
        data_policy: {
          training: false,
          retainsPrompts: false,
          retentionDays: null,
          zdr: true,
          canPublish: false,
          termsUrl: null,
          privacyUrl: null,
          checkedAt: "2026-06-16",
        },
      },
    ],
  },
} satisfies { data: ReturnType<typeof generationToApi> };

/** The generation example as the page shows it: OpenRouter's fields that Privet fills, then Privet's own. */
export function printGeneration(): string {
  return printJson(generationExample, {
    "": OPEN,
    data: {
      isOpen: true,
      keys: [
        "id",
        "created_at",
        "model",
        "provider_name",
        "provider_responses",
        "streamed",
        "finish_reason",
        "latency",
        "tokens_prompt",
        "tokens_completion",
        "total_cost",
        "is_byok",
        "origin",
        ELLIPSIS,
        "app_title",
        "provider_slug",
        "status",
        "http_status",
        "data_policy",
        "content_stored",
      ],
    },
  });
}

export const generationContentExample = {
  data: {
    input: { messages: [{ role: "user", content: "What is a privet?" }] },
    output: { completion: "Hello from demo-zdr.", is_partial: false },
  },
} satisfies { data: TStoredContent };

export const keyExample = {
  data: {
    label: "sk-pv-FlVdRy-9",
    limit: 5,
    limit_remaining: 4.99998,
    limit_reset: "monthly",
    include_byok_in_limit: false,
    usage: 0.00002,
    usage_daily: 0.00002,
    usage_weekly: 0.00002,
    usage_monthly: 0.00002,
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
    is_free_tier: false,
    is_management_key: false,
    is_provisioning_key: false,
    expires_at: "2027-12-31T00:00:00.000Z",
    allowed_data_regions: [],
    creator_user_id: null,
    organization_id: null,
    workspace_id: "default",
    free_model_daily_requests: { limit: 0, remaining: 0, used: 0 },
    rate_limit: { requests: -1, interval: "1m", note: "unlimited (PRIVET_RATE_LIMIT_PER_MINUTE is 0)" },
    name: "docs",
    prefix: "sk-pv-FlVdRy-9",
    created_at: "2026-11-27T17:07:06.626Z",
    allowed_models: [],
    allowed_providers: [],
    require_zdr: false,
    account_limits: null,
  },
};

/** `POST /keys` with a management key: the request body (OpenRouter's fields and Privet's own). */
export const createKeyRequestExample = {
  name: "CI runner",
  limit: 10,
  limit_reset: "weekly",
  expires_at: "2027-12-31T23:59:59Z",
  allowed_models: ["meta-llama/llama-3.3-70b-instruct"],
  require_zdr: true,
  allowed_data_regions: ["EU"],
};

/** Its 201 response: the key, shown this once, and the key object every /keys route answers with. */
export const createKeyExample = {
  data: {
    hash: "cmiq4t0z50003lb04x1ye8kqv",
    name: "CI runner",
    label: "sk-pv-3yQ0VbLe…",
    disabled: false,
    limit: 10,
    limit_remaining: 10,
    limit_reset: "weekly",
    include_byok_in_limit: false,
    usage: 0,
    usage_daily: 0,
    usage_weekly: 0,
    usage_monthly: 0,
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
    created_at: "2026-12-03T17:00:00.000Z",
    updated_at: null,
    expires_at: "2027-12-31T23:59:59.000Z",
    creator_user_id: null,
    external_user: null,
    workspace_id: "default",
    allowed_models: ["meta-llama/llama-3.3-70b-instruct"],
    allowed_providers: [],
    require_zdr: true,
    rate_limit_per_minute: null,
    allowed_data_regions: ["EU"],
  },
  key: "sk-pv-3yQ0VbLe2d8nWq4Zt7YhUj0cK1mP9sR6aF5gH3xLvB2",
};

/** `GET /credits` for the account of the examples above. */
export const creditsExample = { data: { total_credits: 0, total_usage: 0.00002 } };

export const activityExample = {
  data: [
    {
      date: "2026-11-27",
      model: "demo/echo",
      provider_name: "Demo ZDR Cloud",
      provider_slug: "demo-zdr",
      usage: 0.00002,
      requests: 1,
      prompt_tokens: 4,
      completion_tokens: 3,
      reasoning_tokens: 0,
    },
  ],
} satisfies { data: TDailyActivity[] };

export function printActivity(): string {
  return printJson(activityExample, { "": OPEN, data: { isOpen: true, hasMore: true }, "data.0": OPEN });
}

/** Open at the top and at `data`, one line below that: the generation and content examples. */
export const DATA_OPEN: TJsonLayout = { "": OPEN, data: OPEN };
