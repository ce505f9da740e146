// Limits are checked before they are stored, the same way for an account (lib/accounts/limits.ts) and
// a key (lib/keys/api-keys.ts): the shape, and models and providers the loaded catalog knows.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TLimits } from "@/lib/keys/guardrails-schema";
import { LIMIT_RESETS, type TLimitReset } from "@/lib/vocabulary";

const isLimitReset = (value: string | null): value is TLimitReset =>
  value !== null && (LIMIT_RESETS as readonly string[]).includes(value);

/** A JSON list column as strings (anything else in it is dropped). */
export function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The limit columns a key row and an account's limits row share, as limits. */
export function limitsFromRow(row: {
  spendLimit: number | null;
  limitReset: string | null;
  allowedModels: string;
  allowedProviders: string;
  requireZdr: boolean;
  rateLimitPerMinute: number | null;
}): TLimits {
  return {
    spendLimit: row.spendLimit,
    limitReset: isLimitReset(row.limitReset) ? row.limitReset : null,
    allowedModels: parseList(row.allowedModels),
    allowedProviders: parseList(row.allowedProviders),
    requireZdr: row.requireZdr,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/** Limits as their columns. */
export function limitsColumns(limits: TLimits) {
  return {
    spendLimit: limits.spendLimit,
    limitReset: limits.limitReset,
    allowedModels: JSON.stringify(limits.allowedModels),
    allowedProviders: JSON.stringify(limits.allowedProviders),
    requireZdr: limits.requireZdr,
    rateLimitPerMinute: limits.rateLimitPerMinute,
  };
}

/** `input` checked against `schema` and the catalog, lists without repeats; a 400 naming the field otherwise. */
export async function checkLimits<T extends TLimits>(schema: z.ZodType<T>, input: unknown): Promise<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue?.message ?? "Invalid limits.", {
      metadata: { field: String(issue?.path[0] ?? "limits") },
    });
  }
  const limits: T = {
    ...parsed.data,
    allowedModels: [...new Set(parsed.data.allowedModels)],
    allowedProviders: [...new Set(parsed.data.allowedProviders)],
  };
  const catalog = await getCatalog();
  const unknownModel = limits.allowedModels.find((id) => !catalog.modelById.has(id));
  if (unknownModel !== undefined)
    throw new AppError("bad_request", `Unknown model: ${unknownModel.slice(0, 200)}.`, {
      metadata: { field: "allowedModels" },
    });
  const unknownProvider = limits.allowedProviders.find((slug) => !catalog.providerBySlug.has(slug));
  if (unknownProvider !== undefined)
    throw new AppError("bad_request", `Unknown provider: ${unknownProvider}.`, {
      metadata: { field: "allowedProviders" },
    });
  return limits;
}
