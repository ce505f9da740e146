// What leaves for a provider (PRODUCT.md rule 9): the request an adapter sends is rebuilt from an
// explicit list of the fields Privet knows, never copied from the client's body. An unknown field
// (`metadata`, `store`, `session_id`, `plugins`, anything a client or SDK adds) stays in Privet,
// and so does an unknown field inside a message, a content part, a tool or a format. The end
// user id (`user`) is never sent as the client wrote it: adapters get `endUser`, the per-account
// hash from lib/gateway/end-user.ts. Anthropic's adapter builds its own body field by field and
// uses the part builders here for what it passes on unchanged (`cache_control`).
import { SAMPLING_PARAMETERS } from "@/lib/vocabulary";
import { isRecord } from "./shared";
import type {
  TCacheControl,
  TChatMessage,
  TChatRequest,
  TContentPart,
  TFunctionTool,
  TResponseFormat,
  TSentReasoningDetail,
  TTextPart,
  TToolCall,
  TToolChoice,
} from "./types";

/**
 * Top-level fields an OpenAI-compatible provider receives as the client set them (after
 * chat-schema validated them). `messages`, `tools`, `tool_choice` and `response_format` are rebuilt
 * below; `model`, `stream`, `stream_options`, `user`, `store` and reasoning are written by the
 * adapter itself. The API reference (/docs/api, "What reaches the provider") lists the same set.
 */
export const OPENAI_PASSED_FIELDS = [
  ...SAMPLING_PARAMETERS,
  "seed",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "n",
  "parallel_tool_calls",
] as const satisfies readonly (keyof TChatRequest)[];

export function cacheControlOf(value: unknown): TCacheControl | undefined {
  if (!isRecord(value) || value.type !== "ephemeral") return undefined;
  return typeof value.ttl === "string" ? { type: "ephemeral", ttl: value.ttl } : { type: "ephemeral" };
}

function textPart(part: TTextPart): TTextPart {
  const cacheControl = cacheControlOf(part.cache_control);
  return cacheControl
    ? { type: "text", text: part.text, cache_control: cacheControl }
    : { type: "text", text: part.text };
}

function contentPart(part: TContentPart): TContentPart {
  switch (part.type) {
    case "text":
      return textPart(part);
    case "image_url": {
      const image = part.image_url;
      return {
        type: "image_url",
        image_url: image.detail === undefined ? { url: image.url } : { url: image.url, detail: image.detail },
      };
    }
    case "input_audio":
      return { type: "input_audio", input_audio: { data: part.input_audio.data, format: part.input_audio.format } };
    case "file": {
      const file: TContentPart & { type: "file" } = { type: "file", file: {} };
      if (part.file.file_data !== undefined) file.file.file_data = part.file.file_data;
      if (part.file.file_id !== undefined) file.file.file_id = part.file.file_id;
      if (part.file.filename !== undefined) file.file.filename = part.file.filename;
      return file;
    }
  }
}

function toolCall(call: TToolCall): TToolCall {
  return { id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments } };
}

const textContent = (content: string | TTextPart[]) => (typeof content === "string" ? content : content.map(textPart));

/** What starts a failed tool's result for an OpenAI-compatible provider: its API has no error flag. */
export const TOOL_ERROR_MARK = "Error: ";

/** A tool's result; a failed tool's (`is_error`) starts with TOOL_ERROR_MARK, so the model reads that it failed. */
function toolContent(m: TChatMessage & { role: "tool" }): string | TTextPart[] {
  const content = textContent(m.content);
  if (m.is_error !== true) return content;
  if (typeof content === "string") return `${TOOL_ERROR_MARK}${content}`;
  const [first, ...rest] = content;
  return first === undefined
    ? TOOL_ERROR_MARK.trimEnd()
    : [{ ...first, text: `${TOOL_ERROR_MARK}${first.text}` }, ...rest];
}

/** An earlier answer's reasoning details, each rebuilt from OpenRouter's known fields. */
function reasoningDetail(d: TSentReasoningDetail): TSentReasoningDetail {
  const out: TSentReasoningDetail = { type: d.type };
  for (const field of ["text", "signature", "data", "summary", "format", "id"] as const)
    if (typeof d[field] === "string") out[field] = d[field];
  if (d.index !== undefined) out.index = d.index;
  return out;
}

/**
 * One message with only the fields its role has in OpenAI's API (and `name` where allowed). An
 * assistant turn's `reasoning_details` go back as the client sent them (OpenRouter's round trip of
 * signed and encrypted reasoning), except to OpenAI's own API, which has no such field.
 */
export function outgoingMessage(m: TChatMessage, sendsReasoningDetails = true): TChatMessage {
  switch (m.role) {
    case "system":
    case "developer":
      return m.name === undefined
        ? { role: m.role, content: textContent(m.content) }
        : { role: m.role, content: textContent(m.content), name: m.name };
    case "user": {
      const content = typeof m.content === "string" ? m.content : m.content.map(contentPart);
      return m.name === undefined ? { role: "user", content } : { role: "user", content, name: m.name };
    }
    case "tool":
      return { role: "tool", content: toolContent(m), tool_call_id: m.tool_call_id };
    case "assistant": {
      const out: TChatMessage & { role: "assistant" } = { role: "assistant" };
      if (m.content !== undefined) {
        out.content =
          m.content === null || typeof m.content === "string"
            ? m.content
            : m.content.map((part) =>
                part.type === "text" ? textPart(part) : { type: "refusal", refusal: part.refusal },
              );
      }
      if (m.name !== undefined) out.name = m.name;
      if (m.tool_calls !== undefined) out.tool_calls = m.tool_calls.map(toolCall);
      if (m.refusal !== undefined) out.refusal = m.refusal;
      if (m.reasoning !== undefined) out.reasoning = m.reasoning;
      if (sendsReasoningDetails && m.reasoning_details && m.reasoning_details.length > 0)
        out.reasoning_details = m.reasoning_details.map(reasoningDetail);
      return out;
    }
  }
}

function outgoingTool(tool: TFunctionTool): TFunctionTool {
  const fn: TFunctionTool["function"] = { name: tool.function.name };
  if (tool.function.description !== undefined) fn.description = tool.function.description;
  // A JSON Schema: its keywords are the tool's definition, passed on whole.
  if (tool.function.parameters !== undefined) fn.parameters = tool.function.parameters;
  if (tool.function.strict !== undefined) fn.strict = tool.function.strict;
  return { type: "function", function: fn };
}

function outgoingToolChoice(choice: TToolChoice): TToolChoice {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.function.name } };
}

function outgoingResponseFormat(format: TResponseFormat): TResponseFormat {
  if (format.type !== "json_schema") return { type: format.type };
  const spec = format.json_schema;
  const out: (TResponseFormat & { type: "json_schema" })["json_schema"] = { name: spec.name };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.schema !== undefined) out.schema = spec.schema;
  if (spec.strict !== undefined) out.strict = spec.strict;
  return { type: "json_schema", json_schema: out };
}

/**
 * The body of an OpenAI-compatible chat completion request, from the allowlist alone. `stream`
 * and OpenRouter's reasoning object (translated) are the adapter's to add.
 */
export function openaiRequestFields(
  body: TChatRequest,
  upstreamModel: string,
  endUser: string | null,
  options: { sendsReasoningDetails?: boolean } = {},
): Record<string, unknown> {
  const sendsReasoningDetails = options.sendsReasoningDetails ?? true;
  const out: Record<string, unknown> = {
    model: upstreamModel,
    messages: body.messages.map((m) => outgoingMessage(m, sendsReasoningDetails)),
  };
  for (const field of OPENAI_PASSED_FIELDS) {
    const value = body[field];
    if (value !== undefined) out[field] = value;
  }
  if (body.tools !== undefined) out.tools = body.tools.map(outgoingTool);
  if (body.tool_choice !== undefined) out.tool_choice = outgoingToolChoice(body.tool_choice);
  if (body.response_format !== undefined) out.response_format = outgoingResponseFormat(body.response_format);
  if (body.verbosity != null) out.verbosity = body.verbosity;
  if (body.reasoning_effort != null) out.reasoning_effort = body.reasoning_effort;
  if (endUser !== null) out.user = endUser;
  return out;
}

const storeFieldByBaseUrl = new Map<string, boolean>();

/** Whether the provider's API has `store` (keep the completion): those are told `store: false`, always. */
export function hasStoreField(baseUrl: string): boolean {
  let known = storeFieldByBaseUrl.get(baseUrl);
  if (known === undefined) {
    let host = "";
    try {
      host = new URL(baseUrl).hostname;
    } catch {
      // Not a URL: the call fails later; nothing to tell it.
    }
    known = host === "api.openai.com" || host.endsWith(".openai.azure.com");
    if (storeFieldByBaseUrl.size < 1000) storeFieldByBaseUrl.set(baseUrl, known);
  }
  return known;
}
