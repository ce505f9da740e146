import type { Metadata } from "next";
import Link from "next/link";
import { getProviderRows } from "@/lib/docs/catalog-pages";
import { ProviderPolicyTable } from "@/components/catalog/provider-policy-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = {
  title: "Providers",
  description: "Every provider this Privet install lists, with its data policy and whether this server can call it.",
};

export default async function ProvidersPage() {
  const providers = await getProviderRows();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Providers"
        description="Every provider in this install's catalog: what it keeps, whether it trains on prompts, and whether this server has its key. Open one to see its models and the terms its policy was read from."
      />
      <ProviderPolicyTable rows={providers} />
      <p className="text-sm text-muted-foreground">
        How Privet decides which of them may serve a request is on the{" "}
        <Link href="/docs" className="text-brand underline-offset-2 hover:underline">
          privacy page
        </Link>
        .
      </p>
    </div>
  );
}
