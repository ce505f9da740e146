// OpenAI's Responses API (`POST /api/v1/responses`), stateless, over Privet's one pipeline: the
// request (`input` as text or items, `instructions`, function tools and their call items,
// `reasoning`, `text.format`) is translated to Privet's chat request, routed and recorded as any chat
// completion, and the answer and stream are translated back to a Response and its events. Privet
// keeps no response: `store` is answered false, and `previous_response_id` is refused. Pure
// translation: no I/O. Error messages name fields, never content.
import { z } from "zod";
import { firstFieldError, type TFieldError } from "@/lib/gateway/chat-errors";
import type {
  TChatCompletion,
  TChatMessage,
  TContentPart,
  TFunctionTool,
  TPrivetChatRequest,
  TResponseFormat,
  TToolCall,
  TToolChoice,
  TUsage,
} from "@/lib/gateway/adapters/types";
import type { TOutChunk } from "@/lib/gateway/stream-out";
import { REASONING_EFFORTS } from "@/lib/vocabulary";

export const NO_STATE_MESSAGE =
  "Privet keeps no conversation state: send the whole conversation in input (previous_response_id and conversation are not supported).";

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

const ZInputContent = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("input_text"), text: z.string() }),
  z.looseObject({ type: z.literal("output_text"), text: z.string() }),
  z.looseObject({
    type: z.literal("input_image"),
    image_url: z.string(),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
  z.looseObject({ type: z.literal("input_file"), file_data: z.string(), filename: z.string().optional() }),
]);

const ZMessageItem = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(ZInputContent)], { error: "must be a string or an array of content parts" }),
});

const ZFunctionCallItem = z.looseObject({
  type: z.literal("function_call"),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});

const ZFunctionCallOutputItem = z.looseObject({
  type: z.literal("function_call_output"),
  call_id: z.string().min(1),
  output: z.string(),
});

// Reasoning items a client sends back belong to one provider's API: accepted, not forwarded.
const ZReasoningItem = z.looseObject({ type: z.literal("reasoning") });

const ZItem = z.union([ZFunctionCallItem, ZFunctionCallOutputItem, ZReasoningItem, ZMessageItem], {
  error: "must be a message, function_call, function_call_output or reasoning item",
});

const ZTool = z.looseObject({
  type: z.literal("function", { error: 'must be "function": Privet passes on function tools only' }),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const ZFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().optional(),
    strict: z.boolean().nullish(),
  }),
]);

const ZResponsesRequest = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(ZItem).min(1)], { error: "must be a string or an array of input items" }),
  instructions: z.string().nullish(),
  max_output_tokens: z.int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream: z.boolean().nullish(),
  tools: z.array(ZTool).nullish(),
  tool_choice: z
    .union(
      [z.enum(["none", "auto", "required"]), z.looseObject({ type: z.literal("function"), name: z.string().min(1) })],
      {
        error: 'must be "none", "auto", "required" or a function',
      },
    )
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: z.looseObject({ effort: z.enum(REASONING_EFFORTS).nullish() }).nullish(),
  text: z.looseObject({ format: ZFormat.optional() }).nullish(),
  user: z.string().max(256).nullish(),
  store: z.boolean().nullish(),
  provider: z.unknown().optional(),
});

type TResponsesRequest = z.output<typeof ZResponsesRequest>;
type TInputContent = z.output<typeof ZInputContent>;

const WORDING = {
  fieldOrder: new Map(Object.keys(ZResponsesRequest.shape).map((key, i) => [key, i])),
  providerFields: [],
};

function parts(content: TInputContent[]): TContentPart[] {
  return content.map((part): TContentPart => {
    switch (part.type) {
      case "input_text":
      case "output_text":
        return { type: "text", text: part.text };
      case "input_image":
        return {
          type: "image_url",
          image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) },
        };
      case "input_file":
        return {
          type: "file",
          file: { file_data: part.file_data, ...(part.filename ? { filename: part.filename } : {}) },
        };
    }
  });
}

function textOf(content: TInputContent[]): string {
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

function messagesOf(request: TResponsesRequest): TChatMessage[] {
  const messages: TChatMessage[] = [];
  if (request.instructions) messages.push({ role: "system", content: request.instructions });
  if (typeof request.input === "string") {
    messages.push({ role: "user", content: request.input });
    return messages;
  }
  for (const item of request.input) {
    if (item.type === "reasoning") continue;
    if (item.type === "function_call") {
      const call: TToolCall = {
        id: item.call_id,
        type: "function",
        function: { name: item.name, arguments: item.arguments },
      };
      const last = messages[messages.length - 1];
      // Parallel calls of one turn arrive as consecutive items: one assistant message holds them all.
      if (last?.role === "assistant" && last.tool_calls && (last.content === null || last.content === undefined))
        last.tool_calls.push(call);
      else messages.push({ role: "assistant", content: null, tool_calls: [call] });
      continue;
    }
    if (item.type === "function_call_output") {
      messages.push({ role: "tool", tool_call_id: item.call_id, content: item.output });
      continue;
    }
    const content = item.content;
    if (item.role === "user")
      messages.push({ role: "user", content: typeof content === "string" ? content : parts(content) });
    else if (item.role === "assistant")
      messages.push({ role: "assistant", content: typeof content === "string" ? content : textOf(content) });
    else messages.push({ role: item.role, content: typeof content === "string" ? content : textOf(content) });
  }
  return messages;
}

function formatOf(format: z.output<typeof ZFormat> | undefined): TResponseFormat | undefined {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  return {
    type: "json_schema",
    json_schema: {
      name: format.name,
      schema: format.schema,
      ...(format.description !== undefined ? { description: format.description } : {}),
      ...(format.strict != null ? { strict: format.strict } : {}),
    },
  };
}

type TTranslated = { ok: true; body: TPrivetChatRequest; request: TResponsesRequest } | ({ ok: false } & TFieldError);

/** A Responses request as Privet's chat request, or the first field Privet refuses. */
export function responsesRequestToChat(json: unknown): TTranslated {
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    for (const field of ["previous_response_id", "conversation"])
      if (body[field] != null) return { ok: false, field, message: NO_STATE_MESSAGE };
  }
  const result = ZResponsesRequest.safeParse(json);
  if (!result.success) return { ok: false, ...firstFieldError(result.error.issues, json, WORDING) };
  const r = result.data;
  const messages = messagesOf(r);
  if (!messages.some((m) => m.role !== "system" && m.role !== "developer"))
    return { ok: false, field: "input", message: "needs at least one message or item besides instructions" };
  const tools: TFunctionTool[] | undefined = r.tools?.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description != null ? { description: t.description } : {}),
      ...(t.parameters != null ? { parameters: t.parameters } : {}),
      ...(t.strict != null ? { strict: t.strict } : {}),
    },
  }));
  const choice: TToolChoice | undefined =
    r.tool_choice == null
      ? undefined
      : typeof r.tool_choice === "string"
        ? r.tool_choice
        : { type: "function", function: { name: r.tool_choice.name } };
  const format = formatOf(r.text?.format);
  const body: TPrivetChatRequest = {
    model: r.model,
    messages,
    ...(r.stream != null ? { stream: r.stream } : {}),
    ...(r.max_output_tokens != null ? { max_tokens: r.max_output_tokens } : {}),
    ...(r.temperature != null ? { temperature: r.temperature } : {}),
    ...(r.top_p != null ? { top_p: r.top_p } : {}),
    ...(tools && tools.length > 0 ? { tools, ...(choice !== undefined ? { tool_choice: choice } : {}) } : {}),
    ...(tools && tools.length > 0 && r.parallel_tool_calls != null
      ? { parallel_tool_calls: r.parallel_tool_calls }
      : {}),
    ...(r.reasoning?.effort ? { reasoning: { effort: r.reasoning.effort } } : {}),
    ...(format ? { response_format: format } : {}),
    ...(r.user != null ? { user: r.user } : {}),
    ...(r.provider !== undefined ? { provider: r.provider as TPrivetChatRequest["provider"] } : {}),
  };
  return { ok: true, body, request: r };
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

function usageOf(usage: TUsage | undefined | null) {
  return {
    input_tokens: usage?.prompt_tokens ?? 0,
    input_tokens_details: { cached_tokens: usage?.prompt_tokens_details.cached_tokens ?? 0 },
    output_tokens: usage?.completion_tokens ?? 0,
    output_tokens_details: { reasoning_tokens: usage?.completion_tokens_details.reasoning_tokens ?? 0 },
    total_tokens: usage?.total_tokens ?? 0,
    ...(usage?.cost !== undefined ? { cost: usage.cost } : {}),
  };
}

type TItem = Record<string, unknown>;
type TEnvelope = { id: string; model: string; provider: string; createdAt: number; request: TResponsesRequest };

/** The Response object around `output`: what was asked, echoed as OpenAI does, and `store: false`. */
function responseObject(e: TEnvelope, status: string, output: TItem[], extra: Record<string, unknown>) {
  const r = e.request;
  return {
    id: e.id,
    object: "response",
    created_at: e.createdAt,
    status,
    model: e.model,
    provider: e.provider,
    output,
    // Privet never keeps a response: there is nothing to fetch or continue from.
    store: false,
    previous_response_id: null,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    temperature: r.temperature ?? null,
    top_p: r.top_p ?? null,
    tools: r.tools ?? [],
    tool_choice: r.tool_choice ?? "auto",
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    reasoning: { effort: r.reasoning?.effort ?? null, summary: null },
    text: { format: r.text?.format ?? { type: "text" } },
    truncation: "disabled",
    metadata: {},
    error: null,
    incomplete_details: null,
    usage: null,
    ...extra,
  };
}

const reasoningItem = (id: string, text: string): TItem & { id: string } => ({
  type: "reasoning",
  id: `rs_${id}`,
  summary: text.length > 0 ? [{ type: "summary_text", text }] : [],
});
const messageItem = (id: string, text: string, status = "completed"): TItem & { id: string } => ({
  type: "message",
  id: `msg_${id}`,
  status,
  role: "assistant",
  content: [{ type: "output_text", text, annotations: [] }],
});
const callItem = (
  id: string,
  call: { id: string; name: string; arguments: string },
  status = "completed",
): TItem & { id: string } => ({
  type: "function_call",
  id: `fc_${id}`,
  call_id: call.id,
  name: call.name,
  arguments: call.arguments,
  status,
});

function finalStatus(finish: string | null | undefined): { status: string; incomplete_details: unknown } {
  if (finish === "length") return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finish === "content_filter") return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

/** Privet's served completion as a Response (its id the generation id). */
export function responseFromCompletion(completion: TChatCompletion & { provider: string }, request: TResponsesRequest) {
  const choice = completion.choices[0];
  const message = choice?.message;
  const output: TItem[] = [];
  const suffix = completion.id.replace(/^gen-/, "");
  if (message?.reasoning) output.push(reasoningItem(suffix, message.reasoning));
  const text = typeof message?.content === "string" ? message.content : "";
  if (text.length > 0 || !message?.tool_calls?.length) output.push(messageItem(suffix, text));
  (message?.tool_calls ?? []).forEach((call, i) =>
    output.push(
      callItem(`${suffix}_${i}`, { id: call.id, name: call.function.name, arguments: call.function.arguments }),
    ),
  );
  return responseObject(
    {
      id: completion.id,
      model: completion.model,
      provider: completion.provider,
      createdAt: completion.created,
      request,
    },
    finalStatus(choice?.finish_reason).status,
    output,
    { usage: usageOf(completion.usage), incomplete_details: finalStatus(choice?.finish_reason).incomplete_details },
  );
}

/** One server-sent event of the Responses stream. */
export type TResponsesEvent = { event: string; data: Record<string, unknown> };

/**
 * Privet's chunk stream as the Responses events: response.created and .in_progress; per output
 * item (reasoning, message, function_call) output_item.added, its deltas and done events, then
 * output_item.done; then response.completed (or .incomplete) with the whole Response and usage. A
 * failure after the start ends with response.failed.
 */
export async function* responsesEvents(
  chunks: AsyncGenerator<TOutChunk, void, undefined>,
  start: { id: string; model: string; provider: string; request: TResponsesRequest },
): AsyncGenerator<TResponsesEvent, void, undefined> {
  const envelope: TEnvelope = { ...start, createdAt: Math.floor(Date.now() / 1000) };
  const suffix = start.id.replace(/^gen-/, "");
  let sequence = 0;
  const ev = (type: string, fields: Record<string, unknown>): TResponsesEvent => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const output: TItem[] = [];
  // The reasoning or message item being streamed (function calls stay open until the end).
  const state: { open: { kind: "reasoning" | "message"; index: number; text: string } | null } = { open: null };
  const calls = new Map<number, { index: number; id: string; name: string; arguments: string }>();
  let finish: string | null = null;

  yield ev("response.created", { response: responseObject(envelope, "in_progress", [], {}) });
  yield ev("response.in_progress", { response: responseObject(envelope, "in_progress", [], {}) });

  function* closeOpen(): Generator<TResponsesEvent> {
    if (!state.open) return;
    const { kind, index, text } = state.open;
    state.open = null;
    if (kind === "reasoning") {
      const item = reasoningItem(suffix, text);
      const at = { item_id: item.id, output_index: index, summary_index: 0 };
      yield ev("response.reasoning_summary_text.done", { ...at, text });
      yield ev("response.reasoning_summary_part.done", { ...at, part: { type: "summary_text", text } });
      output[index] = item;
      yield ev("response.output_item.done", { output_index: index, item });
    } else {
      const item = messageItem(suffix, text);
      const at = { item_id: item.id, output_index: index, content_index: 0 };
      yield ev("response.output_text.done", { ...at, text });
      yield ev("response.content_part.done", { ...at, part: { type: "output_text", text, annotations: [] } });
      output[index] = item;
      yield ev("response.output_item.done", { output_index: index, item });
    }
  }
  function* openItem(kind: "reasoning" | "message"): Generator<TResponsesEvent> {
    yield* closeOpen();
    const index = output.length;
    state.open = { kind, index, text: "" };
    if (kind === "reasoning") {
      const item = { ...reasoningItem(suffix, ""), summary: [] };
      output.push(item);
      yield ev("response.output_item.added", { output_index: index, item });
      yield ev("response.reasoning_summary_part.added", {
        item_id: item.id,
        output_index: index,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
    } else {
      const item = { ...messageItem(suffix, "", "in_progress"), content: [] };
      output.push(item);
      yield ev("response.output_item.added", { output_index: index, item });
      yield ev("response.content_part.added", {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part: { type: "output_text", text: "", annotations: [] },
      });
    }
  }
  function* closeCalls(): Generator<TResponsesEvent> {
    for (const [n, call] of calls) {
      const item = callItem(`${suffix}_${n}`, call);
      yield ev("response.function_call_arguments.done", {
        item_id: item.id,
        output_index: call.index,
        arguments: call.arguments,
      });
      output[call.index] = item;
      yield ev("response.output_item.done", { output_index: call.index, item });
    }
    calls.clear();
  }

  for await (const chunk of chunks) {
    if (chunk.error) {
      yield ev("response.failed", {
        response: responseObject(envelope, "failed", output, {
          error: { code: "server_error", message: chunk.error.message },
        }),
      });
      // The chunks end after their error chunk; reading on lets them finish and record the failure.
      continue;
    }
    for (const choice of chunk.choices) {
      const d = choice.delta;
      if (d.reasoning) {
        if (state.open?.kind !== "reasoning") yield* openItem("reasoning");
        const current = state.open!;
        current.text += d.reasoning;
        yield ev("response.reasoning_summary_text.delta", {
          item_id: `rs_${suffix}`,
          output_index: current.index,
          summary_index: 0,
          delta: d.reasoning,
        });
      }
      if (d.content) {
        if (state.open?.kind !== "message") yield* openItem("message");
        const current = state.open!;
        current.text += d.content;
        yield ev("response.output_text.delta", {
          item_id: `msg_${suffix}`,
          output_index: current.index,
          content_index: 0,
          delta: d.content,
        });
      }
      for (const call of d.tool_calls ?? []) {
        let known = calls.get(call.index);
        if (!known && call.id !== undefined) {
          yield* closeOpen();
          known = { index: output.length, id: call.id, name: call.function?.name ?? "", arguments: "" };
          calls.set(call.index, known);
          const item = callItem(`${suffix}_${call.index}`, known, "in_progress");
          output.push(item);
          yield ev("response.output_item.added", { output_index: known.index, item });
        }
        if (known && call.function?.arguments) {
          known.arguments += call.function.arguments;
          yield ev("response.function_call_arguments.delta", {
            item_id: `fc_${suffix}_${call.index}`,
            output_index: known.index,
            delta: call.function.arguments,
          });
        }
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (chunk.usage) {
      yield* closeOpen();
      yield* closeCalls();
      const { status, incomplete_details } = finalStatus(finish);
      yield ev(status === "completed" ? "response.completed" : "response.incomplete", {
        response: responseObject(envelope, status, output, { usage: usageOf(chunk.usage), incomplete_details }),
      });
    }
  }
}
