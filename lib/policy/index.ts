// Public API of the policy engine: pure routing and eligibility decisions, no I/O.
export {
  ALWAYS_SUPPORTED_PARAMETERS,
  DATA_POLICY_STEPS,
  POLICY_STEPS,
  contextWindowToFit,
  endpointPrice,
  findExclusion,
  getEndpointsToAttempt,
  isSortedAcrossModels,
  orderEligible,
  selectEndpoints,
} from "@/lib/policy/select-endpoints";
export type { TEndpointWithHints } from "@/lib/policy/select-endpoints";
export {
  EXCLUDED_BY_STEP,
  REFUSAL_LABELS,
  REFUSAL_MESSAGE_PREFIX,
  labelForExclusion,
  refusalFor,
} from "@/lib/policy/refusal";
export type { TRefusalLabel } from "@/lib/policy/refusal";
export { describePublishing, describeRetention, describeTraining, formatDataPolicyHeader } from "@/lib/policy/describe";
export type { TRetentionDescription, TTrainingDescription } from "@/lib/policy/describe";
export { previewAccountPolicy } from "@/lib/policy/preview";
export type * from "@/lib/policy/types";
