"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches now, following its changes; false during the server render and
 * hydration. E.g. "(pointer: coarse)" for a touch screen as the main input.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
