// What an API key's guardrails are, and how they are checked on input (the keys page, the CLI and
// the key management API alike). Pure: the keys page's form imports it too.
import { z } from "zod";
import { LIMIT_RESETS, PROVIDER_SLUG_PATTERN, type TLimitReset } from "@/lib/vocabulary";

/** Every guardrail of a key; each one only narrows what the key may do. */
export type TKeyGuardrails = {
  /** USD the key may spend per `limitReset` period (over its life when that is null); null: no limit. */
  spendLimit: number | null;
  limitReset: TLimitReset | null;
  /** Model ids the key may use; empty: any. */
  allowedModels: string[];
  /** Provider slugs the key may reach; empty: any. */
  allowedProviders: string[];
  requireZdr: boolean;
  expiresAt: Date | null;
  /** Requests per minute for this key, on top of the instance's limit; null: none of its own. */
  rateLimitPerMinute: number | null;
};

export const NO_GUARDRAILS: TKeyGuardrails = {
  spendLimit: null,
  limitReset: null,
  allowedModels: [],
  allowedProviders: [],
  requireZdr: false,
  expiresAt: null,
  rateLimitPerMinute: null,
};

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

/** Guardrails as the forms and the CLI send them: every field present, null or empty meaning "none". */
export const ZKeyGuardrails = z.object({
  spendLimit: ZSpendLimit.nullable(),
  limitReset: ZLimitReset.nullable(),
  allowedModels: ZAllowedModels,
  allowedProviders: ZAllowedProviders,
  requireZdr: z.boolean(),
  expiresAt: z.coerce.date({ error: "Give the expiry as a date." }).nullable(),
  rateLimitPerMinute: ZRateLimitPerMinute.nullable(),
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
