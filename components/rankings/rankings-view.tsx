import type { ReactNode } from "react";
import Link from "next/link";
import { ChartNoAxesColumn, Shapes } from "lucide-react";
import type { TRankings } from "@/lib/rankings/rankings";
import { GENERATION_KIND_LABELS } from "@/lib/generations/record";
import { PageHeader } from "@/components/ui/page-header";
import { formatCategory, formatCompact, formatInteger, formatPercent } from "@/lib/format";
import { RankingBars } from "@/components/rankings/ranking-bars";
import { CategoryRankingTable, TokenRankingTable } from "@/components/rankings/ranking-tables";
import {
  CategoryChips,
  formatPeriodDays,
  KindChips,
  PERIOD_LABELS,
  PeriodTabs,
} from "@/components/rankings/rankings-filters";

const CHART_TOP = 10;

function EmptyState({ icon, title, children }: { icon: "tokens" | "samples"; title: string; children: ReactNode }) {
  const Icon = icon === "tokens" ? ChartNoAxesColumn : Shapes;
  return (
    <div className="flex flex-col items-start gap-4 rounded-xl border border-dashed p-6 sm:p-8">
      <span className="grid size-10 place-items-center rounded-lg bg-brand-soft text-brand">
        <Icon className="size-5" aria-hidden="true" />
      </span>
      <div className="flex flex-col gap-1">
        <h3 className="font-semibold">{title}</h3>
        <div className="max-w-xl text-sm text-muted-foreground">{children}</div>
      </div>
    </div>
  );
}

function HowItWorks({ rankings }: { rankings: TRankings }) {
  const rate = formatPercent(rankings.sampleRate);
  return (
    <section
      aria-labelledby="rankings-method-heading"
      className="flex flex-col gap-3 rounded-xl border bg-card p-5 text-sm shadow-xs sm:p-6"
    >
      <h2 id="rankings-method-heading" className="text-base font-semibold">
        How these rankings are computed
      </h2>
      <ul className="flex list-disc flex-col gap-2 pl-5 text-muted-foreground">
        <li>
          <span className="text-foreground">Only closed periods</span> are shown: whole days (UTC) up to yesterday, each
          worked out once, so the figures do not move while you watch and today&apos;s use appears tomorrow. Every
          figure is rounded (to two significant figures, shares to whole percents), so comparing two periods or two
          views does not reveal anyone&apos;s exact use.
        </li>
        <li>
          <span className="text-foreground">Tokens</span> are the prompt and completion tokens of the successful
          requests in the period, added up per model over the counted accounts on this Privet. Only the totals are read:
          no person, API key or request is shown or can be picked out here.
        </li>
        <li>
          <span className="text-foreground">Categories</span> come from a small sample of requests (currently {rate}),
          sorted into a category on this server by a keyword classifier; no third party sees them. For accounts without
          prompt logging the sample keeps only the category, the model and the day, and is kept only when at least{" "}
          {rankings.minCount} accounts used that model that day, so it is anonymous and cannot be linked back to anyone.
          A model&apos;s place in a category is its share of that category&apos;s samples.
        </li>
        <li>
          Small numbers are left out, totals included: a model appears once at least {rankings.minCount} accounts used
          it in the period through one API (chat completions, Messages, Responses, legacy completions or embeddings; the
          API chips narrow the ranking to one), and its figures add up only the APIs that many accounts used, and in a
          category once its samples come from at least {rankings.minCount} accounts. An account counts once it is more
          than a day old and has been used on at least {rankings.minActiveDays} days in the last 30, so new accounts
          cannot tip a rare model over the line. On a Privet with few people, a smaller count could point at someone.
        </li>
      </ul>
    </section>
  );
}

/** Says how many models were left out for having too few accounts, when any were. */
function HiddenNote({ count, min }: { count: number; min: number }) {
  if (count === 0) return null;
  return (
    <>
      {" "}
      {count} more model{count === 1 ? "" : "s"} with fewer than {min} accounts {count === 1 ? "is" : "are"} left out.
    </>
  );
}

/** Which closed period the page shows, and that its figures are rounded. */
function PeriodNote({ rankings }: { rankings: TRankings }) {
  return (
    <p className="text-sm text-muted-foreground">
      Showing{" "}
      <span className="font-medium text-foreground">{formatPeriodDays(rankings.firstDay, rankings.lastDay)}</span>{" "}
      (UTC), complete days only. Figures are rounded.
    </p>
  );
}

function OverallRanking({ rankings }: { rankings: TRankings }) {
  const { rows, totalTokens, totalModels, hiddenModels } = rankings.overall;
  const { phrase, during } = PERIOD_LABELS[rankings.period];
  if (rows.length === 0 && hiddenModels > 0) {
    return (
      <EmptyState icon="tokens" title={`Too few accounts to rank ${phrase}`}>
        <p>
          Every model used {during} was used by fewer than {rankings.minCount} counted accounts, and a ranking of so few
          could point at someone. Try a longer period.
        </p>
      </EmptyState>
    );
  }
  if (rows.length === 0) {
    return (
      <EmptyState icon="tokens" title={`No usage ${during}`}>
        <p>
          Rankings fill in as people use this Privet. A request from{" "}
          <Link href="/chat" className="font-medium text-foreground underline underline-offset-4">
            Chat
          </Link>{" "}
          or with an{" "}
          <Link href="/settings/keys" className="font-medium text-foreground underline underline-offset-4">
            API key
          </Link>{" "}
          counts here once its day has ended.
        </p>
      </EmptyState>
    );
  }
  const caption = rankings.kind
    ? `Top models by tokens, ${GENERATION_KIND_LABELS[rankings.kind]} requests, ${phrase}`
    : `Top models by tokens, ${phrase}`;
  return (
    <section aria-labelledby="rankings-overall-heading" className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h2 id="rankings-overall-heading" className="text-lg font-semibold tracking-tight">
          {caption}
        </h2>
        <p className="text-sm text-muted-foreground">
          About {formatInteger(totalTokens)} tokens over {totalModels} model{totalModels === 1 ? "" : "s"}
          {totalModels > rows.length ? `; the top ${rows.length} are listed` : ""}.
          <HiddenNote count={hiddenModels} min={rankings.minCount} />
        </p>
      </div>
      <div className="rounded-xl border bg-card p-5 shadow-xs sm:p-6">
        <RankingBars
          caption={`Total tokens, top ${Math.min(CHART_TOP, rows.length)}`}
          bars={rows.slice(0, CHART_TOP).map((row) => ({
            key: row.model,
            label: row.name,
            detail: row.model,
            value: row.totalTokens,
            valueLabel: `${formatCompact(row.totalTokens)} tokens`,
          }))}
        />
      </div>
      <TokenRankingTable rows={rows} caption={`${caption}: rounded figures`} />
    </section>
  );
}

function CategoryRanking({ rankings }: { rankings: TRankings }) {
  const byCategory = rankings.byCategory!;
  const label = formatCategory(rankings.category!);
  const { phrase, during } = PERIOD_LABELS[rankings.period];
  if (byCategory.rows.length === 0 && byCategory.hiddenModels > 0) {
    return (
      <EmptyState icon="samples" title={`Too few ${label.toLowerCase()} samples to rank ${phrase}`}>
        <p>
          No model&apos;s {label.toLowerCase()} samples come from {rankings.minCount} or more counted accounts in this
          period, and a ranking of so few could point at someone. Try a longer period or another category.
        </p>
      </EmptyState>
    );
  }
  if (byCategory.rows.length === 0) {
    return (
      <EmptyState icon="samples" title={`No ${label.toLowerCase()} samples ${during}`}>
        <p>
          Only about {formatPercent(rankings.sampleRate)} of requests is sampled, so a category fills in slowly. Try a
          longer period or another category.
        </p>
      </EmptyState>
    );
  }
  const caption = `Top models for ${label.toLowerCase()}, ${phrase}`;
  return (
    <section aria-labelledby="rankings-category-heading" className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h2 id="rankings-category-heading" className="text-lg font-semibold tracking-tight">
          {caption}
        </h2>
        <p className="text-sm text-muted-foreground">
          Share of the about {formatInteger(byCategory.totalSamples)} sample{byCategory.totalSamples === 1 ? "" : "s"}{" "}
          in this category.
          <HiddenNote count={byCategory.hiddenModels} min={rankings.minCount} />
        </p>
      </div>
      <div className="rounded-xl border bg-card p-5 shadow-xs sm:p-6">
        <RankingBars
          caption={`Share of ${label.toLowerCase()} samples, top ${Math.min(CHART_TOP, byCategory.rows.length)}`}
          bars={byCategory.rows.slice(0, CHART_TOP).map((row) => ({
            key: row.model,
            label: row.name,
            detail: row.model,
            value: row.samples,
            valueLabel: formatPercent(row.share),
          }))}
        />
      </div>
      <CategoryRankingTable rows={byCategory.rows} caption={`${caption}: rounded figures`} />
    </section>
  );
}

/** The rankings page: period and category in the URL, a chart and its table, and how it is made. */
export function RankingsView({ rankings }: { rankings: TRankings }) {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6 lg:py-14">
      <PageHeader
        title="Rankings"
        description="Which models people on this Privet use most, by tokens, overall and by category. Built from request metadata and anonymous samples only."
      >
        <PeriodTabs period={rankings.period} category={rankings.category} kind={rankings.kind} />
      </PageHeader>
      <PeriodNote rankings={rankings} />
      <CategoryChips period={rankings.period} category={rankings.category} counts={rankings.categoryCounts} />
      {rankings.category ? null : (
        <KindChips period={rankings.period} kind={rankings.kind} counts={rankings.kindCounts} />
      )}
      {rankings.category ? <CategoryRanking rankings={rankings} /> : <OverallRanking rankings={rankings} />}
      <HowItWorks rankings={rankings} />
      <p className="text-sm text-muted-foreground">
        Want to choose who serves your own requests?{" "}
        <Link href="/settings/privacy" className="font-medium text-foreground underline underline-offset-4">
          Open your privacy settings
        </Link>
        .
      </p>
    </div>
  );
}
