import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireAccount } from "@/lib/auth/session";
import { findGeneration } from "@/lib/generations/generations";

// The ownership check runs here, above the page's loading boundary: a 404 must be decided before
// the response starts streaming the skeleton, or it would go out with status 200. Another account's
// id is "not found", exactly like an id that never existed.
export default async function GenerationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const account = await requireAccount(`/activity/${encodeURIComponent(id)}`);
  if (id.length > 100 || !(await findGeneration(account.id, id))) notFound();
  return children;
}
