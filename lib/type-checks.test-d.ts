// What SameFields tells apart, pinned (checked by tsc, never run).
import type { Assert, SameFields, Without } from "@/lib/type-checks";

type TNot<T extends boolean> = T extends true ? false : true;
type TBase = { a: string; b?: number | null; c: { d: "x" | "y"; e?: boolean }[] };

export type TSameShapes = Assert<
  SameFields<
    TBase,
    { a: string; b?: number | null; c: { d: "x" | "y"; e?: boolean | undefined; [key: string]: unknown }[] }
  >
>;
export type TUnionsByMember = Assert<
  SameFields<{ role: "a" | "b"; n: number }, { role: "a"; n: number } | { role: "b"; n: number }>
>;
export type TAddedDeepField = Assert<
  TNot<SameFields<TBase, { a: string; b?: number | null; c: { d: "x" | "y"; e?: boolean; f?: string }[] }>>
>;
export type TMissingField = Assert<TNot<SameFields<TBase, { a: string; c: { d: "x" | "y"; e?: boolean }[] }>>>;
export type TOptionality = Assert<
  TNot<SameFields<TBase, { a: string; b: number | null; c: { d: "x" | "y"; e?: boolean }[] }>>
>;
export type TFieldType = Assert<TNot<SameFields<TBase, { a: string; b?: number; c: { d: "x" | "y"; e?: boolean }[] }>>>;
export type TWithoutKeepsFields = Assert<
  SameFields<Without<{ a: string; b?: number; [key: string]: unknown }, "a">, { b?: number }>
>;
