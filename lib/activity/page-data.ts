// Everything the activity page shows, for one account and one URL state, read in parallel.
import type { TActivityQuery } from "@/lib/activity/query";
import { findActivityPage, type TActivityPage } from "@/lib/activity/list";
import { getActivityOverview, hasAnyActivity, type TActivityOverview } from "@/lib/activity/summary";
import { findActivityFilterOptions, type TActivityFilterOptions } from "@/lib/activity/options";
import { recorder } from "@/lib/gateway/recorder";

export type TActivityPageData = {
  overview: TActivityOverview;
  page: TActivityPage;
  options: TActivityFilterOptions;
  hasActivity: boolean;
};

export async function getActivityPageData(userId: string, query: TActivityQuery): Promise<TActivityPageData> {
  // Requests that just finished may still wait in the writer's memory; the page should show them.
  await recorder().settle();
  const [overview, page, options, hasActivity] = await Promise.all([
    getActivityOverview(userId, query),
    findActivityPage(userId, query),
    findActivityFilterOptions(userId),
    hasAnyActivity(userId),
  ]);
  return { overview, page, options, hasActivity };
}
