// The instance policy floor: what an admin requires of every account (README, "Running Privet for a
// team"). Routing applies floor → account → request, each only narrowing: `applyPolicyFloor`
// combines the first two into the policy selectEndpoints runs under, and the request's preferences
// can only narrow that further (select-endpoints.ts). Pure: no I/O.
//
// Each restriction combines by its own rule, and every rule is "the stricter of the two": a switch
// that forbids is on if either side turns it on, a deny-list is the union, an allow-list the
// intersection, a maximum the smaller (a maximum policy age too). A new restriction is a new field here with its rule in
// `applyPolicyFloor`, and one in the account policy it narrows.
import { isWithinRegions } from "@/lib/policy/select-endpoints";
import type { TAccountPolicy } from "@/lib/policy/types";

export type TPolicyFloor = {
  /** No provider that may train on prompts, for paid endpoints. */
  noTrainingPaid: boolean;
  /** No provider that may train on prompts, for free endpoints. */
  noTrainingFree: boolean;
  /** Zero-data-retention endpoints only. */
  zdrOnly: boolean;
  /** Provider slugs no account may reach. */
  ignoredProviders: string[];
  /** Model ids the instance allows; null allows every model. */
  allowedModels: string[] | null;
  /** Countries (or "EU") where every account's prompts must be processed; null allows any. */
  allowedDataRegions: string[] | null;
  /** The longest retention (days) any account may accept; null: any. */
  maxRetentionDays: number | null;
  /** Catalog policies last checked more than this many days ago count as unknown for every account; null: any age. */
  maxPolicyAgeDays: number | null;
};

/** No floor: every account decides for itself. */
export const NO_FLOOR: TPolicyFloor = {
  noTrainingPaid: false,
  noTrainingFree: false,
  zdrOnly: false,
  ignoredProviders: [],
  allowedModels: null,
  allowedDataRegions: null,
  maxRetentionDays: null,
  maxPolicyAgeDays: null,
};

/** The policy an account's requests route under: its own settings narrowed by the floor. */
export type TEffectivePolicy = TAccountPolicy & {
  /** Model ids a request may use (its `models` fallbacks included); null allows every model. */
  allowedModels: string[] | null;
};

/** The intersection of two allow-lists, null standing for "everything". */
export function intersectAllowLists(a: readonly string[] | null, b: readonly string[] | null): string[] | null {
  if (a === null) return b === null ? null : [...b];
  if (b === null) return [...a];
  const inB = new Set(b);
  return a.filter((item) => inB.has(item));
}

/**
 * The regions inside both lists, null standing for "anywhere". "EU" covers each member state, so
 * EU ∩ [DE, US] is [DE]; an empty result allows no region at all (never "anywhere").
 */
export function intersectRegions(a: readonly string[] | null, b: readonly string[] | null): string[] | null {
  if (a === null) return b === null ? null : [...b];
  if (b === null) return [...a];
  const setA = new Set(a.map((region) => region.toUpperCase()));
  const setB = new Set(b.map((region) => region.toUpperCase()));
  const result = new Set<string>();
  for (const region of setA)
    if (isWithinRegions(region, setB) || (region === "EU" && setB.has("EU"))) result.add(region);
  for (const region of setB) if (isWithinRegions(region, setA)) result.add(region);
  return [...result].sort();
}

/** The smaller of two maximums, null standing for "no maximum". */
function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** The account's settings under the floor: each field the stricter of the two. */
export function applyPolicyFloor(floor: TPolicyFloor, account: TAccountPolicy): TEffectivePolicy {
  return {
    allowTrainingPaid: account.allowTrainingPaid && !floor.noTrainingPaid,
    allowTrainingFree: account.allowTrainingFree && !floor.noTrainingFree,
    zdrOnly: account.zdrOnly || floor.zdrOnly,
    ignoredProviders: [...new Set([...floor.ignoredProviders, ...account.ignoredProviders])],
    allowedModels: intersectAllowLists(floor.allowedModels, null),
    allowedDataRegions: intersectRegions(floor.allowedDataRegions, account.allowedDataRegions),
    maxRetentionDays: minOf(floor.maxRetentionDays, account.maxRetentionDays),
    maxPolicyAgeDays: minOf(floor.maxPolicyAgeDays, account.maxPolicyAgeDays),
  };
}

/** Whether a policy lets a request use the model. */
export function isModelAllowed(policy: Pick<TEffectivePolicy, "allowedModels">, modelId: string): boolean {
  return policy.allowedModels === null || policy.allowedModels.includes(modelId);
}

/** Whether the floor requires anything at all (the privacy page and /admin say so). */
export function hasFloor(floor: TPolicyFloor): boolean {
  return (
    floor.noTrainingPaid ||
    floor.noTrainingFree ||
    floor.zdrOnly ||
    floor.ignoredProviders.length > 0 ||
    floor.allowedModels !== null ||
    floor.allowedDataRegions !== null ||
    floor.maxRetentionDays !== null ||
    floor.maxPolicyAgeDays !== null
  );
}
