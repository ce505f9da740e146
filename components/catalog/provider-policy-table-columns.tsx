"use client";

import Link from "next/link";
import type { ColumnDef, FilterFn, Row } from "@tanstack/react-table";
import type { TProviderPolicyRow } from "@/lib/docs/types";
import { ExternalLink } from "@/components/catalog/external-link";
import { RetentionBadge, TrainingBadge, TriStateText } from "@/components/catalog/policy-badges";

/** The quick filters are column filters whose value is `true` when the toggle is on. */
const zeroRetentionOnly: FilterFn<TProviderPolicyRow> = (row, _columnId, isOn: boolean) =>
  !isOn || row.original.policy.isZeroRetention;
const noTrainingOnly: FilterFn<TProviderPolicyRow> = (row, _columnId, isOn: boolean) =>
  !isOn || row.original.policy.isNoTraining;

/** The text filter matches the provider's name, slug and headquarters. */
export const matchesProviderText: FilterFn<TProviderPolicyRow> = (
  row: Row<TProviderPolicyRow>,
  _columnId,
  query: string,
) => {
  const needle = query.trim().toLowerCase();
  if (needle === "") return true;
  const { name, slug, headquarters } = row.original;
  return [name, slug, headquarters?.name ?? "", headquarters?.code ?? ""].some((text) =>
    text.toLowerCase().includes(needle),
  );
};

const ZDR_RANK = { Yes: 0, No: 1, Unknown: 2 } as const;

/** "2026-06-16" sorts as itself; a period such as "late-2025" sorts inside its year. */
function checkedSortKey(checkedAt: string | null): string | undefined {
  if (checkedAt === null) return undefined;
  const period = /^(early|mid|late)-(\d{4})$/.exec(checkedAt);
  if (period) return `${period[2]}-${period[1] === "early" ? "02" : period[1] === "mid" ? "06" : "10"}-15`;
  return checkedAt;
}

const none = (
  <span className="text-muted-foreground">
    —<span className="sr-only">None published</span>
  </span>
);

export const providerPolicyColumns: ColumnDef<TProviderPolicyRow>[] = [
  {
    id: "provider",
    accessorFn: (row) => row.name,
    header: "Provider",
    sortingFn: (a, b) => a.original.name.localeCompare(b.original.name, "en", { sensitivity: "base" }),
    enableGlobalFilter: true,
    cell: ({ row }) => (
      <div className="flex max-w-48 flex-col gap-0.5">
        <Link href={row.original.href} className="font-medium text-foreground underline-offset-4 hover:underline">
          {row.original.name}
        </Link>
        <span className="font-mono text-xs text-muted-foreground">{row.original.slug}</span>
        <span className={row.original.isConfigured ? "text-xs text-success" : "text-xs text-muted-foreground"}>
          {row.original.isConfigured ? "Set up on this server" : "Not set up on this server"}
        </span>
      </div>
    ),
  },
  {
    id: "retention",
    accessorFn: (row) => row.policy.retentionRank,
    header: "Retention",
    filterFn: zeroRetentionOnly,
    enableGlobalFilter: false,
    cell: ({ row }) => <RetentionBadge policy={row.original.policy} />,
  },
  {
    id: "training",
    accessorFn: (row) => row.policy.trainingRank,
    header: "Training",
    filterFn: noTrainingOnly,
    enableGlobalFilter: false,
    cell: ({ row }) => <TrainingBadge policy={row.original.policy} />,
  },
  {
    id: "zdr",
    accessorFn: (row) => ZDR_RANK[row.policy.zdr],
    header: "ZDR",
    enableGlobalFilter: false,
    cell: ({ row }) => <TriStateText value={row.original.policy.zdr} />,
  },
  {
    id: "headquarters",
    accessorFn: (row) => row.headquarters?.name,
    header: "Headquarters",
    sortUndefined: "last",
    enableGlobalFilter: false,
    cell: ({ row }) =>
      row.original.headquarters ? (
        <span className="whitespace-nowrap" title={row.original.headquarters.code}>
          {row.original.headquarters.name}
        </span>
      ) : (
        <span className="text-muted-foreground">Not stated</span>
      ),
  },
  {
    id: "checked",
    accessorFn: (row) => checkedSortKey(row.policy.checkedAt),
    header: "Policy checked",
    sortUndefined: "last",
    enableGlobalFilter: false,
    cell: ({ row }) =>
      row.original.policy.checkedLabel ? (
        <time className="whitespace-nowrap" dateTime={row.original.policy.checkedAt ?? undefined}>
          {row.original.policy.checkedLabel}
        </time>
      ) : (
        <span className="text-muted-foreground">Not checked</span>
      ),
  },
  {
    id: "links",
    header: "Terms",
    enableSorting: false,
    enableGlobalFilter: false,
    cell: ({ row }) => {
      const { termsUrl, privacyUrl } = row.original.policy;
      if (!termsUrl && !privacyUrl) return none;
      return (
        <div className="flex flex-col gap-1 whitespace-nowrap">
          {termsUrl ? <ExternalLink href={termsUrl}>Terms</ExternalLink> : null}
          {privacyUrl ? <ExternalLink href={privacyUrl}>Privacy policy</ExternalLink> : null}
        </div>
      );
    },
  },
];
