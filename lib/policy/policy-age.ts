// How old a provider's catalog policy is: an account (or the instance floor) may treat a policy last
// checked more than N days before the request as unknown, so every step it affects fails the safe
// side (rule 5). Pure: the request's time is given (TRequestShape.routedAt).
import type { TDataPolicy } from "@/lib/catalog/types";

const DAY_MS = 86_400_000;

/** The month a coarse period starts: a policy checked "late-2025" may have been checked on 1 September. */
const PERIOD_START_MONTH = { early: 0, mid: 4, late: 8 } as const;

/**
 * When a `checkedAt` value says the policy was checked, at the earliest (ms since the epoch, UTC
 * midnight): a date is itself, a period its first day. Null when there is no usable value.
 */
export function checkedAtTime(checkedAt: string | null): number | null {
  if (checkedAt === null) return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(checkedAt);
  if (date) {
    const time = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    return Number.isNaN(time) ? null : time;
  }
  const period = /^(early|mid|late)-(\d{4})$/.exec(checkedAt);
  if (period) return Date.UTC(Number(period[2]), PERIOD_START_MONTH[period[1] as keyof typeof PERIOD_START_MONTH], 1);
  return null;
}

/**
 * Whether a policy counts as unknown under a maximum age: checked more than `maxAgeDays` days before
 * `routedAt`, or never (no usable `checkedAt`), or the request's time is not known. Never with no maximum.
 */
export function isPolicyStale(
  checkedAt: string | null,
  maxAgeDays: number | null,
  routedAt: number | undefined,
): boolean {
  if (maxAgeDays === null) return false;
  const checked = checkedAtTime(checkedAt);
  if (checked === null || routedAt === undefined || !Number.isFinite(routedAt)) return true;
  return routedAt - checked > maxAgeDays * DAY_MS;
}

/** The policy as routing reads it: every field unknown when it is stale. */
export function withStalenessApplied(policy: TDataPolicy, isStale: boolean): TDataPolicy {
  if (!isStale) return policy;
  return { ...policy, training: null, retainsPrompts: null, retentionDays: null, zdr: null, canPublish: null };
}
