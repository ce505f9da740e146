import type { ReactNode } from "react";
import Link from "next/link";
import { Activity, SearchX } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

/** A first visit: nothing recorded yet, and what will appear here once there is. */
export function ActivityEmptyState() {
  return (
    <div className="flex flex-col gap-5 rounded-xl border border-dashed p-6 sm:p-10">
      <div className="flex items-start gap-4">
        <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-soft text-brand">
          <Activity className="size-5" aria-hidden="true" />
        </span>
        <div className="flex flex-col gap-1.5">
          <h2 className="font-semibold">No requests yet</h2>
          <p className="max-w-xl text-sm text-muted-foreground">
            Every request you make — in the chat or through the API — shows up here with its model, provider, tokens,
            cost and timing. Prompts and completions are stored only if you switch prompt logging on.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/chat" className={buttonClasses()}>
          Start a chat
        </Link>
        <Link href="/settings/keys" className={buttonClasses({ variant: "outline" })}>
          Create an API key
        </Link>
      </div>
    </div>
  );
}

/** Filters that match nothing. */
export function NoMatchingRequests({ children }: { children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center">
      <SearchX className="size-6 text-muted-foreground" aria-hidden="true" />
      <div className="flex flex-col gap-1">
        <h3 className="font-semibold">No requests match these filters</h3>
        <p className="max-w-md text-sm text-muted-foreground">Try a wider date range, or clear a filter.</p>
      </div>
      {children}
    </div>
  );
}
