// An API key as OpenRouter's key management API shows it (`GET /api/v1/keys` and the rest): its
// `hash` is Privet's key id (the key's real HMAC never leaves the database), its usage is what the
// key's requests cost at the catalog's prices, and none of it is BYOK (every key calls providers
// with the operator's provider keys). Privet's guardrails beyond OpenRouter's come as extra fields.
import { z } from "zod";
import type { TSpend } from "@/lib/activity/spend";
import { AppError } from "@/lib/errors";
import type { TApiKeyInfo } from "@/lib/keys/api-keys";
import {
  ZAllowedModels,
  ZAllowedProviders,
  ZLimitReset,
  ZRateLimitPerMinute,
  ZSpendLimit,
  type TKeyGuardrails,
} from "@/lib/keys/guardrails-schema";
import { ZDataRegions } from "@/lib/privacy/limits";
import { WORKSPACE_ID } from "@/lib/vocabulary";

const NO_SPEND: TSpend = { total: 0, day: 0, week: 0, month: 0 };

/** What the limit leaves for the current period (null without a limit). */
function limitRemaining(guardrails: TKeyGuardrails, spend: TSpend): number | null {
  if (guardrails.spendLimit === null) return null;
  const spent =
    guardrails.limitReset === "daily"
      ? spend.day
      : guardrails.limitReset === "weekly"
        ? spend.week
        : guardrails.limitReset === "monthly"
          ? spend.month
          : spend.total;
  return Math.max(0, guardrails.spendLimit - spent);
}

/**
 * A key's spending limit and usage in OpenRouter's fields, as both `GET /api/v1/key` and the key
 * management API show them: none of it is BYOK.
 */
export function limitAndUsage(g: TKeyGuardrails, spend: TSpend) {
  return {
    limit: g.spendLimit,
    limit_remaining: limitRemaining(g, spend),
    limit_reset: g.limitReset,
    include_byok_in_limit: false,
    usage: spend.total,
    usage_daily: spend.day,
    usage_weekly: spend.week,
    usage_monthly: spend.month,
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
  };
}

export function toOpenRouterKey(info: TApiKeyInfo, spend: TSpend = NO_SPEND) {
  const g = info.guardrails;
  return {
    hash: info.id,
    name: info.name,
    label: `${info.prefix}…`,
    disabled: info.disabled,
    ...limitAndUsage(g, spend),
    created_at: info.createdAt.toISOString(),
    updated_at: info.updatedAt?.toISOString() ?? null,
    expires_at: g.expiresAt?.toISOString() ?? null,
    creator_user_id: null,
    external_user: null,
    workspace_id: WORKSPACE_ID,
    // Privet's own guardrails.
    allowed_models: g.allowedModels,
    allowed_providers: g.allowedProviders,
    require_zdr: g.requireZdr,
    rate_limit_per_minute: g.rateLimitPerMinute,
    allowed_data_regions: g.allowedDataRegions,
  };
}

const ZExpiresAt = z.iso.datetime({ error: "expected an ISO 8601 UTC timestamp such as 2027-12-31T23:59:59Z" });
const ZIgnoredByok = z.boolean({ error: "expected a boolean" });

/** Privet's guardrails beyond OpenRouter's, accepted on create and update alike. */
const PRIVET_FIELDS = {
  allowed_models: ZAllowedModels.optional(),
  allowed_providers: ZAllowedProviders.optional(),
  require_zdr: z.boolean({ error: "expected a boolean" }).optional(),
  rate_limit_per_minute: ZRateLimitPerMinute.nullable().optional(),
  expires_at: ZExpiresAt.nullable().optional(),
  /** Privet's own (OpenRouter's key API has no such field): two-letter country codes or EU; [] any. */
  allowed_data_regions: ZDataRegions.optional(),
};

/** `POST /api/v1/keys`: OpenRouter's body (BYOK has no meaning here: every key is the operator's). */
export const ZCreateKeyBody = z.strictObject({
  name: z.string({ error: "expected a string" }),
  limit: ZSpendLimit.nullable().optional(),
  limit_reset: ZLimitReset.nullable().optional(),
  include_byok_in_limit: ZIgnoredByok.optional(),
  creator_user_id: z.string().nullable().optional(),
  workspace_id: z.string().optional(),
  ...PRIVET_FIELDS,
});

/** `PATCH /api/v1/keys/{hash}`: fields left out stay as they are. */
export const ZUpdateKeyBody = z.strictObject({
  name: z.string({ error: "expected a string" }).optional(),
  disabled: z.boolean({ error: "expected a boolean" }).optional(),
  limit: ZSpendLimit.nullable().optional(),
  limit_reset: ZLimitReset.nullable().optional(),
  include_byok_in_limit: ZIgnoredByok.optional(),
  ...PRIVET_FIELDS,
});

type TBody = z.output<typeof ZUpdateKeyBody>;

/** The guardrails a create or update body sets (only those it names). */
export function guardrailChanges(body: TBody): Partial<TKeyGuardrails> {
  const changes: Partial<TKeyGuardrails> = {};
  if (body.limit !== undefined) changes.spendLimit = body.limit;
  if (body.limit_reset !== undefined) changes.limitReset = body.limit_reset;
  if (body.allowed_models !== undefined) changes.allowedModels = body.allowed_models;
  if (body.allowed_providers !== undefined) changes.allowedProviders = body.allowed_providers;
  if (body.require_zdr !== undefined) changes.requireZdr = body.require_zdr;
  if (body.rate_limit_per_minute !== undefined) changes.rateLimitPerMinute = body.rate_limit_per_minute;
  if (body.allowed_data_regions !== undefined) changes.allowedDataRegions = body.allowed_data_regions;
  if (body.expires_at !== undefined) changes.expiresAt = body.expires_at === null ? null : new Date(body.expires_at);
  return changes;
}

/** A body checked against `schema`, or the 400 naming the first wrong field. */
export function parseKeyBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || (issue?.code === "unrecognized_keys" ? issue.keys.join(", ") : "body");
  const message =
    issue?.code === "unrecognized_keys" ? "not a field of this request" : (issue?.message ?? "invalid request");
  throw new AppError("bad_request", `Invalid request: ${field}: ${message}`, { metadata: { field } });
}
