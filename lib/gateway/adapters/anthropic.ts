// Adapter for Anthropic's Messages API (`POST {baseUrl}/messages`, anthropic-version 2023-06-01).
// Clients speak OpenAI to Privet; this translates the request to Messages and the response and
// stream events back to OpenAI chat completions. Errors name fields, never quote content.
import { createSseParser, SSE_OVERFLOW_MESSAGE, type TSseEvent } from "@/lib/gateway/sse";
import { AdapterRequestError, UpstreamFormatError } from "./errors";
import { errorTag, isRecord, joinUrl, nowSeconds, withTag } from "./shared";
import { finishReasonOf, nativeFinishReasonOf, tokenCount, usageOf } from "./provider-values";
import { isReasoningExcluded, requestedReasoning, type TReasoningEffort } from "./reasoning";
import { cacheControlOf } from "./egress";
import type {
  TAdapter,
  TAssistantMessage,
  TBuildRequestArgs,
  TCacheControl,
  TChatMessage,
  TChatRequest,
  TChatCompletion,
  TChatCompletionChunk,
  TChunkChoice,
  TContentPart,
  TFunctionTool,
  TReasoningDetail,
  TStreamEvent,
  TStreamParser,
  TTextPart,
  TToolCall,
  TToolChoice,
  TUpstreamRequest,
  TUsage,
} from "./types";

export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic requires max_tokens; OpenAI does not. Used when the client set neither limit. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** OpenRouter's `format` of reasoning details that hold Anthropic's thinking (its signature, its redacted data). */
export const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1";

/** Anthropic's smallest thinking budget. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;
/** The share of max_tokens each reasoning effort may spend thinking (OpenRouter's ratios). */
export const EFFORT_SHARE: Record<TReasoningEffort, number> = {
  minimal: 0.1,
  low: 0.2,
  medium: 0.5,
  high: 0.8,
  xhigh: 0.95,
};

type TAnthropicTextBlock = { type: "text"; text: string; cache_control?: TCacheControl };
type TAnthropicBlock = TAnthropicTextBlock | Record<string, unknown>;
type TAnthropicMessage = { role: "user" | "assistant"; content: string | TAnthropicBlock[] };

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

const DATA_URL = /^data:([^;,]+);base64,/;

function textBlocks(content: string | TTextPart[] | unknown, field: string): TAnthropicTextBlock[] {
  if (typeof content === "string") return content.length > 0 ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content))
    throw new AdapterRequestError(field, `${field} must be a string or an array of text parts`);
  const out: TAnthropicTextBlock[] = [];
  content.forEach((part: unknown, j) => {
    if (!isRecord(part) || part.type !== "text" || typeof part.text !== "string") {
      throw new AdapterRequestError(`${field}[${j}]`, `${field}[${j}] must be a text part for this provider`);
    }
    // Anthropic rejects empty text blocks.
    if (part.text.length === 0) return;
    const block: TAnthropicTextBlock = { type: "text", text: part.text };
    const cacheControl = cacheControlOf(part.cache_control);
    if (cacheControl) block.cache_control = cacheControl;
    out.push(block);
  });
  return out;
}

/** Anthropic's document `title` takes 1 to 500 characters: the attachment's filename, cut to fit (none when empty). */
const DOCUMENT_TITLE_MAX = 500;
function documentTitle(filename: string | undefined): string | null {
  if (!filename) return null;
  const chars = Array.from(filename);
  return chars.length > DOCUMENT_TITLE_MAX ? chars.slice(0, DOCUMENT_TITLE_MAX).join("") : filename;
}

function userBlocks(content: string | TContentPart[], field: string): TAnthropicBlock[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((part, j): TAnthropicBlock => {
    const at = `${field}[${j}]`;
    switch (part.type) {
      case "text": {
        const block: TAnthropicTextBlock = { type: "text", text: part.text };
        const cacheControl = cacheControlOf(part.cache_control);
        if (cacheControl) block.cache_control = cacheControl;
        return block;
      }
      case "image_url": {
        const url = part.image_url.url;
        const m = DATA_URL.exec(url);
        if (m) {
          return { type: "image", source: { type: "base64", media_type: m[1], data: url.slice(m[0].length) } };
        }
        return { type: "image", source: { type: "url", url } };
      }
      case "file": {
        const data = part.file.file_data;
        const m = typeof data === "string" ? DATA_URL.exec(data) : null;
        if (data && m && m[1] === "application/pdf") {
          const source = { type: "base64", media_type: m[1], data: data.slice(m[0].length) };
          const title = documentTitle(part.file.filename);
          return title === null ? { type: "document", source } : { type: "document", source, title };
        }
        throw new AdapterRequestError(at, `${at} must be a PDF given as a base64 data URL for this provider`);
      }
      case "input_audio":
        throw new AdapterRequestError(at, `${at}: audio input is not supported by this provider`);
      default:
        throw new AdapterRequestError(at, `${at} has a content part type this provider does not support`);
    }
  });
}

function parseToolArguments(args: string, field: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) throw new AdapterRequestError(field, `${field} must be a JSON object for this provider`);
  return parsed;
}

/**
 * An earlier answer's signed thinking, from the `reasoning_details` the client sent back with it:
 * Anthropic's thinking blocks with their signatures and its redacted thinking, in their order.
 * Details without a signature, or from another provider's format, cannot be verified by Anthropic
 * and are left out.
 */
function thinkingBlocks(m: TAssistantMessage): TAnthropicBlock[] {
  const out: TAnthropicBlock[] = [];
  for (const d of m.reasoning_details ?? []) {
    if (d.format !== ANTHROPIC_REASONING_FORMAT) continue;
    if (d.type === "reasoning.text" && typeof d.signature === "string" && d.signature.length > 0) {
      out.push({ type: "thinking", thinking: d.text ?? "", signature: d.signature });
    } else if (d.type === "reasoning.encrypted" && typeof d.data === "string" && d.data.length > 0) {
      out.push({ type: "redacted_thinking", data: d.data });
    }
  }
  return out;
}

function assistantBlocks(m: TAssistantMessage, i: number, isThinking: boolean): TAnthropicBlock[] {
  // Thinking comes first in a turn, as Anthropic wrote it; it is sent only to a request that thinks.
  const out: TAnthropicBlock[] = isThinking ? thinkingBlocks(m) : [];
  const content = m.content;
  if (typeof content === "string") {
    if (content.length > 0) out.push({ type: "text", text: content });
  } else if (Array.isArray(content)) {
    for (const part of content) {
      const text = part.type === "text" ? part.text : part.refusal;
      if (typeof text === "string" && text.length > 0) out.push({ type: "text", text });
    }
  }
  (m.tool_calls ?? []).forEach((call: TToolCall, j) => {
    const field = `messages[${i}].tool_calls[${j}].function.arguments`;
    out.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments, field),
    });
  });
  return out;
}

function toolResultContent(content: string | TTextPart[], field: string): string | TAnthropicTextBlock[] {
  return typeof content === "string" ? content : textBlocks(content, field);
}

function translateTools(tools: TFunctionTool[]): Record<string, unknown>[] {
  return tools.map((t) => {
    const tool: Record<string, unknown> = {
      name: t.function.name,
      // Anthropic requires a schema; OpenAI allows none, meaning "no arguments".
      input_schema: t.function.parameters ?? { type: "object", properties: {} },
    };
    if (t.function.description !== undefined) tool.description = t.function.description;
    return tool;
  });
}

function translateToolChoice(
  choice: TToolChoice | undefined,
  parallel: boolean | undefined,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  if (choice === "none") return { type: "none" };
  if (choice === "auto") out = { type: "auto" };
  else if (choice === "required") out = { type: "any" };
  else if (isRecord(choice) && isRecord(choice.function)) out = { type: "tool", name: choice.function.name };
  if (parallel === false) out = { ...(out ?? { type: "auto" }), disable_parallel_tool_use: true };
  return out;
}

/**
 * True when the conversation ends inside a tool loop — tool results answering an assistant turn
 * that called tools — and that turn came back without its signed thinking. Anthropic requires that
 * turn to start with the thinking it was answered with, so such a request is sent without thinking.
 * A client that returns the turn's `reasoning_details` (as OpenRouter's clients do) keeps it.
 */
function continuesToolUseUnsigned(messages: readonly TChatMessage[]): boolean {
  let sawToolResult = false;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "tool") sawToolResult = true;
    else if (m.role === "assistant")
      return sawToolResult && Array.isArray(m.tool_calls) && m.tool_calls.length > 0 && thinkingBlocks(m).length === 0;
  }
  return false;
}

/**
 * max_tokens and the thinking budget: the budget is at least Anthropic's minimum and below
 * max_tokens (which counts thinking too). A client that set no limit gets the default answer room
 * on top of an explicit budget; one whose limit leaves no room to think is told so.
 */
function thinkingLimits(
  body: TChatRequest,
  thinking: { budget: number } | { effort: TReasoningEffort },
): { maxTokens: number; budget: number } {
  const clientMax = body.max_completion_tokens ?? body.max_tokens ?? null;
  const maxTokens = clientMax ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  const wanted = Math.max(
    ANTHROPIC_MIN_THINKING_BUDGET,
    "budget" in thinking ? thinking.budget : Math.floor(maxTokens * EFFORT_SHARE[thinking.effort]),
  );
  if (clientMax === null)
    return { maxTokens: wanted < maxTokens ? maxTokens : wanted + ANTHROPIC_DEFAULT_MAX_TOKENS, budget: wanted };
  if (clientMax <= ANTHROPIC_MIN_THINKING_BUDGET) {
    const field = body.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
    throw new AdapterRequestError(
      field,
      `${field} must be above ${ANTHROPIC_MIN_THINKING_BUDGET} to reason on this provider (it counts the reasoning too)`,
    );
  }
  return { maxTokens: clientMax, budget: Math.min(wanted, clientMax - 1) };
}

/** Answer-shaping fields the Messages API cannot carry (ADAPTER_FEATURES in lib/policy/capabilities.ts). */
function refuseUnexpressible(body: TChatRequest): void {
  const formatType = body.response_format?.type;
  if (formatType === "json_object" || formatType === "json_schema") {
    throw new AdapterRequestError("response_format", `response_format ${formatType} is not supported by this provider`);
  }
  if (body.logprobs === true || body.top_logprobs != null) {
    const field = body.logprobs === true ? "logprobs" : "top_logprobs";
    throw new AdapterRequestError(field, `${field} is not supported by this provider`);
  }
}

function buildRequest({ baseUrl, apiKey, upstreamModel, body, stream, endUser }: TBuildRequestArgs): TUpstreamRequest {
  const system: TAnthropicTextBlock[] = [];
  const messages: TAnthropicMessage[] = [];

  // Anthropic wants alternating turns and tool results inside a user turn, so consecutive
  // same-role messages (several tool results, a tool result then a user note) are merged.
  const append = (role: "user" | "assistant", blocks: TAnthropicBlock[]): void => {
    const [first] = blocks;
    if (first === undefined) return;
    const last = messages[messages.length - 1];
    if (last && last.role === role) {
      const prev = typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
      last.content = [...prev, ...blocks];
    } else if (blocks.length === 1 && first.type === "text" && first.cache_control === undefined) {
      // The plain string form keeps the common case small.
      messages.push({ role, content: String(first.text) });
    } else {
      messages.push({ role, content: blocks });
    }
  };

  const wanted = requestedReasoning(body);
  const thinking = wanted && !continuesToolUseUnsigned(body.messages) ? thinkingLimits(body, wanted) : null;

  body.messages.forEach((m, i) => {
    switch (m.role) {
      case "system":
      case "developer":
        // Anthropic has one top-level system prompt; OpenAI allows system turns anywhere.
        system.push(...textBlocks(m.content, `messages[${i}].content`));
        break;
      case "user":
        append("user", userBlocks(m.content, `messages[${i}].content`));
        break;
      case "assistant":
        append("assistant", assistantBlocks(m, i, thinking !== null));
        break;
      case "tool":
        append("user", [
          {
            type: "tool_result",
            tool_use_id: m.tool_call_id,
            content: toolResultContent(m.content, `messages[${i}].content`),
            ...(m.is_error === true ? { is_error: true } : {}),
          },
        ]);
        break;
      default:
        throw new AdapterRequestError(`messages[${i}].role`, `messages[${i}].role is not supported by this provider`);
    }
  });

  // OpenAI accepts a system-only conversation; Anthropic needs at least one turn.
  if (messages.length === 0) {
    throw new AdapterRequestError("messages", "messages needs a user or assistant message for this provider");
  }

  const out: Record<string, unknown> = {
    model: upstreamModel,
    max_tokens: thinking
      ? thinking.maxTokens
      : (body.max_completion_tokens ?? body.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS),
    messages,
  };
  if (system.length > 0) {
    out.system = system.some((b) => b.cache_control !== undefined) ? system : system.map((b) => b.text).join("\n\n");
  }
  if (thinking) {
    out.thinking = { type: "enabled", budget_tokens: thinking.budget };
    // With thinking on, Anthropic refuses a temperature or top_k and a top_p under 0.95: they are
    // left out (and top_p raised) rather than have every such request rejected.
    if (typeof body.top_p === "number") out.top_p = Math.max(0.95, body.top_p);
  } else {
    // Anthropic's temperature range is 0–1, OpenAI's 0–2: clamp rather than have the call rejected.
    if (typeof body.temperature === "number") out.temperature = Math.min(1, body.temperature);
    if (typeof body.top_p === "number") out.top_p = body.top_p;
    if (typeof body.top_k === "number") out.top_k = body.top_k;
  }
  if (body.stop != null) {
    const stops = (typeof body.stop === "string" ? [body.stop] : body.stop).filter((s) => s.length > 0);
    if (stops.length > 0) out.stop_sequences = stops;
  }
  if (body.tools && body.tools.length > 0) {
    out.tools = translateTools(body.tools);
    const choice = translateToolChoice(body.tool_choice, body.parallel_tool_calls);
    if (thinking && (choice?.type === "any" || choice?.type === "tool")) {
      throw new AdapterRequestError(
        "tool_choice",
        "tool_choice cannot force a tool call while reasoning on this provider; use auto",
      );
    }
    if (choice) out.tool_choice = choice;
  }
  // Anthropic's end-user id, as its docs ask: an opaque hash, never the client's value (rule 9).
  if (endUser !== null) out.metadata = { user_id: endUser };
  if (stream) out.stream = true;
  // Not translated: sampling knobs Anthropic has no equivalent for (seed, penalties, logit_bias),
  // which change no answer's shape (provider.require_parameters is how a client insists on them).
  // A feature that shapes the answer is never dropped: routing keeps requests with JSON mode, a
  // schema or log probabilities away from this API (lib/policy/capabilities.ts), and should one
  // arrive anyway it is refused here, never answered as if honoured.
  refuseUnexpressible(body);

  const headers: Record<string, string> = {
    "content-type": "application/json",
    "anthropic-version": ANTHROPIC_VERSION,
  };
  if (apiKey) headers["x-api-key"] = apiKey;
  if (stream) headers.accept = "text/event-stream";
  return { url: joinUrl(baseUrl, "/messages"), headers, body: JSON.stringify(out) };
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/** Characters per token, for the reasoning tokens Anthropic does not count apart. */
const CHARS_PER_TOKEN = 4;

/**
 * Privet's usage from Anthropic's: cached and cache-writing input tokens are prompt tokens too
 * (they are billed as such), cache reads are the cached tokens and cache writes OpenRouter's
 * `cache_write_tokens` (priced at the endpoint's cache-write price). Anthropic counts thinking inside
 * the output tokens without saying how much: its `output_tokens_details.thinking_tokens` when
 * given, else estimated from the thinking's length. Undefined when a count is missing or unusable.
 */
function usageFrom(usage: Record<string, unknown>, thinkingChars: number): TUsage | undefined {
  const parts = [usage.input_tokens, usage.cache_creation_input_tokens ?? 0, usage.cache_read_input_tokens ?? 0].map(
    tokenCount,
  );
  if (parts.some((n) => n === undefined)) return undefined;
  const details = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {};
  return usageOf({
    prompt: parts.reduce((a = 0, b = 0) => a + b, 0),
    completion: usage.output_tokens,
    cached: usage.cache_read_input_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
    reasoning: details.thinking_tokens ?? Math.ceil(thinkingChars / CHARS_PER_TOKEN),
  });
}

function parseResponse(json: unknown, body?: TChatRequest): TChatCompletion {
  if (!isRecord(json)) throw new UpstreamFormatError("upstream response is not a JSON object");
  if (json.type === "error" || (json.error !== undefined && !Array.isArray(json.content))) {
    throw new UpstreamFormatError(withTag("upstream response is an error object", errorTag(json.error)));
  }
  if (!Array.isArray(json.content)) throw new UpstreamFormatError("upstream response has no content array");

  let text = "";
  let hasText = false;
  let reasoning = "";
  const details: TReasoningDetail[] = [];
  const toolCalls: TToolCall[] = [];
  for (const block of json.content as unknown[]) {
    if (!isRecord(block)) throw new UpstreamFormatError("upstream response has a content block that is not an object");
    if (block.type === "text") {
      if (typeof block.text !== "string") throw new UpstreamFormatError("upstream text block has no text");
      text += block.text;
      hasText = true;
    } else if (block.type === "tool_use") {
      if (typeof block.id !== "string" || typeof block.name !== "string") {
        throw new UpstreamFormatError("upstream tool_use block has no id or name");
      }
      toolCalls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    } else if (block.type === "thinking" && typeof block.thinking === "string") {
      reasoning += block.thinking;
      const detail: TReasoningDetail = { type: "reasoning.text", text: block.thinking };
      if (typeof block.signature === "string" && block.signature.length > 0) detail.signature = block.signature;
      details.push({ ...detail, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
    } else if (block.type === "redacted_thinking" && typeof block.data === "string") {
      details.push({
        type: "reasoning.encrypted",
        data: block.data,
        format: ANTHROPIC_REASONING_FORMAT,
        index: details.length,
      });
    }
    // Other block types (server tool results) have no OpenAI equivalent.
  }

  const message: TChatCompletion["choices"][number]["message"] = {
    role: "assistant",
    content: hasText || toolCalls.length === 0 ? text : null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (!isReasoningExcluded(body)) {
    if (reasoning.length > 0) message.reasoning = reasoning;
    // Signed as Anthropic sent them: what a client returns to continue a tool loop while thinking.
    if (details.length > 0) message.reasoning_details = details;
  }

  // Privet writes the envelope: the id and model are replaced by the pipeline.
  const result: TChatCompletion = {
    id: "",
    object: "chat.completion",
    created: nowSeconds(),
    model: "",
    choices: [
      {
        index: 0,
        message,
        finish_reason: finishReasonOf(json.stop_reason),
        native_finish_reason: nativeFinishReasonOf(json.stop_reason),
      },
    ],
    system_fingerprint: null,
  };
  const usage = isRecord(json.usage) ? usageFrom(json.usage, reasoning.length) : undefined;
  if (usage) result.usage = usage;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Stream
// ---------------------------------------------------------------------------------------------

/** Events that only make sense after message_start. */
const KNOWN_EVENTS = new Set([
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
]);

function createStreamParser(body?: TChatRequest): TStreamParser {
  const sse = createSseParser();
  const isReasoningShown = !isReasoningExcluded(body);
  let isStarted = false;
  let isDone = false;
  let created = 0;
  // Anthropic's usage fields as last reported (message_start, then cumulative message_delta).
  let reported: Record<string, unknown> = {};
  let thinkingChars = 0;
  // Anthropic numbers content blocks across text and tools; OpenAI numbers tool calls alone, and
  // OpenRouter reasoning details alone.
  const toolIndexByBlock = new Map<number, number>();
  const detailIndexByBlock = new Map<number, number>();
  /** One reasoning detail of a thinking block (`index` is the block's Anthropic index). */
  const reasoningDetail = (
    index: number,
    fields: { type: string; text?: string; signature?: string; data?: string },
  ): TReasoningDetail => {
    let at = detailIndexByBlock.get(index);
    if (at === undefined) {
      at = detailIndexByBlock.size;
      detailIndexByBlock.set(index, at);
    }
    return { ...fields, format: ANTHROPIC_REASONING_FORMAT, index: at };
  };

  // Privet writes the envelope: the id and model are replaced by the pipeline.
  const chunk = (choices: TChunkChoice[]): TChatCompletionChunk => ({
    id: "",
    object: "chat.completion.chunk",
    created,
    model: "",
    choices,
  });
  const delta = (d: TChunkChoice["delta"]): TStreamEvent => ({
    type: "chunk",
    chunk: chunk([{ index: 0, delta: d, finish_reason: null }]),
  });
  const fail = (message: string): TStreamEvent => ({ type: "error", message });

  function handle(ev: TSseEvent, out: TStreamEvent[]): void {
    if (ev.isOverflow) {
      out.push(fail(SSE_OVERFLOW_MESSAGE));
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(ev.data);
    } catch {
      out.push(fail("upstream sent a stream event that is not valid JSON"));
      return;
    }
    if (!isRecord(data)) {
      out.push(fail("upstream sent a stream event that is not a JSON object"));
      return;
    }
    const type = typeof data.type === "string" ? data.type : ev.event;
    if (type === "ping") return;
    if (type === "error") {
      out.push(fail(withTag("upstream stream reported an error", errorTag(data.error))));
      return;
    }
    if (type === "message_start") {
      const msg = data.message;
      if (!isRecord(msg)) {
        out.push(fail("upstream message_start has no message"));
        return;
      }
      isStarted = true;
      created = nowSeconds();
      if (isRecord(msg.usage)) reported = { ...msg.usage };
      out.push(delta({ role: "assistant", content: "" }));
      return;
    }
    if (!isStarted) {
      // Unknown event types are skipped (forward compatibility); known ones need a message.
      if (KNOWN_EVENTS.has(type ?? "")) out.push(fail("upstream stream event arrived before message_start"));
      return;
    }
    switch (type) {
      case "content_block_start": {
        const block = data.content_block;
        const index = data.index;
        if (!isRecord(block) || typeof index !== "number") {
          out.push(fail("upstream content_block_start is malformed"));
          return;
        }
        if (block.type === "text") {
          if (typeof block.text === "string" && block.text.length > 0) out.push(delta({ content: block.text }));
        } else if (block.type === "tool_use") {
          if (typeof block.id !== "string" || typeof block.name !== "string") {
            out.push(fail("upstream tool_use block has no id or name"));
            return;
          }
          const toolIndex = toolIndexByBlock.size;
          toolIndexByBlock.set(index, toolIndex);
          out.push(
            delta({
              tool_calls: [
                { index: toolIndex, id: block.id, type: "function", function: { name: block.name, arguments: "" } },
              ],
            }),
          );
        } else if (block.type === "thinking") {
          const text = typeof block.thinking === "string" ? block.thinking : "";
          thinkingChars += text.length;
          const detail = reasoningDetail(index, { type: "reasoning.text", text });
          if (typeof block.signature === "string" && block.signature.length > 0) detail.signature = block.signature;
          if (isReasoningShown && (text.length > 0 || detail.signature !== undefined))
            out.push(
              delta(
                text.length > 0 ? { reasoning: text, reasoning_details: [detail] } : { reasoning_details: [detail] },
              ),
            );
        } else if (block.type === "redacted_thinking" && typeof block.data === "string") {
          const detail = reasoningDetail(index, { type: "reasoning.encrypted", data: block.data });
          if (isReasoningShown) out.push(delta({ reasoning_details: [detail] }));
        }
        return;
      }
      case "content_block_delta": {
        const d = data.delta;
        if (!isRecord(d)) {
          out.push(fail("upstream content_block_delta is malformed"));
          return;
        }
        if (d.type === "text_delta") {
          if (typeof d.text !== "string") out.push(fail("upstream text_delta has no text"));
          else out.push(delta({ content: d.text }));
        } else if (d.type === "input_json_delta") {
          const toolIndex = typeof data.index === "number" ? toolIndexByBlock.get(data.index) : undefined;
          if (toolIndex === undefined || typeof d.partial_json !== "string") {
            out.push(fail("upstream input_json_delta does not belong to a tool_use block"));
          } else {
            out.push(delta({ tool_calls: [{ index: toolIndex, function: { arguments: d.partial_json } }] }));
          }
        } else if (d.type === "thinking_delta") {
          if (typeof d.thinking !== "string" || typeof data.index !== "number") {
            out.push(fail("upstream thinking_delta is malformed"));
            return;
          }
          thinkingChars += d.thinking.length;
          if (isReasoningShown) {
            const detail = reasoningDetail(data.index, { type: "reasoning.text", text: d.thinking });
            out.push(delta({ reasoning: d.thinking, reasoning_details: [detail] }));
          }
        } else if (d.type === "signature_delta") {
          // The thinking block's signature, sent after its text: a client returns it to continue a tool loop.
          if (typeof d.signature !== "string" || typeof data.index !== "number") {
            out.push(fail("upstream signature_delta is malformed"));
            return;
          }
          if (isReasoningShown)
            out.push(
              delta({
                reasoning_details: [reasoningDetail(data.index, { type: "reasoning.text", signature: d.signature })],
              }),
            );
        }
        // citations_delta: nothing to forward.
        return;
      }
      case "message_delta": {
        // Anthropic's usage here is cumulative; newer versions repeat input tokens too.
        if (isRecord(data.usage)) reported = { ...reported, ...data.usage };
        const d = isRecord(data.delta) ? data.delta : undefined;
        const finish = finishReasonOf(d?.stop_reason);
        if (finish !== null) {
          out.push({
            type: "chunk",
            chunk: chunk([
              {
                index: 0,
                delta: {},
                finish_reason: finish,
                native_finish_reason: nativeFinishReasonOf(d?.stop_reason),
              },
            ]),
          });
        }
        return;
      }
      case "message_stop": {
        const last = chunk([]);
        // A usage Privet cannot use is left out: the pipeline estimates and marks the record.
        last.usage = usageFrom(reported, thinkingChars) ?? null;
        out.push({ type: "chunk", chunk: last }, { type: "done" });
        isDone = true;
        return;
      }
      default:
        // content_block_stop and event types added after this was written.
        return;
    }
  }

  function interpret(events: TSseEvent[]): TStreamEvent[] {
    const out: TStreamEvent[] = [];
    for (const ev of events) {
      if (isDone) break;
      handle(ev, out);
    }
    return out;
  }

  return {
    push: (text) => interpret(sse.push(text)),
    end: () => interpret(sse.end()),
  };
}

export const anthropicAdapter: TAdapter = { buildRequest, parseResponse, createStreamParser };
