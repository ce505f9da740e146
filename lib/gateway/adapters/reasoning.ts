// OpenRouter's unified reasoning control (`reasoning`, `include_reasoning`), read once for every
// adapter: what the client asked for, and whether the reasoning is to be left out of the answer.
// Each adapter turns the request into its API's own control (Anthropic: thinking with a budget;
// OpenAI-compatible servers: reasoning_effort).
import type { TChatRequest, TReasoningDetail, TReasoningRequest } from "./types";

export type TReasoningEffort = Exclude<TReasoningRequest["effort"], "none" | undefined>;

/**
 * What the request asks for: null when reasoning is off, else an effort or a token budget.
 * `enabled: true` and `include_reasoning: true` alone mean medium; `reasoning: {}` or `exclude`
 * alone turn nothing on (OpenRouter: "enabled is inferred from effort or max_tokens").
 */
export function requestedReasoning(body: TChatRequest): { effort: TReasoningEffort } | { budget: number } | null {
  const r = body.reasoning;
  if (r) {
    if (r.enabled === false || r.effort === "none") return null;
    if (r.max_tokens !== undefined) return { budget: r.max_tokens };
    if (r.effort !== undefined) return { effort: r.effort };
    if (r.enabled === true) return { effort: "medium" };
  }
  return body.include_reasoning === true ? { effort: "medium" } : null;
}

/** Whether the client asked for the reasoning to be left out of the answer (it is still billed). */
export function isReasoningExcluded(body: TChatRequest | undefined): boolean {
  return body?.reasoning?.exclude === true || body?.include_reasoning === false;
}

/**
 * The body an endpoint receives: one whose catalog entry lists its parameters and not `reasoning`
 * gets none of the reasoning fields, which many servers would refuse (a model that cannot reason
 * answers without it, as on OpenRouter). `provider.require_parameters` is how a client insists.
 */
export function withoutUnsupportedReasoning<T extends TChatRequest>(
  body: T,
  supportedParameters: readonly string[],
): T {
  if (body.reasoning == null && body.include_reasoning == null) return body;
  if (takesReasoning(supportedParameters)) return body;
  const { reasoning: _reasoning, include_reasoning: _includeReasoning, ...rest } = body;
  return rest as T;
}

/** Whether an endpoint is sent the reasoning fields: it lists `reasoning`, or lists no parameters at all. */
export function takesReasoning(supportedParameters: readonly string[]): boolean {
  return supportedParameters.length === 0 || supportedParameters.includes("reasoning");
}

/**
 * OpenRouter gives reasoning twice: as text (`reasoning`) and as `reasoning_details`, which its SDKs
 * and agents read. A provider that sent only the text gets the detail written from it (a message,
 * or each streamed delta with a piece of it); one it sent itself stands.
 */
export function withReasoningDetails(part: {
  reasoning?: string | null;
  reasoning_details?: TReasoningDetail[];
}): void {
  if (part.reasoning_details !== undefined || typeof part.reasoning !== "string" || part.reasoning.length === 0) return;
  part.reasoning_details = [{ type: "reasoning.text", text: part.reasoning, format: "unknown", index: 0 }];
}
