"use client";

import { useRouter } from "next/navigation";
import { getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import { activityHref, parseActivityQuery, ACTIVITY_SORTS, type TActivitySort } from "@/lib/activity/query";
import type { TActivityRow } from "@/lib/activity/view";
import { DataTable } from "@/components/ui/data-table";
import { activityColumns, requestHref } from "@/components/activity/activity-table-columns";
import { useActivityNavigation } from "@/components/activity/activity-navigation";

/**
 * One page of requests. Sorting, filtering and paging happen on the server (TanStack Table runs in
 * manual mode): a header click navigates to the sorted URL, which starts again at the first page.
 */
export function ActivityTable({
  rows,
  queryString,
  sort,
  dir,
}: {
  rows: TActivityRow[];
  queryString: string;
  sort: TActivitySort;
  dir: "asc" | "desc";
}) {
  const router = useRouter();
  const { navigate } = useActivityNavigation();
  const query = parseActivityQuery(new URLSearchParams(queryString));
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];

  function onSortingChange(updater: Updater<SortingState>) {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    const id = next && (ACTIVITY_SORTS as readonly string[]).includes(next.id) ? (next.id as TActivitySort) : "date";
    navigate(
      activityHref({
        ...query,
        sort: next ? id : "date",
        dir: next && !next.desc ? "asc" : "desc",
        after: null,
        before: null,
      }),
    );
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
    <DataTable
      table={table}
      caption="Your requests. Select a date to see a request's details."
      regionLabel="Requests table (scrolls sideways)"
      density="compact"
      cardsOnPhone
      // The date cell is the row's link for keyboards and screen readers; a click anywhere opens it too.
      onRowClick={(row) => router.push(requestHref(row.original))}
    />
  );
}
