import Link from "next/link";
import type { TCategory } from "@/lib/sampling/categorize";
import type { TRankingPeriod } from "@/lib/rankings/rankings";
import { cn } from "@/components/ui/cn";
import { formatCategory, formatCompact, formatInteger } from "@/lib/format";
import { GENERATION_KIND_LABELS, type TGenerationKind } from "@/lib/generations/record";

/** Every period is made of whole UTC days that have ended: the last one is yesterday. */
export const PERIOD_LABELS: Record<TRankingPeriod, { tab: string; phrase: string; during: string }> = {
  day: { tab: "Day", phrase: "yesterday", during: "yesterday" },
  week: { tab: "Week", phrase: "the last 7 days", during: "in the last 7 days" },
  month: { tab: "Month", phrase: "the last 30 days", during: "in the last 30 days" },
};

const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** A closed period's days, e.g. "19 June 2026" or "13–19 June 2026" (UTC). */
export function formatPeriodDays(firstDay: string, lastDay: string): string {
  const first = new Date(`${firstDay}T00:00:00Z`);
  const last = new Date(`${lastDay}T00:00:00Z`);
  return firstDay === lastDay ? DAY_FORMAT.format(last) : DAY_FORMAT.formatRange(first, last);
}

/** The view lives in the URL, so every ranking can be linked to and the back button works. */
export function rankingsHref(
  period: TRankingPeriod,
  category: TCategory | null,
  kind: TGenerationKind | null = null,
): string {
  const params = new URLSearchParams({ period });
  if (category) params.set("category", category);
  if (kind) params.set("kind", kind);
  return `/rankings?${params.toString()}`;
}

export function PeriodTabs({
  period,
  category,
  kind,
}: {
  period: TRankingPeriod;
  category: TCategory | null;
  kind: TGenerationKind | null;
}) {
  return (
    <nav aria-label="Period">
      <ul className="inline-flex rounded-lg border bg-muted/60 p-1">
        {(Object.keys(PERIOD_LABELS) as TRankingPeriod[]).map((p) => {
          const isCurrent = p === period;
          return (
            <li key={p}>
              <Link
                href={rankingsHref(p, category, kind)}
                aria-current={isCurrent ? "page" : undefined}
                aria-label={`Last ${p}`}
                className={cn(
                  "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium transition-colors sm:px-4",
                  isCurrent ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
                )}
              >
                {PERIOD_LABELS[p].tab}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

const chipClass = (isCurrent: boolean) =>
  cn(
    "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-sm whitespace-nowrap transition-colors",
    isCurrent ? "border-primary bg-primary text-primary-foreground" : "bg-card text-foreground hover:bg-muted",
  );

/** The token ranking narrowed to one kind of request (the API it came through), with each kind's tokens. */
export function KindChips({
  period,
  kind,
  counts,
}: {
  period: TRankingPeriod;
  kind: TGenerationKind | null;
  counts: { kind: TGenerationKind; tokens: number }[];
}) {
  return (
    <nav aria-label="API">
      <ul className="flex flex-wrap gap-2">
        <li>
          <Link
            href={rankingsHref(period, null)}
            aria-current={kind === null ? "page" : undefined}
            className={chipClass(kind === null)}
          >
            All APIs
          </Link>
        </li>
        {counts.map(({ kind: k, tokens }) => (
          <li key={k}>
            <Link
              href={rankingsHref(period, null, k)}
              aria-current={kind === k ? "page" : undefined}
              className={chipClass(kind === k)}
            >
              {GENERATION_KIND_LABELS[k]}
              <span className={cn("text-xs tabular-nums", kind === k ? "opacity-80" : "text-muted-foreground")}>
                <span className="sr-only">, about </span>
                {formatCompact(tokens)}
                <span className="sr-only"> tokens</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CategoryChips({
  period,
  category,
  counts,
}: {
  period: TRankingPeriod;
  category: TCategory | null;
  counts: { category: TCategory; samples: number }[];
}) {
  const chip = (isCurrent: boolean) =>
    cn(
      "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-sm whitespace-nowrap transition-colors",
      isCurrent ? "border-primary bg-primary text-primary-foreground" : "bg-card text-foreground hover:bg-muted",
    );
  return (
    <nav aria-label="Category">
      <ul className="flex flex-wrap gap-2">
        <li>
          <Link
            href={rankingsHref(period, null)}
            aria-current={category === null ? "page" : undefined}
            className={chip(category === null)}
          >
            All models
          </Link>
        </li>
        {counts.map(({ category: c, samples }) => (
          <li key={c}>
            <Link
              href={rankingsHref(period, c)}
              aria-current={category === c ? "page" : undefined}
              className={chip(category === c)}
            >
              {formatCategory(c)}
              <span className={cn("text-xs tabular-nums", category === c ? "opacity-80" : "text-muted-foreground")}>
                <span className="sr-only">, </span>
                {formatInteger(samples)}
                <span className="sr-only"> samples</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
