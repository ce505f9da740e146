import Link from "next/link";
import { Download, Info } from "lucide-react";
import type { TActivityPageData } from "@/lib/activity/page-data";
import {
  activityHref,
  filterSearchParams,
  hasFilters,
  ACTIVITY_GROUPS,
  ACTIVITY_METRICS,
  ACTIVITY_RANGES,
  type TActivityQuery,
} from "@/lib/activity/query";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityNavigation } from "@/components/activity/activity-navigation";
import { SegmentedLinks } from "@/components/activity/segmented-links";
import { SummaryCards, RANGE_LABEL } from "@/components/activity/summary-cards";
import { ActivityChart, GROUP_LABEL, METRIC_LABEL } from "@/components/activity/activity-chart";
import { ActivityFilters } from "@/components/activity/activity-filters";
import { ActivityTable } from "@/components/activity/activity-table";
import { TablePagination } from "@/components/activity/table-pagination";
import { ActivityEmptyState, NoMatchingRequests } from "@/components/activity/activity-empty-state";
import { DeleteAllActivityButton, DeleteAllContentButton } from "@/components/activity/delete-buttons";
import type { TDeleteAllActivityAction, TDeleteAllContentAction } from "@/components/activity/types";
import { formatInteger } from "@/lib/format";

const SORT_LABEL = {
  date: "date",
  cost: "cost",
  latency: "latency",
  speed: "speed",
  input: "input tokens",
  output: "output tokens",
} as const;
const RANGE_TAB = { hour: "Hour", day: "Day", month: "Month", year: "Year" } as const;

export function ActivityView({
  data,
  query,
  deleteAllContentAction,
  deleteAllActivityAction,
}: {
  data: TActivityPageData;
  query: TActivityQuery;
  deleteAllContentAction: TDeleteAllContentAction;
  deleteAllActivityAction: TDeleteAllActivityAction;
}) {
  const queryString = activityHref(query, "").replace(/^\?/, "");
  const { overview, page, options } = data;
  const csvParams = filterSearchParams(query.filters).toString();
  const csvHref = `/api/export/activity${csvParams ? `?${csvParams}` : ""}`;
  const pageQuery = { ...query, sort: page.sort, dir: page.dir };

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 lg:py-12">
      <PageHeader
        title="Activity"
        description="Every request you made: model, provider, tokens, cost, timing and whether any content was stored. Only you can see it."
      />
      {!data.hasActivity ? (
        <ActivityEmptyState />
      ) : (
        <ActivityNavigation>
          <section aria-labelledby="summary-heading" className="flex flex-col gap-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="summary-heading" className="text-lg font-semibold tracking-tight">
                {RANGE_LABEL[query.range].current}
              </h2>
              <SegmentedLinks
                label="Range"
                items={ACTIVITY_RANGES.map((range) => ({
                  href: activityHref({ ...query, range }),
                  label: RANGE_TAB[range],
                  isCurrent: range === query.range,
                }))}
              />
            </div>
            <SummaryCards overview={overview} />
          </section>

          <Card className="flex flex-col gap-5 p-5 sm:p-6">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-lg font-semibold tracking-tight">Usage over time</h2>
              <div className="flex flex-wrap gap-2">
                <SegmentedLinks
                  label="Chart metric"
                  items={ACTIVITY_METRICS.map((metric) => ({
                    href: activityHref({ ...query, metric }),
                    label: METRIC_LABEL[metric],
                    isCurrent: metric === query.metric,
                  }))}
                />
                <SegmentedLinks
                  label="Group by"
                  items={ACTIVITY_GROUPS.map((group) => ({
                    href: activityHref({ ...query, group }),
                    label: `By ${GROUP_LABEL[group]}`,
                    isCurrent: group === query.group,
                  }))}
                />
              </div>
            </div>
            <ActivityChart overview={overview} />
          </Card>

          <section aria-labelledby="requests-heading" className="flex flex-col gap-4">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div className="flex flex-col gap-1">
                <h2 id="requests-heading" className="text-lg font-semibold tracking-tight">
                  Requests
                </h2>
                <p className="text-sm text-muted-foreground">
                  The filters apply to this table and its CSV export; the summary above covers all your requests.
                </p>
              </div>
              <a href={csvHref} download className={buttonClasses({ variant: "outline", size: "sm" })}>
                <Download className="size-4" aria-hidden="true" />
                {hasFilters(query.filters) ? "Export matching rows (CSV)" : "Export all rows (CSV)"}
              </a>
            </div>
            <ActivityFilters queryString={queryString} options={options} />
            {page.sortRefused ? (
              <p
                role="status"
                className="flex items-start gap-2 rounded-lg border border-warning/30 bg-warning-soft px-3 py-2.5 text-sm text-warning"
              >
                <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <span>
                  Sorting by {SORT_LABEL[page.sortRefused.requested]} works on up to{" "}
                  {formatInteger(page.sortRefused.limit)} requests, and about {formatInteger(page.sortRefused.matching)}{" "}
                  match. Narrow the dates or filters to sort by it; until then the newest come first.
                </span>
              </p>
            ) : null}
            {page.rows.length === 0 ? (
              <NoMatchingRequests>
                {hasFilters(query.filters) ? (
                  <Link
                    href={activityHref({ ...query, filters: {}, after: null, before: null })}
                    className={buttonClasses({ variant: "outline", size: "sm" })}
                  >
                    Clear filters
                  </Link>
                ) : null}
              </NoMatchingRequests>
            ) : (
              <>
                <ActivityTable
                  rows={page.rows}
                  queryString={activityHref(pageQuery, "").replace(/^\?/, "")}
                  sort={page.sort}
                  dir={page.dir}
                />
                <TablePagination
                  queryString={activityHref(pageQuery, "").replace(/^\?/, "")}
                  prevCursor={page.prevCursor}
                  nextCursor={page.nextCursor}
                  rowCount={page.rows.length}
                />
              </>
            )}
          </section>

          <Card className="flex flex-col gap-4 p-5 sm:p-6">
            <div className="flex flex-col gap-1">
              <h2 className="text-lg font-semibold tracking-tight">Your data</h2>
              <p className="max-w-2xl text-sm text-muted-foreground">
                Delete what Privet keeps about your requests, or take all of it with you.{" "}
                <Link href="/settings/account" className="font-medium text-foreground underline underline-offset-4">
                  More on your data
                </Link>
              </p>
            </div>
            <div className="flex flex-wrap gap-2">
              <a href="/api/export/account" download className={buttonClasses({ variant: "outline", size: "sm" })}>
                <Download className="size-4" aria-hidden="true" />
                Export everything (JSON)
              </a>
              <DeleteAllContentButton action={deleteAllContentAction} />
              <DeleteAllActivityButton action={deleteAllActivityAction} />
            </div>
          </Card>
        </ActivityNavigation>
      )}
    </div>
  );
}
