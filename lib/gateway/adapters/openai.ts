// Adapter for OpenAI-compatible chat completions: OpenAI itself and most providers and local
// servers (Ollama, vLLM, llama.cpp…). The request is rebuilt from the fields Privet knows
// (egress.ts); responses are already in Privet's wire format, but are rebuilt too: only the fields
// Privet knows come back, each provider value mapped or bounded (provider-values.ts).
import { createSseParser, SSE_OVERFLOW_MESSAGE, type TSseEvent } from "@/lib/gateway/sse";
import { UpstreamFormatError } from "./errors";
import { errorTag, isRecord, joinUrl, nowSeconds, withTag } from "./shared";
import { finishReasonOf, fingerprintOf, nativeFinishReasonOf, usageOf } from "./provider-values";
import { isReasoningExcluded, requestedReasoning } from "./reasoning";
import { hasStoreField, openaiRequestFields } from "./egress";
import type {
  TAdapter,
  TBuildRequestArgs,
  TChatCompletion,
  TChatRequest,
  TChatCompletionChunk,
  TChatCompletionChoice,
  TChunkChoice,
  TStreamEvent,
  TUsage,
  TStreamParser,
  TUpstreamRequest,
} from "./types";

function buildRequest({ baseUrl, apiKey, upstreamModel, body, stream, endUser }: TBuildRequestArgs): TUpstreamRequest {
  // Only what the allowlist names leaves (egress.ts); this runs on every request of the hot path.
  const out = openaiRequestFields(body, upstreamModel, endUser, { sendsReasoningDetails: !hasStoreField(baseUrl) });
  if (body.reasoning != null || body.include_reasoning != null) {
    // OpenAI-compatible servers take reasoning_effort (OpenAI's own name), not OpenRouter's object;
    // a budget alone has no equivalent there. A reasoning_effort the client set itself stands.
    const wanted = requestedReasoning(body);
    if (wanted && "effort" in wanted && out.reasoning_effort === undefined)
      out.reasoning_effort = wanted.effort === "xhigh" ? "high" : wanted.effort;
  }
  if (hasStoreField(baseUrl)) out.store = false;
  if (stream) {
    out.stream = true;
    // Usage in the last chunk is how Privet meters a stream; ask for it whatever the client said.
    out.stream_options = { include_usage: true };
  }
  // Not streaming: no `stream` and no `stream_options` (OpenAI rejects stream_options then).
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (stream) headers.accept = "text/event-stream";
  return { url: joinUrl(baseUrl, "/chat/completions"), headers, body: JSON.stringify(out) };
}

/** The reasoning fields OpenAI-compatible servers put on a message or a delta. */
const REASONING_FIELDS = ["reasoning", "reasoning_content", "reasoning_details"] as const;
/** What a message or a delta may carry back to the client besides its role: the answer itself. */
const ANSWER_FIELDS = [
  "content",
  "refusal",
  "tool_calls",
  "reasoning",
  "reasoning_content",
  "reasoning_details",
  "annotations",
  "audio",
] as const;

/**
 * The answer's fields of a message or delta, and nothing else. The reasoning as the client asked:
 * dropped when excluded; otherwise under `reasoning`, the field Privet's answers use, also when the
 * server named it `reasoning_content` (DeepSeek, vLLM…).
 */
function answerOf(message: Record<string, unknown>, isExcluded: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ANSWER_FIELDS) if (message[field] !== undefined) out[field] = message[field];
  if (isExcluded) {
    for (const field of REASONING_FIELDS) delete out[field];
  } else if (out.reasoning === undefined && typeof message.reasoning_content === "string") {
    out.reasoning = message.reasoning_content;
  }
  return out;
}

/** The provider's `created` when it is a plausible time in seconds, else now. */
function createdOf(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value < 1e10 ? value : nowSeconds();
}

/** A choice's place: the provider's index when it is a small whole number, else its position. */
function indexOf(value: unknown, position: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1024 ? value : position;
}

/** The provider's finish reasons, mapped (`native_finish_reason` is the raw one when it is a short token). */
function finishOf(
  choice: Record<string, unknown>,
): Pick<TChatCompletionChoice, "finish_reason" | "native_finish_reason"> {
  return {
    finish_reason: finishReasonOf(choice.finish_reason),
    native_finish_reason: nativeFinishReasonOf(choice.native_finish_reason ?? choice.finish_reason),
  };
}

/** OpenAI's usage object, validated; undefined when absent or unusable (the pipeline then estimates). */
function usageFrom(value: unknown): TUsage | undefined {
  if (!isRecord(value)) return undefined;
  const prompt = isRecord(value.prompt_tokens_details) ? value.prompt_tokens_details : {};
  const completion = isRecord(value.completion_tokens_details) ? value.completion_tokens_details : {};
  return usageOf({
    prompt: value.prompt_tokens,
    completion: value.completion_tokens,
    cached: prompt.cached_tokens,
    reasoning: completion.reasoning_tokens,
  });
}

function parseResponse(json: unknown, body?: TChatRequest): TChatCompletion {
  if (!isRecord(json)) throw new UpstreamFormatError("upstream response is not a JSON object");
  if (!Array.isArray(json.choices)) {
    if (json.error !== undefined) {
      throw new UpstreamFormatError(withTag("upstream response is an error object", errorTag(json.error)));
    }
    throw new UpstreamFormatError("upstream response has no choices array");
  }
  const isExcluded = isReasoningExcluded(body);
  const choices = (json.choices as unknown[]).map((choice, position): TChatCompletionChoice => {
    if (!isRecord(choice) || !isRecord(choice.message)) {
      throw new UpstreamFormatError("upstream response has a choice without a message");
    }
    const message = {
      role: "assistant",
      content: null,
      ...answerOf(choice.message, isExcluded),
    } as TChatCompletionChoice["message"];
    return { index: indexOf(choice.index, position), message, ...finishOf(choice), logprobs: choice.logprobs ?? null };
  });
  // Privet writes the envelope: the id and model are replaced by the pipeline.
  const out: TChatCompletion = {
    id: "",
    object: "chat.completion",
    created: createdOf(json.created),
    model: "",
    choices,
    system_fingerprint: fingerprintOf(json.system_fingerprint),
  };
  const usage = usageFrom(json.usage);
  if (usage) out.usage = usage;
  return out;
}

function createStreamParser(body?: TChatRequest): TStreamParser {
  const sse = createSseParser();
  const isExcluded = isReasoningExcluded(body);
  let isDone = false;

  function interpret(events: TSseEvent[]): TStreamEvent[] {
    const out: TStreamEvent[] = [];
    for (const ev of events) {
      // Anything after [DONE] is noise; the stream is over for the client.
      if (isDone) continue;
      if (ev.isOverflow) {
        out.push({ type: "error", message: SSE_OVERFLOW_MESSAGE });
        continue;
      }
      const data = ev.data;
      if (data === "[DONE]") {
        isDone = true;
        out.push({ type: "done" });
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        out.push({ type: "error", message: "upstream sent a stream event that is not valid JSON" });
        continue;
      }
      if (!isRecord(parsed)) {
        out.push({ type: "error", message: "upstream sent a stream event that is not a JSON object" });
        continue;
      }
      if (parsed.error !== undefined || ev.event === "error") {
        out.push({ type: "error", message: withTag("upstream stream reported an error", errorTag(parsed.error)) });
        continue;
      }
      if (!Array.isArray(parsed.choices)) {
        // A usage-only chunk without `choices` is tolerated; anything else is not a chunk.
        if (parsed.usage === undefined) {
          out.push({ type: "error", message: "upstream stream chunk has no choices array" });
          continue;
        }
        parsed.choices = [];
      }
      const choices: TChunkChoice[] = [];
      for (const [position, choice] of (parsed.choices as unknown[]).entries()) {
        if (!isRecord(choice) || !isRecord(choice.delta)) break;
        const delta = answerOf(choice.delta, isExcluded) as TChunkChoice["delta"];
        if (choice.delta.role === "assistant") delta.role = "assistant";
        const shaped: TChunkChoice = { index: indexOf(choice.index, position), delta, ...finishOf(choice) };
        if (choice.logprobs !== undefined) shaped.logprobs = choice.logprobs;
        choices.push(shaped);
      }
      if (choices.length !== (parsed.choices as unknown[]).length) {
        out.push({ type: "error", message: "upstream stream chunk has a choice without a delta" });
        continue;
      }
      const chunk: TChatCompletionChunk = {
        id: "",
        object: "chat.completion.chunk",
        created: createdOf(parsed.created),
        model: "",
        choices,
      };
      const fingerprint = fingerprintOf(parsed.system_fingerprint);
      if (fingerprint !== null) chunk.system_fingerprint = fingerprint;
      // A usage Privet cannot use is left out: the pipeline estimates and marks the record.
      if (parsed.usage != null) chunk.usage = usageFrom(parsed.usage) ?? null;
      out.push({ type: "chunk", chunk });
    }
    return out;
  }

  return {
    push: (text) => interpret(sse.push(text)),
    end: () => interpret(sse.end()),
  };
}

export const openaiAdapter: TAdapter = { buildRequest, parseResponse, createStreamParser };
