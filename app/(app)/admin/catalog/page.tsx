import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminCatalog } from "@/lib/admin/catalog";
import { CatalogTable } from "@/components/admin/catalog-table";

export const metadata: Metadata = { title: "Admin: catalog" };

export default async function AdminCatalogPage() {
  await requireAdmin();
  const { providers, models } = await getAdminCatalog();
  const configured = providers.filter((p) => p.isConfigured).length;
  return (
    <section aria-labelledby="admin-catalog-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="admin-catalog-heading" className="text-xl font-semibold tracking-tight">
          Catalog
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          The loaded catalog: {models} models from {providers.length} providers, {configured} of them with their key set
          on this server. A provider without its key is listed but never called. Reload it with{" "}
          <code className="font-mono text-sm">npx privet catalog load</code>.
        </p>
      </div>
      <CatalogTable rows={providers} />
    </section>
  );
}
