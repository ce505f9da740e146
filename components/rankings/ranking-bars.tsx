import { cn } from "@/components/ui/cn";

export type TBar = { key: string; label: string; detail: string; value: number; valueLabel: string };

/**
 * A horizontal bar chart in HTML, so it reflows from a 360 px phone to a wide screen. The list
 * itself is the text (rank, model, value); the bars are decoration, hidden from screen readers,
 * and the table under the chart carries the exact numbers.
 */
export function RankingBars({ caption, bars, className }: { caption: string; bars: TBar[]; className?: string }) {
  const max = Math.max(...bars.map((b) => b.value), 1);
  return (
    <figure className={cn("flex flex-col gap-3", className)}>
      <figcaption className="text-sm font-medium text-muted-foreground">{caption}</figcaption>
      <ol className="flex flex-col gap-3">
        {bars.map((bar, index) => (
          <li key={bar.key} className="grid grid-cols-[1.75rem_minmax(0,1fr)] items-start gap-x-2">
            <span className="pt-0.5 text-right text-sm text-muted-foreground tabular-nums">{index + 1}.</span>
            <div className="flex min-w-0 flex-col gap-1">
              <div className="flex items-baseline justify-between gap-3">
                <span className="min-w-0 truncate text-sm font-medium" title={bar.detail}>
                  {bar.label}
                </span>
                <span className="shrink-0 text-sm tabular-nums">{bar.valueLabel}</span>
              </div>
              <div className="h-2.5 w-full overflow-hidden rounded-full bg-muted" aria-hidden="true">
                <div
                  className={cn("h-full rounded-full", index === 0 ? "bg-brand" : "bg-brand/70")}
                  style={{ width: `${Math.max(1, (bar.value / max) * 100)}%` }}
                />
              </div>
              <span className="truncate font-mono text-xs text-muted-foreground">{bar.detail}</span>
            </div>
          </li>
        ))}
      </ol>
    </figure>
  );
}
