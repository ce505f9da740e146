"use client";

import { useMemo, useState } from "react";
import { getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import type { TAdminUserRow } from "@/lib/admin/users";
import { DataTable } from "@/components/ui/data-table";
import { userColumns, type TUserActions } from "@/components/admin/users-table-columns";

/** The accounts matching the search, sortable, each with its role, status, usage and actions. */
export function UsersTable({
  rows,
  actions,
  search,
}: {
  rows: TAdminUserRow[];
  actions: TUserActions;
  search: string;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => userColumns(actions), [actions]);
  // TanStack Table returns functions that cannot be memoized; the React Compiler lint knows it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <DataTable
      table={table}
      caption="Accounts"
      density="compact"
      minWidth="min-w-[64rem]"
      regionLabel="Accounts"
      empty={
        <p className="text-center text-sm text-muted-foreground">
          {search ? `No account's email contains “${search}”.` : "No accounts yet."}
        </p>
      }
    />
  );
}
