// Roles and account status, changed by admins (/admin, lib/admin/) or the operator (the CLI).
// A member uses Privet; an admin also runs it. A disabled account cannot sign in, and its sessions
// and API keys stop at once: disabling raises its session version (every session ends), and the key
// lookup refuses keys of a disabled account (lib/auth/bearer.ts). The instance always keeps one
// enabled admin once it has one, so nobody can lock the admins out through /admin.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eraseAccount } from "@/lib/accounts/deletion";
import { endAllSessions, forgetSessionAccount } from "@/lib/auth/session-version";
import { keyCache } from "@/lib/keys/api-keys";

export const ROLES = ["member", "admin"] as const;
export type TRole = (typeof ROLES)[number];
export const ZRole = z.enum(ROLES, { error: "A role is member or admin." });

export function isAdminRole(role: string | null | undefined): boolean {
  return role === "admin";
}

/** Whether the account is an enabled admin, read from the database (a demotion holds at once). */
export async function isAdmin(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  return user !== null && user.disabledAt === null && isAdminRole(user.role);
}

/** Whether any enabled admin exists (npm start explains how to make the first one when not). */
export async function hasAdmin(): Promise<boolean> {
  return (await db.user.count({ where: { role: "admin", disabledAt: null } })) > 0;
}

/** Refuses a change that would leave the instance without an enabled admin. */
async function keepOneAdmin(userId: string, message: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (!user || !isAdminRole(user.role) || user.disabledAt !== null) return;
  const others = await db.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", message);
}

async function getUser(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, disabledAt: true },
  });
  if (!user) throw new AppError("not_found", "Account not found.");
  return user;
}

export type TAccountStatus = { id: string; email: string; role: TRole; isDisabled: boolean };

function toStatus(user: { id: string; email: string; role: string; disabledAt: Date | null }): TAccountStatus {
  return {
    id: user.id,
    email: user.email,
    role: isAdminRole(user.role) ? "admin" : "member",
    isDisabled: !!user.disabledAt,
  };
}

export async function updateRole(userId: string, role: unknown): Promise<TAccountStatus> {
  const parsed = ZRole.safeParse(role);
  if (!parsed.success) throw new AppError("bad_request", "A role is member or admin.");
  await getUser(userId);
  if (parsed.data === "member") await keepOneAdmin(userId, "This is the last admin: make another account admin first.");
  await db.user.updateMany({ where: { id: userId }, data: { role: parsed.data } });
  forgetSessionAccount(userId);
  return toStatus(await getUser(userId));
}

/**
 * Disables or enables an account. Disabling ends every session of it and stops its keys at once
 * in this process (within 1 s on other instances, ARCHITECTURE.md "Caches").
 */
export async function updateDisabled(userId: string, isDisabled: boolean): Promise<TAccountStatus> {
  await getUser(userId);
  if (isDisabled) {
    await keepOneAdmin(userId, "This is the last admin: make another account admin before disabling this one.");
    await db.user.updateMany({ where: { id: userId, disabledAt: null }, data: { disabledAt: new Date() } });
    await endAllSessions(userId);
  } else {
    await db.user.updateMany({ where: { id: userId }, data: { disabledAt: null } });
    forgetSessionAccount(userId);
  }
  keyCache().invalidateUser(userId);
  return toStatus(await getUser(userId));
}

/** Deletes an account and everything that is its (as the owner's own deletion does). */
export async function deleteAccountAsAdmin(userId: string): Promise<void> {
  await getUser(userId);
  await keepOneAdmin(userId, "This is the last admin: make another account admin before deleting this one.");
  await eraseAccount(userId);
}
