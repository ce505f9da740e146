// Invitations: single-use sign-up links with an expiry, made by an admin (/admin/invitations or
// `privet invite create`). Only the token's SHA-256 is stored, so the database never holds a usable
// link; the link is shown once, when it is made. A sign-up claims its invitation atomically, so
// two sign-ups racing with one link create one account.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { publicBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 365;

export type TInvitation = {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** The email of the account it created, while that account exists. */
  usedByEmail: string | null;
  status: "unused" | "used" | "expired";
};

export const INVITATION_REFUSED =
  "This invitation link is not valid: it was used already, has expired or was withdrawn. Ask an admin of this Privet for a new one.";

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function invitationLink(token: string): string {
  return `${publicBaseUrl()}/sign-up?invite=${encodeURIComponent(token)}`;
}

/** Makes an invitation; returns its link (the only time the token exists outside the link). */
export async function createInvitation(
  createdById: string | null,
  expiresInDays: number = DEFAULT_INVITATION_DAYS,
): Promise<{ link: string; invitation: TInvitation }> {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_INVITATION_DAYS)
    throw new AppError("bad_request", `An invitation expires after 1 to ${MAX_INVITATION_DAYS} whole days.`, {
      metadata: { field: "expiresInDays" },
    });
  const token = crypto.randomBytes(24).toString("base64url");
  const row = await db.invitation.create({
    data: {
      tokenHash: hashToken(token),
      createdById,
      expiresAt: new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000),
    },
    select: { id: true, createdAt: true, expiresAt: true, usedAt: true },
  });
  return { link: invitationLink(token), invitation: { ...row, usedByEmail: null, status: "unused" } };
}

export async function findInvitations(): Promise<TInvitation[]> {
  const rows = await db.invitation.findMany({
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { id: true, createdAt: true, expiresAt: true, usedAt: true, usedById: true },
  });
  const usedIds = rows.map((r) => r.usedById).filter((id): id is string => id !== null);
  const users = await db.user.findMany({ where: { id: { in: usedIds } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const now = new Date();
  return rows.map(({ usedById, ...row }) => ({
    ...row,
    usedByEmail: usedById ? (emailOf.get(usedById) ?? null) : null,
    status: row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "unused",
  }));
}

/** Withdraws an unused invitation: its link stops working. */
export async function deleteInvitation(id: string): Promise<void> {
  const result = await db.invitation.deleteMany({ where: { id, usedAt: null } });
  if (result.count === 0) throw new AppError("not_found", "No unused invitation with that id.");
}

/** Whether the token names an unused, unexpired invitation (the sign-up page asks before showing its form). */
export async function isInvitationUsable(token: string): Promise<boolean> {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return row !== null && row.usedAt === null && row.expiresAt > new Date();
}

/** Claims the invitation for one sign-up, or refuses; returns its id. */
export async function claimInvitation(token: string): Promise<string> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const claimed = await db.invitation.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count === 0) throw new AppError("forbidden", INVITATION_REFUSED, { metadata: { field: "form" } });
  const row = await db.invitation.findUnique({ where: { tokenHash }, select: { id: true } });
  return row!.id;
}

export async function recordInvitationUse(id: string, userId: string): Promise<void> {
  await db.invitation.updateMany({ where: { id }, data: { usedById: userId } });
}
