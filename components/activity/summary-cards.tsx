import type { ReactNode } from "react";
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import type { TActivityOverview, TMetricTotals } from "@/lib/activity/summary";
import type { TActivityRange } from "@/lib/activity/query";
import { Card } from "@/components/ui/card";
import { formatChange, formatCompact, formatCost, formatInteger } from "@/lib/format";

export const RANGE_LABEL: Record<TActivityRange, { current: string; previous: string }> = {
  hour: { current: "Last hour", previous: "the hour before" },
  day: { current: "Last 24 hours", previous: "the 24 hours before" },
  month: { current: "Last 30 days", previous: "the 30 days before" },
  year: { current: "Last 12 months", previous: "the 12 months before" },
};

function Change({ current, previous, range }: { current: number; previous: number; range: TActivityRange }) {
  const change = formatChange(current, previous);
  const against = RANGE_LABEL[range].previous;
  if (!change) return <p className="text-sm text-muted-foreground">Nothing in {against} to compare with</p>;
  const Icon = change.direction === "up" ? ArrowUpRight : change.direction === "down" ? ArrowDownRight : Minus;
  return (
    <p className="flex items-center gap-1 text-sm text-muted-foreground">
      <Icon className="size-4 shrink-0" aria-hidden="true" />
      <span>
        <span className="font-medium text-foreground">{change.text}</span> vs {against}
      </span>
    </p>
  );
}

function SummaryCard({
  label,
  value,
  detail,
  children,
}: {
  label: string;
  value: string;
  detail?: string;
  children: ReactNode;
}) {
  const id = `summary-${label.toLowerCase()}`;
  return (
    <Card role="group" aria-labelledby={id} className="flex flex-col gap-2 p-5">
      <h3 id={id} className="text-sm font-medium text-muted-foreground">
        {label}
      </h3>
      <p className="flex flex-wrap items-baseline gap-x-2 text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl">
        <span>{value}</span>
        {detail ? <span className="text-sm font-normal text-muted-foreground">{detail}</span> : null}
      </p>
      {children}
    </Card>
  );
}

/** The parts of the token total worth knowing apart: cached input (cheaper) and reasoning (billed as output). */
function tokenParts(totals: TMetricTotals): string | undefined {
  const parts = [
    totals.cachedTokens > 0 ? `${formatCompact(totals.cachedTokens)} cached` : null,
    totals.reasoningTokens > 0 ? `${formatCompact(totals.reasoningTokens)} reasoning` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** Spend, tokens and requests over the selected range, each with its change from the period before. */
export function SummaryCards({ overview }: { overview: TActivityOverview }) {
  const { current, previous } = overview.totals;
  const range = overview.range;
  return (
    <div
      className="grid gap-4 sm:grid-cols-3"
      aria-label={`Totals, ${RANGE_LABEL[range].current.toLowerCase()}`}
      role="group"
    >
      <SummaryCard label="Spend" value={formatCost(current.spend)}>
        <Change current={current.spend} previous={previous.spend} range={range} />
      </SummaryCard>
      <SummaryCard label="Tokens" value={formatCompact(current.tokens)} detail={tokenParts(current)}>
        <Change current={current.tokens} previous={previous.tokens} range={range} />
      </SummaryCard>
      <SummaryCard
        label="Requests"
        value={formatInteger(current.requests)}
        detail={
          [
            current.failed > 0 ? `${formatInteger(current.failed)} failed` : null,
            current.cancelled > 0 ? `${formatInteger(current.cancelled)} cancelled` : null,
          ]
            .filter((part) => part !== null)
            .join(" · ") || undefined
        }
      >
        <Change current={current.requests} previous={previous.requests} range={range} />
      </SummaryCard>
    </div>
  );
}
