// What the "Your data" page says Privet holds for the account: counts only, from the rollup and
// the content table's user index (no scan of the records).
import { db, rawQuery } from "@/lib/db";
import { countStoredContent } from "@/lib/content/content";

export type TAccountDataSummary = { requests: number; storedContent: number; apiKeys: number };

export async function getAccountDataSummary(userId: string): Promise<TAccountDataSummary> {
  const [rows, storedContent, apiKeys] = await Promise.all([
    rawQuery<{ n: unknown }[]>(
      db,
      `SELECT coalesce(sum("requests"), 0) AS n FROM "ActivityRollup" WHERE "userId" = ? AND "unit" = 'month'`,
      userId,
    ),
    countStoredContent(userId),
    db.apiKey.count({ where: { userId } }),
  ]);
  return { requests: Number(rows[0]?.n ?? 0), storedContent, apiKeys };
}
