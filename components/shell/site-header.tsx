import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { DemoBadge } from "@/components/shell/demo-badge";
import { MainNav } from "@/components/shell/main-nav";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { Wordmark } from "@/components/shell/wordmark";

/**
 * The header on every page. `email` is the signed-in account's, or null when signed out; `isDemo`
 * shows the demo badge; admins also get a link to /admin in the account menus.
 */
export function SiteHeader({
  email,
  isDemo = false,
  isAdmin = false,
}: {
  email: string | null;
  isDemo?: boolean;
  isAdmin?: boolean;
}) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="relative mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Wordmark />
        {isDemo ? <DemoBadge /> : null}
        <div className="ml-2 hidden flex-1 md:block">
          <MainNav isSignedIn={email !== null} />
        </div>
        <div className="ml-auto hidden items-center gap-3 md:flex">
          <ThemeToggle />
          {email ? (
            <UserMenu email={email} isAdmin={isAdmin} />
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses({ variant: "ghost", size: "sm" })}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClasses({ size: "sm" })}>
                Sign up
              </Link>
            </>
          )}
        </div>
        <div className="ml-auto md:hidden">
          <MobileMenu email={email} isAdmin={isAdmin} />
        </div>
      </div>
    </header>
  );
}
