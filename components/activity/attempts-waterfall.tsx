import type { TAttempt } from "@/lib/generations/record";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatMs } from "@/lib/format";

const ERROR_LABEL: Record<string, string> = {
  http: "HTTP error",
  timeout: "Timed out",
  connection: "Connection failed",
  dropped: "Connection dropped",
  malformed: "Unreadable response",
  aborted: "Cancelled",
  unsupported_by_api: "Request not supported",
};

/**
 * The provider attempts in order, as a waterfall: attempts run one after another, so each bar
 * starts where the one before ended and is as long as that attempt took.
 */
export function AttemptsWaterfall({
  attempts,
  providerNames,
  servedBy,
}: {
  attempts: TAttempt[];
  providerNames: Record<string, string>;
  servedBy: string | null;
}) {
  if (attempts.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No provider was called: the request was refused or failed before routing.
      </p>
    );
  }
  const total = Math.max(
    1,
    attempts.reduce((sum, a) => sum + a.latency_ms, 0),
  );
  const starts = attempts.map((_, i) => attempts.slice(0, i).reduce((sum, a) => sum + a.latency_ms, 0));
  return (
    <ol className="flex flex-col gap-3" aria-label="Provider attempts, in order">
      {attempts.map((a, i) => {
        const start = starts[i] ?? 0;
        const isServed = a.provider === servedBy && a.status >= 200 && a.status < 300 && i === attempts.length - 1;
        const outcome = isServed
          ? "Served the request"
          : a.error
            ? (ERROR_LABEL[a.error] ?? a.error)
            : a.status >= 200 && a.status < 300
              ? "Answered"
              : "Failed";
        return (
          <li key={i} className="grid grid-cols-1 gap-1.5 sm:grid-cols-[14rem_1fr] sm:items-center sm:gap-4">
            <div className="flex min-w-0 items-center gap-2">
              <span className="text-xs text-muted-foreground tabular-nums">{i + 1}.</span>
              <span className="truncate font-medium">{providerNames[a.provider] ?? a.provider}</span>
              <Badge tone={isServed ? "success" : a.status === 0 || a.status >= 400 ? "danger" : "neutral"}>
                {a.status === 0 ? "No response" : a.status}
              </Badge>
            </div>
            <div className="flex min-w-0 items-center gap-3">
              <div className="relative h-3 min-w-0 flex-1 rounded-full bg-muted" aria-hidden="true">
                <div
                  className={cn("absolute inset-y-0 rounded-full", isServed ? "bg-success" : "bg-destructive/70")}
                  style={{ left: `${(start / total) * 100}%`, width: `max(4px, ${(a.latency_ms / total) * 100}%)` }}
                />
              </div>
              <span className="w-40 shrink-0 text-right text-sm text-muted-foreground tabular-nums">
                {formatMs(a.latency_ms)} · {outcome}
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
