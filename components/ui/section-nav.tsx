"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentType } from "react";
import { cn } from "@/components/ui/cn";

export type TSectionNavItem = {
  href: string;
  label: string;
  Icon: ComponentType<{ className?: string; "aria-hidden"?: "true" }>;
  /** Current only on `href` itself, not below it (a section's own index page). */
  isExact?: boolean;
};

/**
 * The sections of an area (settings, admin): a row of tabs on phones, a side list from tablets up.
 * The current section is the one whose page, or a page below it, is open.
 */
export function SectionNav({ label, items }: { label: string; items: readonly TSectionNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="md:w-52 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto border-b pb-2 md:flex-col md:border-b-0 md:pb-0">
        {items.map(({ href, label, Icon, isExact }) => {
          const isCurrent = pathname === href || (!isExact && pathname.startsWith(`${href}/`));
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                  isCurrent
                    ? "bg-muted text-foreground"
                    : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
