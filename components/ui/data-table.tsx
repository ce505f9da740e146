"use client";

import type { MouseEvent, ReactNode } from "react";
import { flexRender, type Column, type Row, type Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { PHONE_CARDS } from "@/components/ui/phone-cards";
import { useIsClient } from "@/components/ui/use-is-client";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match TanStack's declaration
  interface ColumnMeta<TData, TValue> {
    /** Right-aligned, with figures of equal width. */
    isNumeric?: boolean;
  }
}

function ariaSort(sorted: false | "asc" | "desc") {
  if (sorted === "asc") return "ascending" as const;
  if (sorted === "desc") return "descending" as const;
  return "none" as const;
}

/**
 * A column heading that sorts when pressed. The state is announced by `aria-sort` on the <th>;
 * the button's name stays the column's name. It is disabled until the page is interactive, so a
 * press is never silently lost.
 */
function SortButton<TRow>({ column, children }: { column: Column<TRow, unknown>; children: ReactNode }) {
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  const isClient = useIsClient();
  return (
    <button
      type="button"
      disabled={!isClient}
      onClick={column.getToggleSortingHandler()}
      className={cn(
        "-mx-2 inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-left text-xs font-medium tracking-wide uppercase transition-colors hover:bg-muted hover:text-foreground disabled:cursor-default",
        column.columnDef.meta?.isNumeric && "flex-row-reverse",
      )}
    >
      {children}
      <Icon
        className={sorted ? "size-3.5 shrink-0 text-foreground" : "size-3.5 shrink-0 opacity-60"}
        aria-hidden="true"
      />
    </button>
  );
}

/** A click on a row outside its links and buttons, and not the end of selecting text. */
function isRowClick(event: MouseEvent) {
  return !(event.target as HTMLElement).closest("a, button") && !window.getSelection()?.toString();
}

/**
 * Renders a TanStack table, sorted on the client or by the server (`manualSorting`) alike: a
 * bordered card that scrolls sideways inside itself on narrow screens (the page never does). A
 * sortable column's heading is a button with `aria-sort` on its <th>. The container is `relative`
 * so visually hidden text in the cells (absolutely positioned) is clipped with them instead of
 * widening the page.
 */
export function DataTable<TRow>({
  table,
  caption,
  empty,
  rowId,
  onRowClick,
  hasRowHeaders = false,
  density = "comfortable",
  minWidth,
  regionLabel,
  cardsOnPhone = false,
}: {
  table: Table<TRow>;
  caption: string;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  /** An element id per row, for deep links (`#id` highlights the row). */
  rowId?: (row: Row<TRow>) => string;
  /** Opens the row; the row's own link should do the same for keyboards and screen readers. */
  onRowClick?: (row: Row<TRow>) => void;
  /** The first column names the row (a row header) and stays pinned when the table scrolls sideways. */
  hasRowHeaders?: boolean;
  /** "comfortable": cells may wrap and align at the top; "compact": one line per row. */
  density?: "comfortable" | "compact";
  /** A min-width class below which the table scrolls sideways. */
  minWidth?: string;
  /** Makes the scrolling container a focusable region with this name. */
  regionLabel?: string;
  /** Below `sm`, each row becomes a card with each cell under its column's name (phone-cards.ts). */
  cardsOnPhone?: boolean;
}) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  const isCompact = density === "compact";
  const cellClass = isCompact ? "py-2.5 align-middle" : "py-3 align-top";
  const region = regionLabel ? ({ role: "region", tabIndex: 0, "aria-label": regionLabel } as const) : {};
  return (
    <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs" {...region}>
      <table
        className={cn(
          "w-full border-collapse text-sm",
          isCompact && "whitespace-nowrap",
          minWidth,
          cardsOnPhone && PHONE_CARDS.table,
        )}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className={cn("border-b bg-muted", cardsOnPhone && PHONE_CARDS.head)}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header, index) => {
                const { column } = header;
                const label = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={column.getCanSort() ? ariaSort(column.getIsSorted()) : undefined}
                    className={cn(
                      "px-3 py-2.5 text-left align-bottom text-xs font-medium tracking-wide text-muted-foreground uppercase first:pl-4 last:pr-4",
                      column.columnDef.meta?.isNumeric && "text-right",
                      hasRowHeaders && index === 0 && "sticky left-0 z-10 border-r bg-muted",
                    )}
                  >
                    {column.getCanSort() ? (
                      <SortButton column={column}>{label}</SortButton>
                    ) : (
                      <span className="inline-block py-1">{label}</span>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className={cn(cardsOnPhone && PHONE_CARDS.body)}>
          {rows.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columnCount} className="px-4 py-12">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                id={rowId?.(row)}
                onClick={onRowClick ? (event) => isRowClick(event) && onRowClick(row) : undefined}
                className={cn(
                  "group scroll-mt-24 border-b last:border-b-0 target:bg-brand-soft",
                  onRowClick && "cursor-pointer transition-colors hover:bg-muted/50",
                  cardsOnPhone && PHONE_CARDS.row,
                )}
              >
                {row.getVisibleCells().map((cell, index) => {
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  const header = cell.column.columnDef.header;
                  const label = cardsOnPhone ? (typeof header === "string" ? header : cell.column.id) : undefined;
                  return hasRowHeaders && index === 0 ? (
                    <th
                      key={cell.id}
                      scope="row"
                      data-label={label}
                      className={cn(
                        "sticky left-0 z-10 min-w-36 border-r bg-card pr-3 pl-4 text-left font-normal group-target:bg-brand-soft sm:min-w-44",
                        cellClass,
                        cardsOnPhone && PHONE_CARDS.cell,
                      )}
                    >
                      {content}
                    </th>
                  ) : (
                    <td
                      key={cell.id}
                      data-label={label}
                      className={cn(
                        "px-3 first:pl-4 last:pr-4",
                        cellClass,
                        cell.column.columnDef.meta?.isNumeric && "text-right tabular-nums",
                        cardsOnPhone && PHONE_CARDS.cell,
                      )}
                    >
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
