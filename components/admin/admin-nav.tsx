"use client";

import { BookOpen, MailPlus, SlidersHorizontal, Users } from "lucide-react";
import { SectionNav, type TSectionNavItem } from "@/components/ui/section-nav";

const ITEMS: TSectionNavItem[] = [
  { href: "/admin", label: "Users", Icon: Users, isExact: true },
  { href: "/admin/invitations", label: "Invitations", Icon: MailPlus },
  { href: "/admin/instance", label: "Instance", Icon: SlidersHorizontal },
  { href: "/admin/catalog", label: "Catalog", Icon: BookOpen },
];

/** Sections of /admin. */
export function AdminNav() {
  return <SectionNav label="Admin" items={ITEMS} />;
}
