// The instance's own settings (one InstanceSettings row): the sign-up mode and the policy floor.
// Read on every API request (the floor) and every sign-up, so cached for 1 s like the per-account
// settings (ARCHITECTURE.md, "Caches"): a change made in this process holds at once, one made by
// another instance or the CLI within 1 s. Changed by admins only (lib/admin/, the CLI).
import { z } from "zod";
import { db } from "@/lib/db";
import { setting } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";
import { NO_FLOOR, type TPolicyFloor } from "@/lib/policy/floor";
import { normalizeRegions, ZDataRegions, ZMaxPolicyAgeDays, ZMaxRetentionDays } from "@/lib/privacy/limits";
import { PROVIDER_SLUG_PATTERN } from "@/lib/vocabulary";

import { isLoopbackHost, ZSignupMode, type TSignupMode } from "@/lib/instance/signup-modes";

/** The floor as stored and as an admin submits it; a field left out is not required. */
export const ZPolicyFloor = z
  .object({
    noTrainingPaid: z.boolean().default(false),
    noTrainingFree: z.boolean().default(false),
    zdrOnly: z.boolean().default(false),
    ignoredProviders: z
      .array(
        z.string().regex(PROVIDER_SLUG_PATTERN, { error: "Provider slugs are lowercase letters, digits and dashes." }),
      )
      .max(500)
      .default([]),
    allowedModels: z.array(z.string().min(1).max(200)).max(2000).nullable().default(null),
    // An empty list is no requirement, like null: a floor that allowed no region would refuse everything.
    allowedDataRegions: ZDataRegions.nullable()
      .default(null)
      .transform((regions) => (regions === null || regions.length === 0 ? null : normalizeRegions(regions))),
    maxRetentionDays: ZMaxRetentionDays.default(null),
    maxPolicyAgeDays: ZMaxPolicyAgeDays.default(null),
  })
  .strict();

export type TInstanceSettings = {
  signupMode: TSignupMode;
  /** Whether an admin chose the mode, or it is the default for the address Privet listens on. */
  isSignupModeDefault: boolean;
  floor: TPolicyFloor;
  updatedAt: Date | null;
};

const ID = "instance";
const CACHE_TTL_MS = 1_000;
const cache = () =>
  singleton("instance-settings-cache", () => ({ value: null as TInstanceSettings | null, expires: 0 }));

/** Open on a loopback address (the two-command start), invite-only anywhere else. */
export function defaultSignupMode(): TSignupMode {
  return isLoopbackHost(setting("HOST")) ? "open" : "invite";
}

function parseFloor(text: string): TPolicyFloor {
  try {
    const parsed = ZPolicyFloor.safeParse(JSON.parse(text));
    // A floor that cannot be read must not silently become "no floor": the strictest one holds
    // until an admin saves it again.
    if (!parsed.success) return { ...NO_FLOOR, noTrainingPaid: true, noTrainingFree: true, zdrOnly: true };
    return parsed.data;
  } catch {
    return { ...NO_FLOOR, noTrainingPaid: true, noTrainingFree: true, zdrOnly: true };
  }
}

export async function getInstanceSettings(): Promise<TInstanceSettings> {
  const c = cache();
  if (c.value && c.expires > Date.now()) return c.value;
  const row = await db.instanceSettings.findUnique({ where: { id: ID } });
  const mode = ZSignupMode.safeParse(row?.signupMode);
  const value: TInstanceSettings = {
    signupMode: mode.success ? mode.data : defaultSignupMode(),
    isSignupModeDefault: !mode.success,
    floor: row ? parseFloor(row.policyFloor) : NO_FLOOR,
    updatedAt: row?.updatedAt ?? null,
  };
  Object.assign(c, { value, expires: Date.now() + CACHE_TTL_MS });
  return value;
}

export async function getPolicyFloor(): Promise<TPolicyFloor> {
  return (await getInstanceSettings()).floor;
}

function forgetInstanceSettings(): void {
  Object.assign(cache(), { value: null, expires: 0 });
}

export async function updateSignupMode(mode: unknown): Promise<TInstanceSettings> {
  const parsed = ZSignupMode.safeParse(mode);
  if (!parsed.success) throw new AppError("bad_request", "Sign-up mode is open, invite or closed.");
  await db.instanceSettings.upsert({
    where: { id: ID },
    create: { id: ID, signupMode: parsed.data },
    update: { signupMode: parsed.data, updatedAt: new Date() },
  });
  forgetInstanceSettings();
  return getInstanceSettings();
}

/**
 * Replaces the floor. Ignored providers must be in the catalog and allowed models must be catalog
 * models (`known`), so a typo cannot quietly allow nothing or ignore nobody.
 */
export async function updatePolicyFloor(
  input: unknown,
  known: { providers: ReadonlySet<string>; models: ReadonlySet<string> },
): Promise<TInstanceSettings> {
  const parsed = ZPolicyFloor.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue?.message ?? "Invalid policy floor.", {
      metadata: { field: issue?.path[0]?.toString() ?? "form" },
    });
  }
  const floor = parsed.data;
  const unknownProviders = floor.ignoredProviders.filter((slug) => !known.providers.has(slug));
  if (unknownProviders.length > 0)
    throw new AppError("bad_request", `Unknown provider: ${unknownProviders.slice(0, 5).join(", ")}.`, {
      metadata: { field: "ignoredProviders" },
    });
  const unknownModels = (floor.allowedModels ?? []).filter((id) => !known.models.has(id));
  if (unknownModels.length > 0)
    throw new AppError("bad_request", `Unknown model: ${unknownModels.slice(0, 5).join(", ")}.`, {
      metadata: { field: "allowedModels" },
    });
  const normalized: TPolicyFloor = {
    ...floor,
    ignoredProviders: [...new Set(floor.ignoredProviders)].sort(),
    allowedModels: floor.allowedModels === null ? null : [...new Set(floor.allowedModels)].sort(),
  };
  const policyFloor = JSON.stringify(normalized);
  await db.instanceSettings.upsert({
    where: { id: ID },
    create: { id: ID, policyFloor },
    update: { policyFloor, updatedAt: new Date() },
  });
  forgetInstanceSettings();
  return getInstanceSettings();
}
