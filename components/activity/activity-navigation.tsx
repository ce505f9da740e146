"use client";

import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useTransition,
  type ComponentProps,
  type MouseEvent,
  type ReactNode,
} from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { cn } from "@/components/ui/cn";

type TNavigation = { navigate: (href: string) => void; isPending: boolean };

const NavigationContext = createContext<TNavigation | null>(null);

/**
 * The activity view lives in its URL; every control navigates to a new URL and the server renders
 * the result. This wraps those navigations in one transition so the view dims while the next one
 * loads (and keeps the current one readable), instead of each control guessing.
 */
export function ActivityNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const navigate = useCallback((href: string) => startTransition(() => router.push(href, { scroll: false })), [router]);
  const value = useMemo(() => ({ navigate, isPending }), [navigate, isPending]);
  return (
    <NavigationContext.Provider value={value}>
      <div
        aria-busy={isPending || undefined}
        className={cn("flex flex-col gap-8 transition-opacity", isPending && "opacity-60")}
      >
        {children}
      </div>
      <p role="status" className="sr-only">
        {isPending ? "Updating the activity…" : ""}
      </p>
    </NavigationContext.Provider>
  );
}

export function useActivityNavigation(): TNavigation {
  const context = useContext(NavigationContext);
  if (!context) throw new Error("useActivityNavigation needs an <ActivityNavigation> around it.");
  return context;
}

/** A real link (it opens in a new tab, it works before hydration) that navigates inside the transition. */
export function ActivityLink({ href, onClick, ...props }: ComponentProps<typeof Link> & { href: string }) {
  const { navigate } = useActivityNavigation();
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(href);
  }
  return <Link href={href} scroll={false} onClick={handleClick} {...props} />;
}
