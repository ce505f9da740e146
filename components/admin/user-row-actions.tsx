"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { TAdminUserRow } from "@/lib/admin/users";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";
import type { TUserActions } from "@/components/admin/users-table-columns";
import { UserLimitsButton } from "@/components/admin/user-limits-button";

/** Role, disable/enable and delete for one account; deleting asks first. */
export function UserRowActions({ user, actions }: { user: TAdminUserRow; actions: TUserActions }) {
  const [isPending, startTransition] = useTransition();
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  function run<T>(action: () => Promise<{ ok: true; data: T } | { ok: false; error: string }>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) toast.success(success);
      else toast.error(result.error);
    });
  }

  const isAdmin = user.role === "admin";
  return (
    <div className="flex justify-end gap-2">
      <UserLimitsButton user={user} updateLimits={actions.updateLimits} />
      <Button
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={isAdmin ? `Make ${user.email} a member` : `Make ${user.email} an admin`}
        onClick={() =>
          run(
            () => actions.updateRole({ userId: user.id, role: isAdmin ? "member" : "admin" }),
            isAdmin ? `${user.email} is now a member.` : `${user.email} is now an admin.`,
          )
        }
      >
        {isAdmin ? "Make member" : "Make admin"}
      </Button>
      <Button
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={user.isDisabled ? `Enable ${user.email}` : `Disable ${user.email}`}
        onClick={() =>
          run(
            () => actions.updateDisabled({ userId: user.id, isDisabled: !user.isDisabled }),
            user.isDisabled
              ? `${user.email} is enabled again.`
              : `${user.email} is disabled: signed out everywhere, its API keys stopped.`,
          )
        }
      >
        {user.isDisabled ? "Enable" : "Disable"}
      </Button>
      <Button
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={`Delete ${user.email}`}
        onClick={() => setIsDeleteOpen(true)}
      >
        Delete
      </Button>
      <Dialog
        open={isDeleteOpen}
        onOpenChange={(open) => {
          if (isPending) return;
          setIsDeleteOpen(open);
          if (!open) setDeleteError(null);
        }}
        title={`Delete ${user.email}?`}
        description={
          <p>
            The account and everything that is its — activity, logged content, API keys, settings — are deleted at once.
            This cannot be undone.
          </p>
        }
      >
        <div className="flex flex-col gap-4">
          <FormError message={deleteError} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => setIsDeleteOpen(false)} disabled={isPending} autoFocus>
              Cancel
            </Button>
            <Button
              variant="destructive"
              isPending={isPending}
              onClick={() =>
                startTransition(async () => {
                  const result = await actions.deleteUser({ userId: user.id });
                  if (!result.ok) {
                    setDeleteError(result.error);
                    return;
                  }
                  setIsDeleteOpen(false);
                  toast.success(`Deleted ${user.email}.`);
                })
              }
            >
              {isPending ? "Deleting…" : "Delete account"}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
