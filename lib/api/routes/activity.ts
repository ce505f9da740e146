// GET /api/v1/activity — the calling key's account, last 30 days by day, model and provider (from the rollup),
// in OpenRouter's activity shape plus Privet's provider_slug.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { findDailyActivity } from "@/lib/activity/daily";

export async function getActivityRoute({ res, url, owner }: TApiContext): Promise<void> {
  const rows = await findDailyActivity(owner.userId, { date: url.searchParams.get("date") });
  const data = rows.map((row) => ({
    ...row,
    model_permaslug: row.model,
    // Privet's endpoint ids are `model@provider`; a request no provider served has none.
    endpoint_id: row.provider_slug === null ? "" : `${row.model}@${row.provider_slug}`,
    provider_name: row.provider_name ?? "",
    // Providers are called with the operator's keys: nothing is bring-your-own-key.
    byok_usage_inference: 0,
  }));
  sendJson(res, 200, { data });
}
