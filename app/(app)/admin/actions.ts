"use server";

// /admin's actions. Every one is an adminAction: anyone but a signed-in admin gets 404.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/actions/define-action";
import { createInvitation, deleteInvitation, MAX_INVITATION_DAYS } from "@/lib/accounts/invitations";
import { deleteAccountAsAdmin, updateDisabled, updateRole, ZRole } from "@/lib/accounts/roles";
import { getCatalog } from "@/lib/catalog/store";
import { updatePolicyFloor, updateSignupMode, ZPolicyFloor } from "@/lib/instance/settings";
import { getAccountLimitsView, setAccountLimits } from "@/lib/accounts/limits";
import { limitsOrFieldErrors, NO_LIMITS, ZLimitsForm } from "@/lib/keys/guardrails-schema";
import { ZSignupMode } from "@/lib/instance/signup-modes";

const ZUserId = z.string().min(1).max(64);

export const updateUserRoleAction = adminAction(
  "updateUserRole",
  z.object({ userId: ZUserId, role: ZRole }),
  async (_admin, { userId, role }) => {
    const status = await updateRole(userId, role);
    revalidatePath("/admin");
    return status;
  },
);

export const updateUserDisabledAction = adminAction(
  "updateUserDisabled",
  z.object({ userId: ZUserId, isDisabled: z.boolean() }),
  async (_admin, { userId, isDisabled }) => {
    const status = await updateDisabled(userId, isDisabled);
    revalidatePath("/admin");
    return status;
  },
);

export const deleteUserAction = adminAction("deleteUser", z.object({ userId: ZUserId }), async (_admin, { userId }) => {
  await deleteAccountAsAdmin(userId);
  revalidatePath("/admin");
  return { userId };
});

/** Sets an account's limits from /admin's form (every field: an empty one sets no limit), or removes them all. */
export const updateUserLimitsAction = adminAction(
  "updateUserLimits",
  z.object({ userId: ZUserId, limits: ZLimitsForm.nullable() }),
  async (_admin, { userId, limits }) => {
    await setAccountLimits(userId, limits === null ? NO_LIMITS : limitsOrFieldErrors(limits));
    revalidatePath("/admin");
    return getAccountLimitsView(userId);
  },
);

export const createInvitationAction = adminAction(
  "createInvitation",
  z.object({
    expiresInDays: z
      .number({ error: "Give the number of days." })
      .int({ error: "Use a whole number of days." })
      .min(1, { error: "An invitation lasts at least 1 day." })
      .max(MAX_INVITATION_DAYS, { error: `An invitation lasts at most ${MAX_INVITATION_DAYS} days.` }),
  }),
  async (admin, { expiresInDays }) => {
    const { link, invitation } = await createInvitation(admin.id, expiresInDays);
    revalidatePath("/admin/invitations");
    return { link, expiresAt: invitation.expiresAt.toISOString() };
  },
);

export const deleteInvitationAction = adminAction(
  "deleteInvitation",
  z.object({ id: z.string().min(1).max(64) }),
  async (_admin, { id }) => {
    await deleteInvitation(id);
    revalidatePath("/admin/invitations");
    return { id };
  },
);

export const updateSignupModeAction = adminAction(
  "updateSignupMode",
  z.object({ mode: ZSignupMode }),
  async (_admin, { mode }) => {
    const settings = await updateSignupMode(mode);
    revalidatePath("/admin/instance");
    return { signupMode: settings.signupMode };
  },
);

export const updatePolicyFloorAction = adminAction("updatePolicyFloor", ZPolicyFloor, async (_admin, floor) => {
  const catalog = await getCatalog();
  const settings = await updatePolicyFloor(floor, {
    providers: new Set(catalog.providerBySlug.keys()),
    models: new Set(catalog.modelById.keys()),
  });
  revalidatePath("/admin/instance");
  return settings.floor;
});
