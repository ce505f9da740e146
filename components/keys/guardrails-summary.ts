// A key's guardrails (or an account's limits) in a few words: "$5.00 a day · 2 models · ZDR only".
import type { TGuardrailsView, TLimitsView } from "@/lib/keys/api-key-view";
import { formatCost, formatInteger, formatUtcDate } from "@/lib/format";

const PER = { daily: " a day", weekly: " a week", monthly: " a month" } as const;

export function guardrailsSummary(
  g: TLimitsView & Partial<Pick<TGuardrailsView, "expiresAt" | "allowedDataRegions">>,
): string[] {
  const parts: string[] = [];
  if (g.spendLimit !== null) parts.push(`${formatCost(g.spendLimit)}${g.limitReset ? PER[g.limitReset] : " in all"}`);
  if (g.allowedModels.length > 0)
    parts.push(g.allowedModels.length === 1 ? g.allowedModels[0]! : `${formatInteger(g.allowedModels.length)} models`);
  if (g.allowedProviders.length > 0)
    parts.push(
      g.allowedProviders.length === 1
        ? g.allowedProviders[0]!
        : `${formatInteger(g.allowedProviders.length)} providers`,
    );
  if (g.requireZdr) parts.push("ZDR only");
  if ((g.allowedDataRegions ?? []).length > 0) parts.push(`in ${g.allowedDataRegions!.join(", ")}`);
  if (g.rateLimitPerMinute !== null) parts.push(`${formatInteger(g.rateLimitPerMinute)}/min`);
  if (g.expiresAt) parts.push(`expires ${formatUtcDate(new Date(g.expiresAt))}`);
  return parts;
}

const PERIOD = { daily: "today (UTC)", weekly: "this week (UTC)", monthly: "this month (UTC)" } as const;

/** What was spent against a spending limit in its period: "$0.42 of $5.00 spent today (UTC)"; null without one. */
export function spendAgainstLimit(view: { limits: TLimitsView; spent: number }): string | null {
  const { spendLimit, limitReset } = view.limits;
  if (spendLimit === null) return null;
  return `${formatCost(view.spent)} of ${formatCost(spendLimit)} spent ${limitReset ? PERIOD[limitReset] : "in all"}`;
}
