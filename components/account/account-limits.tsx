import type { TAccountLimitsView } from "@/lib/accounts/limits";
import { formatCost, formatInteger, formatUtcDate } from "@/lib/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { spendAgainstLimit } from "@/components/keys/guardrails-summary";

const RESET = { daily: "resets daily", weekly: "resets every Monday", monthly: "resets on the 1st" } as const;

/** The limits an admin set on the account, read-only, with what it spent against its spending limit. */
export function AccountLimits({ view }: { view: TAccountLimitsView }) {
  const { limits } = view;
  const rows: { term: string; value: string }[] = [
    {
      term: "Spending limit",
      value:
        limits.spendLimit === null
          ? "None"
          : `${formatCost(limits.spendLimit)}, ${limits.limitReset ? RESET[limits.limitReset] : "never resets"} (UTC)`,
    },
    { term: "Models", value: limits.allowedModels.length === 0 ? "Any" : limits.allowedModels.join(", ") },
    { term: "Providers", value: limits.allowedProviders.length === 0 ? "Any" : limits.allowedProviders.join(", ") },
    { term: "Zero data retention", value: limits.requireZdr ? "Required" : "Not required" },
    {
      term: "Requests per minute",
      value: limits.rateLimitPerMinute === null ? "No limit of its own" : formatInteger(limits.rateLimitPerMinute),
    },
  ];
  const usage = spendAgainstLimit(view);
  const isLimited =
    limits.spendLimit !== null ||
    limits.allowedModels.length > 0 ||
    limits.allowedProviders.length > 0 ||
    limits.requireZdr ||
    limits.rateLimitPerMinute !== null;
  return (
    <section aria-labelledby="account-limits-heading">
      <Card>
        <CardHeader>
          <CardTitle as="h2" id="account-limits-heading">
            Limits on your account
          </CardTitle>
          <CardDescription>
            {isLimited
              ? "Set by an admin of this Privet. Every request of yours — API keys and chat alike — stays within them; over the spending limit requests get 402 until it resets."
              : "An admin of this Privet has set no limits on your account."}
          </CardDescription>
        </CardHeader>
        {isLimited ? (
          <CardContent className="flex flex-col gap-3">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
              {rows.map((row) => (
                <div key={row.term} className="contents">
                  <dt className="text-muted-foreground">{row.term}</dt>
                  <dd className="break-words">{row.value}</dd>
                </div>
              ))}
            </dl>
            {usage ? (
              <p className="text-sm">
                {usage}
                {view.resetsAt ? `; it resets on ${formatUtcDate(new Date(view.resetsAt))}` : ""}.
              </p>
            ) : null}
          </CardContent>
        ) : null}
      </Card>
    </section>
  );
}
