"use client";

import type { ReactNode } from "react";
import { flexRender, type Row, type Table } from "@tanstack/react-table";
import { cn } from "@/components/ui/cn";

function ariaSort(sorted: false | "asc" | "desc", canSort: boolean) {
  if (!canSort) return undefined;
  if (sorted === "asc") return "ascending" as const;
  if (sorted === "desc") return "descending" as const;
  return "none" as const;
}

/**
 * Renders a TanStack table the catalog way: a bordered card that scrolls sideways inside itself on
 * narrow screens (the page never does), with the first column pinned so every row keeps its name.
 * The container is `relative` so visually hidden text in the cells (absolutely positioned) is
 * clipped with them instead of widening the page.
 */
export function CatalogTable<TRow>({
  table,
  caption,
  empty,
  rowId,
  minWidth = "min-w-[48rem]",
}: {
  table: Table<TRow>;
  caption: string;
  /** Shown in place of the rows when the filters leave none. */
  empty: ReactNode;
  rowId?: (row: Row<TRow>) => string;
  minWidth?: string;
}) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className={cn("w-full border-collapse text-sm", minWidth)}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header, index) => (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={ariaSort(header.column.getIsSorted(), header.column.getCanSort())}
                  className={cn(
                    "px-3 py-2.5 text-left align-bottom text-xs font-medium tracking-wide text-muted-foreground uppercase first:pl-4",
                    index === 0 && "sticky left-0 z-10 border-r bg-muted",
                  )}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="px-4 py-12">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} id={rowId?.(row)} className="group scroll-mt-24 border-b last:border-b-0 target:bg-brand-soft">
                {row.getVisibleCells().map((cell, index) =>
                  index === 0 ? (
                    <th
                      key={cell.id}
                      scope="row"
                      className="sticky left-0 z-10 min-w-36 border-r bg-card py-3 pr-3 pl-4 text-left align-top font-normal group-target:bg-brand-soft sm:min-w-44"
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td key={cell.id} className="px-3 py-3 align-top last:pr-4">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
