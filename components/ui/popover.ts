"use client";

import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from "react";

export type TDismissOptions = {
  isOpen: boolean;
  /** Where focus goes back to after Escape: the trigger. */
  restoreFocusTo?: RefObject<HTMLElement | null>;
  /** Whether focus moving out of the element closes it too (tabbing away). Default true. */
  closesOnFocusOut?: boolean;
};

/** Handlers for the element that holds the trigger and the panel. */
export type TDismissHandlers = {
  onKeyDown: (event: KeyboardEvent) => void;
  onBlur: (event: FocusEvent) => void;
};

/**
 * Closes what is open inside `ref` the way every popover here closes: a press outside it, Escape
 * (focus goes back to `restoreFocusTo`; the key goes no further, so an enclosing drawer or dialog
 * stays open), and focus leaving it. A press inside on something unfocusable blurs to nothing and
 * does not close it.
 */
export function useDismiss(
  ref: RefObject<HTMLElement | null>,
  onDismiss: () => void,
  { isOpen, restoreFocusTo, closesOnFocusOut = true }: TDismissOptions,
): TDismissHandlers {
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onDismiss();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen, onDismiss, ref]);

  return {
    onKeyDown(event) {
      if (event.key !== "Escape" || !isOpen) return;
      event.stopPropagation();
      onDismiss();
      restoreFocusTo?.current?.focus();
    },
    onBlur(event) {
      const next = event.relatedTarget as Node | null;
      if (closesOnFocusOut && isOpen && next && !ref.current?.contains(next)) onDismiss();
    },
  };
}

export type TPopover = {
  isOpen: boolean;
  open: () => void;
  /** Closes it; `restoreFocus` puts focus back on the trigger (after choosing something inside, say). */
  close: (options?: { restoreFocus?: boolean }) => void;
  /** For the element that holds the trigger and the panel. */
  rootProps: TDismissHandlers & { ref: RefObject<HTMLDivElement | null> };
  /** For the button that opens and closes it: a disclosure, announced as expanded or not. */
  triggerProps: {
    ref: RefObject<HTMLButtonElement | null>;
    "aria-expanded": boolean;
    "aria-controls": string;
    onClick: () => void;
  };
  /** For the panel. */
  panelProps: { id: string; hidden: boolean };
};

/**
 * A button that discloses a panel, closed as `useDismiss` closes things. `onClose` runs on every
 * close (to reset a search field, say). Spread `rootProps`, `triggerProps` and `panelProps`; the
 * trigger's accessible name is the caller's.
 */
export function usePopover({
  onClose,
  closesOnFocusOut,
}: { onClose?: () => void; closesOnFocusOut?: boolean } = {}): TPopover {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // The latest onClose, so that callers may pass a new function each render.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  const close = useCallback(({ restoreFocus = false }: { restoreFocus?: boolean } = {}) => {
    setIsOpen(false);
    onCloseRef.current?.();
    if (restoreFocus) triggerRef.current?.focus();
  }, []);
  const dismiss = useCallback(() => close(), [close]);
  const handlers = useDismiss(rootRef, dismiss, { isOpen, restoreFocusTo: triggerRef, closesOnFocusOut });

  return {
    isOpen,
    open: () => setIsOpen(true),
    close,
    rootProps: { ref: rootRef, ...handlers },
    triggerProps: {
      ref: triggerRef,
      "aria-expanded": isOpen,
      "aria-controls": panelId,
      onClick: () => (isOpen ? close() : setIsOpen(true)),
    },
    panelProps: { id: panelId, hidden: !isOpen },
  };
}
