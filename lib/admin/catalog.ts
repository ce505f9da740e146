// /admin's view of the loaded catalog: each provider, whether its key is set on this server, its
// data policy's date, and how many models it serves.
import { isKeyPresent } from "@/lib/catalog/build";
import { getCatalog } from "@/lib/catalog/store";

export type TAdminProviderRow = {
  slug: string;
  name: string;
  /** The variable its key is read from; null when the provider needs none. */
  apiKeyEnv: string | null;
  isConfigured: boolean;
  /** When its data policy was last checked (YYYY-MM-DD), as the catalog says. */
  policyCheckedAt: string | null;
  models: number;
};

export async function getAdminCatalog(): Promise<{ providers: TAdminProviderRow[]; models: number }> {
  const catalog = await getCatalog();
  const rows = new Map<string, TAdminProviderRow>(
    catalog.providers.map((p) => [
      p.slug,
      {
        slug: p.slug,
        name: p.name,
        apiKeyEnv: p.apiKeyEnv,
        // Provider keys are the one setting read by name (CODE_STYLE.md, "Layout").
        isConfigured: isKeyPresent(p.apiKeyEnv, process.env),
        policyCheckedAt: p.dataPolicy.checkedAt,
        models: 0,
      },
    ]),
  );
  for (const model of catalog.models)
    for (const endpoint of model.endpoints) {
      const row = rows.get(endpoint.provider.slug);
      if (row) row.models += 1;
    }
  return { providers: [...rows.values()], models: catalog.models.length };
}
