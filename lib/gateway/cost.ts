// What a request cost, computed by Privet alone from the served endpoint's prices (USD per million
// tokens, plus per request) and token counts that were validated and bounded (adapters/
// provider-values.ts): a provider's own cost figure is never used. Cached prompt tokens are priced
// at the endpoint's cache-read price and prompt tokens written to the cache (Anthropic's cache
// writes) at its cache-write price (each the prompt price when the catalog names none); reasoning
// tokens are completion tokens.
import type { TEndpoint } from "@/lib/catalog/types";
import type { TUsage } from "@/lib/gateway/adapters";
import { buildUsage } from "@/lib/gateway/adapters/provider-values";
import type { TGenerationRecord } from "@/lib/generations/record";

type TCounts = Pick<TUsage, "prompt_tokens" | "completion_tokens"> & Partial<Pick<TUsage, "prompt_tokens_details">>;

export function costOf(endpoint: TEndpoint, usage: TCounts): number {
  const { pricing } = endpoint;
  const cached = Math.min(usage.prompt_tokens_details?.cached_tokens ?? 0, usage.prompt_tokens);
  const written = Math.min(usage.prompt_tokens_details?.cache_write_tokens ?? 0, usage.prompt_tokens - cached);
  const prompt =
    (usage.prompt_tokens - cached - written) * pricing.prompt +
    cached * (pricing.cacheRead ?? pricing.prompt) +
    written * (pricing.cacheWrite ?? pricing.prompt);
  const cost = (prompt + usage.completion_tokens * pricing.completion) / 1_000_000 + pricing.request;
  return Math.round(cost * 1e10) / 1e10;
}

/**
 * Settles a served request's usage: the provider's validated counts, or — when it sent none Privet
 * can use — Privet's estimate, marked as such on the record. Writes the counts and the cost onto
 * the record and returns the usage as the client sees it (with the cost).
 */
export function settleUsage(
  record: TGenerationRecord,
  endpoint: TEndpoint,
  reported: TUsage | null,
  estimate: { prompt: number; completion: number },
): TUsage {
  const usage = reported ?? buildUsage(estimate.prompt, estimate.completion);
  const cost = costOf(endpoint, usage);
  record.promptTokens = usage.prompt_tokens;
  record.completionTokens = usage.completion_tokens;
  record.cachedPromptTokens = usage.prompt_tokens_details.cached_tokens;
  record.reasoningTokens = usage.completion_tokens_details.reasoning_tokens;
  record.usageEstimated = reported === null;
  record.cost = cost;
  return { ...usage, cost };
}
