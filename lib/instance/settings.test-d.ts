// The stored floor's schema (settings.ts) and the policy core's floor type (lib/policy/floor.ts)
// must name the same fields: tsc fails here when one gains a restriction the other lacks.
import type { z } from "zod";
import type { ZPolicyFloor } from "@/lib/instance/settings";
import type { TPolicyFloor } from "@/lib/policy/floor";
import type { Assert, SameFields } from "@/lib/type-checks";

export type TFloorAgrees = Assert<SameFields<TPolicyFloor, z.output<typeof ZPolicyFloor>>>;
