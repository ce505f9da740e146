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
import type { TModelSummary } from "@/lib/docs/types";
import { FilterInput } from "@/components/catalog/filter-input";
import { matchesModelText, modelsColumns } from "@/components/catalog/models-table-columns";
import { TableEmptyState } from "@/components/catalog/table-empty-state";
import { ToggleChip } from "@/components/catalog/toggle-chip";
import { DataTable } from "@/components/ui/data-table";
import { useIsClient } from "@/components/ui/use-is-client";

/** Every model in the catalog: searchable by name, id or provider; sortable by each column. */
export function ModelsTable({ models }: { models: TModelSummary[] }) {
  const searchId = useId();
  // The controls work only once the page is interactive; until then they say so by being disabled.
  const isReady = useIsClient();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [query, setQuery] = useState("");
  const [isConfiguredOnly, setIsConfiguredOnly] = useState(false);

  // Memoized: a new array on every render would make the table recompute its rows every render.
  const columnFilters = useMemo<ColumnFiltersState>(
    () => (isConfiguredOnly ? [{ id: "providers", value: true }] : []),
    [isConfiguredOnly],
  );

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: models,
    columns: modelsColumns,
    state: { sorting, globalFilter: query, columnFilters },
    onSortingChange: setSorting,
    globalFilterFn: matchesModelText,
    getColumnCanGlobalFilter: (column) => column.id === "model",
    sortDescFirst: false,
    // There is no paging; left on, the reset would set state after every filter change, and loop.
    autoResetPageIndex: false,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const shown = table.getRowModel().rows.length;
  const isFiltered = query.trim() !== "" || isConfiguredOnly;
  const clearFilters = () => {
    setQuery("");
    setIsConfiguredOnly(false);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <FilterInput
          id={searchId}
          isDisabled={!isReady}
          label="Search models"
          value={query}
          onChange={setQuery}
          placeholder="Name, id or provider"
        />
        <ToggleChip isDisabled={!isReady} isPressed={isConfiguredOnly} onPressedChange={setIsConfiguredOnly}>
          Configured on this server
        </ToggleChip>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <p role="status" className="text-muted-foreground">
          {shown} of {models.length} models
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
        caption="Models: context length, price range per million tokens, and how many providers serve each"
        minWidth="min-w-[46rem]"
        empty={
          models.length === 0 ? (
            <p className="text-center text-muted-foreground">The catalog lists no models yet.</p>
          ) : (
            <TableEmptyState
              title="No model matches"
              description="Try a shorter search, a provider's name, or a model id such as author/model."
              onClear={clearFilters}
            />
          )
        }
      />
    </div>
  );
}
