// The choices the table's filters offer: the models, providers, keys and apps this account has
// actually used. Read from the month rollup (one row per month and combination), never from the records.
import { db, rawQuery } from "@/lib/db";
import { NONE } from "@/lib/activity/query";
import { appLabel } from "@/lib/activity/view";

export type TFilterOption = { value: string; label: string };

export type TActivityFilterOptions = {
  models: TFilterOption[];
  providers: TFilterOption[];
  keys: TFilterOption[];
  apps: TFilterOption[];
};

const byLabel = (a: TFilterOption, b: TFilterOption) => a.label.localeCompare(b.label);

export async function findActivityFilterOptions(userId: string): Promise<TActivityFilterOptions> {
  const [combos, keys] = await Promise.all([
    rawQuery<{ model: string; providerSlug: string; providerName: string; apiKeyId: string; app: string }[]>(
      db,
      `SELECT "model", "providerSlug", max("providerName") AS "providerName", "apiKeyId", "app"
       FROM "ActivityRollup" WHERE "userId" = ? AND "unit" = 'month' GROUP BY 1, 2, 4, 5`,
      userId,
    ),
    // All of the account's keys, revoked ones too: their requests stay in the history.
    db.apiKey.findMany({
      where: { userId },
      select: { id: true, name: true, prefix: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);
  const models = new Map<string, TFilterOption>();
  const providers = new Map<string, TFilterOption>();
  const usedKeys = new Set<string>();
  const apps = new Map<string, TFilterOption>();
  for (const c of combos) {
    models.set(c.model, { value: c.model, label: c.model });
    providers.set(
      c.providerSlug || NONE,
      c.providerSlug
        ? { value: c.providerSlug, label: c.providerName || c.providerSlug }
        : { value: NONE, label: "No provider (refused or failed early)" },
    );
    usedKeys.add(c.apiKeyId);
    if (c.app) apps.set(c.app, { value: c.app, label: `${appLabel(null, c.app)} (${c.app})` });
  }
  const keyOptions = keys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` }));
  if (usedKeys.has("")) keyOptions.push({ value: NONE, label: "Chat (no API key)" });
  const appOptions = [...apps.values()].sort(byLabel);
  if (combos.some((c) => c.app === "")) appOptions.push({ value: NONE, label: "Chat, or unknown (no referer)" });
  return {
    models: [...models.values()].sort(byLabel),
    providers: [...providers.values()].sort(byLabel),
    keys: keyOptions,
    apps: appOptions,
  };
}
