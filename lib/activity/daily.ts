// Daily activity for GET /api/v1/activity (the documented shape): the last 30 UTC days, grouped by
// day, model and provider, from the day rollup — never from the records.
import { db, dialect, rawQuery } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { bucketStart } from "@/lib/activity/rollup";
import { recorder } from "@/lib/gateway/recorder";

export const DAILY_WINDOW_DAYS = 30;

export type TDailyActivity = {
  date: string;
  model: string;
  provider_name: string | null;
  provider_slug: string | null;
  /** USD. */
  usage: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** Part of completion_tokens. */
  reasoning_tokens: number;
};

const DAY_MS = 86_400_000;

/** `date` (YYYY-MM-DD, optional) narrows to one UTC day, which must be among the last 30. */
export async function findDailyActivity(
  userId: string,
  options: { date?: string | null } = {},
  now = new Date(),
): Promise<TDailyActivity[]> {
  const today = bucketStart(now, "day");
  let start = new Date(today.getTime() - (DAILY_WINDOW_DAYS - 1) * DAY_MS);
  let end = new Date(today.getTime() + DAY_MS);
  if (options.date !== undefined && options.date !== null) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(options.date) ? new Date(`${options.date}T00:00:00.000Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== options.date) {
      throw new AppError("bad_request", "date must be a day written YYYY-MM-DD.", { metadata: { field: "date" } });
    }
    if (day < start || day >= end) {
      throw new AppError("bad_request", `date must be within the last ${DAILY_WINDOW_DAYS} days (UTC).`, {
        metadata: { field: "date" },
      });
    }
    start = day;
    end = new Date(day.getTime() + DAY_MS);
  }
  // A request that ended a moment ago may still wait in the writer's memory: the caller sees it.
  await recorder().settle();
  // Sums are bigints or Decimals depending on the database: Number() below reads both. Names are
  // ordered by their bytes, as SQLite does, whatever collation a PostgreSQL database was created with.
  const binary = dialect() === "postgresql" ? ` COLLATE "C"` : "";
  const rows = await rawQuery<Record<string, unknown>[]>(
    db,
    `SELECT "bucketStart", "model", "providerSlug", max("providerName") AS "providerName",
            sum("cost") AS usage, sum("requests") AS requests, sum("promptTokens") AS prompt, sum("completionTokens") AS completion,
            sum("reasoningTokens") AS reasoning
     FROM "ActivityRollup"
     WHERE "userId" = ? AND "unit" = 'day' AND "bucketStart" >= ? AND "bucketStart" < ?
     GROUP BY "bucketStart", "model", "providerSlug"
     ORDER BY "bucketStart" DESC, "model"${binary}, "providerSlug"${binary}`,
    userId,
    start,
    end,
  );
  return rows.map((r) => {
    const day = r.bucketStart instanceof Date ? r.bucketStart : new Date(r.bucketStart as string);
    const slug = r.providerSlug as string;
    return {
      date: day.toISOString().slice(0, 10),
      model: r.model as string,
      provider_name: slug ? (r.providerName as string) || slug : null,
      provider_slug: slug || null,
      usage: Number(r.usage),
      requests: Number(r.requests),
      prompt_tokens: Number(r.prompt),
      completion_tokens: Number(r.completion),
      reasoning_tokens: Number(r.reasoning),
    };
  });
}
