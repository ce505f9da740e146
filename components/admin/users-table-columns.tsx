"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { TAdminUserRow } from "@/lib/admin/users";
import { formatCost, formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { guardrailsSummary, spendAgainstLimit } from "@/components/keys/guardrails-summary";
import type {
  TDeleteUserAction,
  TUpdateUserDisabledAction,
  TUpdateUserLimitsAction,
  TUpdateUserRoleAction,
} from "@/components/admin/types";

export type TUserActions = {
  updateRole: TUpdateUserRoleAction;
  updateDisabled: TUpdateUserDisabledAction;
  deleteUser: TDeleteUserAction;
  updateLimits: TUpdateUserLimitsAction;
  /** The signed-in admin, who is told before acting on their own account. */
  selfId: string;
};

export function userColumns(actions: TUserActions): ColumnDef<TAdminUserRow>[] {
  return [
    {
      id: "email",
      accessorKey: "email",
      header: "Email",
      cell: ({ row }) => (
        <span className="font-medium break-all">
          {row.original.email}
          {row.original.id === actions.selfId ? <span className="ml-1.5 text-muted-foreground">(you)</span> : null}
        </span>
      ),
    },
    {
      id: "role",
      accessorKey: "role",
      header: "Role",
      cell: ({ row }) => (row.original.role === "admin" ? <Badge tone="success">Admin</Badge> : <Badge>Member</Badge>),
    },
    {
      id: "status",
      accessorFn: (row) => (row.isDisabled ? "disabled" : "active"),
      header: "Status",
      cell: ({ row }) =>
        row.original.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>,
    },
    {
      id: "requests",
      accessorKey: "requests",
      header: "Requests (30 days)",
      meta: { isNumeric: true },
      cell: ({ row }) => formatInteger(row.original.requests),
    },
    {
      id: "cost",
      accessorKey: "cost",
      header: "Cost (30 days)",
      meta: { isNumeric: true },
      cell: ({ row }) => formatCost(row.original.cost),
    },
    {
      id: "limits",
      accessorFn: (row) => (row.limits ? guardrailsSummary(row.limits.limits).join(" · ") : ""),
      header: "Limits",
      enableSorting: false,
      cell: ({ row }) => {
        const view = row.original.limits;
        if (!view) return <span className="text-muted-foreground">None</span>;
        const usage = spendAgainstLimit(view);
        return (
          <span className="flex flex-col">
            <span>{guardrailsSummary(view.limits).join(" · ")}</span>
            {usage ? <span className="text-xs text-muted-foreground">{usage}</span> : null}
          </span>
        );
      },
    },
    {
      id: "createdAt",
      accessorKey: "createdAt",
      header: "Joined",
      cell: ({ row }) => <LocalTime iso={row.original.createdAt} precision="date" />,
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => <UserRowActions user={row.original} actions={actions} />,
    },
  ];
}
