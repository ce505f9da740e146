"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

export type TContentView = { messages: { role: string; text: string }[]; completion: string; isPartial: boolean };

const TABS = ["Prompt", "Completion"] as const;

/** The logged prompt and completion as two tabs (WAI-ARIA tabs: arrow keys move between them). */
export function ContentTabs({ content }: { content: TContentView }) {
  const [selected, setSelected] = useState<(typeof TABS)[number]>("Prompt");
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const target =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? TABS.length - 1
          : delta
            ? (index + delta + TABS.length) % TABS.length
            : null;
    if (target === null) return;
    event.preventDefault();
    setSelected(TABS[target]!);
    tabRefs.current[target]?.focus();
  }

  return (
    <div className="flex flex-col gap-3">
      <div
        role="tablist"
        aria-label="Logged content"
        className="inline-flex w-fit gap-1 rounded-lg border bg-muted/50 p-1"
      >
        {TABS.map((tab, i) => (
          <button
            key={tab}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${i}`}
            aria-selected={selected === tab}
            aria-controls={`${baseId}-panel-${i}`}
            tabIndex={selected === tab ? 0 : -1}
            onClick={() => setSelected(tab)}
            onKeyDown={(event) => onKeyDown(event, i)}
            className={cn(
              "h-8 cursor-pointer rounded-md px-3 text-sm font-medium transition-colors",
              selected === tab ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {tab}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-0`}
        aria-labelledby={`${baseId}-tab-0`}
        hidden={selected !== "Prompt"}
        tabIndex={0}
      >
        <ol className="flex flex-col gap-3">
          {content.messages.map((m, i) => (
            <li key={i} className="rounded-lg border bg-muted/30 p-3">
              <p className="mb-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">{m.role}</p>
              <p className="text-sm break-words whitespace-pre-wrap">
                {m.text || <span className="text-muted-foreground">(empty)</span>}
              </p>
            </li>
          ))}
        </ol>
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-1`}
        aria-labelledby={`${baseId}-tab-1`}
        hidden={selected !== "Completion"}
        tabIndex={0}
      >
        <div className="rounded-lg border bg-muted/30 p-3">
          <p className="text-sm break-words whitespace-pre-wrap">
            {content.completion || <span className="text-muted-foreground">(empty)</span>}
          </p>
          {content.isPartial ? (
            <p className="mt-2 text-xs text-warning">
              Partial: the request failed or was cancelled before the completion ended.
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
