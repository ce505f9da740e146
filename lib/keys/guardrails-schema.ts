// What an API key's guardrails and an account's limits are, and how they are checked on input (the
// keys page, /admin, the CLI and the key management API alike). Both are a "limits layer"
// (lib/limits/limits.ts) with the same rules; a key adds an expiry and allowed data regions. Pure: the
// forms import it too.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ZDataRegions } from "@/lib/privacy/limits";
import { LIMIT_RESETS, PROVIDER_SLUG_PATTERN, type TLimitReset } from "@/lib/vocabulary";

/** The limits an admin sets on an account, and a key's guardrails share: each one only narrows. */
export type TLimits = {
  /** USD that may be spent per `limitReset` period (over all time when that is null); null: no limit. */
  spendLimit: number | null;
  limitReset: TLimitReset | null;
  /** Model ids that may be used; empty: any. */
  allowedModels: string[];
  /** Provider slugs that may be reached; empty: any. */
  allowedProviders: string[];
  requireZdr: boolean;
  /** Requests per minute, on top of the instance's limit; null: none of its own. */
  rateLimitPerMinute: number | null;
};

export const NO_LIMITS: TLimits = {
  spendLimit: null,
  limitReset: null,
  allowedModels: [],
  allowedProviders: [],
  requireZdr: false,
  rateLimitPerMinute: null,
};

/** Every guardrail of a key; each one only narrows what the key may do. */
export type TKeyGuardrails = TLimits & {
  expiresAt: Date | null;
  /** Countries (or "EU") where the key's prompts may be processed, inside the account's; empty: any. */
  allowedDataRegions: string[];
};

export const NO_GUARDRAILS: TKeyGuardrails = { ...NO_LIMITS, expiresAt: null, allowedDataRegions: [] };

export const ZSpendLimit = z
  .number({ error: "Give the limit in US dollars." })
  .finite({ error: "Give the limit in US dollars." })
  .min(0, { error: "The limit cannot be negative." })
  .max(1_000_000, { error: "Use a limit of at most 1,000,000 USD." });

export const ZLimitReset = z.enum(LIMIT_RESETS, { error: "The limit resets daily, weekly or monthly (or never)." });

export const ZAllowedModels = z
  .array(z.string().min(1).max(200, { error: "A model id has at most 200 characters." }))
  .max(200, { error: "List at most 200 models." });

export const ZAllowedProviders = z
  .array(
    z.string().regex(PROVIDER_SLUG_PATTERN, { error: "A provider slug uses lowercase letters, digits and dashes." }),
  )
  .max(200, { error: "List at most 200 providers." });

export const ZRateLimitPerMinute = z
  .number({ error: "Give a whole number of requests per minute." })
  .int({ error: "Give a whole number of requests per minute." })
  .min(1, { error: "Allow at least 1 request per minute (leave it empty for no limit)." })
  .max(1_000_000, { error: "Use at most 1,000,000 requests per minute." });

/** An account's limits as /admin and the CLI send them: every field present, null or empty meaning "none". */
export const ZLimits = z.object({
  spendLimit: ZSpendLimit.nullable(),
  limitReset: ZLimitReset.nullable(),
  allowedModels: ZAllowedModels,
  allowedProviders: ZAllowedProviders,
  requireZdr: z.boolean(),
  rateLimitPerMinute: ZRateLimitPerMinute.nullable(),
});

/** Guardrails as the forms and the CLI send them: every field present, null or empty meaning "none". */
export const ZKeyGuardrails = ZLimits.extend({
  expiresAt: z.coerce.date({ error: "Give the expiry as a date." }).nullable(),
  allowedDataRegions: ZDataRegions,
});

/** A comma- or whitespace-separated list as typed in a form field or on the command line. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** The guardrail fields as the keys page's form sends them: text as typed, the ZDR box as a boolean. */
export const ZGuardrailsForm = z.object({
  spendLimit: z.string().max(40),
  limitReset: z.string().max(20),
  allowedModels: z.string().max(20_000),
  allowedProviders: z.string().max(20_000),
  requireZdr: z.boolean(),
  /** A day as YYYY-MM-DD: the key stops working at the start of that day, UTC. */
  expiresAt: z.string().max(40),
  rateLimitPerMinute: z.string().max(40),
  allowedDataRegions: z.string().max(2_000).default(""),
});
export type TGuardrailsForm = z.output<typeof ZGuardrailsForm>;

const NUMBER_TEXT = /^\d+(\.\d+)?$/;

/**
 * The form's text as guardrails, or a message per field that cannot be read. Whether the values
 * are allowed (models the catalog knows, an expiry still to come) is checked where keys are stored.
 */
export function guardrailsFromForm(
  form: TGuardrailsForm,
): { ok: true; guardrails: TKeyGuardrails } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const number = (field: keyof TGuardrailsForm, message: string): number | null => {
    const text = String(form[field]).trim();
    if (text === "") return null;
    if (!NUMBER_TEXT.test(text)) fieldErrors[field] = message;
    return Number(text);
  };
  const spendLimit = number("spendLimit", "Give the limit in US dollars, e.g. 5 or 12.50.");
  const rateLimitPerMinute = number("rateLimitPerMinute", "Give a whole number of requests per minute.");
  const reset = form.limitReset.trim();
  const limitReset = reset === "" ? null : (LIMIT_RESETS as readonly string[]).includes(reset) ? reset : undefined;
  if (limitReset === undefined) fieldErrors.limitReset = "The limit resets daily, weekly or monthly (or never).";
  const expiresText = form.expiresAt.trim();
  const expiresAt = expiresText === "" ? null : new Date(`${expiresText}T00:00:00Z`);
  if (expiresAt && (!/^\d{4}-\d{2}-\d{2}$/.test(expiresText) || Number.isNaN(expiresAt.getTime())))
    fieldErrors.expiresAt = "Give the expiry as a date.";
  const guardrails = {
    spendLimit,
    limitReset: (limitReset ?? null) as TLimitReset | null,
    allowedModels: splitList(form.allowedModels),
    allowedProviders: splitList(form.allowedProviders),
    requireZdr: form.requireZdr,
    expiresAt,
    rateLimitPerMinute,
    allowedDataRegions: splitList(form.allowedDataRegions.toUpperCase()),
  };
  if (Object.keys(fieldErrors).length === 0) {
    const parsed = ZKeyGuardrails.safeParse(guardrails);
    if (parsed.success) return { ok: true, guardrails: parsed.data };
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** The form's guardrails, or an AppError naming the first field that cannot be read (shown beside it). */
export function guardrailsOrFieldErrors(form: TGuardrailsForm): TKeyGuardrails {
  const result = guardrailsFromForm(form);
  if (result.ok) return result.guardrails;
  const [field, message] = Object.entries(result.fieldErrors)[0] ?? ["form", "Check the guardrails."];
  throw new AppError("bad_request", message, { metadata: { field } });
}

/** The limits fields of the form (an account's limits have no expiry and no data regions). */
export const ZLimitsForm = ZGuardrailsForm.omit({ expiresAt: true, allowedDataRegions: true });
export type TLimitsForm = z.output<typeof ZLimitsForm>;

/** An account's limits from /admin's form, or an AppError naming the first field that cannot be read. */
export function limitsOrFieldErrors(form: TLimitsForm): TLimits {
  const g = guardrailsOrFieldErrors({ ...form, expiresAt: "", allowedDataRegions: "" });
  return {
    spendLimit: g.spendLimit,
    limitReset: g.limitReset,
    allowedModels: g.allowedModels,
    allowedProviders: g.allowedProviders,
    requireZdr: g.requireZdr,
    rateLimitPerMinute: g.rateLimitPerMinute,
  };
}
