// Turning an empty routing decision into the error the client sees (PRODUCT.md rule 6).
// The reason named must be the true one: users distrust a router that blames ZDR for a missing
// tool-calling capability, so every label is derived from the step that actually excluded.
import { DATA_POLICY_STEPS, POLICY_STEPS } from "@/lib/policy/select-endpoints";
import type { TExcludedByStep, TExclusion, TPolicyStep, TRefusal, TRoutingDecision } from "@/lib/policy/types";

export const REFUSAL_MESSAGE_PREFIX = "No endpoints found matching your data policy";

/** The `excluded_by` value for each step. */
export const EXCLUDED_BY_STEP: Record<TPolicyStep, TExcludedByStep> = {
  account_ignore: "ignored_providers",
  training: "data_policy:training",
  zdr: "data_policy:zdr",
  data_collection: "data_policy:data_collection",
  data_regions: "data_policy:data_regions",
  retention: "data_policy:retention",
  only: "allowed_providers",
  ignore: "ignore",
  require_parameters: "require_parameters",
  capabilities: "capabilities",
  quantization: "quantization",
  max_price: "max_price",
  context_length: "context_length",
  unavailable: "unavailable",
};

/** Human labels in step order; training is split by tier because they are two different settings. */
export const REFUSAL_LABELS = [
  "Ignored providers",
  "Paid model training",
  "Free model training",
  "Zero data retention",
  "Data collection denied",
  "Data regions",
  "Maximum retention",
  "Provider allow-list",
  "Request ignore list",
  "Required parameters",
  "Request features",
  "Quantization",
  "Max price",
  "Context length",
  "No provider configured",
] as const;

export type TRefusalLabel = (typeof REFUSAL_LABELS)[number];

const STEP_LABELS: Record<Exclude<TPolicyStep, "training">, TRefusalLabel> = {
  account_ignore: "Ignored providers",
  zdr: "Zero data retention",
  data_collection: "Data collection denied",
  data_regions: "Data regions",
  retention: "Maximum retention",
  only: "Provider allow-list",
  ignore: "Request ignore list",
  require_parameters: "Required parameters",
  capabilities: "Request features",
  quantization: "Quantization",
  max_price: "Max price",
  context_length: "Context length",
  unavailable: "No provider configured",
};

/**
 * The label of one exclusion. `isFree` is always recorded by selectEndpoints; the model-id suffix
 * is only a fallback for hand-built exclusions (free variants are the `:free` models).
 */
export function labelForExclusion(exclusion: TExclusion, modelId: string): TRefusalLabel {
  if (exclusion.step !== "training") return STEP_LABELS[exclusion.step];
  const isFree = exclusion.isFree ?? modelId.endsWith(":free");
  return isFree ? "Free model training" : "Paid model training";
}

/** The `excluded_by` entries of a decision's exclusions: step order, then input order. */
export function excludedByOf(excluded: readonly TExclusion[]): TRefusal["metadata"]["excluded_by"] {
  // Listed in step order (then input order) so the body reads like the pipeline ran.
  const stepIndex = (step: TPolicyStep) => POLICY_STEPS.indexOf(step);
  return excluded
    .map((exclusion, index) => ({ exclusion, index }))
    .sort((a, b) => stepIndex(a.exclusion.step) - stepIndex(b.exclusion.step) || a.index - b.index)
    .map(({ exclusion }) => ({
      provider: exclusion.provider,
      step: EXCLUDED_BY_STEP[exclusion.step],
      reason: exclusion.reason,
    }));
}

/**
 * The error for a decision with nothing eligible, or null when something is eligible.
 * - Any exclusion by steps 1–10: 404, `No endpoints found matching your data policy (<labels>). Configure: <settingsUrl>`.
 * - Every exclusion is `unavailable`: 503, nothing is configured for this model.
 * - No endpoints at all: 404 with code `no_endpoints` (the model exists but nobody serves it).
 */
export function refusalFor(decision: TRoutingDecision, modelId: string, settingsUrl: string): TRefusal | null {
  if (decision.eligible.length > 0) return null;
  const excludedBy = excludedByOf(decision.excluded);

  if (decision.excluded.length === 0) {
    return {
      status: 404,
      message: `No endpoints found for ${modelId}`,
      metadata: { code: "no_endpoints", model: modelId, excluded_by: [] },
    };
  }

  if (decision.excluded.every((exclusion) => exclusion.step === "unavailable")) {
    const envVars = [
      ...new Set(
        decision.excluded
          .map((exclusion) => exclusion.apiKeyEnv)
          .filter((name): name is string => typeof name === "string" && name.length > 0),
      ),
    ];
    const what = envVars.length > 0 ? envVars.join(", ") : "the provider key variables named in the catalog";
    return {
      status: 503,
      message: `No provider is configured for ${modelId}: set one of ${what} or run a local model`,
      metadata: { code: "no_provider_configured", model: modelId, excluded_by: excludedBy },
    };
  }

  const present = new Set(decision.excluded.map((exclusion) => labelForExclusion(exclusion, modelId)));
  const labels = REFUSAL_LABELS.filter((label) => present.has(label));
  const isPrivacy = decision.excluded.some((exclusion) => DATA_POLICY_STEPS.has(exclusion.step));
  return {
    status: 404,
    message: `${REFUSAL_MESSAGE_PREFIX} (${labels.join(", ")}). Configure: ${settingsUrl}`,
    metadata: {
      code: isPrivacy ? "privacy_restricted" : "no_eligible_endpoint",
      model: modelId,
      excluded_by: excludedBy,
    },
  };
}
