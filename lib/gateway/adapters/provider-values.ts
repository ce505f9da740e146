// What a provider sends back that Privet keeps or passes on, mapped to Privet's own vocabulary or
// validated and bounded first (PRODUCT.md rule 10): a provider cannot smuggle text (a prompt it
// echoes, say) into metadata, a header or the answer's envelope, nor a number that breaks a record.
// Pure: no I/O.
import { FINISH_REASONS, type TFinishReason } from "@/lib/vocabulary";
import type { TUsage } from "./types";

/** The largest token count Privet believes: a billion tokens is far beyond any context window. */
export const MAX_TOKEN_COUNT = 1_000_000_000;
/** The longest wait a provider's `Retry-After` can ask of a client through Privet. */
export const MAX_RETRY_AFTER_SECONDS = 3_600;

/** A provider's own short reason token (`end_turn`, `eos`, `max_tokens`); anything longer or odder is not kept. */
const NATIVE_TOKEN = /^[a-z][a-z0-9_]{0,31}$/;

const SYNONYMS: Record<string, TFinishReason> = {
  function_call: "tool_calls",
  tool_use: "tool_calls",
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  eos: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  refusal: "content_filter",
  safety: "content_filter",
};

/**
 * A provider's finish reason in OpenRouter's normalized set, or null when there is none (a stream
 * still going). A reason outside the set, whatever it says, means the answer ended: "stop".
 */
export function finishReasonOf(value: unknown): TFinishReason | null {
  if (typeof value !== "string") return null;
  if ((FINISH_REASONS as readonly string[]).includes(value)) return value as TFinishReason;
  return SYNONYMS[value] ?? "stop";
}

/** The provider's own finish reason when it is a short token; null otherwise. */
export function nativeFinishReasonOf(value: unknown): string | null {
  return typeof value === "string" && NATIVE_TOKEN.test(value) ? value : null;
}

/** A token count Privet can keep: a whole number from 0 to MAX_TOKEN_COUNT; undefined otherwise. */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_TOKEN_COUNT
    ? value
    : undefined;
}

/** What a provider reported, before validation. */
export type TReportedUsage = {
  prompt: unknown;
  completion: unknown;
  cached?: unknown;
  reasoning?: unknown;
  /** Prompt tokens written to the cache: only from providers that bill cache writes apart (Anthropic). */
  cacheWrite?: unknown;
};

/**
 * Privet's usage object from a provider's counts, or undefined when the prompt or completion count
 * is missing or unusable (the pipeline then estimates and marks the record). A detail that is not
 * a valid count is 0, and never more than the count it is part of.
 */
export function usageOf(reported: TReportedUsage): TUsage | undefined {
  const prompt = tokenCount(reported.prompt);
  const completion = tokenCount(reported.completion);
  if (prompt === undefined || completion === undefined) return undefined;
  const cached = Math.min(prompt, tokenCount(reported.cached) ?? 0);
  const usage = buildUsage(prompt, completion, cached, Math.min(completion, tokenCount(reported.reasoning) ?? 0));
  if (reported.cacheWrite !== undefined) {
    // Cache reads and writes are both parts of the prompt, and never more than it together.
    usage.prompt_tokens_details.cache_write_tokens = Math.min(prompt - cached, tokenCount(reported.cacheWrite) ?? 0);
  }
  return usage;
}

/** The usage object Privet writes (OpenRouter's shape): totals computed here, never copied. */
export function buildUsage(prompt: number, completion: number, cached = 0, reasoning = 0): TUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

/**
 * A `Retry-After` value (delay-seconds or an HTTP date) as whole seconds from `now`, bounded to
 * MAX_RETRY_AFTER_SECONDS; undefined when it is neither.
 */
export function retryAfterSeconds(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== "string" || value.length > 64) return undefined;
  const text = value.trim();
  let seconds: number;
  if (/^\d{1,10}$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text) || Number.isNaN(at))
      return undefined;
    seconds = Math.ceil((at - now) / 1000);
  }
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}

/** A provider's `system_fingerprint` when it is a short identifier (`fp_44709d6fcb`); null otherwise. */
export function fingerprintOf(value: unknown): string | null {
  return typeof value === "string" && /^fp_[a-z0-9]{1,32}$/.test(value) ? value : null;
}

/** The error types and codes providers send, as Privet names them (adapters' `errorTag`). */
const ERROR_TAGS = new Set([
  "api_error",
  "authentication_error",
  "billing_error",
  "context_length_exceeded",
  "insufficient_quota",
  "invalid_api_key",
  "invalid_request_error",
  "not_found_error",
  "overloaded_error",
  "permission_error",
  "rate_limit_error",
  "rate_limit_exceeded",
  "request_too_large",
  "server_error",
  "service_unavailable",
  "timeout_error",
]);

/**
 * A short machine tag from an upstream error object, for the adapters' own messages: one of the
 * error types Privet knows, or an HTTP-like status number. Anything else — an upstream's free text,
 * which can quote the prompt — is never used.
 */
export function errorTag(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  for (const key of ["type", "code"] as const) {
    const v = record[key];
    if (typeof v === "number" && Number.isInteger(v) && v >= 100 && v <= 599) return String(v);
    if (typeof v === "string" && ERROR_TAGS.has(v)) return v;
  }
  return undefined;
}
