import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { findAdminUsers, USAGE_DAYS } from "@/lib/admin/users";
import { UserSearch } from "@/components/admin/user-search";
import { UsersTable } from "@/components/admin/users-table";
import { deleteUserAction, updateUserDisabledAction, updateUserLimitsAction, updateUserRoleAction } from "./actions";

export const metadata: Metadata = { title: "Admin: users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const admin = await requireAdmin();
  const q = (await searchParams).q;
  const search = typeof q === "string" ? q : "";
  const { rows, isTruncated } = await findAdminUsers(search);
  return (
    <section aria-labelledby="admin-users-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="admin-users-heading" className="text-xl font-semibold tracking-tight">
          Users
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Every account on this Privet, with its usage over the last {USAGE_DAYS} days. A disabled account cannot sign
          in, and its sessions and API keys stop at once. Limits bound what an account may spend and reach, on the API
          and in the chat alike.
        </p>
      </div>
      <UserSearch search={search} />
      <UsersTable
        rows={rows}
        search={search}
        actions={{
          updateRole: updateUserRoleAction,
          updateDisabled: updateUserDisabledAction,
          deleteUser: deleteUserAction,
          updateLimits: updateUserLimitsAction,
          selfId: admin.id,
        }}
      />
      {isTruncated ? (
        <p className="text-sm text-muted-foreground">Showing the newest {rows.length} matches: search to narrow.</p>
      ) : null}
    </section>
  );
}
