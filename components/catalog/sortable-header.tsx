"use client";

import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { useIsClient } from "@/components/ui/use-is-client";

/**
 * A column heading that sorts when pressed. The state is announced by `aria-sort` on the
 * enclosing <th> (see CatalogTable); the button's name stays the column's name. It is disabled
 * until the page is interactive, so a press is never silently lost.
 */
export function SortableHeader<TRow>({ column, label }: { column: Column<TRow, unknown>; label: string }) {
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  const isClient = useIsClient();
  return (
    <button
      type="button"
      disabled={!isClient}
      onClick={column.getToggleSortingHandler()}
      className="-mx-2 inline-flex cursor-pointer items-center disabled:cursor-default gap-1 rounded-md px-2 py-1 text-left text-xs font-medium tracking-wide uppercase transition-colors hover:bg-muted hover:text-foreground"
    >
      {label}
      <Icon className={sorted ? "size-3.5 shrink-0 text-foreground" : "size-3.5 shrink-0 opacity-60"} aria-hidden="true" />
    </button>
  );
}
