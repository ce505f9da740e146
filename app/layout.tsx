import type { ReactNode } from "react";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getSessionAccount } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { isAdmin } from "@/lib/accounts/roles";
import { Providers } from "@/components/shell/providers";
import { SiteFooter } from "@/components/shell/site-footer";
import { SiteHeader } from "@/components/shell/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Privet", template: "%s · Privet" },
  description: "A self-hostable, privacy-first LLM router and chat app. Nothing you type is stored unless you opt in.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fcfcfd" },
    { media: "(prefers-color-scheme: dark)", color: "#15171c" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header shows who is signed in; signing in or out reloads the page, so this stays current.
  const account = await getSessionAccount();
  const isAdminAccount = account !== null && (await isAdmin(account.id));
  // The Content-Security-Policy nonce proxy.ts made for this request: the theme script needs it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class on <html> before hydration.
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col font-sans antialiased">
        <Providers nonce={nonce}>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <SiteHeader email={account?.email ?? null} isDemo={isDemoMode()} isAdmin={isAdminAccount} />
          <main id="main" className="flex flex-1 flex-col">
            {children}
          </main>
          <SiteFooter />
        </Providers>
      </body>
    </html>
  );
}
