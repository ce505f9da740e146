// An API key's guardrails, enforced on the gateway's path: who may call (disabled, expired, a
// management key calling models or an ordinary key managing keys), how often (the key's own
// requests per minute), how much (its spending limit over its period) and what it may reach (its
// allowed models, and its allowed providers and ZDR as one more layer of `provider` preferences, so
// that nothing in a request — `models` fallbacks included — can get past them). Every refusal is
// in OpenRouter's error shape with the reason as `metadata.code`, before any upstream call; the
// chat route leaves its metadata record (lib/gateway/pipeline.ts, recordRefusedChat).
import { AppError } from "@/lib/errors";
import { getKeyPeriodSpend } from "@/lib/activity/spend";
import type { TCatalog } from "@/lib/catalog/store";
import type { TModel } from "@/lib/catalog/types";
import type { TKeyOwner } from "@/lib/keys/api-keys";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";
import type { TProviderPreferences } from "@/lib/policy/types";
import { withKeyProviderLayer } from "@/lib/policy/key-layer";
import { formatCost } from "@/lib/format";
import { createLimiter, type TLimiter } from "@/lib/ratelimit/limiter";
import { rateLimitStore } from "@/lib/ratelimit/limits";
import { singleton } from "@/lib/singleton";

/** The time guardrails are judged at: a spending limit's period and a key's expiry. Tests move it. */
export function guardrailClock(): { now: () => Date } {
  return singleton("guardrail-clock", () => ({ now: () => new Date() }));
}

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
  if (expiresAt && expiresAt.getTime() <= guardrailClock().now().getTime())
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

const limiters = () => singleton("guardrail-limiters", () => new Map<number, TLimiter>());

/** The key's own requests per minute, counted in the shared rate-limit store like the instance's limit. */
export async function keyRateRefusal(owner: TKeyOwner): Promise<AppError | null> {
  const perMinute = owner.guardrails.rateLimitPerMinute;
  if (perMinute === null) return null;
  const byLimit = limiters();
  let limiter = byLimit.get(perMinute);
  if (!limiter) {
    limiter = createLimiter(`api-key-rpm-${perMinute}`, perMinute, 60_000, { store: rateLimitStore() });
    byLimit.set(perMinute, limiter);
  }
  const decision = await limiter.hit(owner.keyId);
  if (decision.isAllowed) return null;
  return new AppError(
    "rate_limited",
    `Rate limit exceeded: this API key allows ${perMinute} requests per minute; retry in ${decision.retryAfterSeconds} s.`,
    {
      metadata: { code: "rate_limited", retry_after_seconds: decision.retryAfterSeconds },
      headers: { "retry-after": String(decision.retryAfterSeconds) },
    },
  );
}

// A key's spend is summed from the database (every instance's records), kept here for at most a
// second, and dropped when this instance finishes a request of that key, so its own requests count
// at once and another instance's within about a second.
const SPEND_TTL_MS = 1_000;
type TSpendEntry = { spent: number; endsAt: Date | null; periodKey: string; expires: number };
const spendCache = () => singleton("guardrail-spend", () => new Map<string, TSpendEntry>());

/** Drops the cached spend of a key whose request just ended in this instance. */
export function forgetKeySpend(keyId: string | null): void {
  if (keyId !== null) spendCache().delete(keyId);
}

/** What the key has spent in its limit's current period (over its life without a reset). */
export async function getLimitSpend(
  userId: string,
  keyId: string,
  guardrails: TKeyGuardrails,
): Promise<{ spent: number; endsAt: Date | null }> {
  const now = guardrailClock().now();
  const periodKey = `${guardrails.limitReset ?? "total"}:${now.toISOString().slice(0, 10)}`;
  const cache = spendCache();
  const cached = cache.get(keyId);
  if (cached && cached.expires > Date.now() && cached.periodKey === periodKey) return cached;
  const fresh = await getKeyPeriodSpend(userId, keyId, guardrails.limitReset, now);
  if (cache.size > 10_000) cache.clear();
  cache.set(keyId, { ...fresh, periodKey, expires: Date.now() + SPEND_TTL_MS });
  return fresh;
}

const PERIOD_WORDS = { daily: "per day", weekly: "per week", monthly: "per month" } as const;

/** 402 once the key has spent its limit for the period. */
async function spendRefusal(userId: string, keyId: string, g: TKeyGuardrails): Promise<AppError | null> {
  if (g.spendLimit === null) return null;
  const { spent, endsAt } = await getLimitSpend(userId, keyId, g);
  if (spent < g.spendLimit) return null;
  const period = g.limitReset ? ` ${PERIOD_WORDS[g.limitReset]}` : "";
  const reset = endsAt ? `; it resets at ${endsAt.toISOString()}` : "";
  return new AppError(
    "forbidden",
    `Key limit exceeded: this API key has spent ${formatCost(spent)} of its ${formatCost(g.spendLimit)}${period} limit${reset}.`,
    {
      status: 402,
      metadata: {
        code: "key_limit_exceeded",
        limit: g.spendLimit,
        limit_reset: g.limitReset,
        usage: spent,
        ...(endsAt ? { resets_at: endsAt.toISOString() } : {}),
      },
    },
  );
}

function modelRefusal(modelId: string, allowed: string[]): AppError {
  return new AppError(
    "forbidden",
    `This API key may not use ${modelId.slice(0, 200)}; it may use ${allowed.join(", ")}.`,
    {
      metadata: { code: "model_not_allowed", model: modelId.slice(0, 200), allowed_models: allowed },
    },
  );
}

/** 403 for a request the key's provider guardrails alone leave without a provider. */
export function providerRefusal(modelId: string, g: TKeyGuardrails): AppError {
  const parts = [
    ...(g.allowedProviders.length > 0 ? [`only ${g.allowedProviders.join(", ")}`] : []),
    ...(g.requireZdr ? ["zero-data-retention endpoints only"] : []),
  ];
  return new AppError(
    "forbidden",
    `This API key may reach ${parts.join(", and ")}; none of them serves ${modelId.slice(0, 200)} for this request.`,
    {
      metadata: {
        code: "provider_not_allowed",
        model: modelId.slice(0, 200),
        allowed_providers: g.allowedProviders,
        require_zdr: g.requireZdr,
      },
    },
  );
}

/** Whether the key's provider guardrails narrow routing at all. */
export function hasProviderGuardrails(g: TKeyGuardrails | undefined): g is TKeyGuardrails {
  return g !== undefined && (g.allowedProviders.length > 0 || g.requireZdr);
}

/**
 * A request under its key's guardrails: refused (402 over the spending limit, 403 for a model the key
 * may not use), or the models it may still try (fallbacks the key may not use are dropped) and the
 * preferences routing must apply. Without guardrails, the request as it is.
 */
export async function applyKeyGuardrails(
  request: { userId: string; apiKeyId: string | null; guardrails?: TKeyGuardrails },
  models: TModel[],
  prefs: TProviderPreferences,
  catalog: TCatalog,
): Promise<AppError | { models: TModel[]; prefs: TProviderPreferences }> {
  const g = request.guardrails;
  if (!g || request.apiKeyId === null) return { models, prefs };
  let allowedModels = models;
  if (g.allowedModels.length > 0) {
    const allowed = new Set(g.allowedModels);
    if (!allowed.has(models[0]!.id)) return modelRefusal(models[0]!.id, g.allowedModels);
    allowedModels = models.filter((model) => allowed.has(model.id));
  }
  const restricted = withKeyProviderLayer(prefs, g, (slug) => catalog.providerBySlug.get(slug)?.name);
  if (!restricted) return providerRefusal(models[0]!.id, g);
  const overSpend = await spendRefusal(request.userId, request.apiKeyId, g);
  if (overSpend) return overSpend;
  return { models: allowedModels, prefs: restricted };
}
