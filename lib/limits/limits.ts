// A limits layer, enforced on the gateway's path: an account's limits (set by an admin,
// lib/accounts/limits.ts) and an API key's guardrails (lib/keys/guardrails.ts) by the same rules, in
// one place each: how often (requests per minute), how much (a spending limit over its period) and
// what may be reached (allowed models, and allowed providers, ZDR and data regions as one more layer
// of `provider` preferences, so that nothing in a request — `models` fallbacks included — can get
// past them). Every refusal is in OpenRouter's error shape with the reason as `metadata.code` and
// whose limit it is as `metadata.limited_by`, before any upstream call; the pipeline leaves its
// metadata record (lib/gateway/pipeline.ts).
import { AppError } from "@/lib/errors";
import { getPeriodSpend } from "@/lib/activity/spend";
import type { TCatalog } from "@/lib/catalog/store";
import type { TModel } from "@/lib/catalog/types";
import type { TLimits } from "@/lib/keys/guardrails-schema";
import type { TProviderPreferences } from "@/lib/policy/types";
import { narrowsRouting, withLimitsLayer, type TLimitsProviderLayer } from "@/lib/policy/limits-layer";
import { formatCost } from "@/lib/format";
import { createLimiter, type TLimiter } from "@/lib/ratelimit/limiter";
import { rateLimitStore } from "@/lib/ratelimit/limits";
import { singleton } from "@/lib/singleton";

/** The time limits are judged at: a spending limit's period and a key's expiry. Tests move it. */
export function limitsClock(): { now: () => Date } {
  return singleton("guardrail-clock", () => ({ now: () => new Date() }));
}

/** Whose limits: an API key's guardrails or the account's limits (set by an admin). */
export type TLimitsOwner = { kind: "key"; userId: string; keyId: string } | { kind: "account"; userId: string };

/** Limits with their routing layer (an account's limits have no data regions of their own). */
export type TLimitsLayer = { owner: TLimitsOwner; limits: TLimits & Partial<TLimitsProviderLayer> };

const WHO = { key: "this API key", account: "this account" } as const;
const Who = { key: "This API key", account: "This account" } as const;
const BY_ADMIN = { key: "", account: " (set by an admin)" } as const;

const idOf = (owner: TLimitsOwner) => (owner.kind === "key" ? `key:${owner.keyId}` : `account:${owner.userId}`);

const limiters = () => singleton("limits-limiters", () => new Map<string, TLimiter>());

/** The owner's own requests per minute, counted in the shared rate-limit store like the instance's limit. */
export async function rateRefusal(owner: TLimitsOwner, perMinute: number | null): Promise<AppError | null> {
  if (perMinute === null) return null;
  const name = `${owner.kind === "key" ? "api-key" : "account"}-rpm-${perMinute}`;
  const byLimit = limiters();
  let limiter = byLimit.get(name);
  if (!limiter) {
    limiter = createLimiter(name, perMinute, 60_000, { store: rateLimitStore() });
    byLimit.set(name, limiter);
  }
  const decision = await limiter.hit(owner.kind === "key" ? owner.keyId : owner.userId);
  if (decision.isAllowed) return null;
  return new AppError(
    "rate_limited",
    `Rate limit exceeded: ${WHO[owner.kind]} allows ${perMinute} requests per minute${BY_ADMIN[owner.kind]}; retry in ${decision.retryAfterSeconds} s.`,
    {
      metadata: { code: "rate_limited", limited_by: owner.kind, retry_after_seconds: decision.retryAfterSeconds },
      headers: { "retry-after": String(decision.retryAfterSeconds) },
    },
  );
}

// Spend is summed from the database (every instance's records), kept here for at most a second, and
// dropped when this instance finishes a request of that key or account, so its own requests count at
// once and another instance's within about a second.
const SPEND_TTL_MS = 1_000;
type TSpendEntry = { spent: number; endsAt: Date | null; periodKey: string; expires: number };
const spendCache = () => singleton("guardrail-spend", () => new Map<string, TSpendEntry>());

/** Drops the cached spend of the account and the key whose request just ended in this instance. */
export function forgetSpend(userId: string, keyId: string | null): void {
  const cache = spendCache();
  cache.delete(`account:${userId}`);
  if (keyId !== null) cache.delete(`key:${keyId}`);
}

/** What the owner has spent in its limit's current period (over all time without a reset). */
async function getLimitSpend(owner: TLimitsOwner, limits: TLimits): Promise<{ spent: number; endsAt: Date | null }> {
  const now = limitsClock().now();
  const periodKey = `${limits.limitReset ?? "total"}:${now.toISOString().slice(0, 10)}`;
  const cache = spendCache();
  const id = idOf(owner);
  const cached = cache.get(id);
  if (cached && cached.expires > Date.now() && cached.periodKey === periodKey) return cached;
  const fresh = await getPeriodSpend(owner.userId, owner.kind === "key" ? owner.keyId : null, limits.limitReset, now);
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { ...fresh, periodKey, expires: Date.now() + SPEND_TTL_MS });
  return fresh;
}

const PERIOD_WORDS = { daily: "per day", weekly: "per week", monthly: "per month" } as const;

/** 402 once the owner has spent its limit for the period. */
async function spendRefusal(owner: TLimitsOwner, limits: TLimits): Promise<AppError | null> {
  if (limits.spendLimit === null) return null;
  const { spent, endsAt } = await getLimitSpend(owner, limits);
  if (spent < limits.spendLimit) return null;
  const period = limits.limitReset ? ` ${PERIOD_WORDS[limits.limitReset]}` : "";
  const reset = endsAt ? `; it resets at ${endsAt.toISOString()}` : "";
  const title = owner.kind === "key" ? "Key" : "Account";
  return new AppError(
    "forbidden",
    `${title} limit exceeded: ${WHO[owner.kind]} has spent ${formatCost(spent)} of its ${formatCost(limits.spendLimit)}${period} limit${BY_ADMIN[owner.kind]}${reset}.`,
    {
      status: 402,
      metadata: {
        code: owner.kind === "key" ? "key_limit_exceeded" : "account_limit_exceeded",
        limited_by: owner.kind,
        limit: limits.spendLimit,
        limit_reset: limits.limitReset,
        usage: spent,
        ...(endsAt ? { resets_at: endsAt.toISOString() } : {}),
      },
    },
  );
}

function modelRefusal(owner: TLimitsOwner, modelId: string, allowed: string[]): AppError {
  return new AppError(
    "forbidden",
    `${Who[owner.kind]} may not use ${modelId.slice(0, 200)}${BY_ADMIN[owner.kind]}; it may use ${allowed.join(", ")}.`,
    {
      metadata: {
        code: "model_not_allowed",
        limited_by: owner.kind,
        model: modelId.slice(0, 200),
        allowed_models: allowed,
      },
    },
  );
}

const providerLayerOf = (limits: TLimitsLayer["limits"]): TLimitsProviderLayer => ({
  allowedProviders: limits.allowedProviders,
  requireZdr: limits.requireZdr,
  allowedDataRegions: limits.allowedDataRegions ?? [],
});

/** 403 for a request that a layer's provider limits alone leave without a provider. */
function providerRefusal(modelId: string, { owner, limits }: TLimitsLayer): AppError {
  const layer = providerLayerOf(limits);
  const parts = [
    ...(layer.allowedProviders.length > 0 ? [`only ${layer.allowedProviders.join(", ")}`] : []),
    ...(layer.requireZdr ? ["zero-data-retention endpoints only"] : []),
    ...(layer.allowedDataRegions.length > 0
      ? [`only providers processing prompts in ${layer.allowedDataRegions.join(", ")}`]
      : []),
  ];
  return new AppError(
    "forbidden",
    `${Who[owner.kind]} may reach ${parts.join(", and ")}${BY_ADMIN[owner.kind]}; none of them serves ${modelId.slice(0, 200)} for this request.`,
    {
      metadata: {
        code: "provider_not_allowed",
        limited_by: owner.kind,
        model: modelId.slice(0, 200),
        allowed_providers: layer.allowedProviders,
        require_zdr: layer.requireZdr,
        ...(layer.allowedDataRegions.length > 0 ? { allowed_data_regions: layer.allowedDataRegions } : {}),
      },
    },
  );
}

/**
 * A request under one limits layer: refused (402 over the spending limit, 403 for a model it may not
 * use or providers it may not reach), or the models it may still try (fallbacks the layer does not
 * allow are dropped) and the preferences routing must apply.
 */
export async function applyLimits(
  layer: TLimitsLayer,
  models: TModel[],
  prefs: TProviderPreferences,
  catalog: TCatalog,
): Promise<AppError | { models: TModel[]; prefs: TProviderPreferences }> {
  const { owner, limits } = layer;
  let allowedModels = models;
  if (limits.allowedModels.length > 0) {
    const allowed = new Set(limits.allowedModels);
    if (!allowed.has(models[0]!.id)) return modelRefusal(owner, models[0]!.id, limits.allowedModels);
    allowedModels = models.filter((model) => allowed.has(model.id));
  }
  const restricted = withLimitsLayer(prefs, providerLayerOf(limits), (slug) => catalog.providerBySlug.get(slug)?.name);
  if (!restricted) return providerRefusal(models[0]!.id, layer);
  const overSpend = await spendRefusal(owner, limits);
  if (overSpend) return overSpend;
  return { models: allowedModels, prefs: restricted };
}

/**
 * When routing found no endpoint: the 403 of the layer whose provider limits alone caused it (the
 * first, in the order applied, whose addition leaves nothing), or null when the request's own
 * preferences already leave nothing (routing's refusal then). `isRoutable` plans the route under
 * the given preferences.
 */
export function limitsRefusalFor(
  layers: readonly TLimitsLayer[],
  requestPrefs: TProviderPreferences,
  modelId: string,
  catalog: TCatalog,
  isRoutable: (prefs: TProviderPreferences) => boolean,
): AppError | null {
  const routing = layers.filter((layer) => narrowsRouting(providerLayerOf(layer.limits)));
  if (routing.length === 0 || !isRoutable(requestPrefs)) return null;
  let prefs = requestPrefs;
  for (const layer of routing) {
    const next = withLimitsLayer(
      prefs,
      providerLayerOf(layer.limits),
      (slug) => catalog.providerBySlug.get(slug)?.name,
    );
    if (!next || !isRoutable(next)) return providerRefusal(modelId, layer);
    prefs = next;
  }
  return null;
}
