"use client";

import type { ReactNode } from "react";
import { ThemeProvider, useTheme } from "next-themes";
import { Toaster } from "sonner";

/** Below the header (4rem), at the top: a toast never covers the chat's composer and its Send button. */
const TOAST_OFFSET = { top: 72 };

function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="top-right"
      offset={TOAST_OFFSET}
      mobileOffset={{ ...TOAST_OFFSET, left: 8, right: 8 }}
      richColors
      closeButton
    />
  );
}

/**
 * Client-side context for the whole app: the theme (a class on <html>) and toasts. `nonce` lets
 * the inline script that sets the theme before hydration run under the Content-Security-Policy.
 */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      <ThemedToaster />
    </ThemeProvider>
  );
}
