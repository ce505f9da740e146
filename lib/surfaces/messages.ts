// Anthropic's Messages API (`POST /api/v1/messages`) over Privet's one pipeline: the request is
// translated to Privet's chat request (lib/gateway/pipeline.ts routes it like any chat completion,
// to Messages-API and OpenAI-compatible providers alike), and the answer, the stream and the errors
// back to Anthropic's shapes. Pure translation: no I/O. Error messages name fields, never content.
import { z } from "zod";
import type { AppError } from "@/lib/errors";
import { firstFieldError, type TFieldError } from "@/lib/gateway/chat-errors";
import type {
  TChatCompletion,
  TChatMessage,
  TContentPart,
  TFunctionTool,
  TPrivetChatRequest,
  TReasoningDetail,
  TSentReasoningDetail,
  TTextPart,
  TToolCall,
  TToolChoice,
  TUsage,
} from "@/lib/gateway/adapters/types";
import type { TOutChunk } from "@/lib/gateway/stream-out";
import { ANTHROPIC_REASONING_FORMAT } from "@/lib/gateway/adapters/anthropic";

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

const ZCacheControl = z.looseObject({ type: z.literal("ephemeral"), ttl: z.string().optional() }).nullish();

const ZTextBlock = z.looseObject({ type: z.literal("text"), text: z.string(), cache_control: ZCacheControl });

const ZImageBlock = z.looseObject({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal("url"), url: z.string() }),
  ]),
  cache_control: ZCacheControl,
});

const ZDocumentBlock = z.looseObject({
  type: z.literal("document"),
  source: z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal("text"), data: z.string() }),
    z.looseObject({ type: z.literal("url"), url: z.string() }),
  ]),
  title: z.string().nullish(),
  cache_control: ZCacheControl,
});

const ZToolResultBlock = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z
    .union([z.string(), z.array(z.discriminatedUnion("type", [ZTextBlock, ZImageBlock]))], {
      error: "must be a string or an array of text and image blocks",
    })
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: ZCacheControl,
});

const ZToolUseBlock = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: ZCacheControl,
});

const ZThinkingBlock = z.looseObject({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string().optional(),
});
const ZRedactedThinkingBlock = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

const ZUserBlock = z.discriminatedUnion("type", [ZTextBlock, ZImageBlock, ZDocumentBlock, ZToolResultBlock]);
const ZAssistantBlock = z.discriminatedUnion("type", [
  ZTextBlock,
  ZToolUseBlock,
  ZThinkingBlock,
  ZRedactedThinkingBlock,
]);

const ZMessage = z.discriminatedUnion("role", [
  z.looseObject({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(ZUserBlock)], { error: "must be a string or an array of content blocks" }),
  }),
  z.looseObject({
    role: z.literal("assistant"),
    content: z.union([z.string(), z.array(ZAssistantBlock)], {
      error: "must be a string or an array of content blocks",
    }),
  }),
]);

const ZTool = z.looseObject({
  // Client tools only: Anthropic's server tools (web search, code execution) run at Anthropic.
  type: z.literal("custom", { error: 'must be "custom" or absent: Privet passes on client tools only' }).optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: ZCacheControl,
});

const ZToolChoice = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal("tool"),
    name: z.string().min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal("none") }),
]);

const ZThinking = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("enabled"), budget_tokens: z.int().min(1) }),
  z.looseObject({ type: z.literal("disabled") }),
  z.looseObject({ type: z.literal("adaptive") }),
]);

/**
 * The Messages request as Anthropic documents it. Fields Privet has no use for (`service_tier`,
 * `container`, `context_management`, …) are accepted and not passed on; `provider` is Privet's
 * routing preferences, validated by the chat pipeline as for `/chat/completions`.
 */
const ZMessagesRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.int().min(1),
  messages: z.array(ZMessage).min(1).max(10_000),
  system: z
    .union([z.string(), z.array(ZTextBlock)], { error: "must be a string or an array of text blocks" })
    .optional(),
  stop_sequences: z.array(z.string()).max(16).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  tools: z.array(ZTool).optional(),
  tool_choice: ZToolChoice.optional(),
  thinking: ZThinking.optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  provider: z.unknown().optional(),
});

/** A count_tokens request: the Messages request without max_tokens (accepted and ignored when sent). */
const ZCountTokensRequest = ZMessagesRequest.extend({ max_tokens: z.int().min(1).optional() });

type TMessagesRequest = z.output<typeof ZCountTokensRequest>;
type TUserBlock = z.output<typeof ZUserBlock>;
type TAssistantBlock = z.output<typeof ZAssistantBlock>;

const WORDING = {
  fieldOrder: new Map(Object.keys(ZMessagesRequest.shape).map((key, i) => [key, i])),
  providerFields: [],
};

function textPart(block: { text: string; cache_control?: { type: "ephemeral"; ttl?: string } | null }): TTextPart {
  return block.cache_control
    ? { type: "text", text: block.text, cache_control: block.cache_control }
    : { type: "text", text: block.text };
}

type TTranslated = { ok: true; body: TPrivetChatRequest } | ({ ok: false } & TFieldError);

function userParts(blocks: TUserBlock[], at: string): { parts: TContentPart[]; tools: TChatMessage[] } | TFieldError {
  const parts: TContentPart[] = [];
  const tools: TChatMessage[] = [];
  for (const [j, block] of blocks.entries()) {
    switch (block.type) {
      case "text":
        parts.push(textPart(block));
        break;
      case "image":
        parts.push({
          type: "image_url",
          image_url: {
            url:
              block.source.type === "base64"
                ? `data:${block.source.media_type};base64,${block.source.data}`
                : block.source.url,
          },
        });
        break;
      case "document": {
        const source = block.source;
        if (source.type === "text") parts.push({ type: "text", text: source.data });
        else if (source.type === "base64" && source.media_type === "application/pdf")
          parts.push({
            type: "file",
            // The title travels as the file's name, so a provider taking either hears of it.
            file: {
              file_data: `data:application/pdf;base64,${source.data}`,
              ...(block.title ? { filename: block.title } : {}),
            },
          });
        else return { field: `${at}[${j}].source`, message: "must be a base64 PDF or plain text" };
        break;
      }
      case "tool_result": {
        const content = block.content ?? "";
        if (Array.isArray(content) && content.some((b) => b.type !== "text"))
          return { field: `${at}[${j}].content`, message: "may hold text blocks only" };
        tools.push({
          role: "tool",
          tool_call_id: block.tool_use_id,
          content: typeof content === "string" ? content : content.map((b) => textPart(b as { text: string })),
          ...(block.is_error === true ? { is_error: true } : {}),
        });
        break;
      }
    }
  }
  return { parts, tools };
}

function assistantMessage(blocks: TAssistantBlock[]): TChatMessage | null {
  let text = "";
  const calls: TToolCall[] = [];
  // Thinking and redacted thinking go back as the chat request's reasoning details, signed as they
  // came and in their order: the Messages-API adapter returns them to Anthropic as blocks, an
  // OpenAI-compatible provider receives them as OpenRouter's reasoning details.
  const details: TSentReasoningDetail[] = [];
  for (const block of blocks) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use")
      calls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    else if (block.type === "thinking")
      details.push({
        type: "reasoning.text",
        text: block.thinking,
        ...(block.signature ? { signature: block.signature } : {}),
        format: ANTHROPIC_REASONING_FORMAT,
        index: details.length,
      });
    else if (block.type === "redacted_thinking")
      details.push({
        type: "reasoning.encrypted",
        data: block.data,
        format: ANTHROPIC_REASONING_FORMAT,
        index: details.length,
      });
  }
  if (text.length === 0 && calls.length === 0 && details.length === 0) return null;
  return {
    role: "assistant",
    content: calls.length > 0 && text.length === 0 ? null : text,
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(details.length > 0 ? { reasoning_details: details } : {}),
  };
}

function toolChoice(choice: TMessagesRequest["tool_choice"]): {
  tool_choice?: TToolChoice;
  parallel_tool_calls?: boolean;
} {
  if (!choice) return {};
  const parallel =
    "disable_parallel_tool_use" in choice && choice.disable_parallel_tool_use === true
      ? { parallel_tool_calls: false }
      : {};
  switch (choice.type) {
    case "auto":
      return { tool_choice: "auto", ...parallel };
    case "any":
      return { tool_choice: "required", ...parallel };
    case "tool":
      return { tool_choice: { type: "function", function: { name: choice.name } }, ...parallel };
    case "none":
      return { tool_choice: "none" };
  }
}

/** A Messages request as Privet's chat request, or the first field Privet refuses. */
export function messagesRequestToChat(json: unknown): TTranslated {
  const result = ZMessagesRequest.safeParse(json);
  if (!result.success) return { ok: false, ...firstFieldError(result.error.issues, json, WORDING) };
  return chatRequestOf(result.data);
}

/** A count_tokens request as Privet's chat request (no output limit), or the first field Privet refuses. */
export function countTokensRequestToChat(json: unknown): TTranslated {
  const result = ZCountTokensRequest.safeParse(json);
  if (!result.success) return { ok: false, ...firstFieldError(result.error.issues, json, WORDING) };
  const { max_tokens: _ignored, stream: _stream, ...request } = result.data;
  return chatRequestOf(request);
}

function chatRequestOf(m: TMessagesRequest): TTranslated {
  const messages: TChatMessage[] = [];
  if (m.system !== undefined) {
    const system = typeof m.system === "string" ? m.system : m.system.map(textPart);
    if (system.length > 0) messages.push({ role: "system", content: system });
  }
  for (const [i, message] of m.messages.entries()) {
    if (message.role === "assistant") {
      const out =
        typeof message.content === "string"
          ? { role: "assistant" as const, content: message.content }
          : assistantMessage(message.content);
      if (out) messages.push(out);
      continue;
    }
    if (typeof message.content === "string") {
      messages.push({ role: "user", content: message.content });
      continue;
    }
    const translated = userParts(message.content, `messages[${i}].content`);
    if ("field" in translated) return { ok: false, ...translated };
    // Anthropic puts tool results inside the user turn; OpenAI's tool messages come first, then the user's own text.
    messages.push(...translated.tools);
    if (translated.parts.length > 0) messages.push({ role: "user", content: translated.parts });
  }
  const tools: TFunctionTool[] | undefined = m.tools?.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      parameters: t.input_schema,
    },
  }));
  const body: TPrivetChatRequest = {
    model: m.model,
    messages,
    ...(m.max_tokens !== undefined ? { max_tokens: m.max_tokens } : {}),
    ...(m.stream !== undefined ? { stream: m.stream } : {}),
    ...(m.temperature !== undefined ? { temperature: m.temperature } : {}),
    ...(m.top_p !== undefined ? { top_p: m.top_p } : {}),
    ...(m.top_k !== undefined ? { top_k: m.top_k } : {}),
    ...(m.stop_sequences && m.stop_sequences.length > 0 ? { stop: m.stop_sequences } : {}),
    ...(tools && tools.length > 0 ? { tools, ...toolChoice(m.tool_choice) } : {}),
    ...(m.thinking?.type === "enabled" ? { reasoning: { max_tokens: m.thinking.budget_tokens } } : {}),
    ...(m.thinking?.type === "adaptive" ? { reasoning: { enabled: true } } : {}),
    // Claude Code's user ids can be long; providers only ever see a hash of it (end-user.ts).
    ...(typeof m.metadata?.user_id === "string" && m.metadata.user_id.length > 0
      ? { user: m.metadata.user_id.slice(0, 256) }
      : {}),
    ...(m.provider !== undefined ? { provider: m.provider as TPrivetChatRequest["provider"] } : {}),
  };
  return { ok: true, body };
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

const ANTHROPIC_STOP_REASONS = new Set([
  "end_turn",
  "max_tokens",
  "stop_sequence",
  "tool_use",
  "pause_turn",
  "refusal",
]);

/** Anthropic's stop reason: the provider's own when it was a Messages API, else from OpenAI's finish reason. */
function stopReasonOf(finish: string | null | undefined, native: string | null | undefined): string | null {
  if (native && ANTHROPIC_STOP_REASONS.has(native)) return native;
  switch (finish) {
    case "length":
      return "max_tokens";
    case "tool_calls":
      return "tool_use";
    case "content_filter":
      return "refusal";
    case null:
    case undefined:
      return null;
    default:
      return "end_turn";
  }
}

/** Anthropic counts cache reads apart from the input tokens; Privet's prompt tokens include them. */
function usageOf(usage: TUsage | undefined) {
  const cached = usage?.prompt_tokens_details.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    ...(usage?.cost !== undefined ? { cost: usage.cost } : {}),
  };
}

function toolInput(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args || "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

type TBlock = Record<string, unknown>;

const stringOf = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * One reasoning detail as Anthropic's block: signed text as a thinking block with its signature,
 * encrypted reasoning as a redacted_thinking block with its data, a summary as a thinking block.
 * A provider that signs nothing gives an empty signature. Null for a detail of no known type.
 */
function thinkingBlockOf(detail: TReasoningDetail): TBlock | null {
  if (detail.type === "reasoning.encrypted") {
    const data = stringOf(detail.data);
    return data ? { type: "redacted_thinking", data } : null;
  }
  const thinking = detail.type === "reasoning.text" ? stringOf(detail.text) : stringOf(detail.summary);
  if (detail.type !== "reasoning.text" && detail.type !== "reasoning.summary") return null;
  return { type: "thinking", thinking: thinking ?? "", signature: stringOf(detail.signature) ?? "" };
}

/** Privet's served completion as an Anthropic message (id: the generation id, as every Privet answer). */
export function messageFromCompletion(completion: TChatCompletion & { provider: string }) {
  const choice = completion.choices[0];
  const message = choice?.message;
  const content: TBlock[] = [];
  // The reasoning details (the pipeline writes one from the text when a provider sent only text).
  for (const detail of message?.reasoning_details ?? []) {
    const block = thinkingBlockOf(detail);
    if (block) content.push(block);
  }
  if (content.length === 0 && message?.reasoning)
    content.push({ type: "thinking", thinking: message.reasoning, signature: "" });
  const text = typeof message?.content === "string" ? message.content : "";
  if (text.length > 0 || !message?.tool_calls?.length) content.push({ type: "text", text });
  for (const call of message?.tool_calls ?? [])
    content.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: toolInput(call.function.arguments),
    });
  return {
    id: completion.id,
    type: "message",
    role: "assistant",
    model: completion.model,
    provider: completion.provider,
    content,
    stop_reason: stopReasonOf(choice?.finish_reason, choice?.native_finish_reason),
    stop_sequence: null,
    usage: usageOf(completion.usage),
  };
}

/** One server-sent event of Anthropic's stream. */
export type TMessagesEvent = { event: string; data: Record<string, unknown> };

/**
 * Privet's chunk stream as Anthropic's event stream: message_start, then for each content block
 * (thinking, text, tool_use) content_block_start / _delta / _stop, then message_delta with the stop
 * reason and usage, then message_stop. A failure after the start ends it with an `error` event.
 */
export async function* messagesEvents(
  chunks: AsyncGenerator<TOutChunk, void, undefined>,
  start: { id: string; model: string; provider: string },
): AsyncGenerator<TMessagesEvent, void, undefined> {
  yield {
    event: "message_start",
    data: {
      type: "message_start",
      message: {
        id: start.id,
        type: "message",
        role: "assistant",
        model: start.model,
        provider: start.provider,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    },
  };
  let index = -1;
  let open: "thinking" | "redacted_thinking" | "text" | "tool_use" | null = null;
  // The reasoning detail (its `index`) the open thinking block was opened for.
  let openDetail: number | undefined;
  // OpenAI numbers tool calls apart; Anthropic numbers every block.
  const blockOfTool = new Map<number, number>();
  let finish: string | null = null;
  let native: string | null = null;

  const close = (): TMessagesEvent[] => {
    if (open === null) return [];
    open = null;
    return [{ event: "content_block_stop", data: { type: "content_block_stop", index } }];
  };
  const openBlock = (kind: NonNullable<typeof open>, block: TBlock): TMessagesEvent[] => {
    const out = close();
    index += 1;
    open = kind;
    out.push({ event: "content_block_start", data: { type: "content_block_start", index, content_block: block } });
    return out;
  };
  const delta = (at: number, d: TBlock): TMessagesEvent => ({
    event: "content_block_delta",
    data: { type: "content_block_delta", index: at, delta: d },
  });

  for await (const chunk of chunks) {
    if (chunk.error) {
      yield* close();
      yield { event: "error", data: { type: "error", error: { type: "api_error", message: chunk.error.message } } };
      // The chunks end after their error chunk; reading on lets them finish and record the failure.
      continue;
    }
    for (const choice of chunk.choices) {
      const d = choice.delta;
      // Reasoning details, when given, carry the reasoning text too, with signatures and encrypted parts.
      const details = d.reasoning_details ?? [];
      for (const detail of details) {
        const block = thinkingBlockOf(detail);
        if (!block) continue;
        if (block.type === "redacted_thinking") {
          // Anthropic sends a redacted block whole in its start event.
          yield* openBlock("redacted_thinking", block);
          continue;
        }
        const at = typeof detail.index === "number" ? detail.index : openDetail;
        if (open !== "thinking" || at !== openDetail) {
          yield* openBlock("thinking", { type: "thinking", thinking: "", signature: "" });
          openDetail = at;
        }
        if (block.thinking) yield delta(index, { type: "thinking_delta", thinking: block.thinking });
        if (block.signature) yield delta(index, { type: "signature_delta", signature: block.signature });
      }
      if (d.reasoning && details.length === 0) {
        if (open !== "thinking") yield* openBlock("thinking", { type: "thinking", thinking: "", signature: "" });
        yield delta(index, { type: "thinking_delta", thinking: d.reasoning });
      }
      if (d.content) {
        if (open !== "text") yield* openBlock("text", { type: "text", text: "" });
        yield delta(index, { type: "text_delta", text: d.content });
      }
      for (const call of d.tool_calls ?? []) {
        if (call.id !== undefined) {
          yield* openBlock("tool_use", { type: "tool_use", id: call.id, name: call.function?.name ?? "", input: {} });
          blockOfTool.set(call.index, index);
        }
        const at = blockOfTool.get(call.index);
        if (at !== undefined && call.function?.arguments)
          yield delta(at, { type: "input_json_delta", partial_json: call.function.arguments });
      }
      if (choice.finish_reason) finish = choice.finish_reason;
      if (choice.native_finish_reason) native = choice.native_finish_reason;
    }
    if (chunk.usage) {
      yield* close();
      yield {
        event: "message_delta",
        data: {
          type: "message_delta",
          delta: { stop_reason: stopReasonOf(finish ?? "stop", native), stop_sequence: null },
          usage: usageOf(chunk.usage),
        },
      };
      yield { event: "message_stop", data: { type: "message_stop" } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Anthropic's error type for an HTTP status (its documented list; other 4xx are invalid requests). */
function errorTypeOf(status: number): string {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

/** An error in Anthropic's shape; Privet's metadata (the policy refusal's `excluded_by`) rides along. */
export function anthropicErrorBody(error: AppError) {
  return {
    type: "error",
    error: {
      type: errorTypeOf(error.status),
      message: error.message,
      ...(error.metadata ? { metadata: error.metadata } : {}),
    },
  };
}
