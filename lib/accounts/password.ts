// Changing a password: by its owner (the current password first, checked and throttled like a
// sign-in) or by the operator (`privet user set-password`). Either way every session signed in
// before ends (lib/auth/session-version.ts); the new hash and the new session version are one write.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findAccountById, getAccountByEmail, type TAccount } from "@/lib/accounts/accounts";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-check";
import { ZNewPassword } from "@/lib/auth/schemas";
import { forgetSessionAccount } from "@/lib/auth/session-version";

async function writePassword(userId: string, password: string): Promise<void> {
  const parsed = ZNewPassword.safeParse(password);
  if (!parsed.success) {
    throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid password.", {
      metadata: { field: "newPassword" },
    });
  }
  const passwordHash = await hashPassword(parsed.data);
  const { count } = await db.user.updateMany({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new AppError("not_found", "Account not found.");
  forgetSessionAccount(userId);
}

/** The owner's change: `address` is the client's, for the throttle. Every session ends, this one too (the form signs in again). */
export async function changePassword(
  userId: string,
  input: { password: string; newPassword: string },
  address: string,
): Promise<void> {
  const account = await findAccountById(userId);
  if (!account) throw new AppError("not_found", "Account not found.");
  const verified = await checkPassword(account.email, input.password, address);
  if (!verified || verified.id !== userId) {
    throw new AppError("bad_request", "That password is not right.", { metadata: { field: "password" } });
  }
  await writePassword(userId, input.newPassword);
}

/** The operator's reset, for someone who cannot sign in. */
export async function setPassword(email: string, password: string): Promise<TAccount> {
  const account = await getAccountByEmail(email);
  await writePassword(account.id, password);
  return account;
}
