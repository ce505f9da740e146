"use client";

import { useCallback, useEffect, useRef, type RefObject, type UIEvent } from "react";

/** How close to the bottom (in pixels) still counts as reading the end. */
const PINNED_WITHIN_PX = 80;

export type TStickToBottom<T extends HTMLElement> = {
  /** The scrolling element. */
  ref: RefObject<T | null>;
  /** Its scroll handler: scrolling up unpins, scrolling back to the end pins again. */
  onScroll: (event: UIEvent<T>) => void;
  /** Follows the end again (a new message, another conversation opened). */
  pin: () => void;
};

/**
 * Keeps a scrolling element at its end while `content` changes (a reply streaming in), unless the
 * reader scrolled up to read something.
 */
export function useStickToBottom<T extends HTMLElement>(content: unknown): TStickToBottom<T> {
  const ref = useRef<T>(null);
  const isPinnedRef = useRef(true);

  useEffect(() => {
    const el = ref.current;
    if (el && isPinnedRef.current) el.scrollTop = el.scrollHeight;
  }, [content]);

  const onScroll = useCallback((event: UIEvent<T>) => {
    const el = event.currentTarget;
    isPinnedRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < PINNED_WITHIN_PX;
  }, []);

  const pin = useCallback(() => {
    isPinnedRef.current = true;
  }, []);

  return { ref, onScroll, pin };
}
