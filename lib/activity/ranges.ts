// The summary ranges as UTC bucket windows (see lib/activity/summary.ts). Pure.
import { bucketStart, type TRollupUnit } from "@/lib/activity/rollup";
import type { TActivityRange } from "@/lib/activity/query";

export type TWindow = { unit: TRollupUnit; buckets: Date[]; start: Date; end: Date; prevStart: Date };

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

export function rangeWindow(range: TActivityRange, now: Date): TWindow {
  if (range === "year") {
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const start = addMonths(thisMonth, -11);
    const buckets = Array.from({ length: 12 }, (_, i) => addMonths(start, i));
    return { unit: "month", buckets, start, end: addMonths(thisMonth, 1), prevStart: addMonths(start, -12) };
  }
  const spec = {
    hour: { unit: "minute", step: 60_000, count: 60 },
    day: { unit: "hour", step: 3_600_000, count: 24 },
    month: { unit: "day", step: 86_400_000, count: 30 },
  } as const;
  const { unit, step, count } = spec[range];
  const last = bucketStart(now, unit);
  const start = new Date(last.getTime() - (count - 1) * step);
  const buckets = Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * step));
  return {
    unit,
    buckets,
    start,
    end: new Date(last.getTime() + step),
    prevStart: new Date(start.getTime() - count * step),
  };
}
