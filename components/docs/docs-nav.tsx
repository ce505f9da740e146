"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BookOpen, Boxes, ShieldCheck } from "lucide-react";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  {
    href: "/docs",
    label: "Privacy and data",
    shortLabel: "Privacy",
    Icon: ShieldCheck,
    isCurrent: (path: string) => path === "/docs" || path.startsWith("/providers"),
  },
  {
    href: "/docs/api",
    label: "API reference",
    shortLabel: "API reference",
    Icon: BookOpen,
    isCurrent: (path: string) => path.startsWith("/docs/api"),
  },
  {
    href: "/models",
    label: "Models",
    shortLabel: "Models",
    Icon: Boxes,
    isCurrent: (path: string) => path === "/models" || path.startsWith("/models/"),
  },
];

/**
 * The docs sections as a row of tabs. Tabs rather than a sidebar: there are three sections, and the
 * provider table needs the full width to fit without scrolling on a laptop screen.
 */
export function DocsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Docs" className="border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {ITEMS.map(({ href, label, shortLabel, Icon, isCurrent }) => {
          const current = isCurrent(pathname);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  current
                    ? "border-brand text-foreground"
                    : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                <Icon className="hidden size-4 sm:block" aria-hidden="true" />
                {/* Three tabs must fit a 360 px phone. */}
                <span className="sm:hidden">{shortLabel}</span>
                <span className="hidden sm:inline">{label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
