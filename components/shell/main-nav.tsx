"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isInSection, visibleNavItems } from "@/components/shell/nav-items";

/** The navigation bar on tablet and wider screens; phones get MobileMenu instead. */
export function MainNav({ isSignedIn }: { isSignedIn: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="hidden md:block">
      <ul className="flex items-center gap-1">
        {visibleNavItems(isSignedIn).map((item) => {
          const isCurrent = isInSection(pathname, item.section);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  isCurrent
                    ? "bg-muted text-foreground"
                    : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
