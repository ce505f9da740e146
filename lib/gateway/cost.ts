// What a request cost, from the served endpoint's prices (USD per million tokens, plus per request).
import type { TEndpoint } from "@/lib/catalog/types";

export function costOf(endpoint: TEndpoint, usage: { prompt_tokens: number; completion_tokens: number }): number {
  const cost = (usage.prompt_tokens * endpoint.pricing.prompt + usage.completion_tokens * endpoint.pricing.completion) / 1_000_000 + endpoint.pricing.request;
  return Math.round(cost * 1e10) / 1e10;
}
