// Data for the public catalog pages: the docs table, /models and /providers. Read from the catalog
// in the database on every request (never at build time), so the pages follow a catalog reload.
import "server-only";
import { connection } from "next/server";
import { getCatalog } from "@/lib/catalog/store";
import { isKeyPresent } from "@/lib/catalog/build";
import type { TModel } from "@/lib/catalog/types";
import { publicBaseUrl, sampleRate } from "@/lib/env";
import {
  modelIdFromSegments,
  toModelDetail,
  toModelSummary,
  toProviderDetail,
  toProviderPolicyRow,
} from "@/lib/docs/views";
import { formatPercent } from "@/lib/format";
import type { TModelDetail, TModelSummary, TProviderDetail, TProviderPolicyRow } from "@/lib/docs/types";

export type TPrivacyDocs = {
  providers: TProviderPolicyRow[];
  /** This install's sampling rate as people read it, e.g. "0.25%". */
  sampleRate: string;
};

export async function getPrivacyDocs(): Promise<TPrivacyDocs> {
  return { providers: await getProviderRows(), sampleRate: formatPercent(sampleRate()) };
}

/** Every provider of the catalog with its policy and whether this server has its key (/providers, the docs). */
export async function getProviderRows(): Promise<TProviderPolicyRow[]> {
  await connection();
  const catalog = await getCatalog();
  return catalog.providers.map((p) => toProviderPolicyRow(p, isKeyPresent(p.apiKeyEnv, process.env)));
}

export async function getModelSummaries(): Promise<TModelSummary[]> {
  await connection();
  const catalog = await getCatalog();
  return catalog.models.map(toModelSummary);
}

/** The model the two URL segments name, or null (the page then answers 404). */
export async function findModelDetail(author: string, slug: string): Promise<TModelDetail | null> {
  await connection();
  const catalog = await getCatalog();
  const model = catalog.modelById.get(modelIdFromSegments(author, slug));
  return model ? toModelDetail(model, catalog.modelById) : null;
}

export async function findProviderDetail(slug: string): Promise<TProviderDetail | null> {
  await connection();
  const catalog = await getCatalog();
  const provider = catalog.providerBySlug.get(slug);
  if (!provider) return null;
  return toProviderDetail(provider, catalog.models, isKeyPresent(provider.apiKeyEnv, process.env));
}

export type TApiDocsContext = {
  /** Where this install's API lives, e.g. `http://127.0.0.1:3000/api/v1`. */
  apiBaseUrl: string;
  settingsUrl: string;
  /** A model this install can route now, so the examples run as printed; a placeholder otherwise. */
  exampleModel: string;
};

export async function getApiDocsContext(): Promise<TApiDocsContext> {
  await connection();
  const base = publicBaseUrl();
  return {
    apiBaseUrl: `${base}/api/v1`,
    settingsUrl: `${base}/settings/privacy`,
    exampleModel: await getExampleModelId(),
  };
}

/**
 * The model the site's examples name (the landing page, the keys page, the API reference): one of the
 * catalog being served, so an example runs as printed. Best a model a new account (training off for
 * both tiers) can call on this install right now, then one with any configured provider, then the first.
 */
export async function getExampleModelId(): Promise<string> {
  await connection();
  const catalog = await getCatalog();
  const isUsable = (m: TModel) => m.endpoints.some((e) => e.isRoutable && e.dataPolicy.training === false);
  const isRoutable = (m: TModel) => m.endpoints.some((e) => e.isRoutable);
  const example = catalog.models.find(isUsable) ?? catalog.models.find(isRoutable) ?? catalog.models[0];
  return example?.id ?? "openai/gpt-4o-mini";
}
