// The main navigation, shared by the desktop bar and the phone menu.

export type TNavItem = {
  href: string;
  label: string;
  /** The path prefix that marks this item as the current page. */
  section: string;
  isAccountOnly?: boolean;
};

export const NAV_ITEMS: TNavItem[] = [
  { href: "/chat", label: "Chat", section: "/chat" },
  { href: "/activity", label: "Activity", section: "/activity" },
  { href: "/models", label: "Models", section: "/models" },
  { href: "/rankings", label: "Rankings", section: "/rankings" },
  { href: "/docs", label: "Docs", section: "/docs" },
  { href: "/settings/privacy", label: "Settings", section: "/settings", isAccountOnly: true },
];

export const ACCOUNT_LINKS = [
  { href: "/settings/privacy", label: "Privacy settings" },
  { href: "/settings/keys", label: "API keys" },
] as const;

export function isInSection(pathname: string, section: string): boolean {
  return pathname === section || pathname.startsWith(`${section}/`);
}

export function visibleNavItems(isSignedIn: boolean): TNavItem[] {
  return NAV_ITEMS.filter((item) => isSignedIn || !item.isAccountOnly);
}
