// Adapter for OpenAI-compatible chat completions: OpenAI itself and most providers and local
// servers (Ollama, vLLM, llama.cpp…). The request is rebuilt from the fields Privet knows
// (egress.ts); responses are already in Privet's wire format, so parsing is mostly checking.
import { createSseParser } from "@/lib/gateway/sse";
import { UpstreamFormatError } from "./errors";
import { errorTag, isRecord, joinUrl, normalizeUsage, nowSeconds, withTag } from "./shared";
import { isReasoningExcluded, requestedReasoning } from "./reasoning";
import { hasStoreField, openaiRequestFields } from "./egress";
import type {
  TAdapter,
  TBuildRequestArgs,
  TChatCompletion,
  TChatRequest,
  TChatCompletionChunk,
  TStreamEvent,
  TStreamParser,
  TUpstreamRequest,
} from "./types";

function buildRequest({ baseUrl, apiKey, upstreamModel, body, stream, endUser }: TBuildRequestArgs): TUpstreamRequest {
  // Only what the allowlist names leaves (egress.ts); this runs on every request of the hot path.
  const out = openaiRequestFields(body, upstreamModel, endUser);
  if (body.reasoning != null || body.include_reasoning != null) {
    // OpenAI-compatible servers take reasoning_effort (OpenAI's own name), not OpenRouter's object;
    // a budget alone has no equivalent there. A reasoning_effort the client set itself stands.
    const wanted = requestedReasoning(body);
    if (wanted && "effort" in wanted && out.reasoning_effort === undefined) out.reasoning_effort = wanted.effort === "xhigh" ? "high" : wanted.effort;
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

/**
 * The reasoning as the client asked: dropped when excluded; otherwise also under `reasoning`, the
 * field Privet's answers use, when the server named it `reasoning_content` (DeepSeek, vLLM…).
 */
function shapeReasoning(message: Record<string, unknown>, isExcluded: boolean): void {
  if (isExcluded) {
    for (const field of REASONING_FIELDS) delete message[field];
  } else if (message.reasoning === undefined && typeof message.reasoning_content === "string") {
    message.reasoning = message.reasoning_content;
  }
}

function parseResponse(json: unknown, body?: TChatRequest): TChatCompletion {
  if (!isRecord(json)) throw new UpstreamFormatError("upstream response is not a JSON object");
  if (!Array.isArray(json.choices)) {
    if (json.error !== undefined) {
      throw new UpstreamFormatError(withTag("upstream response is an error object", errorTag(json.error)));
    }
    throw new UpstreamFormatError("upstream response has no choices array");
  }
  for (const choice of json.choices) {
    if (!isRecord(choice) || !isRecord(choice.message)) {
      throw new UpstreamFormatError("upstream response has a choice without a message");
    }
    if (choice.native_finish_reason === undefined) choice.native_finish_reason = choice.finish_reason ?? null;
    shapeReasoning(choice.message, isReasoningExcluded(body));
  }
  // Some local servers omit these; fill them rather than fail a good answer.
  if (json.object === undefined) json.object = "chat.completion";
  if (typeof json.created !== "number") json.created = nowSeconds();
  if (typeof json.id !== "string") json.id = "";
  if (typeof json.model !== "string") json.model = "";
  if (json.usage !== undefined) {
    const usage = normalizeUsage(json.usage);
    if (usage) json.usage = usage;
    else delete json.usage;
  }
  return json as TChatCompletion;
}

function createStreamParser(body?: TChatRequest): TStreamParser {
  const sse = createSseParser();
  const isExcluded = isReasoningExcluded(body);
  let isDone = false;

  function interpret(events: { event?: string; data: string }[]): TStreamEvent[] {
    const out: TStreamEvent[] = [];
    for (const ev of events) {
      // Anything after [DONE] is noise; the stream is over for the client.
      if (isDone) continue;
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
      let isValid = true;
      for (const choice of parsed.choices as unknown[]) {
        if (!isRecord(choice) || !isRecord(choice.delta)) {
          isValid = false;
          break;
        }
        if (choice.finish_reason != null && choice.native_finish_reason === undefined) {
          choice.native_finish_reason = choice.finish_reason;
        }
        shapeReasoning(choice.delta, isExcluded);
      }
      if (!isValid) {
        out.push({ type: "error", message: "upstream stream chunk has a choice without a delta" });
        continue;
      }
      if (parsed.usage != null) {
        const usage = normalizeUsage(parsed.usage);
        if (usage) parsed.usage = usage;
        else delete parsed.usage;
      }
      // OpenRouter's chunks have a fingerprint string or none: a null one (many servers send it) is left out.
      if (parsed.system_fingerprint === null) delete parsed.system_fingerprint;
      out.push({ type: "chunk", chunk: parsed as TChatCompletionChunk });
    }
    return out;
  }

  return {
    push: (text) => interpret(sse.push(text)),
    end: () => interpret(sse.end()),
  };
}

export const openaiAdapter: TAdapter = { buildRequest, parseResponse, createStreamParser };
