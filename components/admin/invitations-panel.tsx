"use client";

import { useMemo, useState, useTransition, type FormEvent } from "react";
import { getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/field-error";
import { LocalTime } from "@/components/ui/local-time";
import { TextField } from "@/components/ui/text-field";
import type { TCreateInvitationAction, TDeleteInvitationAction } from "@/components/admin/types";

export type TInvitationView = {
  id: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByEmail: string | null;
  status: "unused" | "used" | "expired";
};

function StatusBadge({ invitation }: { invitation: TInvitationView }) {
  if (invitation.status === "used") return <Badge>Used</Badge>;
  if (invitation.status === "expired") return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Unused</Badge>;
}

/** Makes single-use sign-up links (shown once) and lists the ones made before. */
export function InvitationsPanel({
  invitations,
  createAction,
  deleteAction,
}: {
  invitations: TInvitationView[];
  createAction: TCreateInvitationAction;
  deleteAction: TDeleteInvitationAction;
}) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get("days") ?? "");
    startTransition(async () => {
      const result = await createAction({ expiresInDays: days });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setLink({ url: result.data.link, expiresAt: result.data.expiresAt });
    });
  }

  const columns = useMemo<ColumnDef<TInvitationView>[]>(
    () => [
      {
        id: "createdAt",
        header: "Made",
        cell: ({ row }) => <LocalTime iso={row.original.createdAt} />,
      },
      {
        id: "expiresAt",
        header: "Expires",
        cell: ({ row }) => <LocalTime iso={row.original.expiresAt} />,
      },
      { id: "status", header: "Status", cell: ({ row }) => <StatusBadge invitation={row.original} /> },
      {
        id: "usedBy",
        header: "Used by",
        cell: ({ row }) =>
          row.original.usedAt ? (row.original.usedByEmail ?? "a deleted account") : <span aria-hidden="true">—</span>,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          row.original.status === "unused" ? (
            <div className="flex justify-end">
              <Button
                variant="outline"
                size="sm"
                disabled={isPending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await deleteAction({ id: row.original.id });
                    if (result.ok) toast.success("Invitation withdrawn: its link no longer works.");
                    else toast.error(result.error);
                  })
                }
              >
                Withdraw
              </Button>
            </div>
          ) : null,
      },
    ],
    [deleteAction, isPending],
  );
  // TanStack Table returns functions that cannot be memoized; the React Compiler lint knows it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: invitations,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
  });

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onCreate} noValidate className="flex flex-col gap-3 rounded-xl border bg-card p-5 shadow-xs">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="sm:w-48">
            <TextField
              id="invitation-days"
              name="days"
              type="number"
              inputMode="numeric"
              label="Expires after (days)"
              defaultValue="7"
              min={1}
              max={365}
              required
            />
          </div>
          <Button type="submit" isPending={isPending}>
            {isPending ? "Making link…" : "Make invitation link"}
          </Button>
        </div>
        <FormError message={error} />
        {link ? (
          <div className="flex flex-col gap-2 rounded-lg border border-brand/30 bg-brand-soft p-4" role="status">
            <p className="text-sm font-medium">
              Send this link to the person you invite. It works once, until <LocalTime iso={link.expiresAt} />, and is
              not shown again.
            </p>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <code
                data-testid="invitation-link"
                className="min-w-0 flex-1 rounded bg-background px-2 py-1.5 font-mono text-xs break-all"
              >
                {link.url}
              </code>
              <CopyButton value={link.url} label="Copy link" size="sm" />
            </div>
          </div>
        ) : null}
      </form>
      <DataTable
        table={table}
        caption="Invitations"
        density="compact"
        minWidth="min-w-[40rem]"
        regionLabel="Invitations"
        empty={<p className="text-center text-sm text-muted-foreground">No invitations made yet.</p>}
      />
    </div>
  );
}
