"use client";

import { useId, useMemo, useState } from "react";
import { Search, X } from "lucide-react";
import type { TDataPolicy } from "@/lib/catalog/types";
import { describeRetention, describeTraining } from "@/lib/policy/describe";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { ChangedMark } from "@/components/privacy/setting-switch";

export type TPickerProvider = { slug: string; name: string; dataPolicy: TDataPolicy };

function matches(provider: TPickerProvider, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === "" || provider.name.toLowerCase().includes(q) || provider.slug.includes(q);
}

/**
 * The account's ignored providers: chips for the current choice (each removable), and a filterable
 * list of every catalog provider as plain checkboxes, which keyboards and screen readers handle
 * without any custom widget. Each row says what the provider publishes, to help decide.
 */
export function IgnoredProvidersPicker({
  providers,
  value,
  onChange,
  error,
  isChanged,
}: {
  providers: TPickerProvider[];
  value: string[];
  onChange: (slugs: string[]) => void;
  error?: string | null;
  isChanged: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const selected = useMemo(() => new Set(value), [value]);
  const nameOf = useMemo(() => new Map(providers.map((p) => [p.slug, p.name])), [providers]);
  const visible = providers.filter((p) => matches(p, query));

  function toggle(slug: string, isIgnored: boolean) {
    onChange(isIgnored ? [...value, slug] : value.filter((s) => s !== slug));
  }

  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <div
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
      className="flex min-w-0 flex-col gap-3 py-4 last:pb-0"
    >
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span id={`${id}-title`} className="text-sm font-medium">
            Ignored providers
          </span>
          {isChanged ? <ChangedMark /> : null}
        </div>
        <p id={descriptionId} className="text-sm text-muted-foreground">
          Never send my requests to these providers, whatever their published policy says.
        </p>
      </div>

      {value.length > 0 ? (
        <ul aria-label="Providers you ignore" className="flex flex-wrap gap-2">
          {value.map((slug) => {
            const name = nameOf.get(slug) ?? slug;
            return (
              <li
                key={slug}
                className="inline-flex items-center gap-1 rounded-full border bg-muted py-0.5 pr-0.5 pl-3 text-sm"
              >
                <span>{name}</span>
                {nameOf.has(slug) ? null : (
                  <span className="text-xs text-muted-foreground">(no longer in the catalog)</span>
                )}
                <button
                  type="button"
                  onClick={() => toggle(slug, false)}
                  aria-label={`Stop ignoring ${name}`}
                  className="grid size-6 cursor-pointer place-items-center rounded-full text-muted-foreground hover:bg-background hover:text-foreground"
                >
                  <X className="size-3.5" aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">You ignore no provider.</p>
      )}

      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-search`} className="sr-only">
          Find a provider to ignore
        </label>
        <div className="relative">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Find a provider to ignore"
            autoComplete="off"
            aria-controls={`${id}-list`}
            className="pl-9"
          />
        </div>
        <div
          id={`${id}-list`}
          role="group"
          aria-label="Catalog providers"
          className="max-h-64 overflow-y-auto rounded-md border bg-card"
        >
          {providers.length === 0 ? (
            <p className="px-3 py-3 text-sm text-muted-foreground">The catalog has no providers yet.</p>
          ) : visible.length === 0 ? (
            <p className="px-3 py-3 text-sm text-muted-foreground">No provider matches “{query.trim()}”.</p>
          ) : (
            <ul className="divide-y">
              {visible.map((provider) => {
                const checkboxId = `${id}-${provider.slug}`;
                return (
                  <li key={provider.slug}>
                    <label
                      htmlFor={checkboxId}
                      className="flex cursor-pointer items-start gap-3 px-3 py-2.5 hover:bg-muted/60"
                    >
                      <input
                        id={checkboxId}
                        type="checkbox"
                        checked={selected.has(provider.slug)}
                        onChange={(event) => toggle(provider.slug, event.target.checked)}
                        aria-labelledby={`${checkboxId}-name`}
                        aria-describedby={`${checkboxId}-policy`}
                        className="mt-0.5 size-4 shrink-0 cursor-pointer accent-brand"
                      />
                      <span className="flex min-w-0 flex-col">
                        <span id={`${checkboxId}-name`} className="text-sm font-medium">
                          {provider.name}
                        </span>
                        <span id={`${checkboxId}-policy`} className="text-xs text-muted-foreground">
                          {describeTraining(provider.dataPolicy)} · {describeRetention(provider.dataPolicy)}
                          {provider.dataPolicy.zdr === true ? " · Zero data retention" : ""}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <p role="status" className="sr-only">
          {query.trim() ? `${visible.length} provider${visible.length === 1 ? "" : "s"} match` : ""}
        </p>
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
