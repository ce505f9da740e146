// The periods the rankings publish (PRODUCT.md rule 7). Only closed periods: whole UTC days that
// have ended, the last one being yesterday. A period that is still open would change with every
// request, so reading it before and after an account's request would give that request away; a
// closed period is computed once (lib/rankings/rankings.ts) and then never moves.
export const RANKING_PERIODS = ["day", "week", "month"] as const;
export type TRankingPeriod = (typeof RANKING_PERIODS)[number];
export const PERIOD_DAYS: Record<TRankingPeriod, number> = { day: 1, week: 7, month: 30 };
/** The longest period, in days. */

export const DAY_MS = 86_400_000;
/**
 * A day counts as closed this long after its UTC midnight: a request that began before midnight is
 * recorded under its start, and can take up to the total upstream timeout (10 minutes by default)
 * to end and be written.
 */
export const DAY_CLOSE_GRACE_MS = 15 * 60_000;

/** The UTC day of an instant, as YYYY-MM-DD. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
/** The UTC midnight that starts a YYYY-MM-DD day. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
export const addDays = (day: string, days: number): string => utcDay(new Date(dayStart(day).getTime() + days * DAY_MS));

/** Whether every record of `day` has been written by `now` (its end plus the grace). */
export function isDayClosed(day: string, now: Date): boolean {
  return now.getTime() >= dayStart(day).getTime() + DAY_MS + DAY_CLOSE_GRACE_MS;
}

export type TClosedPeriod = {
  period: TRankingPeriod;
  /** First and last UTC day counted, both included. */
  firstDay: string;
  lastDay: string;
  /** [start, end) as instants. */
  start: Date;
  end: Date;
};

/** The most recent closed `period` at `now`: its last day is the last closed day (yesterday, once the grace has passed). */
export function closedPeriod(period: TRankingPeriod, now: Date): TClosedPeriod {
  const lastDay = addDays(utcDay(new Date(now.getTime() - DAY_CLOSE_GRACE_MS)), -1);
  const firstDay = addDays(lastDay, 1 - PERIOD_DAYS[period]);
  return { period, firstDay, lastDay, start: dayStart(firstDay), end: dayStart(addDays(lastDay, 1)) };
}

/** The oldest day any period published at `now` reads; anonymous samples of earlier days are never read again. */
export function oldestRankedDay(now: Date): string {
  return closedPeriod("month", now).firstDay;
}
