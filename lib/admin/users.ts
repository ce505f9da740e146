// /admin's view of the accounts: who they are, their role and status, and what they used in the
// last 30 days (from the day rollups, never raw records). For admins only: the pages and actions
// that call these check the role first (requireAdmin, adminAction).
import { db } from "@/lib/db";
import { isAdminRole, type TRole } from "@/lib/accounts/roles";
import { getAccountLimitsView, type TAccountLimitsView } from "@/lib/accounts/limits";

export const USAGE_DAYS = 30;

export type TAdminUserRow = {
  id: string;
  email: string;
  role: TRole;
  isDisabled: boolean;
  createdAt: string;
  /** Requests and cost (USD) in the last USAGE_DAYS days. */
  requests: number;
  cost: number;
  /** The limits an admin set on the account, with what it spent in the limit's period; null: none. */
  limits: TAccountLimitsView | null;
};

const MAX_ROWS = 500;

/** Accounts whose email contains `search` (all when empty), newest first, with their usage. */
export async function findAdminUsers(search: string): Promise<{ rows: TAdminUserRow[]; isTruncated: boolean }> {
  const text = search.trim().toLowerCase().slice(0, 254);
  const users = await db.user.findMany({
    where: text ? { email: { contains: text } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MAX_ROWS + 1,
    select: { id: true, email: true, role: true, disabledAt: true, createdAt: true },
  });
  const shown = users.slice(0, MAX_ROWS);
  const since = new Date(Date.now() - USAGE_DAYS * 24 * 60 * 60 * 1000);
  since.setUTCHours(0, 0, 0, 0);
  const usage = await db.activityRollup.groupBy({
    by: ["userId"],
    where: { unit: "day", bucketStart: { gte: since }, userId: { in: shown.map((u) => u.id) } },
    _sum: { requests: true, cost: true },
  });
  const usageOf = new Map(usage.map((u) => [u.userId, u._sum]));
  // Limits are few (an admin sets them one account at a time): each limited account's period spend.
  const limited = await db.accountLimits.findMany({
    where: { userId: { in: shown.map((u) => u.id) } },
    select: { userId: true },
  });
  const limitsOf = new Map(
    await Promise.all(limited.map(async ({ userId }) => [userId, await getAccountLimitsView(userId)] as const)),
  );
  return {
    rows: shown.map((user) => {
      const sums = usageOf.get(user.id);
      return {
        id: user.id,
        email: user.email,
        role: isAdminRole(user.role) ? "admin" : "member",
        isDisabled: user.disabledAt !== null,
        createdAt: user.createdAt.toISOString(),
        requests: Number(sums?.requests ?? 0),
        cost: Number(sums?.cost ?? 0),
        limits: limitsOf.get(user.id) ?? null,
      };
    }),
    isTruncated: users.length > MAX_ROWS,
  };
}
