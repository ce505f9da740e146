"use client";

import { useId, useMemo, useState } from "react";
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from "@tanstack/react-table";
import type { TProviderPolicyRow } from "@/lib/docs/types";
import { FilterInput } from "@/components/catalog/filter-input";
import { matchesProviderText, providerPolicyColumns } from "@/components/catalog/provider-policy-table-columns";
import { TableEmptyState } from "@/components/catalog/table-empty-state";
import { ToggleChip } from "@/components/catalog/toggle-chip";
import { DataTable } from "@/components/ui/data-table";
import { useIsClient } from "@/components/ui/use-is-client";

/**
 * Every provider in this install's catalog with its published data policy: sortable, filterable by
 * text, and narrowed by two quick filters. Rows carry `id="provider-<slug>"` for deep links.
 */
export function ProviderPolicyTable({ rows }: { rows: TProviderPolicyRow[] }) {
  const filterId = useId();
  // The controls work only once the page is interactive; until then they say so by being disabled.
  const isReady = useIsClient();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [query, setQuery] = useState("");
  const [isZeroRetentionOnly, setIsZeroRetentionOnly] = useState(false);
  const [isNoTrainingOnly, setIsNoTrainingOnly] = useState(false);

  // Memoized: a new array on every render would make the table recompute its rows every render.
  const columnFilters = useMemo<ColumnFiltersState>(
    () => [
      ...(isZeroRetentionOnly ? [{ id: "retention", value: true }] : []),
      ...(isNoTrainingOnly ? [{ id: "training", value: true }] : []),
    ],
    [isZeroRetentionOnly, isNoTrainingOnly],
  );

  // TanStack Table returns functions that cannot be memoized; the React Compiler lint knows it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: providerPolicyColumns,
    state: { sorting, globalFilter: query, columnFilters },
    onSortingChange: setSorting,
    globalFilterFn: matchesProviderText,
    getColumnCanGlobalFilter: (column) => column.id === "provider",
    sortDescFirst: false,
    // There is no paging; left on, the reset would set state after every filter change, and loop.
    autoResetPageIndex: false,
    getRowId: (row) => row.slug,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const shown = table.getRowModel().rows.length;
  const isFiltered = query.trim() !== "" || isZeroRetentionOnly || isNoTrainingOnly;
  const clearFilters = () => {
    setQuery("");
    setIsZeroRetentionOnly(false);
    setIsNoTrainingOnly(false);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <FilterInput
          id={filterId}
          isDisabled={!isReady}
          label="Filter providers"
          value={query}
          onChange={setQuery}
          placeholder="Name, slug or country"
        />
        <div role="group" aria-label="Quick filters" className="flex flex-wrap gap-2">
          <ToggleChip isDisabled={!isReady} isPressed={isZeroRetentionOnly} onPressedChange={setIsZeroRetentionOnly}>
            Zero retention
          </ToggleChip>
          <ToggleChip isDisabled={!isReady} isPressed={isNoTrainingOnly} onPressedChange={setIsNoTrainingOnly}>
            Does not train
          </ToggleChip>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <p role="status" className="text-muted-foreground">
          {shown} of {rows.length} providers
        </p>
        {isFiltered && shown > 0 ? (
          <button
            type="button"
            onClick={clearFilters}
            className="cursor-pointer font-medium text-brand underline-offset-4 hover:underline"
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <DataTable
        table={table}
        hasRowHeaders
        minWidth="min-w-[48rem]"
        caption="Provider data policies: retention, training, zero data retention, headquarters, when the policy was checked, and links to the provider's terms"
        rowId={(row) => row.original.anchorId}
        empty={
          rows.length === 0 ? (
            <p className="text-center text-muted-foreground">
              The catalog lists no providers yet. The operator loads one with{" "}
              <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-foreground">
                privet catalog load
              </code>
              .
            </p>
          ) : (
            <TableEmptyState
              title="No provider matches"
              description="No provider in the catalog fits every filter you chose. Loosen one, or clear them all."
              onClear={clearFilters}
            />
          )
        }
      />
    </div>
  );
}
