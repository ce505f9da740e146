import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findProviderDetail } from "@/lib/docs/catalog-pages";
import { ProviderDetail } from "@/components/catalog/provider-detail";

type TProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { slug } = await params;
  const provider = await findProviderDetail(slug);
  return { title: provider ? `${provider.row.name}: data policy` : "Provider not found" };
}

export default async function ProviderPage({ params }: TProps) {
  const { slug } = await params;
  const provider = await findProviderDetail(slug);
  if (!provider) notFound();
  return <ProviderDetail provider={provider} />;
}
