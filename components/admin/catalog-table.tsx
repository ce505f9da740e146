"use client";

import { useState } from "react";
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import type { TAdminProviderRow } from "@/lib/admin/catalog";
import { formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";

const COLUMNS: ColumnDef<TAdminProviderRow>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: "Provider",
    cell: ({ row }) => (
      <div className="flex flex-col">
        <span className="font-medium">{row.original.name}</span>
        <span className="font-mono text-xs text-muted-foreground">{row.original.slug}</span>
      </div>
    ),
  },
  {
    id: "configured",
    accessorFn: (row) => (row.isConfigured ? 1 : 0),
    header: "Key",
    cell: ({ row }) =>
      row.original.isConfigured ? (
        <Badge tone="success">Configured</Badge>
      ) : (
        <Badge tone="warning">{row.original.apiKeyEnv ? `Not set: ${row.original.apiKeyEnv}` : "Not configured"}</Badge>
      ),
  },
  {
    id: "policyCheckedAt",
    accessorFn: (row) => row.policyCheckedAt ?? "",
    header: "Policy checked",
    cell: ({ row }) => row.original.policyCheckedAt ?? "Unknown",
  },
  {
    id: "models",
    accessorKey: "models",
    header: "Models",
    meta: { isNumeric: true },
    cell: ({ row }) => formatInteger(row.original.models),
  },
];

/** The loaded catalog's providers: whether each has its key on this server, and its policy's date. */
export function CatalogTable({ rows }: { rows: TAdminProviderRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // TanStack Table returns functions that cannot be memoized; the React Compiler lint knows it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => row.slug,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <DataTable
      table={table}
      caption="Providers in the loaded catalog"
      density="compact"
      minWidth="min-w-[36rem]"
      regionLabel="Providers"
      empty={<p className="text-center text-sm text-muted-foreground">The loaded catalog has no providers.</p>}
    />
  );
}
