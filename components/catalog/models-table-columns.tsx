"use client";

import Link from "next/link";
import type { ColumnDef, FilterFn } from "@tanstack/react-table";
import type { TModelSummary } from "@/lib/docs/types";
import { formatInteger, formatPriceRange } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

/** The search matches the model's name, its id and the names of the providers serving it. */
export const matchesModelText: FilterFn<TModelSummary> = (row, _columnId, query: string) => {
  const needle = query.trim().toLowerCase();
  if (needle === "") return true;
  const { name, id, providerNames } = row.original;
  return [name, id, ...providerNames].some((text) => text.toLowerCase().includes(needle));
};

const configuredOnly: FilterFn<TModelSummary> = (row, _columnId, isOn: boolean) =>
  !isOn || row.original.routableCount > 0;

export const modelsColumns: ColumnDef<TModelSummary>[] = [
  {
    id: "model",
    accessorFn: (row) => row.name,
    header: "Model",
    sortingFn: (a, b) => a.original.name.localeCompare(b.original.name, "en", { sensitivity: "base" }),
    cell: ({ row }) => (
      <div className="flex max-w-64 flex-col gap-0.5">
        <Link href={row.original.href} className="font-medium text-foreground underline-offset-4 hover:underline">
          {row.original.name}
        </Link>
        <span className="font-mono text-xs break-all text-muted-foreground">{row.original.id}</span>
      </div>
    ),
  },
  {
    id: "context",
    accessorFn: (row) => row.contextLength,
    header: "Context",
    cell: ({ row }) => (
      <span className="whitespace-nowrap tabular-nums">{formatInteger(row.original.contextLength)}</span>
    ),
  },
  {
    id: "prompt",
    accessorFn: (row) => row.prompt?.min,
    header: "Prompt / M",
    sortUndefined: "last",
    cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatPriceRange(row.original.prompt)}</span>,
  },
  {
    id: "completion",
    accessorFn: (row) => row.completion?.min,
    header: "Completion / M",
    sortUndefined: "last",
    cell: ({ row }) => (
      <span className="whitespace-nowrap tabular-nums">{formatPriceRange(row.original.completion)}</span>
    ),
  },
  {
    id: "providers",
    accessorFn: (row) => row.routableCount,
    header: "Providers",
    filterFn: configuredOnly,
    cell: ({ row }) => {
      const { endpointCount, routableCount } = row.original;
      return (
        <div className="flex flex-col items-start gap-1 whitespace-nowrap">
          <span className="tabular-nums">
            {endpointCount} {endpointCount === 1 ? "provider" : "providers"}
          </span>
          {routableCount === 0 ? (
            <Badge tone="warning">None configured</Badge>
          ) : (
            <Badge tone="success">
              {routableCount === endpointCount ? "All configured" : `${routableCount} configured`}
            </Badge>
          )}
        </div>
      );
    },
  },
];
