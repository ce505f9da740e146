"use client";

import { useId } from "react";
import { X } from "lucide-react";
import {
  activityHref,
  hasFilters,
  parseActivityQuery,
  ACTIVITY_STATUSES,
  type TActivityFilters,
} from "@/lib/activity/query";
import type { TActivityFilterOptions, TFilterOption } from "@/lib/activity/options";
import { GENERATION_KIND_LABELS, GENERATION_KINDS } from "@/lib/generations/record";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import { useIsClient } from "@/components/ui/use-is-client";
import { useActivityNavigation } from "@/components/activity/activity-navigation";

const STATUS_LABEL: Record<(typeof ACTIVITY_STATUSES)[number], string> = {
  success: "Succeeded",
  error: "Failed",
  cancelled: "Cancelled",
};

const SELECT_CLASS = cn(
  "flex h-10 w-full min-w-0 cursor-pointer rounded-md border border-input bg-card px-3 py-2 text-base text-foreground shadow-xs sm:text-sm",
  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
);

function pad(n: number) {
  return String(n).padStart(2, "0");
}

/** A date input's value (the reader's local calendar day) for an instant. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Local midnight of a YYYY-MM-DD day, plus `days`. */
function localMidnight(day: string, days = 0): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days);
}

function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: string | undefined;
  options: TFilterOption[];
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  // A value from a shared URL that this account never used still shows as chosen.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        className={SELECT_CLASS}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">{allLabel}</option>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The table's filters. Each change navigates to the URL of the filtered view (so it can be
 * bookmarked and survives a reload) and starts again from the first page.
 */
export function ActivityFilters({ queryString, options }: { queryString: string; options: TActivityFilterOptions }) {
  const query = parseActivityQuery(new URLSearchParams(queryString));
  const { navigate } = useActivityNavigation();
  const isClient = useIsClient();
  const fromId = useId();
  const toId = useId();
  const f = query.filters;

  function apply(patch: Partial<TActivityFilters>) {
    navigate(activityHref({ ...query, filters: { ...f, ...patch }, after: null, before: null }));
  }

  // Days are the reader's local days once the browser runs; the server, not knowing the time zone, renders UTC days.
  const dayOf = (date: Date) => (isClient ? localDay(date) : utcDay(date));
  const fromValue = f.from ? dayOf(f.from) : "";
  // `to` is exclusive (the midnight after the last day): the input shows the last day itself.
  const toValue = f.to ? dayOf(new Date(f.to.getTime() - 1)) : "";

  return (
    <section aria-label="Filters" className="flex flex-col gap-4">
      <div className="grid grid-cols-2 gap-x-3 gap-y-4 lg:grid-cols-4 xl:grid-cols-7">
        <div className="flex min-w-0 flex-col gap-2">
          <Label htmlFor={fromId}>From</Label>
          <Input
            id={fromId}
            type="date"
            value={fromValue}
            max={toValue || undefined}
            onChange={(event) => apply({ from: event.target.value ? localMidnight(event.target.value) : undefined })}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <Label htmlFor={toId}>To</Label>
          <Input
            id={toId}
            type="date"
            value={toValue}
            min={fromValue || undefined}
            onChange={(event) => apply({ to: event.target.value ? localMidnight(event.target.value, 1) : undefined })}
          />
        </div>
        <FilterSelect
          label="Model"
          allLabel="All models"
          value={f.model}
          options={options.models}
          onChange={(model) => apply({ model })}
        />
        <FilterSelect
          label="Provider"
          allLabel="All providers"
          value={f.provider}
          options={options.providers}
          onChange={(provider) => apply({ provider })}
        />
        <FilterSelect
          label="API key"
          allLabel="All keys"
          value={f.key}
          options={options.keys}
          onChange={(key) => apply({ key })}
        />
        <FilterSelect
          label="App"
          allLabel="All apps"
          value={f.app}
          options={options.apps}
          onChange={(app) => apply({ app })}
        />
        <FilterSelect
          label="API"
          allLabel="All APIs"
          value={f.kind}
          options={GENERATION_KINDS.map((k) => ({ value: k, label: GENERATION_KIND_LABELS[k] }))}
          onChange={(kind) => apply({ kind: kind as TActivityFilters["kind"] })}
        />
        <FilterSelect
          label="Status"
          allLabel="Any status"
          value={f.status}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
          onChange={(status) => apply({ status: status as TActivityFilters["status"] })}
        />
      </div>
      {hasFilters(f) ? (
        <div>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => navigate(activityHref({ ...query, filters: {}, after: null, before: null }))}
          >
            <X className="size-4" aria-hidden="true" />
            Clear filters
          </Button>
        </div>
      ) : null}
    </section>
  );
}
