"use client";

import { useId, useState } from "react";
import { ChevronDown, Route } from "lucide-react";
import type { TRouteView } from "@/lib/generations/route-trace";
import { cn } from "@/components/ui/cn";

/**
 * "Why this provider": the endpoints Privet considered for a request, in the order it would try
 * them, what happened at each, and every endpoint a routing step left out with its reason — from
 * the routing explanation kept with the metadata record (the same words as POST /api/v1/route).
 * The summary is always shown; the rest opens with the button.
 */
export function WhyThisProvider({
  route,
  isInitiallyOpen = false,
  compact = false,
}: {
  route: TRouteView;
  isInitiallyOpen?: boolean;
  /** Smaller type, for the chat's receipt. */
  compact?: boolean;
}) {
  const [isOpen, setIsOpen] = useState(isInitiallyOpen);
  const detailsId = useId();
  const text = compact ? "text-xs" : "text-sm";
  return (
    <section
      aria-label="Why this provider"
      data-testid="why-this-provider"
      className={cn("flex flex-col gap-1.5", text)}
    >
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={detailsId}
        onClick={() => setIsOpen(!isOpen)}
        className="-mx-1 flex w-fit max-w-full cursor-pointer items-center gap-1.5 rounded px-1 py-0.5 text-left font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
      >
        <Route className="size-3.5 shrink-0 text-brand" aria-hidden="true" />
        <span>Why this provider</span>
        <ChevronDown
          className={cn("size-3.5 shrink-0 text-muted-foreground transition-transform", isOpen && "rotate-180")}
          aria-hidden="true"
        />
      </button>
      <p className="break-words text-foreground">{route.summary}</p>
      <div id={detailsId} hidden={!isOpen} className="flex flex-col gap-3 pt-1">
        <p className="text-muted-foreground">
          Order: {route.orderedBy}.{route.isCompressed ? " Middle-out removed messages to fit a context window." : ""}
        </p>
        {route.candidates.length > 0 ? (
          <div className="flex flex-col gap-1">
            <h3 className="font-medium">Considered, in order</h3>
            <ol className="flex list-decimal flex-col gap-1 pl-5">
              {route.candidates.map((candidate) => (
                <li key={`${candidate.model}@${candidate.provider}`} className="break-words">
                  <span className="font-medium">{candidate.providerName}</span>{" "}
                  <span className="font-mono text-muted-foreground">({candidate.model})</span>
                  {" — "}
                  <span className={cn(candidate.isServed ? "font-medium text-success" : "text-foreground")}>
                    {candidate.outcome}
                  </span>
                  <span className="block text-muted-foreground">{candidate.facts}</span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {route.notAttempted.length > 0 ? (
          <div className="flex flex-col gap-1">
            <h3 className="font-medium">Eligible but not tried</h3>
            <ul className="flex flex-col gap-1">
              {route.notAttempted.map((entry) => (
                <li key={`${entry.model}@${entry.providerName}`} className="break-words">
                  <span className="font-medium">{entry.providerName}</span>{" "}
                  <span className="font-mono text-muted-foreground">({entry.model})</span>: {entry.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <h3 className="font-medium">Excluded by routing steps</h3>
          {route.excluded.length === 0 ? (
            <p className="text-muted-foreground">None: every endpoint of the model passed every step.</p>
          ) : (
            <ul className="flex flex-col gap-1.5">
              {route.excluded.map((entry) => (
                <li key={`${entry.model}@${entry.providerName}`} className="break-words">
                  <span className="font-medium">{entry.providerName}</span>{" "}
                  <span className="font-mono text-muted-foreground">({entry.model})</span> — {entry.label}{" "}
                  <code className="rounded bg-muted px-1 font-mono text-[0.85em]">{entry.step}</code>
                  <span className="block text-muted-foreground">{entry.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
