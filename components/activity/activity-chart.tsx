import type { TActivityOverview } from "@/lib/activity/summary";
import type { TActivityGroup, TActivityMetric } from "@/lib/activity/query";
import { cn } from "@/components/ui/cn";
import { formatBucket, formatCompact, formatCost, formatInteger } from "@/lib/format";
import { RANGE_LABEL } from "@/components/activity/summary-cards";

// Distinct in light and dark themes; "Other" is always the neutral last one.
const COLORS = [
  "bg-emerald-500",
  "bg-sky-500",
  "bg-violet-500",
  "bg-amber-500",
  "bg-rose-500",
  "bg-teal-700 dark:bg-teal-300",
];
const OTHER_COLOR = "bg-slate-400 dark:bg-slate-500";

export const METRIC_LABEL: Record<TActivityMetric, string> = { spend: "Spend", tokens: "Tokens", requests: "Requests" };
export const GROUP_LABEL: Record<TActivityGroup, string> = { model: "model", provider: "provider", key: "API key" };

export function formatMetric(metric: TActivityMetric, value: number): string {
  return metric === "spend" ? formatCost(value) : metric === "tokens" ? formatCompact(value) : formatInteger(value);
}

/** How many bucket labels fit under the axis: about six, evenly spaced from the first. */
function labelEvery(count: number): number {
  return Math.max(1, Math.ceil(count / 6));
}

/**
 * A stacked bar chart of the chosen metric over the range's buckets, one colour per group. Bars are
 * plain boxes sized in percent, so the chart needs no script and fits any width; the same numbers
 * are in a table under it for screen readers and for anyone who wants them exact.
 */
export function ActivityChart({ overview }: { overview: TActivityOverview }) {
  const { buckets, series, metric, group, bucketUnit } = overview;
  const totals = buckets.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const every = labelEvery(buckets.length);
  const colorOf = (i: number, key: string) => (key === "(other)" ? OTHER_COLOR : COLORS[i % COLORS.length]!);
  const title = `${METRIC_LABEL[metric]} by ${GROUP_LABEL[group]}, ${RANGE_LABEL[overview.range].current.toLowerCase()}`;
  const isEmpty = max === 0;

  return (
    <figure className="flex flex-col gap-4">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-medium">{title}</span>
        <span className="text-xs text-muted-foreground">Times in UTC</span>
      </figcaption>
      {isEmpty ? (
        <div className="grid h-48 place-items-center rounded-lg border border-dashed text-center text-sm text-muted-foreground">
          <p className="max-w-xs px-4">
            No requests in this range. Pick a longer range above, or make a request and come back.
          </p>
        </div>
      ) : (
        <div className="flex gap-2">
          <div
            className="flex h-48 flex-col justify-between text-right text-xs text-muted-foreground tabular-nums"
            aria-hidden="true"
          >
            <span>{formatMetric(metric, max)}</span>
            <span>{formatMetric(metric, max / 2)}</span>
            <span>0</span>
          </div>
          <div className="min-w-0 flex-1">
            <div
              role="img"
              aria-label={`${title}. The exact numbers are in the table below the chart.`}
              className="relative flex h-48 items-end gap-px border-b border-l bg-[linear-gradient(to_bottom,transparent_calc(50%-0.5px),var(--color-border)_calc(50%-0.5px),var(--color-border)_calc(50%+0.5px),transparent_calc(50%+0.5px))]"
            >
              {buckets.map((bucket, i) => {
                const total = totals[i] ?? 0;
                return (
                  <div key={bucket} className="group relative flex h-full min-w-0 flex-1 flex-col-reverse">
                    {series.map((s, si) => {
                      const value = s.values[i] ?? 0;
                      if (value <= 0) return null;
                      return (
                        <div
                          key={s.key}
                          className={cn("w-full first:rounded-none last:rounded-t-[2px]", colorOf(si, s.key))}
                          style={{ height: `${(value / max) * 100}%` }}
                        />
                      );
                    })}
                    <div className="absolute inset-0 group-hover:bg-foreground/5" />
                    <div
                      className={cn(
                        "pointer-events-none absolute bottom-full z-10 mb-2 hidden w-56 rounded-lg border bg-card p-3 text-xs shadow-lg group-hover:block",
                        i < buckets.length / 2 ? "left-0" : "right-0",
                      )}
                    >
                      <p className="font-medium">{formatBucket(bucket, bucketUnit)} UTC</p>
                      <p className="mb-1.5 text-muted-foreground">Total {formatMetric(metric, total)}</p>
                      <ul className="flex flex-col gap-1">
                        {series.map((s, si) =>
                          (s.values[i] ?? 0) > 0 ? (
                            <li key={s.key} className="flex items-center gap-2">
                              <span className={cn("size-2 shrink-0 rounded-full", colorOf(si, s.key))} />
                              <span className="min-w-0 flex-1 truncate">{s.label}</span>
                              <span className="tabular-nums">{formatMetric(metric, s.values[i] ?? 0)}</span>
                            </li>
                          ) : null,
                        )}
                      </ul>
                    </div>
                  </div>
                );
              })}
            </div>
            <div className="mt-1.5 flex text-xs text-muted-foreground" aria-hidden="true">
              {buckets.map((bucket, i) => (
                // Every other label is hidden on phones, where six would run into each other.
                <span
                  key={bucket}
                  className={cn(
                    "min-w-0 flex-1 overflow-visible text-left whitespace-nowrap",
                    (i / every) % 2 === 1 && "max-sm:invisible",
                  )}
                >
                  {i % every === 0 ? formatBucket(bucket, bucketUnit) : ""}
                </span>
              ))}
            </div>
          </div>
        </div>
      )}
      {series.length > 0 ? (
        <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label="Legend">
          {series.map((s, si) => (
            <li key={s.key} className="flex min-w-0 items-center gap-2">
              <span className={cn("size-2.5 shrink-0 rounded-full", colorOf(si, s.key))} aria-hidden="true" />
              <span className="max-w-64 truncate" title={s.label}>
                {s.label}
              </span>
              <span className="text-muted-foreground tabular-nums">
                {formatMetric(
                  metric,
                  s.values.reduce((a, b) => a + b, 0),
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {isEmpty ? null : (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show the numbers</summary>
          <div className="mt-3 max-h-80 overflow-auto rounded-lg border" tabIndex={0} aria-label="Chart data">
            <table className="w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead className="sticky top-0 bg-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    {bucketUnit === "month" ? "Month" : bucketUnit === "day" ? "Day" : "Time"} (UTC)
                  </th>
                  {series.map((s) => (
                    <th key={s.key} scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                      {s.label}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((bucket, i) =>
                  (totals[i] ?? 0) > 0 ? (
                    <tr key={bucket} className="border-t">
                      <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                        {formatBucket(bucket, bucketUnit)}
                      </th>
                      {series.map((s) => (
                        <td key={s.key} className="px-3 py-1.5 text-right tabular-nums">
                          {formatMetric(metric, s.values[i] ?? 0)}
                        </td>
                      ))}
                      <td className="px-3 py-1.5 text-right font-medium tabular-nums">
                        {formatMetric(metric, totals[i] ?? 0)}
                      </td>
                    </tr>
                  ) : null,
                )}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
