// The OpenAI chat-completions shapes Privet speaks to clients, and the contract every upstream
// adapter implements. Privet's wire format is OpenAI's: adapters translate to and from it.
// Pure types: no I/O here.
import type { TProviderPreferences } from "@/lib/policy/types";
import type { TFinishReason, TReasoningEffortLevel, TVerbosity } from "@/lib/vocabulary";

export type { TFinishReason } from "@/lib/vocabulary";

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

/** `cache_control` is the router extension for Anthropic prompt caching; harmless elsewhere. */
export type TCacheControl = { type: "ephemeral"; ttl?: string };

export type TTextPart = { type: "text"; text: string; cache_control?: TCacheControl };
export type TImagePart = {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
};
export type TInputAudioPart = { type: "input_audio"; input_audio: { data: string; format: string } };
export type TFilePart = {
  type: "file";
  file: { file_data?: string; file_id?: string; filename?: string };
};
export type TRefusalPart = { type: "refusal"; refusal: string };
export type TContentPart = TTextPart | TImagePart | TInputAudioPart | TFilePart;

export type TToolCall = {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
};

export type TSystemMessage = {
  role: "system" | "developer";
  content: string | TTextPart[];
  name?: string;
};
export type TUserMessage = { role: "user"; content: string | TContentPart[]; name?: string };
export type TAssistantMessage = {
  role: "assistant";
  /** null or absent when the turn only called tools. */
  content?: string | (TTextPart | TRefusalPart)[] | null;
  name?: string;
  tool_calls?: TToolCall[];
  refusal?: string | null;
  /** The reasoning text, sent back on multi-turn conversations. */
  reasoning?: string | null;
  /**
   * The structured reasoning of an earlier answer, sent back as it was received (OpenRouter's
   * tool-call round trip): the Messages-API adapter returns Anthropic's signed thinking from it.
   */
  reasoning_details?: TSentReasoningDetail[] | null;
};

/** A `reasoning_details` entry a client sends back (chat-schema.ts): OpenRouter's fields, each checked for its type. */
export type TSentReasoningDetail = {
  type: string;
  text?: string | null;
  signature?: string | null;
  data?: string;
  summary?: string | null;
  format?: string | null;
  id?: string | null;
  index?: number;
};
export type TToolMessage = {
  role: "tool";
  content: string | TTextPart[];
  tool_call_id: string;
  /**
   * The tool failed (Anthropic's `tool_result.is_error`, Privet's extension of chat): a Messages-API
   * provider is told so, an OpenAI-compatible one reads it at the start of the content (egress.ts).
   */
  is_error?: boolean;
};
export type TChatMessage = TSystemMessage | TUserMessage | TAssistantMessage | TToolMessage;

export type TFunctionTool = {
  type: "function";
  function: {
    name: string;
    description?: string;
    /** A JSON Schema object. */
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
};

export type TToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

export type TResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    };

/**
 * An OpenAI chat completion request as clients send it. `model` is optional because a Privet
 * request may name only `models` (fallbacks); adapters always overwrite it with the upstream id.
 * Unknown fields are kept: OpenAI-compatible clients send many, and OpenAI-compatible upstreams
 * may understand them.
 */
export type TChatRequest = {
  model?: string;
  messages: TChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  n?: number | null;
  user?: string;
  tools?: TFunctionTool[];
  tool_choice?: TToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: TResponseFormat;
  // Sampling parameters routers accept beyond OpenAI's.
  top_k?: number | null;
  min_p?: number | null;
  top_a?: number | null;
  repetition_penalty?: number | null;
  /** OpenRouter's reasoning control (chat-schema.ts). */
  reasoning?: TReasoningRequest | null;
  /** OpenRouter's older switch: true asks for reasoning, false hides it. */
  include_reasoning?: boolean | null;
  /** OpenAI's own reasoning and answer-length controls, passed on when they hold a known value. */
  reasoning_effort?: TReasoningEffortLevel | null;
  verbosity?: TVerbosity | null;
  [key: string]: unknown;
};

export type TReasoningRequest = {
  effort?: TReasoningEffortLevel;
  max_tokens?: number;
  /** Reason, but leave the reasoning out of the answer. */
  exclude?: boolean;
  enabled?: boolean;
};

/** Fields that only mean something to the router; adapters never send them upstream. */
export type TRouterFields = {
  models?: string[];
  provider?: TProviderPreferences;
  route?: unknown;
  transforms?: unknown;
  usage?: unknown;
};

/** A validated `POST /api/v1/chat/completions` body (see chat-schema.ts). */
export type TPrivetChatRequest = TChatRequest & TRouterFields;

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/**
 * Token usage as Privet reports it (OpenRouter's shape): every number validated and bounded
 * (adapters/provider-values.ts), the totals computed by Privet. Reasoning tokens are part of the
 * completion tokens, cached tokens part of the prompt tokens. `cost` is added by the pipeline.
 */
export type TUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /**
   * `cache_write_tokens`: prompt tokens written to the provider's cache, from providers that bill
   * cache writes apart (Anthropic); absent elsewhere, as on OpenRouter.
   */
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
  cost?: number;
};

/** OpenRouter's structured reasoning: the text form, which Privet writes from `reasoning` when a provider sent none. */
export type TReasoningDetail = {
  type: string;
  text?: string | null;
  format?: string | null;
  index?: number;
  [key: string]: unknown;
};

export type TChatCompletionMessage = {
  role: "assistant";
  content: string | null;
  tool_calls?: TToolCall[];
  refusal?: string | null;
  reasoning?: string | null;
  reasoning_details?: TReasoningDetail[];
};

export type TChatCompletionChoice = {
  index: number;
  message: TChatCompletionMessage;
  finish_reason: TFinishReason | null;
  /** The upstream's own reason (e.g. Anthropic's `end_turn`) when it is a short token, as routers report it. */
  native_finish_reason?: string | null;
  logprobs?: unknown;
};

export type TChatCompletion = {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: TChatCompletionChoice[];
  usage?: TUsage;
  system_fingerprint?: string | null;
  [key: string]: unknown;
};

export type TToolCallDelta = {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
};

export type TChunkChoice = {
  index: number;
  delta: {
    role?: "assistant";
    content?: string | null;
    tool_calls?: TToolCallDelta[];
    refusal?: string | null;
    reasoning?: string | null;
    reasoning_details?: TReasoningDetail[];
  };
  finish_reason: TFinishReason | null;
  native_finish_reason?: string | null;
  logprobs?: unknown;
};

/** OpenAI's `chat.completion.chunk`. The last chunk of a stream carries `usage` (and no choices). */
export type TChatCompletionChunk = {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: TChunkChoice[];
  usage?: TUsage | null;
  system_fingerprint?: string | null;
  [key: string]: unknown;
};

// ---------------------------------------------------------------------------------------------
// Adapter contract
// ---------------------------------------------------------------------------------------------

export type TUpstreamRequest = { url: string; headers: Record<string, string>; body: string };

export type TStreamEvent =
  | { type: "chunk"; chunk: TChatCompletionChunk }
  /** The upstream finished properly (`[DONE]`, Anthropic's `message_stop`). */
  | { type: "done" }
  /** Malformed or error data from the upstream. The message never contains content. */
  | { type: "error"; message: string };

export type TStreamParser = {
  push(text: string): TStreamEvent[];
  /** The upstream closed the body. Yields no `done` unless the upstream sent its end marker. */
  end(): TStreamEvent[];
};

export type TBuildRequestArgs = {
  /** The provider's base URL including its version segment, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey: string | null;
  upstreamModel: string;
  body: TChatRequest;
  stream: boolean;
  /** The client's `user`, hashed per account (lib/gateway/end-user.ts); never the raw value. */
  endUser: string | null;
};

export interface TAdapter {
  /** Throws AdapterRequestError when the body cannot be expressed in the upstream's API. */
  buildRequest(args: TBuildRequestArgs): TUpstreamRequest;
  /** Throws UpstreamFormatError on a bad shape. `body` is the client's request (reasoning it asked to exclude is dropped). */
  parseResponse(json: unknown, body?: TChatRequest): TChatCompletion;
  createStreamParser(body?: TChatRequest): TStreamParser;
}
