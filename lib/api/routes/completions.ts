// POST /api/v1/completions — OpenAI's legacy text completions (`prompt`), routed like chat through the privacy router.
import { surfaceRoute } from "@/lib/api/surface-route";
import { completionsRequestToChat, textCompletionChunk, textCompletionFrom } from "@/lib/surfaces/completions";

export const completionsRoute = surfaceRoute({
  kind: "completions",
  toChat: completionsRequestToChat,
  completion: textCompletionFrom,
  stream: { frames: "data", chunk: textCompletionChunk },
});
