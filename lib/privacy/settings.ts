// Account privacy settings: read (cached for the gateway's hot path) and update (validated, atomic).
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";
import type { TAccountPolicy } from "@/lib/policy/types";
import { normalizeRegions, ZDataRegions, ZMaxPolicyAgeDays, ZMaxRetentionDays } from "@/lib/privacy/limits";
import { PROVIDER_SLUG_PATTERN } from "@/lib/vocabulary";

export type TAccountSettings = TAccountPolicy & {
  promptLogging: boolean;
  contentRetentionDays: number;
  metadataRetentionDays: number;
  updatedAt: Date;
};

export const DEFAULT_SETTINGS: Omit<TAccountSettings, "updatedAt"> = {
  promptLogging: false,
  allowTrainingPaid: false,
  allowTrainingFree: false,
  zdrOnly: false,
  ignoredProviders: [],
  allowedDataRegions: null,
  maxRetentionDays: null,
  maxPolicyAgeDays: null,
  contentRetentionDays: 30,
  metadataRetentionDays: 365,
};

const ZSlug = z
  .string()
  .regex(PROVIDER_SLUG_PATTERN, { error: "Provider slugs are lowercase letters, digits and dashes." });

export const ZSettingsPatch = z
  .object({
    promptLogging: z.boolean(),
    allowTrainingPaid: z.boolean(),
    allowTrainingFree: z.boolean(),
    zdrOnly: z.boolean(),
    ignoredProviders: z.array(ZSlug).max(500),
    /** An empty list (or null) allows any region. */
    allowedDataRegions: ZDataRegions.nullable(),
    maxRetentionDays: ZMaxRetentionDays,
    maxPolicyAgeDays: ZMaxPolicyAgeDays,
    contentRetentionDays: z
      .number()
      .int({ error: "Use a whole number of days." })
      .min(1, { error: "Keep content at least 1 day." })
      .max(365, { error: "Keep content at most 365 days." }),
    metadataRetentionDays: z
      .number()
      .int({ error: "Use a whole number of days." })
      .min(30, { error: "Keep metadata at least 30 days." })
      .max(3650, { error: "Keep metadata at most 3650 days." }),
  })
  .partial()
  .strict();
export type TSettingsPatch = z.infer<typeof ZSettingsPatch>;

const SELECT = {
  promptLogging: true,
  allowTrainingPaid: true,
  allowTrainingFree: true,
  zdrOnly: true,
  ignoredProviders: true,
  allowedDataRegions: true,
  maxRetentionDays: true,
  maxPolicyAgeDays: true,
  contentRetentionDays: true,
  metadataRetentionDays: true,
  settingsUpdatedAt: true,
} as const;

type TRow = {
  [K in keyof typeof SELECT]: K extends "ignoredProviders" | "allowedDataRegions"
    ? string
    : K extends "settingsUpdatedAt"
      ? Date
      : K extends "contentRetentionDays" | "metadataRetentionDays"
        ? number
        : K extends "maxRetentionDays" | "maxPolicyAgeDays"
          ? number | null
          : boolean;
};

/** The stored region list ("[]": any region) as the policy reads it (null: any region). */
function regionsFromRow(text: string): string[] | null {
  const regions = JSON.parse(text) as string[];
  return regions.length === 0 ? null : regions;
}

function fromRow(row: TRow): TAccountSettings {
  return {
    promptLogging: row.promptLogging,
    allowTrainingPaid: row.allowTrainingPaid,
    allowTrainingFree: row.allowTrainingFree,
    zdrOnly: row.zdrOnly,
    ignoredProviders: JSON.parse(row.ignoredProviders) as string[],
    allowedDataRegions: regionsFromRow(row.allowedDataRegions),
    maxRetentionDays: row.maxRetentionDays,
    maxPolicyAgeDays: row.maxPolicyAgeDays,
    contentRetentionDays: row.contentRetentionDays,
    metadataRetentionDays: row.metadataRetentionDays,
    updatedAt: row.settingsUpdatedAt,
  };
}

// Settings are read on every API request. Updates in this process replace the cached entry at once
// (a change is effective for the very next request); the short lifetime bounds how long a change
// made by another process (the CLI, another instance) can take to be seen.
const CACHE_TTL_MS = 1_000;
const cache = () => singleton("settings-cache", () => new Map<string, { value: TAccountSettings; expires: number }>());

export async function getAccountSettings(userId: string): Promise<TAccountSettings> {
  const hit = cache().get(userId);
  if (hit && hit.expires > Date.now()) return hit.value;
  const row = await db.user.findUnique({ where: { id: userId }, select: SELECT });
  if (!row) throw new AppError("not_found", "Account not found.");
  const value = fromRow(row);
  cache().set(userId, { value, expires: Date.now() + CACHE_TTL_MS });
  return value;
}

export function forgetCachedSettings(userId: string): void {
  cache().delete(userId);
}

export async function updateAccountSettings(userId: string, patch: unknown): Promise<TAccountSettings> {
  const parsed = ZSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue?.message ?? "Invalid settings.", {
      metadata: { field: issue?.path.join(".") },
    });
  }
  const { ignoredProviders, allowedDataRegions, ...rest } = parsed.data;
  const data = {
    ...rest,
    ...(ignoredProviders ? { ignoredProviders: JSON.stringify([...new Set(ignoredProviders)].sort()) } : {}),
    ...(allowedDataRegions !== undefined
      ? { allowedDataRegions: JSON.stringify(normalizeRegions(allowedDataRegions ?? [])) }
      : {}),
    settingsUpdatedAt: new Date(),
  };
  const result = await db.user.updateMany({ where: { id: userId }, data });
  if (result.count === 0) throw new AppError("not_found", "Account not found.");
  forgetCachedSettings(userId);
  return getAccountSettings(userId);
}
