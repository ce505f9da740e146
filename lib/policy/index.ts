// Public API of the policy engine: pure routing and eligibility decisions, no I/O.
export {
  contextWindowToFit,
  endpointPrice,
  getEndpointsToAttempt,
  isSortedAcrossModels,
  orderEligible,
  POLICY_STEPS,
  selectEndpoints,
} from "@/lib/policy/select-endpoints";
export { EXCLUDED_BY_STEP, REFUSAL_LABELS, labelForExclusion, refusalFor } from "@/lib/policy/refusal";
export {
  dataPolicyTokens,
  describePublishing,
  describeRetention,
  describeTraining,
  formatDataPolicyHeader,
} from "@/lib/policy/describe";
export type * from "@/lib/policy/types";
