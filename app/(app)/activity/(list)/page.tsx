import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { activityHref, parseActivityQuery } from "@/lib/activity/query";
import { getActivityPageData } from "@/lib/activity/page-data";
import { ActivityView } from "@/components/activity/activity-view";
import { deleteAllActivityAction, deleteAllContentAction } from "../actions";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseActivityQuery(await searchParams);
  const account = await requireAccount(activityHref(query));
  const data = await getActivityPageData(account.id, query);
  return (
    <ActivityView
      data={data}
      query={query}
      deleteAllContentAction={deleteAllContentAction}
      deleteAllActivityAction={deleteAllActivityAction}
    />
  );
}
