"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Menu, X } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { usePopover } from "@/components/ui/popover";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { ACCOUNT_LINKS, isInSection, visibleNavItems } from "@/components/shell/nav-items";

/**
 * The phone menu: a button that discloses the navigation, the theme choice and the account links
 * under the header. Escape closes it and returns focus to the button; following a link closes it.
 */
export function MobileMenu({ email, isAdmin = false }: { email: string | null; isAdmin?: boolean }) {
  const pathname = usePathname();
  // Unlike the account menu, focus leaving it does not close it; a press outside or Escape does.
  const menu = usePopover({ closesOnFocusOut: false });
  const close = () => menu.close();

  const linkClass = (isCurrent: boolean) =>
    cn(
      "flex items-center rounded-md px-3 py-2.5 text-base font-medium transition-colors",
      isCurrent ? "bg-muted text-foreground" : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
    );

  return (
    <div {...menu.rootProps} className="md:hidden">
      <button
        {...menu.triggerProps}
        type="button"
        aria-label="Menu"
        className={buttonClasses({ variant: "ghost", size: "icon" })}
      >
        {menu.isOpen ? <X className="size-5" aria-hidden="true" /> : <Menu className="size-5" aria-hidden="true" />}
      </button>
      <div
        {...menu.panelProps}
        className="absolute inset-x-0 top-full z-40 max-h-[calc(100dvh-4rem)] overflow-y-auto border-b bg-background px-4 pt-2 pb-5 shadow-lg"
      >
        <nav aria-label="Main">
          <ul className="flex flex-col gap-0.5">
            {visibleNavItems(email !== null).map((item) => {
              const isCurrent = isInSection(pathname, item.section);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={isCurrent ? "page" : undefined}
                    className={linkClass(isCurrent)}
                    onClick={close}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="mt-4 flex items-center justify-between gap-3 border-t pt-4">
          <span className="text-sm text-muted-foreground">Theme</span>
          <ThemeToggle showLabels />
        </div>
        <div className="mt-4 border-t pt-4">
          {email ? (
            <>
              <p className="px-3 text-xs text-muted-foreground">Signed in as</p>
              <p className="truncate px-3 pb-2 text-sm font-medium">{email}</p>
              <ul className="flex flex-col gap-0.5">
                {ACCOUNT_LINKS.map((link) => (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      aria-current={pathname === link.href ? "page" : undefined}
                      className={linkClass(pathname === link.href)}
                      onClick={close}
                    >
                      {link.label}
                    </Link>
                  </li>
                ))}
                {isAdmin ? (
                  <li>
                    <Link
                      href="/admin"
                      aria-current={pathname.startsWith("/admin") ? "page" : undefined}
                      className={linkClass(pathname.startsWith("/admin"))}
                      onClick={close}
                    >
                      Admin
                    </Link>
                  </li>
                ) : null}
                <li>
                  <Link href="/sign-out" className={linkClass(false)} onClick={close}>
                    Sign out
                  </Link>
                </li>
              </ul>
            </>
          ) : (
            <div className="grid grid-cols-2 gap-2">
              <Link href="/sign-in" className={buttonClasses({ variant: "outline" })} onClick={close}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClasses()} onClick={close}>
                Sign up
              </Link>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
