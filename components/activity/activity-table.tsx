"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { flexRender, getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { activityHref, parseActivityQuery, ACTIVITY_SORTS, type TActivitySort } from "@/lib/activity/query";
import type { TActivityRow } from "@/lib/activity/view";
import { cn } from "@/components/ui/cn";
import { activityColumns } from "@/components/activity/activity-table-columns";
import { useActivityNavigation } from "@/components/activity/activity-navigation";

const TH = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const TD = "px-3 py-2.5 align-middle whitespace-nowrap";

/**
 * One page of requests. Sorting, filtering and paging happen on the server (TanStack Table runs in
 * manual mode): a header click navigates to the sorted URL, which starts again at the first page.
 */
export function ActivityTable({ rows, queryString, sort, dir }: { rows: TActivityRow[]; queryString: string; sort: TActivitySort; dir: "asc" | "desc" }) {
  const router = useRouter();
  const { navigate } = useActivityNavigation();
  const query = parseActivityQuery(new URLSearchParams(queryString));
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];

  function onSortingChange(updater: Updater<SortingState>) {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    const id = next && (ACTIVITY_SORTS as readonly string[]).includes(next.id) ? (next.id as TActivitySort) : "date";
    navigate(activityHref({ ...query, sort: next ? id : "date", dir: next && !next.desc ? "asc" : "desc", after: null, before: null }));
  }

  // TanStack Table 8 hands back new functions each render; this component renders one server-sent
  // page and nothing below it is memoized, so the compiler's skip is harmless.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: activityColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    sortDescFirst: true,
    state: { sorting },
    onSortingChange,
  });

  return (
    <div className="overflow-x-auto rounded-xl border bg-card shadow-xs" tabIndex={0} role="region" aria-label="Requests table (scrolls sideways)">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Your requests. Select a date to see a request&apos;s details.</caption>
        <thead className="border-b bg-muted/40">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cn(TH, meta?.isNumeric && "text-right")}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className={cn(
                          "inline-flex cursor-pointer items-center gap-1 rounded-sm uppercase hover:text-foreground",
                          meta?.isNumeric && "flex-row-reverse",
                          sorted && "text-foreground",
                        )}
                      >
                        {label}
                        {sorted === "asc" ? (
                          <ArrowUp className="size-3.5" aria-hidden="true" />
                        ) : sorted === "desc" ? (
                          <ArrowDown className="size-3.5" aria-hidden="true" />
                        ) : (
                          <ArrowUpDown className="size-3.5 opacity-50" aria-hidden="true" />
                        )}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const href = `/activity/${encodeURIComponent(row.original.id)}`;
            return (
              <tr
                key={row.id}
                // The date cell is the row's link for keyboards and screen readers; a click anywhere opens it too.
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest("a, button") || window.getSelection()?.toString()) return;
                  router.push(href);
                }}
                className="cursor-pointer border-b transition-colors last:border-b-0 hover:bg-muted/50"
              >
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  return (
                    <td key={cell.id} className={cn(TD, meta?.isNumeric && "text-right tabular-nums")}>
                      {meta?.isRowLink ? (
                        <Link href={href} className="font-medium text-foreground underline-offset-4 hover:underline">
                          {content}
                        </Link>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
