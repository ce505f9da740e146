// The chat's per-conversation options (types.ts) and the send action's schema (schemas.ts) must
// agree both ways: tsc fails here when a field is added to one side only. Checked by tsc, never run.
import type { TChatSendInput } from "@/lib/chat/schemas";
import type { TConversationOptions } from "@/lib/chat/types";
import type { Assert, SameFields } from "@/lib/type-checks";

export type TOptionsAgree = Assert<SameFields<TConversationOptions, TChatSendInput["options"]>>;
