"use client";

import Link from "next/link";
import { ChevronDown, KeyRound, LogOut, ShieldCheck, Settings2 } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { usePopover } from "@/components/ui/popover";

/** The signed-in account's menu: a disclosure (button + list of links), closed by Escape, outside clicks and tabbing away. */
export function UserMenu({ email, isAdmin = false }: { email: string; isAdmin?: boolean }) {
  const menu = usePopover();
  const close = () => menu.close();

  const itemClass =
    "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-foreground transition-colors hover:bg-muted focus-visible:bg-muted";

  return (
    <div {...menu.rootProps} className="relative">
      <button
        {...menu.triggerProps}
        type="button"
        aria-label="Account menu"
        className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-full border bg-card py-1 pr-2.5 pl-1 text-sm font-medium transition-colors hover:bg-muted"
      >
        <span
          aria-hidden="true"
          className="grid size-7 place-items-center rounded-full bg-brand-soft text-xs font-semibold text-brand uppercase"
        >
          {email.charAt(0)}
        </span>
        <span className="hidden max-w-44 truncate lg:inline">{email}</span>
        <ChevronDown
          className={cn("size-4 text-muted-foreground transition-transform", menu.isOpen && "rotate-180")}
          aria-hidden="true"
        />
      </button>
      <div
        {...menu.panelProps}
        className="absolute top-full right-0 z-50 mt-2 w-64 rounded-xl border bg-card p-1.5 text-card-foreground shadow-lg"
      >
        <div className="px-2.5 pt-1.5 pb-2">
          <p className="text-xs text-muted-foreground">Signed in as</p>
          <p className="truncate text-sm font-medium" title={email}>
            {email}
          </p>
        </div>
        <ul className="border-t pt-1.5">
          <li>
            <Link href="/settings/privacy" className={itemClass} onClick={close}>
              <ShieldCheck className="size-4 text-muted-foreground" aria-hidden="true" />
              Privacy settings
            </Link>
          </li>
          <li>
            <Link href="/settings/keys" className={itemClass} onClick={close}>
              <KeyRound className="size-4 text-muted-foreground" aria-hidden="true" />
              API keys
            </Link>
          </li>
          {isAdmin ? (
            <li>
              <Link href="/admin" className={itemClass} onClick={close}>
                <Settings2 className="size-4 text-muted-foreground" aria-hidden="true" />
                Admin
              </Link>
            </li>
          ) : null}
          <li className="mt-1.5 border-t pt-1.5">
            <Link href="/sign-out" className={itemClass} onClick={close}>
              <LogOut className="size-4 text-muted-foreground" aria-hidden="true" />
              Sign out
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
