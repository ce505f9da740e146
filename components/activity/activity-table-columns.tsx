import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import type { TActivityRow } from "@/lib/activity/view";
import { Badge } from "@/components/ui/badge";
import { GENERATION_KIND_LABELS } from "@/lib/generations/record";
import { LocalTime } from "@/components/ui/local-time";
import { formatCost, formatInteger, formatMs, formatSpeed } from "@/lib/format";

const column = createColumnHelper<TActivityRow>();

/** A request's detail page. */
export function requestHref(row: TActivityRow): string {
  return `/activity/${encodeURIComponent(row.id)}`;
}

export function StatusBadge({
  status,
  httpStatus,
  isPolicyRefusal = false,
}: {
  status: TActivityRow["status"];
  httpStatus: number;
  /** Refused because no provider met the data policy: said as such, not as an error code. */
  isPolicyRefusal?: boolean;
}) {
  if (status === "success") return <Badge tone="success">Success</Badge>;
  if (status === "cancelled") return <Badge tone="warning">Cancelled</Badge>;
  if (isPolicyRefusal) return <Badge tone="warning">Refused by your policy</Badge>;
  return <Badge tone="danger">Error {httpStatus}</Badge>;
}

/** A token count, with the part of it that was cached (input) or spent reasoning (output) beneath when there is one. */
function TokenCount({ total, part, of }: { total: number; part: number; of: "cached" | "reasoning" }) {
  if (part <= 0) return formatInteger(total);
  return (
    <span className="flex flex-col items-end">
      <span>{formatInteger(total)}</span>
      <span className="text-xs text-muted-foreground">
        {formatInteger(part)} {of}
      </span>
    </span>
  );
}

/**
 * The table's columns. Column ids of sortable columns are the server's sort names (the URL's
 * `sort`); the others cannot be sorted. Numbers are right-aligned. The date is the row's link.
 */
export const activityColumns = [
  column.accessor("createdAt", {
    id: "date",
    header: "Date",
    enableSorting: true,
    cell: (info) => (
      <Link
        href={requestHref(info.row.original)}
        className="font-medium text-foreground underline-offset-4 hover:underline"
      >
        <LocalTime iso={info.getValue()} />
      </Link>
    ),
  }),
  column.accessor("model", {
    header: "Model",
    enableSorting: false,
    cell: (info) => (
      <span className="block max-w-56 truncate" title={info.getValue()}>
        <span className="font-medium">{info.getValue()}</span>
        {info.row.original.kind !== "chat" ? (
          <span className="block text-xs text-muted-foreground">{GENERATION_KIND_LABELS[info.row.original.kind]}</span>
        ) : null}
      </span>
    ),
  }),
  column.accessor((row) => row.providerName ?? row.providerSlug, {
    id: "provider",
    header: "Provider",
    enableSorting: false,
    cell: (info) => info.getValue() ?? <span className="text-muted-foreground">None</span>,
  }),
  column.accessor("app", {
    header: "App",
    enableSorting: false,
    cell: (info) => (
      <span className="block max-w-40 truncate" title={info.row.original.appReferer ?? "No HTTP-Referer was sent"}>
        {info.getValue()}
      </span>
    ),
  }),
  column.accessor("promptTokens", {
    id: "input",
    header: "Input tokens",
    enableSorting: true,
    cell: (info) => <TokenCount total={info.getValue()} part={info.row.original.cachedPromptTokens} of="cached" />,
    meta: { isNumeric: true },
  }),
  column.accessor("completionTokens", {
    id: "output",
    header: "Output tokens",
    enableSorting: true,
    cell: (info) => <TokenCount total={info.getValue()} part={info.row.original.reasoningTokens} of="reasoning" />,
    meta: { isNumeric: true },
  }),
  column.accessor("cost", {
    id: "cost",
    header: "Cost",
    enableSorting: true,
    cell: (info) => formatCost(info.getValue()),
    meta: { isNumeric: true },
  }),
  column.accessor("latencyMs", {
    id: "latency",
    header: "Latency",
    enableSorting: true,
    cell: (info) => formatMs(info.getValue()),
    meta: { isNumeric: true },
  }),
  column.accessor("speed", {
    id: "speed",
    header: "Speed",
    enableSorting: true,
    cell: (info) => formatSpeed(info.getValue()),
    meta: { isNumeric: true },
  }),
  column.accessor("finishReason", {
    id: "finish",
    header: "Finish",
    enableSorting: false,
    cell: (info) => info.getValue() ?? <span className="text-muted-foreground">—</span>,
  }),
  column.accessor("status", {
    header: "Status",
    enableSorting: false,
    cell: (info) => (
      <StatusBadge
        status={info.getValue()}
        httpStatus={info.row.original.httpStatus}
        isPolicyRefusal={info.row.original.isPolicyRefusal}
      />
    ),
  }),
  column.accessor("contentStored", {
    id: "content",
    header: "Content",
    enableSorting: false,
    cell: (info) =>
      info.getValue() ? (
        <Badge tone="warning">Stored</Badge>
      ) : (
        <span className="text-muted-foreground">
          <span aria-hidden="true">—</span>
          <span className="sr-only">Not stored</span>
        </span>
      ),
  }),
];
