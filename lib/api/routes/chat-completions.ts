// POST /api/v1/chat/completions — OpenAI-compatible chat completions through the privacy router.
import { asChatRequest, surfaceRoute } from "@/lib/api/surface-route";

export const chatCompletionsRoute = surfaceRoute({
  kind: "chat",
  toChat: asChatRequest,
  completion: (completion) => completion,
  stream: { frames: "data" },
});
