// Sign-up under the instance's mode (lib/instance/settings.ts): open, invite (a single-use link,
// lib/accounts/invitations.ts) or closed. Throttled per client address. The answer is the same
// whether or not the email already has an account — an existing account is left untouched and
// the password is hashed all the same, so neither the answer nor its time tells them apart.
// (The form then signs in with the submitted password, which works only for a new account: that
// residual is bounded by this throttle and the sign-in throttle, README "Sign-up".)
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createAccount } from "@/lib/accounts/accounts";
import { claimInvitation, recordInvitationUse } from "@/lib/accounts/invitations";
import { hashPassword } from "@/lib/auth/password";
import { ZSignUp } from "@/lib/auth/schemas";
import { getInstanceSettings } from "@/lib/instance/settings";
import { signUpLimiter } from "@/lib/ratelimit/limits";

export const SIGNUP_CLOSED = "Sign-up is closed on this Privet. Ask its admin for an account.";
export const SIGNUP_NEEDS_INVITATION =
  "Sign-up on this Privet needs an invitation link. Ask one of its admins for one.";

function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export async function signUp(
  input: { email: string; password: string; invite?: string | undefined },
  address: string,
): Promise<{ email: string }> {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid input.");
  const { email, password } = parsed.data;
  const { signupMode } = await getInstanceSettings();
  if (signupMode === "closed") throw new AppError("forbidden", SIGNUP_CLOSED);
  if (signupMode === "invite" && !input.invite) throw new AppError("forbidden", SIGNUP_NEEDS_INVITATION);
  const decision = await signUpLimiter().hit(address);
  if (!decision.isAllowed)
    throw new AppError(
      "rate_limited",
      `Too many sign-ups from here. Try again in ${waitText(decision.retryAfterSeconds)}.`,
      {
        metadata: { retry_after_seconds: decision.retryAfterSeconds },
      },
    );
  const invitationId = signupMode === "invite" ? await claimInvitation(input.invite!) : null;
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    await hashPassword(password);
    return { email };
  }
  try {
    const account = await createAccount({ email, password });
    if (invitationId) await recordInvitationUse(invitationId, account.id);
  } catch (error) {
    // Two sign-ups racing for one email: the other one won; the answer stays the same.
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
  }
  return { email };
}
