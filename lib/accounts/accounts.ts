// Accounts: creation and credential checks. Server-only.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { ZSignUp } from "@/lib/auth/schemas";

export type TAccount = { id: string; email: string };

export async function createAccount(input: {
  email: string;
  password: string;
  role?: "member" | "admin";
}): Promise<TAccount> {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid input.");
  const { email, password } = parsed.data;
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("conflict", "An account with this email already exists.");
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({
      data: { email, passwordHash, role: input.role ?? "member" },
      select: { id: true, email: true },
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((error as { code?: string }).code === "P2002")
      throw new AppError("conflict", "An account with this email already exists.");
    throw error;
  }
}

/**
 * Returns the account when the credentials match, null otherwise (one answer for every failure).
 * A disabled account is returned with `isDisabled` (only to the holder of its password), so
 * sign-in can say why it refuses.
 */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<(TAccount & { isDisabled: boolean }) | null> {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password))
    ? { id: user.id, email: user.email, isDisabled: user.disabledAt !== null }
    : null;
}

export async function findAccountById(id: string): Promise<TAccount | null> {
  return db.user.findUnique({ where: { id }, select: { id: true, email: true } });
}

export async function getAccountByEmail(email: string): Promise<TAccount> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true },
  });
  if (!user) throw new AppError("not_found", `No account with the email ${email.trim().toLowerCase()}.`);
  return user;
}
