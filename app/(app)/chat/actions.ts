"use server";

import { headers } from "next/headers";
import { authedAction } from "@/lib/actions/define-action";
import { stopChatStream } from "@/lib/chat/active-streams";
import { startChatStream } from "@/lib/chat/chat-stream";
import { ZChatSendInput, ZChatStopInput } from "@/lib/chat/schemas";
import type { TChatEvent } from "@/lib/chat/types";

/**
 * Sends the conversation through the router as the signed-in account and returns the reply as a
 * stream of events (React streams a returned ReadableStream to the browser as it is produced).
 */
export const sendChatMessageAction = authedAction(
  "sendChatMessage",
  ZChatSendInput,
  async (account, input): Promise<{ events: ReadableStream<TChatEvent> }> => {
    const userAgent = (await headers()).get("user-agent");
    return { events: startChatStream(account.id, input, { userAgent: userAgent?.slice(0, 300) ?? null }) };
  },
);

/** Stops one of the signed-in account's streaming replies; another account's request id finds nothing. */
export const stopChatAction = authedAction(
  "stopChat",
  ZChatStopInput,
  async (account, { requestId }): Promise<{ isStopped: boolean }> => {
    return { isStopped: stopChatStream(account.id, requestId) };
  },
);
