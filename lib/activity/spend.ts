// What an account — or one of its API keys — has spent (USD, from the rollup, never the records):
// in all, this UTC day, this UTC week (from Monday) and this UTC month. `GET /api/v1/key` and
// `GET /api/v1/credits` report it in OpenRouter's shape.
import { db } from "@/lib/db";
import { bucketStart } from "@/lib/activity/rollup";
import { recorder } from "@/lib/gateway/recorder";

export type TSpend = { total: number; day: number; week: number; month: number };

const DAY_MS = 86_400_000;

/** Spend of `userId`'s requests, or of those made with the key `apiKeyId` only. */
export async function getSpend(userId: string, apiKeyId: string | null = null, now = new Date()): Promise<TSpend> {
  const today = bucketStart(now, "day");
  // Monday of this UTC week (getUTCDay: 0 is Sunday).
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY_MS);
  const month = bucketStart(now, "month");
  const byKey = apiKeyId === null ? {} : { apiKeyId };
  // A request that ended a moment ago may still wait in the writer's memory: it counts.
  await recorder().settle();
  const sum = async (where: object) =>
    (await db.activityRollup.aggregate({ _sum: { cost: true }, where: { userId, ...byKey, ...where } }))._sum.cost ?? 0;
  const [total, day, week, thisMonth] = await Promise.all([
    sum({ unit: "month" }),
    sum({ unit: "day", bucketStart: today }),
    sum({ unit: "day", bucketStart: { gte: monday } }),
    sum({ unit: "month", bucketStart: month }),
  ]);
  return { total, day, week, month: thisMonth };
}
