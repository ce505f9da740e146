"use client";

import { useEffect, useRef, useState, type RefObject } from "react";

/**
 * Moves focus to a form's first invalid field once its errors are on screen. Asked for right after
 * a refused save, it waits for React to commit the render that marks the fields invalid (a
 * requestAnimationFrame can come before that commit on a busy device, and then focuses nothing).
 */
export function useFocusFirstInvalid(): [RefObject<HTMLFormElement | null>, () => void] {
  const formRef = useRef<HTMLFormElement>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [requests]);
  return [formRef, () => setRequests((n) => n + 1)];
}
