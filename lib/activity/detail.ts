// One record for the detail view: the record itself (owner-scoped: another account's id is "not
// found"), the key it was made with and, only when content was logged and is still kept, its content.
import { db } from "@/lib/db";
import { getCatalog } from "@/lib/catalog/store";
import { findGeneration } from "@/lib/generations/generations";
import { findGenerationContent } from "@/lib/content/content";
import type { TStoredContent } from "@/lib/content/capture";
import { sentTo, type TGenerationRecord } from "@/lib/generations/record";
import type { TDataPolicy } from "@/lib/catalog/types";
import { toRouteView, type TRouteView } from "@/lib/generations/route-trace";
import { logError } from "@/lib/log";

export type TGenerationDetail = {
  generation: TGenerationRecord;
  apiKey: { name: string; prefix: string } | null;
  /** Names of the providers in the attempts, by slug (the slug itself when it left the catalog). */
  providerNames: Record<string, string>;
  /**
   * Every provider the request may have reached, in the order tried, with its data policy at the
   * time (null when an old record did not keep it) and whether it served the answer.
   */
  sentTo: { slug: string; name: string; policy: TDataPolicy | null; isServed: boolean }[];
  /** "Why this provider": how the request was routed; null when it never reached routing (or is older). */
  route: TRouteView | null;
  /** "stored": here it is; "none": nothing was logged, or it expired or was deleted; "unreadable": the key to decrypt it is gone. */
  content: { state: "stored"; value: TStoredContent } | { state: "none" } | { state: "unreadable" };
};

export async function getGenerationDetail(userId: string, id: string): Promise<TGenerationDetail | null> {
  if (id.length > 100) return null;
  const generation = await findGeneration(userId, id);
  if (!generation) return null;
  const [apiKey, content, catalog] = await Promise.all([
    generation.apiKeyId
      ? db.apiKey.findFirst({ where: { id: generation.apiKeyId, userId }, select: { name: true, prefix: true } })
      : null,
    readContent(userId, generation),
    getCatalog(),
  ]);
  const providerNames: Record<string, string> = {};
  for (const a of generation.attempts)
    providerNames[a.provider] = catalog.providerBySlug.get(a.provider)?.name ?? a.provider;
  if (generation.providerSlug && generation.providerName)
    providerNames[generation.providerSlug] = generation.providerName;
  const nameOf = (slug: string) => providerNames[slug] ?? catalog.providerBySlug.get(slug)?.name ?? slug;
  const route = generation.route
    ? toRouteView(generation.route, generation.attempts, generation.providerSlug, nameOf)
    : null;
  const sent = sentTo(generation).map(({ provider, data_policy }) => ({
    slug: provider,
    name: providerNames[provider] ?? provider,
    policy: data_policy,
    isServed: provider === generation.providerSlug,
  }));
  return { generation, apiKey, providerNames, sentTo: sent, route, content };
}

async function readContent(userId: string, generation: TGenerationRecord): Promise<TGenerationDetail["content"]> {
  if (!generation.contentStored) return { state: "none" };
  try {
    const value = await findGenerationContent(userId, generation.id);
    return value ? { state: "stored", value } : { state: "none" };
  } catch {
    // Decryption failed (the encryption key was replaced). Nothing of the content is logged.
    logError(`content of ${generation.id} could not be decrypted`);
    return { state: "unreadable" };
  }
}
