import type { Metadata } from "next";
import { notFound } from "next/navigation";
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
  const model = await findModelDetail(author, slug);
  if (!model) notFound();
  return <ModelDetail model={model} />;
}
