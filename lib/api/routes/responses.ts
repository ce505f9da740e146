// POST /api/v1/responses — OpenAI's Responses API, stateless (Codex, the OpenAI SDKs), through the privacy router.
import { surfaceRoute } from "@/lib/api/surface-route";
import { responseFromCompletion, responsesEvents, responsesRequestToChat } from "@/lib/surfaces/responses";

export const responsesRoute = surfaceRoute({
  kind: "responses",
  toChat: responsesRequestToChat,
  completion: (completion, { request }) => responseFromCompletion(completion, request),
  stream: { frames: "events", events: (chunks, start, { request }) => responsesEvents(chunks, { ...start, request }) },
});
