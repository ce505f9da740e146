import { describe, expect, it } from "vitest";
import { costOf } from "@/lib/gateway/cost";
import { usageOf } from "@/lib/gateway/adapters/provider-values";
import { makeEndpoint } from "@/lib/policy/test-factory";

// Anthropic's published prices for Claude Sonnet 4.5 (USD per million tokens): a 5-minute cache
// write is 1.25× the prompt price, a cache read 0.1×.
const sonnet = makeEndpoint({ pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 } });

describe("what a request costs", () => {
  it("prices cache reads and cache writes at the endpoint's cache prices, the rest of the prompt at the prompt price", () => {
    // 1,000 prompt tokens: 600 read from the cache, 300 written to it, 100 plain; 200 completion tokens.
    const usage = usageOf({ prompt: 1_000, completion: 200, cached: 600, cacheWrite: 300 })!;
    expect(usage.prompt_tokens_details).toEqual({ cached_tokens: 600, cache_write_tokens: 300 });
    expect(costOf(sonnet, usage)).toBe((100 * 3 + 600 * 0.3 + 300 * 3.75 + 200 * 15) / 1e6);
  });

  it("prices cache writes as prompt tokens where the catalog names no cache-write price", () => {
    const plain = makeEndpoint({ pricing: { prompt: 3, completion: 15 } });
    const usage = usageOf({ prompt: 1_000, completion: 0, cacheWrite: 1_000 })!;
    expect(costOf(plain, usage)).toBe((1_000 * 3) / 1e6);
    expect(costOf(sonnet, usage)).toBe((1_000 * 3.75) / 1e6);
  });

  it("never counts more cache reads and writes than the prompt has", () => {
    // A provider's counts beyond the prompt are capped: reads first, writes get what is left.
    const usage = usageOf({ prompt: 100, completion: 0, cached: 80, cacheWrite: 500 })!;
    expect(usage.prompt_tokens_details).toEqual({ cached_tokens: 80, cache_write_tokens: 20 });
    expect(costOf(sonnet, usage)).toBe(Math.round(((80 * 0.3 + 20 * 3.75) / 1e6) * 1e10) / 1e10);
  });

  it("reports no cache_write_tokens for providers that do not bill cache writes apart", () => {
    expect(usageOf({ prompt: 10, completion: 1, cached: 4 })!.prompt_tokens_details).toEqual({ cached_tokens: 4 });
  });
});
