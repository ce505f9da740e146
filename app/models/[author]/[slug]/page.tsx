import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSessionAccount } from "@/lib/auth/session";
import { findModelAvailability } from "@/lib/chat/models";
import { findModelDetail } from "@/lib/docs/catalog-pages";
import { ModelDetail } from "@/components/catalog/model-detail";

type TProps = { params: Promise<{ author: string; slug: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { author, slug } = await params;
  const model = await findModelDetail(author, slug);
  return { title: model ? model.name : "Model not found" };
}

export default async function ModelPage({ params }: TProps) {
  const { author, slug } = await params;
  const [model, account] = await Promise.all([findModelDetail(author, slug), getSessionAccount()]);
  if (!model) notFound();
  // A signed-in reader sees which of the providers their own settings allow.
  const access = account ? await findModelAvailability(account.id, model.id) : null;
  return <ModelDetail model={model} access={access} />;
}
