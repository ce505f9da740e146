// POST /api/v1/messages — Anthropic's Messages API (Anthropic's SDKs, Claude Code) through the privacy router.
import { surfaceRoute } from "@/lib/api/surface-route";
import {
  anthropicErrorBody,
  messageFromCompletion,
  messagesEvents,
  messagesRequestToChat,
} from "@/lib/surfaces/messages";

export const messagesRoute = surfaceRoute({
  kind: "messages",
  toChat: messagesRequestToChat,
  errorBody: anthropicErrorBody,
  completion: messageFromCompletion,
  stream: { frames: "events", events: messagesEvents },
});
