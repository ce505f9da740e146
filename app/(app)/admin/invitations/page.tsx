import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { findInvitations } from "@/lib/accounts/invitations";
import { getInstanceSettings } from "@/lib/instance/settings";
import { InvitationsPanel, type TInvitationView } from "@/components/admin/invitations-panel";
import { createInvitationAction, deleteInvitationAction } from "../actions";

export const metadata: Metadata = { title: "Admin: invitations" };

export default async function AdminInvitationsPage() {
  await requireAdmin();
  const [invitations, settings] = await Promise.all([findInvitations(), getInstanceSettings()]);
  const views: TInvitationView[] = invitations.map((i) => ({
    id: i.id,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    usedAt: i.usedAt?.toISOString() ?? null,
    usedByEmail: i.usedByEmail,
    status: i.status,
  }));
  return (
    <section aria-labelledby="admin-invitations-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="admin-invitations-heading" className="text-xl font-semibold tracking-tight">
          Invitations
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Single-use sign-up links. Each makes one account and stops working when it is used or expires.
          {settings.signupMode === "invite"
            ? " Sign-up is invite-only, so these links are the way in."
            : settings.signupMode === "open"
              ? " Sign-up is open now: anyone can sign up, with or without a link."
              : " Sign-up is closed now: links do not work until it is invite-only again."}
        </p>
      </div>
      <InvitationsPanel
        invitations={views}
        createAction={createInvitationAction}
        deleteAction={deleteInvitationAction}
      />
    </section>
  );
}
