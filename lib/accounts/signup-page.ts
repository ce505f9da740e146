// What the sign-up page shows under the instance's sign-up mode: the form, or why there is none.
import { INVITATION_REFUSED, isInvitationUsable } from "@/lib/accounts/invitations";
import { SIGNUP_CLOSED, SIGNUP_NEEDS_INVITATION } from "@/lib/accounts/signup";
import { getInstanceSettings } from "@/lib/instance/settings";

export type TSignUpPageState = { kind: "form"; invite?: string } | { kind: "refused"; message: string };

export async function getSignUpPageState(invite: string | undefined): Promise<TSignUpPageState> {
  const { signupMode } = await getInstanceSettings();
  if (signupMode === "open") return { kind: "form" };
  if (signupMode === "closed") return { kind: "refused", message: SIGNUP_CLOSED };
  if (!invite) return { kind: "refused", message: SIGNUP_NEEDS_INVITATION };
  if (invite.length > 200 || !(await isInvitationUsable(invite)))
    return { kind: "refused", message: INVITATION_REFUSED };
  return { kind: "form", invite };
}
