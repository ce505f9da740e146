// POST /api/v1/route — what a chat request would do (endpoints in order, every exclusion and why), without sending it.
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/env";
import { explainRoute } from "@/lib/gateway/explain-route";

const settingsUrl = () => `${publicBaseUrl()}/settings/privacy`;

export async function explainRouteRoute({ req, res, owner }: TApiContext): Promise<void> {
  const explanation = await explainRoute(
    { userId: owner.userId, apiKeyId: owner.keyId, guardrails: owner.guardrails },
    await readJsonBody(req),
    settingsUrl,
  );
  if (explanation instanceof AppError) {
    sendError(res, explanation);
    return;
  }
  sendJson(res, 200, explanation);
}
