// Deleting an account: everything that belongs to it — records, logged content and its content
// key, linked samples, rollups, API keys, settings and the account itself — in one transaction,
// after the password is confirmed (throttled like a sign-in: `address` is the client's); then the freed bytes are erased from the database files
// (lib/content/erasure.ts). Without its content key, no copy of the account's content anywhere can
// be read. Anonymous samples stay: they carry no account, so they cannot be found to delete
// (PRODUCT.md rule 7), which is the point of them.
import { db, rawExecute } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findAccountById } from "@/lib/accounts/accounts";
import { checkPassword } from "@/lib/auth/password-check";
import { forgetSessionAccount } from "@/lib/auth/session-version";
import { recorder } from "@/lib/gateway/recorder";
import { keyCache } from "@/lib/keys/api-keys";
import { forgetCachedSettings } from "@/lib/privacy/settings";
import { deleteRollups } from "@/lib/activity/rollup";
import { BULK_DELETE_TIMEOUT_MS } from "@/lib/activity/deletion";
import { forgetContentKey } from "@/lib/content/keys";
import { ACCOUNT_TABLES, eraseDeleted } from "@/lib/content/erasure";

export async function deleteAccount(userId: string, password: string, address: string): Promise<void> {
  const account = await findAccountById(userId);
  if (!account) throw new AppError("not_found", "Account not found.");
  const verified = await checkPassword(account.email, password, address);
  if (!verified || verified.id !== userId) {
    throw new AppError("bad_request", "That password is not right.", { metadata: { field: "password" } });
  }
  await eraseAccount(userId);
}

/**
 * Deletes the account and everything that is its, with no password check: for `deleteAccount`
 * above, and for an admin deleting an account (lib/accounts/roles.ts).
 */
export async function eraseAccount(userId: string): Promise<void> {
  // Records still waiting in the writer's memory are written first, so they are deleted too.
  await recorder().flush();
  await db.$transaction(
    async (tx) => {
      await rawExecute(tx, `DELETE FROM "GenerationContent" WHERE "userId" = ?`, userId);
      await rawExecute(tx, `DELETE FROM "ContentKey" WHERE "userId" = ?`, userId);
      await rawExecute(tx, `DELETE FROM "CategorySample" WHERE "userId" = ?`, userId);
      await rawExecute(tx, `DELETE FROM "Generation" WHERE "userId" = ?`, userId);
      await deleteRollups(userId, tx);
      await tx.apiKey.deleteMany({ where: { userId } });
      await tx.user.deleteMany({ where: { id: userId } });
    },
    { timeout: BULK_DELETE_TIMEOUT_MS, maxWait: 30_000 },
  );
  // The keys stop working at once in this process, not when their cache entries expire.
  keyCache().invalidateUser(userId);
  forgetCachedSettings(userId);
  forgetSessionAccount(userId);
  forgetContentKey(userId);
  await eraseDeleted(ACCOUNT_TABLES, { shouldVacuum: true });
}
