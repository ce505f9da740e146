import type { Metadata } from "next";
import { getModelSummaries } from "@/lib/docs/catalog-pages";
import { PageHeader } from "@/components/ui/page-header";
import { ModelsTable } from "@/components/catalog/models-table";

export const metadata: Metadata = {
  title: "Models",
  description:
    "Every model this Privet install lists: context length, prices per million tokens, and which providers serve it.",
};

export default async function ModelsPage() {
  const models = await getModelSummaries();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Models"
        description="Every model in this install's catalog. Open one to see each provider that serves it, its price and the data policy that applies there."
      />
      <ModelsTable models={models} />
    </div>
  );
}
