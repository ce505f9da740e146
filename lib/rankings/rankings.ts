// Model rankings (PRODUCT.md, "Rankings"): usage by tokens over all accounts, and per category from
// the prompt samples. Built from aggregates only — the queries group by model and return sums and
// counts, so no user, key, generation id or time ever leaves this module — and small counts are
// left out (PRIVET_RANKINGS_MIN_ACCOUNTS): on a Privet with few people, a model only one account
// used would show that account's usage.
import { z } from "zod";
import { getCatalog } from "@/lib/catalog/store";
import { db, rawQuery } from "@/lib/db";
import { rankingsMinAccounts, sampleRate } from "@/lib/env";
import { CATEGORIES, type TCategory } from "@/lib/sampling/categorize";

export const RANKING_PERIODS = ["day", "week", "month"] as const;
export type TRankingPeriod = (typeof RANKING_PERIODS)[number];
export const PERIOD_DAYS: Record<TRankingPeriod, number> = { day: 1, week: 7, month: 30 };
/** The longest period: anonymous samples older than this (and a day) are never read again, and the purge deletes them. */
export const RANKING_WINDOW_DAYS = Math.max(...Object.values(PERIOD_DAYS));
export const DEFAULT_PERIOD: TRankingPeriod = "week";
const TOP = 20;
const DAY_MS = 86_400_000;

/** The page's query string; anything unknown falls back to the default view rather than failing. */
export const ZRankingsQuery = z.object({
  period: z.enum(RANKING_PERIODS).catch(DEFAULT_PERIOD),
  category: z.enum(CATEGORIES).optional().catch(undefined),
});
export type TRankingsQuery = z.infer<typeof ZRankingsQuery>;

export type TTokenRanking = {
  model: string;
  name: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  requests: number;
  /** Share of all tokens in the period, 0–1. */
  share: number;
};

export type TCategoryRanking = { model: string; name: string; samples: number; share: number };

export type TRankings = {
  period: TRankingPeriod;
  category: TCategory | null;
  /** The first day counted (UTC, YYYY-MM-DD) for samples, which only carry the day. */
  sampleSinceDay: string;
  /** The share of requests sampled for categories (0–1), for the page's explanation. */
  sampleRate: number;
  /** The smallest number of accounts (token ranking) or samples (category rows) a model needs to be shown. */
  minCount: number;
  /** Totals and shares count the shown models only; `hiddenModels` were used by too few accounts. */
  overall: { rows: TTokenRanking[]; totalTokens: number; totalModels: number; hiddenModels: number };
  /** Samples per category in the period, for the category chips (every category, zero included). */
  categoryCounts: { category: TCategory; samples: number }[];
  /** The selected category's ranking, or null when none is selected. */
  byCategory: { rows: TCategoryRanking[]; totalSamples: number; hiddenModels: number } | null;
};

/** Sums over every account's successful requests since `since`, by model, most tokens first, with the number of accounts behind each. */
async function findTokenTotals(since: Date) {
  // Successful requests only: a refused request's model is whatever the caller typed, which must
  // not be published, and it used no tokens anyway. Sums are bigints or Decimals by database.
  const groups = await rawQuery<{ model: string; prompt: unknown; completion: unknown; requests: unknown; accounts: unknown }[]>(
    db,
    `SELECT "model", sum("promptTokens") AS prompt, sum("completionTokens") AS completion, count(*) AS requests, count(DISTINCT "userId") AS accounts
     FROM "Generation" WHERE "createdAt" >= ? AND "status" = 'success' GROUP BY "model"`,
    since,
  );
  return groups
    .map((g) => {
      const promptTokens = Number(g.prompt ?? 0);
      const completionTokens = Number(g.completion ?? 0);
      return { model: g.model, promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, requests: Number(g.requests), accounts: Number(g.accounts) };
    })
    .filter((g) => g.totalTokens > 0)
    .sort((a, b) => b.totalTokens - a.totalTokens || a.model.localeCompare(b.model, "en"));
}

/** Sample counts by category and model, anonymous and linked together. */
async function findSampleCounts(since: Date, sinceDay: string) {
  const [anonymous, linked] = await Promise.all([
    db.anonymousSample.groupBy({ by: ["category", "model"], where: { day: { gte: sinceDay } }, _count: { _all: true } }),
    db.categorySample.groupBy({ by: ["category", "model"], where: { createdAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const counts = new Map<string, { category: string; model: string; samples: number }>();
  for (const g of [...anonymous, ...linked]) {
    const key = `${g.category}\u0000${g.model}`;
    const entry = counts.get(key) ?? { category: g.category, model: g.model, samples: 0 };
    entry.samples += g._count._all;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

export async function getRankings(query: TRankingsQuery, now = new Date()): Promise<TRankings> {
  const days = PERIOD_DAYS[query.period];
  const since = new Date(now.getTime() - days * DAY_MS);
  const sinceDay = since.toISOString().slice(0, 10);
  const minCount = rankingsMinAccounts();
  const [allTotals, samples, catalog] = await Promise.all([findTokenTotals(since), findSampleCounts(since, sinceDay), getCatalog()]);
  const nameOf = (model: string) => catalog.modelById.get(model)?.name ?? model;

  // Hidden models are left out of the total too: a total that moved with them would give them away.
  const totals = allTotals.filter((t) => t.accounts >= minCount);
  const totalTokens = totals.reduce((sum, t) => sum + t.totalTokens, 0);
  const overallRows = totals
    .slice(0, TOP)
    .map(({ accounts: _accounts, ...t }) => ({ ...t, name: nameOf(t.model), share: totalTokens > 0 ? t.totalTokens / totalTokens : 0 }));

  // The chips count the samples of the rows a category would show, hidden ones excluded like the totals.
  const categoryCounts = CATEGORIES.map((category) => ({
    category,
    samples: samples.filter((s) => s.category === category && s.samples >= minCount).reduce((sum, s) => sum + s.samples, 0),
  }));

  let byCategory: TRankings["byCategory"] = null;
  if (query.category) {
    const inCategory = samples.filter((s) => s.category === query.category);
    const shown = inCategory.filter((s) => s.samples >= minCount);
    const totalSamples = shown.reduce((sum, s) => sum + s.samples, 0);
    const rows = shown
      .sort((a, b) => b.samples - a.samples || a.model.localeCompare(b.model, "en"))
      .slice(0, TOP)
      .map((s) => ({ model: s.model, name: nameOf(s.model), samples: s.samples, share: totalSamples > 0 ? s.samples / totalSamples : 0 }));
    byCategory = { rows, totalSamples, hiddenModels: inCategory.length - shown.length };
  }

  return {
    period: query.period,
    category: query.category ?? null,
    sampleSinceDay: sinceDay,
    sampleRate: sampleRate(),
    minCount,
    overall: { rows: overallRows, totalTokens, totalModels: totals.length, hiddenModels: allTotals.length - totals.length },
    categoryCounts,
    byCategory,
  };
}
