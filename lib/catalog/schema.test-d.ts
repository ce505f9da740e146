// The catalog file's schema (schema.ts) and the in-memory catalog types (types.ts) must name the
// same things: tsc fails here when a field is added to one side only. Checked by tsc, never run.
import type { TDataPolicyEntry, TPricingEntry, TProviderEntry } from "@/lib/catalog/schema";
import type { TDataPolicy, TPricing, TProvider } from "@/lib/catalog/types";
import type { Assert, SameFields, Without } from "@/lib/type-checks";

// A file may leave any policy field out (unknown); the built policy states each one, null if unknown.
export type TPolicyFieldsAgree = Assert<SameFields<Required<TDataPolicyEntry>, TDataPolicy>>;
export type TPricingAgrees = Assert<SameFields<TPricingEntry, TPricing>>;
export type TProviderAgrees = Assert<
  SameFields<Without<TProviderEntry, "dataPolicy">, Without<TProvider, "dataPolicy">>
>;
