// What the router needs to know about a chat completion request, never its content: the parameters
// an endpoint must support (provider.require_parameters) and the tokens it will need (the context
// length filter, and usage when an upstream reports none). The policy engine's TRequestShape.
import type { TChatMessage } from "@/lib/gateway/adapters/types";
import type { TRequestFeature } from "@/lib/policy/capabilities";
import type { TRequestShape } from "@/lib/policy/types";
import { SAMPLING_PARAMETERS } from "@/lib/vocabulary";

/**
 * Request parameters that an endpoint must support under `provider.require_parameters`, in the
 * catalog's vocabulary (`supported_parameters`). `max_completion_tokens` counts as
 * `max_tokens`; a JSON-schema response format also needs `structured_outputs`. Transport and
 * routing fields (model, messages, stream, user, provider…) are never listed.
 */
const PARAMETER_FIELDS = [
  ...SAMPLING_PARAMETERS,
  "max_tokens",
  "stop",
  "seed",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "response_format",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "reasoning",
  "include_reasoning",
  "web_search_options",
] as const;

const PARAMETER_INDEX: ReadonlyMap<string, number> = new Map(PARAMETER_FIELDS.map((field, i) => [field, i]));

export function requestParameterNames(body: Record<string, unknown>): string[] {
  // The body's own fields (a few) looked up in the list, rather than every listed field in the body.
  const found: number[] = [];
  for (const field in body) {
    const index = PARAMETER_INDEX.get(field);
    if (index === undefined || !Object.hasOwn(body, field)) continue;
    const v = body[field];
    if (v === undefined || v === null) continue;
    if (field === "tools" && Array.isArray(v) && v.length === 0) continue;
    // logprobs: false asks for nothing.
    if (field === "logprobs" && v === false) continue;
    found.push(index);
  }
  const names: string[] = found.sort((a, b) => a - b).map((i) => PARAMETER_FIELDS[i]!);
  if (body.max_completion_tokens != null && !names.includes("max_tokens")) names.push("max_tokens");
  const format = body.response_format;
  if (typeof format === "object" && format !== null && (format as { type?: unknown }).type === "json_schema") {
    names.push("structured_outputs");
  }
  return names;
}

function textLength(content: unknown): number {
  if (typeof content === "string") return content.length;
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (typeof part === "object" && part !== null) {
      const text = (part as { text?: unknown }).text;
      if (typeof text === "string") n += text.length;
    }
  }
  return n;
}

/**
 * A cheap upper-bound-ish estimate of the tokens a request needs, for the context-length filter
 * and as a fallback when an upstream reports no usage: message text / 4 (tool-call arguments and
 * tool definitions included) plus the requested output limit.
 */
export function estimateTokens(body: { messages?: readonly TChatMessage[] | unknown; [key: string]: unknown }): number {
  let chars = 0;
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (typeof m !== "object" || m === null) continue;
      const message = m as { content?: unknown; tool_calls?: unknown };
      chars += textLength(message.content);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          const args = (call as { function?: { arguments?: unknown } } | null)?.function?.arguments;
          if (typeof args === "string") chars += args.length;
        }
      }
    }
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) chars += JSON.stringify(body.tools).length;
  const output = body.max_completion_tokens ?? body.max_tokens;
  return Math.ceil(chars / 4) + (typeof output === "number" && output > 0 ? output : 0);
}

const PART_FEATURES: ReadonlyMap<unknown, TRequestFeature> = new Map<unknown, TRequestFeature>([
  ["image_url", "image_input"],
  ["file", "file_input"],
  ["input_audio", "audio_input"],
]);

/**
 * The features the request uses (lib/policy/capabilities.ts), derived once from the validated
 * body: tools, a forced tool_choice, a JSON response format or schema, log probabilities, and the
 * kinds of content parts its messages carry. Never the content itself.
 */
export function requestFeatures(body: {
  messages?: readonly TChatMessage[] | unknown;
  [key: string]: unknown;
}): TRequestFeature[] {
  const features = new Set<TRequestFeature>();
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    features.add("tools");
    // auto and none need tools only; "required" or a named function forces a call (OpenRouter's split).
    const choice = body.tool_choice;
    if (choice === "required" || (typeof choice === "object" && choice !== null)) features.add("tool_choice");
  }
  const format = body.response_format;
  const formatType = typeof format === "object" && format !== null ? (format as { type?: unknown }).type : undefined;
  if (formatType === "json_object") features.add("response_format");
  if (formatType === "json_schema") features.add("structured_outputs");
  if (body.logprobs === true) features.add("logprobs");
  if (typeof body.top_logprobs === "number") features.add("top_logprobs");
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      const content = (message as { content?: unknown } | null)?.content;
      if (!Array.isArray(content)) continue;
      for (const part of content) {
        const type = (part as { type?: unknown } | null)?.type;
        const feature = PART_FEATURES.get(type);
        if (feature) features.add(feature);
      }
    }
  }
  return [...features];
}

/** What routing needs to know about a validated request: its parameters, features and size. */
export function requestShapeOf(body: {
  messages?: readonly TChatMessage[] | unknown;
  [key: string]: unknown;
}): TRequestShape {
  return {
    parameters: requestParameterNames(body),
    features: requestFeatures(body),
    estimatedTokens: estimateTokens(body),
  };
}
