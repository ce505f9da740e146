// Turning the policy engine's refusal (or the pipeline's error metadata, which carries the same
// `excluded_by` list) into what the chat shows: the true reason per provider and the one setting
// that would change it. Pure: shared by the model picker and the inline send errors.
import { modelHref } from "@/lib/docs/views";
import { EXCLUDED_BY_STEP, labelForExclusion, REFUSAL_LABELS } from "@/lib/policy";
import type { TExcludedByStep, TPolicyStep } from "@/lib/policy/types";
import { settingHref } from "@/lib/chat/links";
import type { TExcludedView, TFix, TRefusalView } from "@/lib/chat/types";

const STEP_BY_EXCLUDED_BY = new Map<string, TPolicyStep>(
  (Object.entries(EXCLUDED_BY_STEP) as [TPolicyStep, TExcludedByStep][]).map(([step, excludedBy]) => [
    excludedBy,
    step,
  ]),
);

/** What the request and account looked like, to tell whose restriction removed a provider. */
export type TFixContext = {
  accountZdrOnly: boolean;
  requestZdr: boolean;
  requestDeny: boolean;
};

function fixFor(step: TPolicyStep, isFree: boolean, modelId: string, ctx: TFixContext): TFix {
  switch (step) {
    case "account_ignore":
      return {
        kind: "setting",
        label: "Ignored providers",
        href: settingHref("ignored-providers"),
        anchor: "ignored-providers",
      };
    case "training":
      return isFree
        ? { kind: "setting", label: "Free model training", href: settingHref("train-free"), anchor: "train-free" }
        : { kind: "setting", label: "Paid model training", href: settingHref("train-paid"), anchor: "train-paid" };
    case "zdr":
      // The account setting wins: turning the conversation option off would change nothing.
      return ctx.accountZdrOnly || !ctx.requestZdr
        ? { kind: "setting", label: "Zero data retention only", href: settingHref("zdr-only"), anchor: "zdr-only" }
        : { kind: "conversation", label: "Zero data retention only (this conversation)", option: "zdr" };
    case "data_collection":
      return { kind: "conversation", label: "Deny data collection (this conversation)", option: "denyDataCollection" };
    // The chat names no regions of its own: these come from the account's settings (or the floor under them).
    case "data_regions":
      return {
        kind: "setting",
        label: "Allowed data regions",
        href: settingHref("data-regions"),
        anchor: "data-regions",
      };
    case "retention":
      return {
        kind: "setting",
        label: "Maximum retention",
        href: settingHref("max-retention"),
        anchor: "max-retention",
      };
    case "unavailable":
      // Not a setting: the operator has to set the provider's key (the reason names the variable).
      return { kind: "docs", label: "See which of this model's providers are configured", href: modelHref(modelId) };
    case "context_length":
      return {
        kind: "hint",
        label:
          "The conversation is longer than this model's context window: start a new conversation or pick a model with a larger one.",
      };
    default:
      return { kind: "hint", label: "The request's routing preferences excluded this provider." };
  }
}

function fixKey(fix: TFix): string {
  switch (fix.kind) {
    case "setting":
      return `setting:${fix.anchor}`;
    case "conversation":
      return `conversation:${fix.option}`;
    case "docs":
      return `docs:${fix.href}`;
    case "hint":
      return `hint:${fix.label}`;
  }
}

export type TRefusalInput = {
  status: number;
  message: string;
  metadata: { code?: unknown; excluded_by?: unknown };
};

type TExcludedByEntry = { provider: string; step: string; reason: string };

function isExcludedByEntry(value: unknown): value is TExcludedByEntry {
  const v = value as Partial<TExcludedByEntry> | null;
  return typeof v?.provider === "string" && typeof v.step === "string" && typeof v.reason === "string";
}

/**
 * The view of a refusal. `lookup` names providers and says whether the model's endpoint at that
 * provider is a free variant (training is judged per tier, so the setting to change differs).
 */
export function toRefusalView(
  refusal: TRefusalInput,
  modelId: string,
  lookup: { providerName(slug: string): string; isFree(slug: string): boolean },
  ctx: TFixContext,
): TRefusalView {
  const entries = Array.isArray(refusal.metadata.excluded_by)
    ? refusal.metadata.excluded_by.filter(isExcludedByEntry)
    : [];
  const excluded: TExcludedView[] = [];
  const fixes = new Map<string, TFix>();
  for (const entry of entries) {
    const step = STEP_BY_EXCLUDED_BY.get(entry.step) ?? "unavailable";
    const isFree = lookup.isFree(entry.provider);
    const label = labelForExclusion(
      { endpointId: `${modelId}@${entry.provider}`, provider: entry.provider, step, reason: entry.reason, isFree },
      modelId,
    );
    excluded.push({
      provider: entry.provider,
      providerName: lookup.providerName(entry.provider),
      label,
      reason: entry.reason,
    });
    const fix = fixFor(step, isFree, modelId, ctx);
    fixes.set(fixKey(fix), fix);
  }
  const present = new Set(excluded.map((e) => e.label));
  return {
    status: refusal.status,
    code: typeof refusal.metadata.code === "string" ? refusal.metadata.code : "refused",
    message: refusal.message,
    labels: REFUSAL_LABELS.filter((label) => present.has(label)),
    excluded,
    fixes: [...fixes.values()],
  };
}
