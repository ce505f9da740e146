// Model rankings (PRODUCT.md, "Rankings" and rule 7): usage by tokens, overall and per category from
// the prompt samples, published so that no figure can be traced to a person:
//   - only closed periods (whole UTC days up to yesterday, lib/rankings/periods.ts), each computed
//     once and stored (RankingSnapshot): every instance and every later view shows the same figures,
//     so nothing can be learnt by reading the rankings before and after a request;
//   - every row, totals included, needs PRIVET_RANKINGS_MIN_ACCOUNTS distinct counted accounts
//     (lib/rankings/counted-accounts.ts: older than a day, with real usage) — a model row by its
//     accounts, a category row by its linked samples' accounts or, for anonymous samples, which
//     carry no account, by the counted accounts of each sample's (day, model);
//   - every figure is rounded (lib/rankings/publish.ts).
// Built from aggregates only — no user, key, generation id or time leaves this module.
import { z } from "zod";
import { getCatalog } from "@/lib/catalog/store";
import { db } from "@/lib/db";
import { rankingsMinAccounts, sampleRate } from "@/lib/env";
import { CATEGORIES, type TCategory } from "@/lib/sampling/categorize";
import {
  dayModelKey,
  findCountedAccountsByDay,
  findCountedLinkedSamples,
  findCountedUsage,
  MIN_ACTIVE_DAYS,
  type TModelUsage,
} from "@/lib/rankings/counted-accounts";
import {
  addDays,
  closedPeriod,
  RANKING_PERIODS,
  type TClosedPeriod,
  type TRankingPeriod,
} from "@/lib/rankings/periods";
import { roundFigure, wholePercent } from "@/lib/rankings/publish";
import { GENERATION_KINDS, type TGenerationKind } from "@/lib/generations/record";

export { RANKING_PERIODS, type TRankingPeriod } from "@/lib/rankings/periods";
export const DEFAULT_PERIOD: TRankingPeriod = "week";
const TOP = 20;
/** Snapshots of periods that ended this many days before the newest are deleted: nothing shows them. */
const SNAPSHOT_KEEP_DAYS = 2;

/** The page's query string; anything unknown falls back to the default view rather than failing. */
export const ZRankingsQuery = z.object({
  period: z.enum(RANKING_PERIODS).catch(DEFAULT_PERIOD),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  kind: z.enum(GENERATION_KINDS).optional().catch(undefined),
});
export type TRankingsQuery = z.infer<typeof ZRankingsQuery>;

/** A model's usage in the period; every number rounded (publish.ts). */
export type TTokenRanking = {
  model: string;
  name: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  requests: number;
  /** Share of all shown tokens in the period, 0–1 in whole percents. */
  share: number;
};

export type TCategoryRanking = { model: string; name: string; samples: number; share: number };

type TCategoryPart = { rows: Omit<TCategoryRanking, "name">[]; totalSamples: number; hiddenModels: number };

type TOverallPart = {
  rows: Omit<TTokenRanking, "name">[];
  totalTokens: number;
  totalModels: number;
  hiddenModels: number;
};

/** What is stored for a closed period: everything any view of it shows, rounded. */
export type TRankingSnapshot = {
  minCount: number;
  overall: TOverallPart;
  /** The same ranking for each kind of request (API); absent from snapshots stored before kinds were ranked. */
  byKind?: Record<TGenerationKind, TOverallPart>;
  categories: Record<TCategory, TCategoryPart>;
};

export type TRankings = {
  period: TRankingPeriod;
  category: TCategory | null;
  /** The kind of request (API) the token ranking is narrowed to, or null for all. */
  kind: TGenerationKind | null;
  /** Tokens per kind in the period (shown rows only, rounded), for the kind chips. */
  kindCounts: { kind: TGenerationKind; tokens: number }[];
  /** The closed period shown: its first and last UTC day (YYYY-MM-DD), both included. */
  firstDay: string;
  lastDay: string;
  /** The share of requests sampled for categories (0–1), for the page's explanation. */
  sampleRate: number;
  /** The smallest number of counted accounts a row needs to be shown. */
  minCount: number;
  /** The days of use an account needs to be counted. */
  minActiveDays: number;
  /** Totals and shares count the shown models only; `hiddenModels` were used by too few accounts. */
  overall: { rows: TTokenRanking[]; totalTokens: number; totalModels: number; hiddenModels: number };
  /** Samples per category in the period, for the category chips (every category, zero included). */
  categoryCounts: { category: TCategory; samples: number }[];
  /** The selected category's ranking, or null when none is selected. */
  byCategory: { rows: TCategoryRanking[]; totalSamples: number; hiddenModels: number } | null;
};

const byCountThenModel =
  <T extends { model: string }>(count: (row: T) => number) =>
  (a: T, b: T) =>
    count(b) - count(a) || a.model.localeCompare(b.model, "en");

/**
 * The token ranking of some (model, kind) usage rows. Each (model, kind) row needs `minCount`
 * accounts, and a model's figures are the sum of its rows that have them: were a model's overall
 * figures to include a kind too few accounts used, the overall row minus its shown kind rows would
 * give that kind's use away.
 */
function rankUsage(usage: TModelUsage[], minCount: number): TOverallPart {
  type TSum = Omit<TModelUsage, "kind" | "accounts">;
  const byModel = new Map<string, TSum>();
  const models = new Set<string>();
  for (const u of usage) {
    models.add(u.model);
    if (u.accounts < minCount) continue;
    const sum = byModel.get(u.model) ?? { model: u.model, promptTokens: 0, completionTokens: 0, requests: 0 };
    sum.promptTokens += u.promptTokens;
    sum.completionTokens += u.completionTokens;
    sum.requests += u.requests;
    byModel.set(u.model, sum);
  }
  const tokens = (u: TSum) => u.promptTokens + u.completionTokens;
  // Hidden models are left out of the total too: a total that moved with them would give them away.
  const shown = [...byModel.values()].sort(byCountThenModel<TSum>(tokens));
  const totalTokens = roundFigure(shown.reduce((sum, u) => sum + tokens(u), 0));
  const rows = shown.slice(0, TOP).map((u) => {
    const totalTokensOfModel = roundFigure(tokens(u));
    return {
      model: u.model,
      promptTokens: roundFigure(u.promptTokens),
      completionTokens: roundFigure(u.completionTokens),
      totalTokens: totalTokensOfModel,
      requests: roundFigure(u.requests),
      share: wholePercent(totalTokensOfModel, totalTokens),
    };
  });
  return { rows, totalTokens, totalModels: shown.length, hiddenModels: models.size - shown.length };
}

async function computeOverall(
  period: TClosedPeriod,
  minCount: number,
): Promise<Pick<TRankingSnapshot, "overall" | "byKind">> {
  const usage = await findCountedUsage(period.start, period.end);
  const byKind = {} as Record<TGenerationKind, TOverallPart>;
  for (const kind of GENERATION_KINDS)
    byKind[kind] = rankUsage(
      usage.filter((u) => u.kind === kind),
      minCount,
    );
  return { overall: rankUsage(usage, minCount), byKind };
}

/**
 * Category rows. Linked samples carry their account: a (category, model) counts them when they come
 * from `minCount` counted accounts. Anonymous samples carry none: one counts when its (day, model)
 * had `minCount` counted accounts among the requests it could have come from — the rule the
 * sampler applies before storing it, checked again here. Such a sample is one of at least
 * `minCount` accounts' requests, though a row may hold several samples of one of them (the
 * trade-off in ARCHITECTURE.md).
 */
async function computeCategories(period: TClosedPeriod, minCount: number): Promise<TRankingSnapshot["categories"]> {
  const [accountsByDay, linked, anonymous] = await Promise.all([
    findCountedAccountsByDay(period.start, period.end),
    findCountedLinkedSamples(period.start, period.end),
    db.anonymousSample.groupBy({
      by: ["day", "model", "category"],
      where: { day: { gte: period.firstDay, lte: period.lastDay } },
      _count: { _all: true },
    }),
  ]);
  const counts = new Map<string, Map<string, number>>(CATEGORIES.map((c) => [c, new Map()]));
  const add = (category: string, model: string, samples: number) => {
    const models = counts.get(category);
    if (models) models.set(model, (models.get(model) ?? 0) + samples);
  };
  for (const g of anonymous)
    add(g.category, g.model, (accountsByDay.get(dayModelKey(g.day, g.model)) ?? 0) >= minCount ? g._count._all : 0);
  for (const l of linked) add(l.category, l.model, l.accounts >= minCount ? l.samples : 0);

  const categories = {} as TRankingSnapshot["categories"];
  for (const category of CATEGORIES) {
    const all = [...(counts.get(category) ?? new Map<string, number>())].map(([model, samples]) => ({
      model,
      samples,
    }));
    const shown = all.filter((s) => s.samples > 0).sort(byCountThenModel((s) => s.samples));
    const totalSamples = roundFigure(shown.reduce((sum, s) => sum + s.samples, 0));
    const rows = shown.slice(0, TOP).map((s) => {
      const samples = roundFigure(s.samples);
      return { model: s.model, samples, share: wholePercent(samples, totalSamples) };
    });
    categories[category] = { rows, totalSamples, hiddenModels: all.length - shown.length };
  }
  return categories;
}

export async function computeSnapshot(
  period: TClosedPeriod,
  minCount = rankingsMinAccounts(),
): Promise<TRankingSnapshot> {
  const [{ overall, byKind }, categories] = await Promise.all([
    computeOverall(period, minCount),
    computeCategories(period, minCount),
  ]);
  return { minCount, overall, byKind, categories };
}

const isDuplicate = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * The stored snapshot of a closed period, computed and stored by the first caller. Instances that
 * compute one at the same moment race to insert it; the first insert wins and every instance then
 * serves that one, so a period never shows two sets of figures.
 */
async function findOrCreateSnapshot(period: TClosedPeriod): Promise<TRankingSnapshot> {
  const where = { period_lastDay: { period: period.period, lastDay: period.lastDay } };
  const stored = await db.rankingSnapshot.findUnique({ where });
  if (stored) return JSON.parse(stored.data) as TRankingSnapshot;
  const snapshot = await computeSnapshot(period);
  try {
    await db.rankingSnapshot.create({
      data: { period: period.period, lastDay: period.lastDay, data: JSON.stringify(snapshot) },
    });
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    const first = await db.rankingSnapshot.findUnique({ where });
    if (first) return JSON.parse(first.data) as TRankingSnapshot;
  }
  await db.rankingSnapshot.deleteMany({
    where: { period: period.period, lastDay: { lt: addDays(period.lastDay, -SNAPSHOT_KEEP_DAYS) } },
  });
  return snapshot;
}

export async function getRankings(query: TRankingsQuery, now = new Date()): Promise<TRankings> {
  const period = closedPeriod(query.period, now);
  const [snapshot, catalog] = await Promise.all([findOrCreateSnapshot(period), getCatalog()]);
  const named = <T extends { model: string }>(rows: T[]) =>
    rows.map((row) => ({ ...row, name: catalog.modelById.get(row.model)?.name ?? row.model }));
  const selected = query.category ? snapshot.categories[query.category] : null;
  const empty: TOverallPart = { rows: [], totalTokens: 0, totalModels: 0, hiddenModels: 0 };
  const overall = query.kind ? (snapshot.byKind?.[query.kind] ?? empty) : snapshot.overall;
  return {
    period: query.period,
    category: query.category ?? null,
    kind: query.kind ?? null,
    kindCounts: GENERATION_KINDS.map((kind) => ({ kind, tokens: snapshot.byKind?.[kind]?.totalTokens ?? 0 })),
    firstDay: period.firstDay,
    lastDay: period.lastDay,
    sampleRate: sampleRate(),
    minCount: snapshot.minCount,
    minActiveDays: MIN_ACTIVE_DAYS,
    overall: { ...overall, rows: named(overall.rows) },
    categoryCounts: CATEGORIES.map((category) => ({ category, samples: snapshot.categories[category].totalSamples })),
    byCategory: selected ? { ...selected, rows: named(selected.rows) } : null,
  };
}
