// Whether a request may start upstream calls now, whichever path it came by (the API or the chat):
// the chat's own per-minute limit (an API request is counted by the router, per key) and the cap on
// each account's concurrent upstream requests in this process (PRIVET_MAX_CONCURRENT_PER_ACCOUNT).
// Over either: 429 with Retry-After, before any upstream call. The cap's default is a quarter of a
// provider's limit (PRIVET_MAX_CONCURRENT_PER_PROVIDER, lib/gateway/provider-queue.ts): however many
// slow streams one account opens, three quarters of every provider's slots stay for the others, and
// the provider's fair queue hands each freed slot to the account holding the fewest.
import { AppError } from "@/lib/errors";
import { setting } from "@/lib/env";
import { apiKeyLimiter } from "@/lib/ratelimit/limits";
import { singleton } from "@/lib/singleton";

/**
 * The chat page's requests count like an API key's: PRIVET_RATE_LIMIT_PER_MINUTE per account for
 * its chat, in the same shared store.
 */
export async function chatRateRefusal(userId: string): Promise<AppError | null> {
  const decision = await apiKeyLimiter().hit(`chat:${userId}`);
  if (decision.isAllowed) return null;
  return new AppError(
    "rate_limited",
    `Rate limit exceeded for this account's chat; retry in ${decision.retryAfterSeconds} s.`,
    {
      metadata: { code: "rate_limited", retry_after_seconds: decision.retryAfterSeconds },
      headers: { "retry-after": String(decision.retryAfterSeconds) },
    },
  );
}

/** Without a provider limit the account's cap falls back to this (the cap before provider limits). */
const CAP_WITHOUT_PROVIDER_LIMIT = 64;

/** PRIVET_MAX_CONCURRENT_PER_ACCOUNT, or unset: a quarter of the provider limit (at least 1). */
function accountCap(): number {
  const cap = setting("PRIVET_MAX_CONCURRENT_PER_ACCOUNT");
  if (cap !== undefined) return cap;
  const providerLimit = setting("PRIVET_MAX_CONCURRENT_PER_PROVIDER");
  return providerLimit === 0 ? CAP_WITHOUT_PROVIDER_LIMIT : Math.max(1, Math.floor(providerLimit / 4));
}

const active = () => singleton("upstream-slots", () => new Map<string, number>());

const RELEASED = () => {};

/**
 * Takes one of the account's upstream slots for a request about to call providers: the function
 * that gives it back (call it once, when the request has ended), or the 429 when the account
 * already has its cap of requests under way in this process.
 */
export function takeUpstreamSlot(userId: string): (() => void) | AppError {
  const cap = accountCap();
  if (cap === 0) return RELEASED;
  const slots = active();
  const inUse = slots.get(userId) ?? 0;
  if (inUse >= cap)
    return new AppError(
      "rate_limited",
      `Too many concurrent requests: this account already has ${cap} requests under way, the most one account may hold at once; retry when one has finished.`,
      {
        metadata: { code: "too_many_concurrent_requests", max_concurrent: cap, retry_after_seconds: 1 },
        headers: { "retry-after": "1" },
      },
    );
  slots.set(userId, inUse + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const left = (slots.get(userId) ?? 1) - 1;
    if (left <= 0) slots.delete(userId);
    else slots.set(userId, left);
  };
}
