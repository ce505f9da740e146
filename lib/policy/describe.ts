// Plain-language and header renderings of a data policy, shared by receipts, the docs table and
// the endpoints API so a policy reads the same everywhere. Unknown is always printed as unknown,
// never guessed (PRODUCT.md rule 5 governs routing; here we only report what is known).
import type { TDataPolicy } from "@/lib/catalog/types";

function yesNoUnknown(value: boolean | null): "yes" | "no" | "unknown" {
  if (value === null) return "unknown";
  return value ? "yes" : "no";
}

function retentionToken(policy: TDataPolicy): string {
  if (policy.retainsPrompts === null) return "unknown";
  if (!policy.retainsPrompts) return "none";
  return policy.retentionDays === null ? "unknown-period" : `${policy.retentionDays}d`;
}

/** The receipt header's tokens one by one (traces' `privet.data_policy.*` attributes). */
export function dataPolicyTokens(policy: TDataPolicy): {
  training: string;
  retention: string;
  zdr: string;
  publish: string;
} {
  return {
    training: yesNoUnknown(policy.training),
    retention: retentionToken(policy),
    zdr: yesNoUnknown(policy.zdr),
    publish: yesNoUnknown(policy.canPublish),
  };
}

/** e.g. `training=no; retention=30d; zdr=no; publish=no` — the value of the receipt's data-policy header. */
export function formatDataPolicyHeader(policy: TDataPolicy): string {
  return `training=${yesNoUnknown(policy.training)}; retention=${retentionToken(policy)}; zdr=${yesNoUnknown(policy.zdr)}; publish=${yesNoUnknown(policy.canPublish)}`;
}

export type TRetentionDescription =
  "Zero retention" | `Retained for ${number} day${"" | "s"}` | "Retained for an unknown period" | "Unknown policy";

/** Retention in the words of the provider data-retention table. */
export function describeRetention(policy: TDataPolicy): TRetentionDescription {
  if (policy.retainsPrompts === null) return "Unknown policy";
  if (!policy.retainsPrompts) return "Zero retention";
  if (policy.retentionDays === null) return "Retained for an unknown period";
  return policy.retentionDays === 1 ? "Retained for 1 day" : `Retained for ${policy.retentionDays} days`;
}

export type TTrainingDescription = "Does not train" | "May train" | "Unknown (treated as may train)";

export function describeTraining(policy: TDataPolicy): TTrainingDescription {
  if (policy.training === null) return "Unknown (treated as may train)";
  return policy.training ? "May train" : "Does not train";
}

export type TPublishingDescription = "Does not publish" | "May publish prompts" | "Unknown (treated as may publish)";

/** Whether the provider may publish prompts (`canPublish`), for receipts and the activity detail. */
export function describePublishing(policy: TDataPolicy): TPublishingDescription {
  if (policy.canPublish === null) return "Unknown (treated as may publish)";
  return policy.canPublish ? "May publish prompts" : "Does not publish";
}
