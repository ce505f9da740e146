// The one way Privet checks an account's password — sign-in, password change, account deletion —
// so none of them is an unthrottled password oracle. Failures are counted per email and client
// address together and per client address (lib/ratelimit/limits.ts, passwordThrottles): never per
// email alone, so an attacker's failures cannot keep the owner out from another address. Past the
// free failures attempts slow down rather than lock.
import { verifyCredentials, type TAccount } from "@/lib/accounts/accounts";
import { AppError } from "@/lib/errors";
import { passwordThrottles } from "@/lib/ratelimit/limits";

/**
 * The client address from X-Forwarded-For, which the custom server sets to the connection's (or a
 * trusted proxy's) address before Next.js sees the request (lib/server/client-address.ts).
 */
export function addressFromForwardedFor(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || "unknown";
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The refusal of a throttled check: 429, the wait in `metadata.retry_after_seconds`, shown on the password field. */
export function passwordThrottledError(retryAfterSeconds: number): AppError {
  return new AppError("rate_limited", `Too many wrong passwords. Try again in ${waitText(retryAfterSeconds)}.`, {
    metadata: { field: "password", retry_after_seconds: retryAfterSeconds },
  });
}

/**
 * The account when the password is right, null when it is not (one answer for every failure);
 * throws `passwordThrottledError` without checking when too many failures came before. A right
 * password is not counted as a failure.
 */
export async function checkPassword(
  email: string,
  password: string,
  address: string,
): Promise<(TAccount & { isDisabled: boolean }) | null> {
  const normalized = email.trim().toLowerCase();
  const { byEmailAndAddress, byAddress } = passwordThrottles();
  const attempts = await Promise.all([
    byEmailAndAddress.attempt(`${normalized}\n${address}`),
    byAddress.attempt(address),
  ]);
  const wait = Math.max(0, ...attempts.map(({ decision }) => (decision.isAllowed ? 0 : decision.retryAfterSeconds)));
  if (wait > 0) {
    await Promise.all(attempts.map((a) => a.takeBack()));
    throw passwordThrottledError(wait);
  }
  const account = await verifyCredentials(normalized, password);
  if (account) await Promise.all(attempts.map((a) => a.takeBack()));
  return account;
}
