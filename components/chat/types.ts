// The server actions the chat calls, as the page hands them down (components never import app/).
import type { TResult } from "@/lib/errors";
import type { TChatSendInput, TChatStopInput } from "@/lib/chat/schemas";
import type { TChatEvent } from "@/lib/chat/types";

export type TSendChatAction = (input: TChatSendInput) => Promise<TResult<{ events: ReadableStream<TChatEvent> }>>;
export type TStopChatAction = (input: TChatStopInput) => Promise<TResult<{ isStopped: boolean }>>;
