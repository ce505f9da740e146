// GET /api/v1/activity — the calling key's account, last 30 days by day, model and provider (from the rollup).
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { findDailyActivity } from "@/lib/activity/daily";

export async function getActivityRoute({ res, url, owner }: TApiContext): Promise<void> {
  const data = await findDailyActivity(owner.userId, { date: url.searchParams.get("date") });
  sendJson(res, 200, { data });
}
