"use client";

import { Database, KeyRound, ShieldCheck } from "lucide-react";
import { SectionNav, type TSectionNavItem } from "@/components/ui/section-nav";

const ITEMS: TSectionNavItem[] = [
  { href: "/settings/privacy", label: "Privacy", Icon: ShieldCheck },
  { href: "/settings/keys", label: "API keys", Icon: KeyRound },
  { href: "/settings/account", label: "Your data", Icon: Database },
];

/** Sections of the settings. */
export function SettingsNav() {
  return <SectionNav label="Settings" items={ITEMS} />;
}
