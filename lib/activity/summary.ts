// Summary cards and the chart, read from the rollup only (never from Generation): one query returns
// the selected range and the period before it, bucketed and grouped, and both the cards and the chart
// are folded from it. Ranges are in UTC buckets:
//   hour  — the 60 minutes up to now (minute buckets), compared with the 60 before;
//   day   — the 24 hours up to now (hour buckets), compared with the 24 before;
//   month — the 30 days up to today (day buckets), compared with the 30 before;
//   year  — this month and the 11 before (month buckets), compared with the 12 before.
import { db, rawQuery } from "@/lib/db";
import type { TRollupUnit } from "@/lib/activity/rollup";
import { rangeWindow } from "@/lib/activity/ranges";
import { NONE, type TActivityGroup, type TActivityMetric, type TActivityRange } from "@/lib/activity/query";

/** `failed`: ended in an error (refusals included); `cancelled`: stopped by the client, not a failure. */
export type TMetricTotals = {
  spend: number;
  tokens: number;
  /** Parts of `tokens`: prompt tokens read from a provider's cache, completion tokens spent reasoning. */
  cachedTokens: number;
  reasoningTokens: number;
  requests: number;
  failed: number;
  cancelled: number;
};

export type TChartSeries = { key: string; label: string; values: number[] };

export type TActivityOverview = {
  range: TActivityRange;
  group: TActivityGroup;
  metric: TActivityMetric;
  /** ISO instants: [start, end) of the selected range and of the one it is compared with. */
  current: { start: string; end: string };
  previous: { start: string; end: string };
  totals: { current: TMetricTotals; previous: TMetricTotals };
  /** Bucket starts (ISO), oldest first; the unit says how to label them. */
  bucketUnit: TRollupUnit;
  buckets: string[];
  /** The largest groups by the chosen metric in the range, then "Other" for the rest. */
  series: TChartSeries[];
};

export const TOP_GROUPS = 6;
export const OTHER_KEY = "(other)";

const GROUP_COLUMN: Record<TActivityGroup, string> = {
  model: `"model"`,
  provider: `"providerSlug"`,
  key: `"apiKeyId"`,
};

type TAggRow = {
  bucketStart: Date;
  g: string;
  gname: string;
  requests: number;
  tokens: number;
  cached: number;
  reasoning: number;
  cost: number;
  failed: number;
  cancelled: number;
};

const empty = (): TMetricTotals => ({
  spend: 0,
  tokens: 0,
  cachedTokens: 0,
  reasoningTokens: 0,
  requests: 0,
  failed: 0,
  cancelled: 0,
});

function metricOf(row: { cost: number; tokens: number; requests: number }, metric: TActivityMetric): number {
  return metric === "spend" ? row.cost : metric === "tokens" ? row.tokens : row.requests;
}

async function groupLabels(userId: string, group: TActivityGroup, rows: TAggRow[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (group === "model") for (const r of rows) labels.set(r.g, r.g);
  if (group === "provider") for (const r of rows) labels.set(r.g, r.g === "" ? "No provider" : r.gname || r.g);
  if (group === "key") {
    const ids = [...new Set(rows.map((r) => r.g).filter((g) => g !== ""))];
    // Scoped by the owner, like every lookup: a key id in the rollup is always the owner's own.
    const keys =
      ids.length > 0
        ? await db.apiKey.findMany({
            where: { userId, id: { in: ids } },
            select: { id: true, name: true, prefix: true },
          })
        : [];
    const byId = new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`]));
    for (const id of ids) labels.set(id, byId.get(id) ?? "Deleted key");
    labels.set("", "Chat (no API key)");
  }
  return labels;
}

export async function getActivityOverview(
  userId: string,
  options: { range: TActivityRange; group: TActivityGroup; metric: TActivityMetric },
  now = new Date(),
): Promise<TActivityOverview> {
  const { range, group, metric } = options;
  const w = rangeWindow(range, now);
  // Sums come back as bigint (SQLite, and PostgreSQL's sum of an integer) or Decimal (PostgreSQL's
  // sum of a bigint): Number() below reads them all. Token counts are widened before they are added,
  // so a busy bucket cannot overflow PostgreSQL's 32-bit integer.
  const raw = await rawQuery<Record<string, unknown>[]>(
    db,
    `SELECT "bucketStart", ${GROUP_COLUMN[group]} AS g, max("providerName") AS gname,
            sum("requests") AS requests, sum(CAST("promptTokens" AS BIGINT) + "completionTokens") AS tokens, sum("cost") AS cost,
            sum("cachedPromptTokens") AS cached, sum("reasoningTokens") AS reasoning,
            sum(CASE WHEN "status" = 'error' THEN "requests" ELSE 0 END) AS failed,
            sum(CASE WHEN "status" = 'cancelled' THEN "requests" ELSE 0 END) AS cancelled
     FROM "ActivityRollup"
     WHERE "userId" = ? AND "unit" = ? AND "bucketStart" >= ? AND "bucketStart" < ?
     GROUP BY "bucketStart", ${GROUP_COLUMN[group]}`,
    userId,
    w.unit,
    w.prevStart,
    w.end,
  );
  const rows: TAggRow[] = raw.map((r) => ({
    bucketStart: r.bucketStart instanceof Date ? r.bucketStart : new Date(r.bucketStart as string),
    g: r.g as string,
    gname: (r.gname as string | null) ?? "",
    requests: Number(r.requests),
    tokens: Number(r.tokens),
    cached: Number(r.cached),
    reasoning: Number(r.reasoning),
    cost: Number(r.cost),
    failed: Number(r.failed),
    cancelled: Number(r.cancelled),
  }));

  const totals = { current: empty(), previous: empty() };
  const startMs = w.start.getTime();
  const inRange: TAggRow[] = [];
  for (const r of rows) {
    const target = r.bucketStart.getTime() >= startMs ? totals.current : totals.previous;
    target.spend += r.cost;
    target.tokens += r.tokens;
    target.cachedTokens += r.cached;
    target.reasoningTokens += r.reasoning;
    target.requests += r.requests;
    target.failed += r.failed;
    target.cancelled += r.cancelled;
    if (target === totals.current) inRange.push(r);
  }

  // Rank groups by the chosen metric over the range; the smallest share one "Other" series.
  const byGroup = new Map<string, number>();
  for (const r of inRange) byGroup.set(r.g, (byGroup.get(r.g) ?? 0) + metricOf(r, metric));
  const ranked = [...byGroup.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const top = ranked.length > TOP_GROUPS ? ranked.slice(0, TOP_GROUPS - 1) : ranked;
  const hasOther = ranked.length > top.length;
  const labels = await groupLabels(userId, group, inRange);

  const bucketIndex = new Map(w.buckets.map((b, i) => [b.getTime(), i]));
  const series: TChartSeries[] = top.map((g) => ({
    key: g === "" ? NONE : g,
    label: labels.get(g) ?? g,
    values: w.buckets.map(() => 0),
  }));
  const other: TChartSeries = { key: OTHER_KEY, label: "Other", values: w.buckets.map(() => 0) };
  const seriesOf = new Map(top.map((g, i) => [g, series[i]!]));
  for (const r of inRange) {
    const i = bucketIndex.get(r.bucketStart.getTime());
    if (i === undefined) continue;
    const s = seriesOf.get(r.g) ?? other;
    s.values[i]! += metricOf(r, metric);
  }
  if (hasOther) series.push(other);

  return {
    range,
    group,
    metric,
    current: { start: w.start.toISOString(), end: w.end.toISOString() },
    previous: { start: w.prevStart.toISOString(), end: w.start.toISOString() },
    totals,
    bucketUnit: w.unit,
    buckets: w.buckets.map((b) => b.toISOString()),
    series,
  };
}

/** Whether the account has any request on record (for the first-visit empty state). */
export async function hasAnyActivity(userId: string): Promise<boolean> {
  const rows = await rawQuery<unknown[]>(
    db,
    `SELECT 1 FROM "ActivityRollup" WHERE "userId" = ? AND "unit" = 'day' LIMIT 1`,
    userId,
  );
  return rows.length > 0;
}
