import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAccount } from "@/lib/auth/session";
import { getGenerationDetail } from "@/lib/activity/detail";
import { GenerationDetail } from "@/components/activity/generation-detail";
import { deleteGenerationContentAction, deleteGenerationLogAction } from "../actions";

export const metadata: Metadata = { title: "Request" };

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const account = await requireAccount(`/activity/${encodeURIComponent(id)}`);
  const detail = await getGenerationDetail(account.id, id);
  // The layout has already answered 404 for ids that are not the account's; this covers a delete in between.
  if (!detail) notFound();
  return (
    <GenerationDetail
      detail={detail}
      deleteLogAction={deleteGenerationLogAction}
      deleteContentAction={deleteGenerationContentAction}
    />
  );
}
