// The instance policy floor: what an admin requires of every account (README, "Running Privet for a
// team"). Routing applies floor → account → request, each only narrowing: `applyPolicyFloor`
// combines the first two into the policy selectEndpoints runs under, and the request's preferences
// can only narrow that further (select-endpoints.ts). Pure: no I/O.
//
// Each restriction combines by its own rule, and every rule is "the stricter of the two": a switch
// that forbids is on if either side turns it on, a deny-list is the union, an allow-list the
// intersection. A new restriction (data regions, a maximum retention) is a new field here with its
// rule in `applyPolicyFloor`, and one in the account policy it narrows.
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
};

/** No floor: every account decides for itself. */
export const NO_FLOOR: TPolicyFloor = {
  noTrainingPaid: false,
  noTrainingFree: false,
  zdrOnly: false,
  ignoredProviders: [],
  allowedModels: null,
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

/** The account's settings under the floor: each field the stricter of the two. */
export function applyPolicyFloor(floor: TPolicyFloor, account: TAccountPolicy): TEffectivePolicy {
  return {
    allowTrainingPaid: account.allowTrainingPaid && !floor.noTrainingPaid,
    allowTrainingFree: account.allowTrainingFree && !floor.noTrainingFree,
    zdrOnly: account.zdrOnly || floor.zdrOnly,
    ignoredProviders: [...new Set([...floor.ignoredProviders, ...account.ignoredProviders])],
    allowedModels: intersectAllowLists(floor.allowedModels, null),
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
    floor.allowedModels !== null
  );
}
