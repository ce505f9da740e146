"use client";

import type { ReactNode } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { activityHref, parseActivityQuery } from "@/lib/activity/query";
import { buttonClasses } from "@/components/ui/button";
import { ActivityLink } from "@/components/activity/activity-navigation";

function Disabled({ children }: { children: ReactNode }) {
  return (
    <span aria-disabled="true" className={buttonClasses({ variant: "outline", size: "sm" })}>
      {children}
    </span>
  );
}

/** Cursor paging: previous and next pages, and back to the first. No page numbers: there are no offsets. */
export function TablePagination({
  queryString,
  prevCursor,
  nextCursor,
  rowCount,
}: {
  queryString: string;
  prevCursor: string | null;
  nextCursor: string | null;
  rowCount: number;
}) {
  const query = parseActivityQuery(new URLSearchParams(queryString));
  const isFirstPage = !prevCursor;
  const previous = (
    <>
      <ChevronLeft className="size-4" aria-hidden="true" />
      Previous
    </>
  );
  const next = (
    <>
      Next
      <ChevronRight className="size-4" aria-hidden="true" />
    </>
  );
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground">
        {rowCount === 1 ? "1 request" : `${rowCount} requests`} on this page
        {isFirstPage ? "" : " · "}
        {isFirstPage ? null : (
          <ActivityLink
            href={activityHref({ ...query, after: null, before: null })}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Back to the first page
          </ActivityLink>
        )}
      </p>
      <div className="flex gap-2">
        {prevCursor ? (
          <ActivityLink
            href={activityHref({ ...query, after: null, before: prevCursor })}
            className={buttonClasses({ variant: "outline", size: "sm" })}
            rel="prev"
          >
            {previous}
          </ActivityLink>
        ) : (
          <Disabled>{previous}</Disabled>
        )}
        {nextCursor ? (
          <ActivityLink
            href={activityHref({ ...query, after: nextCursor, before: null })}
            className={buttonClasses({ variant: "outline", size: "sm" })}
            rel="next"
          >
            {next}
          </ActivityLink>
        ) : (
          <Disabled>{next}</Disabled>
        )}
      </div>
    </nav>
  );
}
