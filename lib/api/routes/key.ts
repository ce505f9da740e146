// GET /api/v1/key and /api/v1/auth/key (the older path) — the calling key, in OpenRouter's shape,
// with its spending limit, what is left of it this period and its expiry (lib/keys/guardrails.ts),
// and, as Privet's own `account_limits`, the limits an admin set on its account (lib/accounts/limits.ts);
// GET /api/v1/credits — the account's spend. A self-hosted Privet sells no credits: `total_credits`
// is 0, and usage is what the requests cost at the catalog's prices (the providers bill the operator).
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { getSpend } from "@/lib/activity/spend";
import { accountLimitsToApi, getAccountLimitsView } from "@/lib/accounts/limits";
import { setting } from "@/lib/env";
import { limitsClock } from "@/lib/limits/limits";
import { limitAndUsage } from "@/lib/keys/openrouter-key";
import { WORKSPACE_ID } from "@/lib/vocabulary";

export async function getKeyRoute({ res, owner }: TApiContext): Promise<void> {
  const g = owner.guardrails;
  const [spend, accountLimits] = await Promise.all([
    getSpend(owner.userId, owner.keyId, limitsClock().now()),
    getAccountLimitsView(owner.userId),
  ]);
  const perMinute = setting("PRIVET_RATE_LIMIT_PER_MINUTE");
  const keyPerMinute = g.rateLimitPerMinute;
  sendJson(res, 200, {
    data: {
      label: owner.prefix,
      ...limitAndUsage(g, spend),
      is_free_tier: false,
      is_management_key: owner.isManagement,
      is_provisioning_key: owner.isManagement,
      expires_at: g.expiresAt?.toISOString() ?? null,
      // Privet's region codes (two-letter countries or EU) the key's prompts may be processed in; [] any.
      allowed_data_regions: g.allowedDataRegions,
      creator_user_id: null,
      organization_id: null,
      workspace_id: WORKSPACE_ID,
      free_model_daily_requests: { limit: 0, remaining: 0, used: 0 },
      rate_limit:
        keyPerMinute !== null && (perMinute === 0 || keyPerMinute < perMinute)
          ? { requests: keyPerMinute, interval: "1m", note: "this key's own limit" }
          : perMinute > 0
            ? { requests: perMinute, interval: "1m", note: "PRIVET_RATE_LIMIT_PER_MINUTE, per key" }
            : { requests: -1, interval: "1m", note: "unlimited (PRIVET_RATE_LIMIT_PER_MINUTE is 0)" },
      // Privet's own fields.
      name: owner.keyName,
      prefix: owner.prefix,
      created_at: owner.createdAt.toISOString(),
      allowed_models: g.allowedModels,
      allowed_providers: g.allowedProviders,
      require_zdr: g.requireZdr,
      // OpenRouter's /key has no field for limits on the account above the key; they apply on top of the key's.
      account_limits: accountLimitsToApi(accountLimits),
    },
  });
}

export async function getCreditsRoute({ res, owner }: TApiContext): Promise<void> {
  const spend = await getSpend(owner.userId);
  sendJson(res, 200, { data: { total_credits: 0, total_usage: spend.total } });
}
