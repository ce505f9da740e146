// An API key's guardrails that need no request body, checked by the router: who may call
// (disabled, expired, a management key calling models or an ordinary key managing keys) and how often
// (the key's own requests per minute). The rest — spending limit, models, providers, ZDR, data
// regions — is a limits layer like an account's (lib/limits/limits.ts), applied by
// resolveRequestPolicy (lib/gateway/request-policy.ts). Every refusal is in OpenRouter's error shape
// with the reason as `metadata.code`, before any upstream call.
import { AppError } from "@/lib/errors";
import type { TKeyOwner } from "@/lib/keys/api-keys";
import { limitsClock, rateRefusal } from "@/lib/limits/limits";

/** What kind of key a route takes (lib/api/context.ts): an ordinary key, or a management key. */
export type TKeyKind = "key" | "management";

/**
 * The key itself may not make this call: disabled or expired (401), or the wrong kind of key for
 * the route (403). `isAnyKind`: the route answers either kind (`GET /api/v1/key`).
 */
export function keyAccessRefusal(owner: TKeyOwner, kind: TKeyKind, isAnyKind = false): AppError | null {
  if (owner.disabled)
    return new AppError("unauthorized", "This API key is disabled.", { metadata: { code: "key_disabled" } });
  const expiresAt = owner.guardrails.expiresAt;
  if (expiresAt && expiresAt.getTime() <= limitsClock().now().getTime())
    return new AppError("unauthorized", `This API key expired at ${expiresAt.toISOString()}.`, {
      metadata: { code: "key_expired", expires_at: expiresAt.toISOString() },
    });
  if (isAnyKind) return null;
  if (kind === "key" && owner.isManagement)
    return new AppError("forbidden", "A management key only manages API keys (/api/v1/keys); it cannot call models.", {
      metadata: { code: "management_key" },
    });
  if (kind === "management" && !owner.isManagement)
    return new AppError("forbidden", "Managing API keys needs a management key; create one on the API keys page.", {
      metadata: { code: "management_key_required" },
    });
  return null;
}

/** The key's own requests per minute, counted in the shared rate-limit store like the instance's limit. */
export function keyRateRefusal(owner: TKeyOwner): Promise<AppError | null> {
  return rateRefusal({ kind: "key", userId: owner.userId, keyId: owner.keyId }, owner.guardrails.rateLimitPerMinute);
}
