// The validation of the "where data goes" limits and the maximum policy age, shared by account settings and the instance
// policy floor so both accept the same words.
import { z } from "zod";
import { DATA_REGION_PATTERN } from "@/lib/vocabulary";

/** Allowed data regions: two-letter country codes or "EU", any case; an empty list allows any region. */
export const ZDataRegions = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(DATA_REGION_PATTERN, { error: "Data regions are two-letter country codes (DE, US) or EU." }),
  )
  .max(60, { error: "List at most 60 data regions." });

/** The longest retention, in days, a provider may keep prompts for; null allows any. */
export const ZMaxRetentionDays = z
  .number({ error: "Use a whole number of days." })
  .int({ error: "Use a whole number of days." })
  .min(0, { error: "Use 0 days or more." })
  .max(3650, { error: "Use at most 3650 days." })
  .nullable();

/** The oldest a provider's catalog policy may be, in days, before it counts as unknown; null allows any age. */
export const ZMaxPolicyAgeDays = z
  .number({ error: "Use a whole number of days." })
  .int({ error: "Use a whole number of days." })
  .min(1, { error: "Use 1 day or more." })
  .max(3650, { error: "Use at most 3650 days." })
  .nullable();

/** A region list as stored: upper case, sorted, no repeats. */
export function normalizeRegions(regions: readonly string[]): string[] {
  return [...new Set(regions.map((region) => region.trim().toUpperCase()))].sort();
}
