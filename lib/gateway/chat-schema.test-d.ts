// The hand-written request types (lib/gateway/adapters/types.ts, lib/policy/types.ts) and the
// zod schema that validates requests (chat-schema.ts) must agree both ways: tsc fails here when a
// field is added to, removed from or retyped on one side only. Checked by tsc, never run.
import type { z } from "zod";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import type { TChatCompletionRequest, ZProviderPreferences } from "@/lib/gateway/chat-schema";
import type { TProviderPreferences } from "@/lib/policy/types";
import type { Assert, SameFields, Without } from "@/lib/type-checks";

type TParsedPreferences = z.output<typeof ZProviderPreferences>;

// The routing preferences: the same fields; the engine takes any quantization label (it compares
// them without regard to case), the schema only the known ones.
export type TPreferencesAgree = Assert<
  SameFields<Without<TProviderPreferences, "quantizations">, Without<TParsedPreferences, "quantizations">>
>;
export type TQuantizationsNarrower = Assert<
  TParsedPreferences["quantizations"] extends TProviderPreferences["quantizations"] ? true : false
>;

// The request: the same fields, messages, tools and formats included. Exceptions, each narrower in
// the schema: `n` may only be 1 (Privet returns one choice); `provider` is checked above; route,
// transforms and usage are router fields a client may send and that pass through unvalidated.
type TRouterPassThrough = "route" | "transforms" | "usage";
export type TRequestAgrees = Assert<
  SameFields<
    Without<TPrivetChatRequest, "n" | "provider" | TRouterPassThrough>,
    Without<TChatCompletionRequest, "n" | "provider">
  >
>;
export type TNNarrower = Assert<TChatCompletionRequest["n"] extends TPrivetChatRequest["n"] ? true : false>;
export type TParsedIsARequest = Assert<TChatCompletionRequest extends TPrivetChatRequest ? true : false>;
