// An account's limits, set by an admin (/admin, `privet user limits`): a spending limit with its
// reset, allowed models and providers, required ZDR and requests per minute, applied to every
// request of the account — its API keys' and its chat's alike — by the same rules as a key's
// guardrails (lib/limits/limits.ts). Read on the gateway's path (cached for a second, like account
// settings); the account itself sees them read-only.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getPeriodSpend } from "@/lib/activity/spend";
import { NO_LIMITS, ZLimits, type TLimits } from "@/lib/keys/guardrails-schema";
import { checkLimits, limitsColumns, limitsFromRow } from "@/lib/limits/check";
import { limitsClock } from "@/lib/limits/limits";
import { singleton } from "@/lib/singleton";

const SELECT = {
  spendLimit: true,
  limitReset: true,
  allowedModels: true,
  allowedProviders: true,
  requireZdr: true,
  rateLimitPerMinute: true,
} as const;

// Read on every request that sends one. A change in this process replaces the entry at once; the
// short lifetime bounds how long a change made elsewhere (the CLI, another instance) takes to hold.
const CACHE_TTL_MS = 1_000;
const cache = () => singleton("account-limits-cache", () => new Map<string, { value: TLimits; expires: number }>());

/** The account's limits (NO_LIMITS when an admin set none). */
export async function getAccountLimits(userId: string): Promise<TLimits> {
  const hit = cache().get(userId);
  if (hit && hit.expires > Date.now()) return hit.value;
  const row = await db.accountLimits.findUnique({ where: { userId }, select: SELECT });
  const value = row ? limitsFromRow(row) : NO_LIMITS;
  if (cache().size > 10_000) cache().clear();
  cache().set(userId, { value, expires: Date.now() + CACHE_TTL_MS });
  return value;
}

/** Whether any limit is set. */
export function hasLimits(limits: TLimits): boolean {
  return (
    limits.spendLimit !== null ||
    limits.allowedModels.length > 0 ||
    limits.allowedProviders.length > 0 ||
    limits.requireZdr ||
    limits.rateLimitPerMinute !== null
  );
}

/**
 * Replaces the account's limits (every field: one left empty sets no limit); checked first (a 400
 * naming the field: an unknown model or provider, a negative limit…). No limits at all removes the row.
 */
export async function setAccountLimits(userId: string, input: TLimits): Promise<TLimits> {
  const limits = await checkLimits(ZLimits, input);
  const exists = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "Account not found.");
  if (hasLimits(limits)) {
    const columns = limitsColumns(limits);
    await db.accountLimits.upsert({ where: { userId }, create: { userId, ...columns }, update: columns });
  } else {
    await db.accountLimits.deleteMany({ where: { userId } });
  }
  cache().delete(userId);
  return limits;
}

/** The account's limits with what it spent in the limit's current period: /admin and the account's own view. */
export type TAccountLimitsView = {
  limits: TLimits;
  /** USD spent in the current period of the spending limit (over all time without a reset). */
  spent: number;
  /** When the current period ends (ISO), null without a reset. */
  resetsAt: string | null;
};

export async function getAccountLimitsView(userId: string): Promise<TAccountLimitsView> {
  const limits = await getAccountLimits(userId);
  const { spent, endsAt } = await getPeriodSpend(userId, null, limits.limitReset, limitsClock().now());
  return { limits, spent, resetsAt: endsAt?.toISOString() ?? null };
}

/**
 * An account's limits in the API's words (OpenRouter's key fields where it has them, Privet's
 * `rate_limit_per_minute` as the key management API names it): `GET /api/v1/key` and the data export.
 */
function limitsToApi(limits: TLimits) {
  return {
    limit: limits.spendLimit,
    limit_reset: limits.limitReset,
    allowed_models: limits.allowedModels,
    allowed_providers: limits.allowedProviders,
    require_zdr: limits.requireZdr,
    rate_limit_per_minute: limits.rateLimitPerMinute,
  };
}

/** `GET /api/v1/key`'s `account_limits` (Privet's own): the account's limits and what is left this period; null: none set. */
export function accountLimitsToApi(view: TAccountLimitsView) {
  if (!hasLimits(view.limits)) return null;
  const { limit, limit_reset, ...rest } = limitsToApi(view.limits);
  return {
    limit,
    limit_remaining: limit === null ? null : Math.max(0, limit - view.spent),
    limit_reset,
    resets_at: limit === null ? null : view.resetsAt,
    ...rest,
  };
}

/** The account's limits as its data export holds them, with when an admin last changed them; null: none set. */
export async function findAccountLimitsForExport(userId: string) {
  const row = await db.accountLimits.findUnique({ where: { userId }, select: { ...SELECT, updatedAt: true } });
  return row ? { ...limitsToApi(limitsFromRow(row)), updated_at: row.updatedAt.toISOString() } : null;
}
