import Link from "next/link";
import { ChevronRight } from "lucide-react";

export type TCrumb = { label: string; href?: string };

/** Where this page sits; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: TCrumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, index) => {
          const isLast = index === items.length - 1;
          return (
            <li key={`${item.label}-${index}`} className="flex min-w-0 items-center gap-1">
              {item.href && !isLast ? (
                item.href.includes("#") ? (
                  // A full load, so the browser scrolls to the anchor (the client router lands at the top).
                  <a href={item.href} className="hover:text-foreground">
                    {item.label}
                  </a>
                ) : (
                  <Link href={item.href} className="hover:text-foreground">
                    {item.label}
                  </Link>
                )
              ) : (
                <span aria-current={isLast ? "page" : undefined} className="truncate text-foreground">
                  {item.label}
                </span>
              )}
              {isLast ? null : <ChevronRight className="size-3.5 shrink-0" aria-hidden="true" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
