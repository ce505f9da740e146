"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BookOpen, MailPlus, SlidersHorizontal, Users } from "lucide-react";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "/admin", label: "Users", Icon: Users },
  { href: "/admin/invitations", label: "Invitations", Icon: MailPlus },
  { href: "/admin/instance", label: "Instance", Icon: SlidersHorizontal },
  { href: "/admin/catalog", label: "Catalog", Icon: BookOpen },
];

/** Sections of /admin: a row of tabs on phones, a side list from tablets up. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="md:w-52 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto border-b pb-2 md:flex-col md:border-b-0 md:pb-0">
        {ITEMS.map(({ href, label, Icon }) => {
          const isCurrent = href === "/admin" ? pathname === href : pathname.startsWith(href);
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
