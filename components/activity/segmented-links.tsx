"use client";

import { cn } from "@/components/ui/cn";
import { ActivityLink } from "@/components/activity/activity-navigation";

/** A row of mutually exclusive choices that are links (each choice is a URL of the view). */
export function SegmentedLinks({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; isCurrent: boolean }[];
}) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex max-w-full gap-1 overflow-x-auto rounded-lg border bg-muted/50 p-1">
        {items.map((item) => (
          <li key={item.href}>
            <ActivityLink
              href={item.href}
              aria-current={item.isCurrent ? "true" : undefined}
              className={cn(
                "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors",
                item.isCurrent ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {item.label}
            </ActivityLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
