"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Check, ChevronDown, Search } from "lucide-react";
import { formatContextLength, formatModelPrice } from "@/lib/format";
import type { TChatModelView, TOptionsKey } from "@/lib/chat/types";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { usePopover } from "@/components/ui/popover";
import { FixList, type TFixHandler } from "@/components/chat/chat-error";

function matches(model: TChatModelView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [model.name, model.id, ...model.providers.map((p) => p.name)].some((text) => text.toLowerCase().includes(q));
}

/** Whether a message to the model can be sent now: a configured provider the settings (and options) allow. */
export function isUsable(model: TChatModelView, optionsKey: TOptionsKey): boolean {
  return model.availability[optionsKey].allowed.length > 0;
}

/** Usable models first, each group in catalog order. */
function usableFirst(models: TChatModelView[], optionsKey: TOptionsKey): TChatModelView[] {
  return [...models.filter((m) => isUsable(m, optionsKey)), ...models.filter((m) => !isUsable(m, optionsKey))];
}

/** How many of a model's providers the settings (and the conversation's options) leave, and which. */
export function AvailabilitySummary({ model, optionsKey }: { model: TChatModelView; optionsKey: TOptionsKey }) {
  const availability = model.availability[optionsKey];
  const total = model.providers.length;
  if (availability.refusal) {
    // 503: no provider of the model has its key on this server — not something the settings decide.
    return (
      <span className="font-medium text-destructive">
        {availability.refusal.status === 503 ? "No provider configured on this server" : "No provider allowed"}
      </span>
    );
  }
  return (
    <span>
      <span className="font-medium text-foreground">
        {availability.allowed.length} of {total} provider{total === 1 ? "" : "s"} allowed
      </span>
      <span className="text-muted-foreground">: {availability.allowed.map((p) => p.name).join(", ")}</span>
    </span>
  );
}

/**
 * What the model reads besides text (the catalog's `inputModalities`): "Images", "PDFs". One the
 * allowed providers would not take (the settings leave none that reads it) says so.
 */
function InputBadges({ model, optionsKey }: { model: TChatModelView; optionsKey: TOptionsKey }) {
  const accepts = model.availability[optionsKey].accepts;
  const badges = [
    ...(model.reads.image ? [{ label: "Images", isAllowed: accepts.image }] : []),
    ...(model.reads.pdf ? [{ label: "PDFs", isAllowed: accepts.pdf }] : []),
  ];
  if (badges.length === 0) return null;
  return (
    <span className="flex gap-1">
      {badges.map(({ label, isAllowed }) => (
        <span
          key={label}
          className={cn(
            "rounded border px-1.5 py-px text-[11px] leading-4 font-medium",
            isAllowed ? "border-brand/40 text-brand" : "border-border text-muted-foreground line-through",
          )}
          title={
            isAllowed
              ? `Reads ${label.toLowerCase()}`
              : `Reads ${label.toLowerCase()}, but no provider your settings allow takes them`
          }
        >
          {label}
          {isAllowed ? null : <span className="sr-only"> (no allowed provider takes them)</span>}
        </span>
      ))}
    </span>
  );
}

/**
 * The model picker: a searchable list in a popover. Models that can be used now come first and, while
 * some can, the others stay hidden behind "Show all models". Each model shows its price and how many
 * of its providers the account settings allow; a model nobody may serve says why, with a link to the
 * setting that would change it. Arrow keys move through the list, Escape closes.
 */
export function ModelPicker({
  models,
  selectedId,
  optionsKey,
  onSelect,
  onConversationFix,
}: {
  models: TChatModelView[];
  selectedId: string;
  optionsKey: TOptionsKey;
  onSelect: (modelId: string) => void;
  onConversationFix: TFixHandler;
}) {
  const [query, setQuery] = useState("");
  const [isShowingAll, setIsShowingAll] = useState(false);
  const popover = usePopover({ onClose: () => setQuery("") });
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const panelId = popover.panelProps.id;
  const searchId = useId();
  const selected = models.find((m) => m.id === selectedId);
  const usableCount = useMemo(() => models.filter((m) => isUsable(m, optionsKey)).length, [models, optionsKey]);
  // With nothing usable there is nothing to hide: every model shows, each saying why it cannot be used.
  const canHide = usableCount > 0 && usableCount < models.length;
  // A search looks through every model: whoever types a name wants to find it, usable or not.
  const hidesUnusable = canHide && !isShowingAll && query.trim() === "";
  const visible = useMemo(
    () =>
      usableFirst(models, optionsKey).filter(
        (m) => matches(m, query) && (!hidesUnusable || isUsable(m, optionsKey) || m.id === selectedId),
      ),
    [models, optionsKey, query, hidesUnusable, selectedId],
  );

  useEffect(() => {
    if (popover.isOpen) searchRef.current?.focus();
  }, [popover.isOpen]);

  function optionButtons(): HTMLButtonElement[] {
    return [...(listRef.current?.querySelectorAll<HTMLButtonElement>("button[data-model-option]") ?? [])];
  }

  function onKeyDown(event: KeyboardEvent) {
    popover.rootProps.onKeyDown(event);
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = optionButtons();
    if (buttons.length === 0) return;
    event.preventDefault();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) {
      buttons[event.key === "ArrowDown" ? 0 : buttons.length - 1]!.focus();
    } else if (event.key === "ArrowUp" && index === 0) {
      searchRef.current?.focus();
    } else {
      buttons[Math.min(buttons.length - 1, index + (event.key === "ArrowDown" ? 1 : -1))]!.focus();
    }
  }

  return (
    <div {...popover.rootProps} className="relative min-w-0" onKeyDown={onKeyDown}>
      <button
        {...popover.triggerProps}
        type="button"
        aria-label={`Model: ${selected?.name ?? "none"}${selected?.availability[optionsKey].refusal ? ", no provider allowed" : ""}`}
        aria-haspopup="dialog"
        className="inline-flex h-9 max-w-full min-w-0 cursor-pointer items-center gap-2 rounded-md border bg-card px-3 text-sm font-medium shadow-xs transition-colors hover:bg-muted"
      >
        <span className="truncate">{selected?.name ?? "Choose a model"}</span>
        {selected && selected.availability[optionsKey].refusal ? (
          <span
            className="size-2 shrink-0 rounded-full bg-destructive"
            aria-hidden="true"
            title="No provider allowed"
          />
        ) : null}
        <ChevronDown
          className={cn("size-4 shrink-0 text-muted-foreground transition-transform", popover.isOpen && "rotate-180")}
          aria-hidden="true"
        />
      </button>
      <div
        {...popover.panelProps}
        role="dialog"
        aria-label="Choose a model"
        className="fixed inset-x-2 top-[7.5rem] z-50 flex max-h-[calc(100dvh-9rem)] flex-col rounded-xl border bg-card text-card-foreground shadow-xl sm:absolute sm:inset-x-auto sm:top-full sm:left-0 sm:mt-2 sm:max-h-[min(32rem,calc(100dvh-10rem))] sm:w-[28rem]"
      >
        <div className="border-b p-2">
          <label htmlFor={searchId} className="sr-only">
            Search models
          </label>
          <div className="relative">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden="true"
            />
            <Input
              ref={searchRef}
              id={searchId}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Search by name, id or provider"
              autoComplete="off"
              className="pl-9"
            />
          </div>
          {canHide ? (
            <div className="flex items-center justify-between gap-2 px-1 pt-2 text-xs text-muted-foreground">
              <span>
                {isShowingAll
                  ? `All ${models.length} models; the ${usableCount} usable now come first`
                  : `${usableCount} of ${models.length} models can be used now`}
              </span>
              <button
                type="button"
                aria-pressed={isShowingAll}
                onClick={() => setIsShowingAll((value) => !value)}
                className="cursor-pointer rounded px-1 font-medium text-brand underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              >
                {isShowingAll ? "Show usable only" : "Show all models"}
              </button>
            </div>
          ) : null}
        </div>
        <ul ref={listRef} aria-label="Models" className="min-h-0 flex-1 overflow-y-auto p-1.5">
          {visible.length === 0 ? (
            <li className="px-3 py-6 text-center text-sm text-muted-foreground">No model matches “{query.trim()}”.</li>
          ) : null}
          {visible.map((model) => {
            const availability = model.availability[optionsKey];
            const isSelected = model.id === selectedId;
            const detailsId = `${panelId}-${model.id}`;
            return (
              <li key={model.id} className={cn("rounded-lg px-1 py-1", isSelected && "bg-muted/70")}>
                <button
                  type="button"
                  data-model-option=""
                  aria-current={isSelected ? "true" : undefined}
                  aria-describedby={detailsId}
                  onClick={() => {
                    onSelect(model.id);
                    popover.close({ restoreFocus: true });
                  }}
                  className="flex w-full cursor-pointer items-start justify-between gap-3 rounded-md px-2 py-1.5 text-left hover:bg-muted focus-visible:bg-muted"
                >
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium">{model.name}</span>
                    <span className="block truncate font-mono text-xs text-muted-foreground">{model.id}</span>
                  </span>
                  {isSelected ? <Check className="mt-0.5 size-4 shrink-0 text-brand" aria-hidden="true" /> : null}
                </button>
                <div id={detailsId} className="flex flex-col gap-1 px-2 pb-1 text-xs text-muted-foreground">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span>
                      {formatModelPrice(availability.price)} · {formatContextLength(model.contextLength)}
                    </span>
                    <InputBadges model={model} optionsKey={optionsKey} />
                  </span>
                  <AvailabilitySummary model={model} optionsKey={optionsKey} />
                  {availability.refusal ? (
                    <div className="flex flex-col gap-1">
                      <span>
                        Why:{" "}
                        <span className="font-medium text-foreground">{availability.refusal.labels.join(", ")}</span>
                      </span>
                      <FixList
                        fixes={availability.refusal.fixes}
                        onConversationFix={onConversationFix}
                        className="flex flex-col items-start gap-1"
                      />
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
