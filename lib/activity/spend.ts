// What an account — or one of its API keys — has spent (USD, from the rollup, which the metadata
// writer keeps in the same transaction as the records): in all, this UTC day, this UTC week (from
// Monday) and this UTC month. `GET /api/v1/key` and `GET /api/v1/credits` report it in OpenRouter's
// shape; a key's or an account's spending limit (lib/limits/limits.ts) is checked against one of the periods.
import { db } from "@/lib/db";
import { bucketStart } from "@/lib/activity/rollup";
import { recorder } from "@/lib/gateway/recorder";
import type { TLimitReset } from "@/lib/vocabulary";

export type TSpend = { total: number; day: number; week: number; month: number };

const DAY_MS = 86_400_000;

/** The rollup rows that make up each period containing `now`, and when the period ends. */
function periods(now: Date) {
  const today = bucketStart(now, "day");
  // Monday of this UTC week (getUTCDay: 0 is Sunday).
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY_MS);
  const month = bucketStart(now, "month");
  return {
    total: { where: { unit: "month" }, endsAt: null },
    daily: { where: { unit: "day", bucketStart: today }, endsAt: new Date(today.getTime() + DAY_MS) },
    weekly: { where: { unit: "day", bucketStart: { gte: monday } }, endsAt: new Date(monday.getTime() + 7 * DAY_MS) },
    monthly: {
      where: { unit: "month", bucketStart: month },
      endsAt: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)),
    },
  } as const;
}

async function sumCost(userId: string, apiKeyId: string | null, where: object): Promise<number> {
  const byKey = apiKeyId === null ? {} : { apiKeyId };
  return (
    (await db.activityRollup.aggregate({ _sum: { cost: true }, where: { userId, ...byKey, ...where } }))._sum.cost ?? 0
  );
}

/** Spend of `userId`'s requests, or of those made with the key `apiKeyId` only. */
export async function getSpend(userId: string, apiKeyId: string | null = null, now = new Date()): Promise<TSpend> {
  const p = periods(now);
  // A request that ended a moment ago may still wait in the writer's memory: it counts.
  await recorder().settle();
  const [total, day, week, month] = await Promise.all([
    sumCost(userId, apiKeyId, p.total.where),
    sumCost(userId, apiKeyId, p.daily.where),
    sumCost(userId, apiKeyId, p.weekly.where),
    sumCost(userId, apiKeyId, p.monthly.where),
  ]);
  return { total, day, week, month };
}

/**
 * What the key `apiKeyId` (the whole account, API and chat, when null) has spent in the `reset`
 * period containing `now` (over all time when `reset` is null), and when that period ends (null: never).
 */
export async function getPeriodSpend(
  userId: string,
  apiKeyId: string | null,
  reset: TLimitReset | null,
  now: Date,
): Promise<{ spent: number; endsAt: Date | null }> {
  const period = periods(now)[reset ?? "total"];
  await recorder().settle();
  return { spent: await sumCost(userId, apiKeyId, period.where), endsAt: period.endsAt };
}

/** The spend of each of `userId`'s keys (keys that spent nothing are absent), in four queries. */
export async function getSpendByKey(userId: string, now = new Date()): Promise<Map<string, TSpend>> {
  const p = periods(now);
  await recorder().settle();
  const byKey = async (where: object) => {
    const rows = await db.activityRollup.groupBy({
      by: ["apiKeyId"],
      _sum: { cost: true },
      where: { userId, apiKeyId: { not: "" }, ...where },
    });
    return new Map(rows.map((row) => [row.apiKeyId, row._sum.cost ?? 0]));
  };
  const [total, day, week, month] = await Promise.all([
    byKey(p.total.where),
    byKey(p.daily.where),
    byKey(p.weekly.where),
    byKey(p.monthly.where),
  ]);
  const out = new Map<string, TSpend>();
  for (const [keyId, spent] of total)
    out.set(keyId, {
      total: spent,
      day: day.get(keyId) ?? 0,
      week: week.get(keyId) ?? 0,
      month: month.get(keyId) ?? 0,
    });
  return out;
}
