// POST /api/v1/embeddings — OpenAI's embeddings API through the privacy router.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { runEmbeddings } from "@/lib/gateway/embeddings";
import {
  appOf,
  clientGoneOn,
  readBodyOrRefuse,
  receiptHeaders,
  sendPipelineError,
  settingsUrl,
} from "@/lib/api/gateway-io";

export async function embeddingsRoute(ctx: TApiContext): Promise<void> {
  const { req, res, owner } = ctx;
  const app = appOf(req);
  const body = await readBodyOrRefuse(ctx, "embeddings", app);
  if (body === undefined) return;
  const client = clientGoneOn(res);
  const result = await runEmbeddings({
    userId: owner.userId,
    apiKeyId: owner.keyId,
    guardrails: owner.guardrails,
    body,
    app,
    signal: client,
    settingsUrl,
  });
  if (result.kind === "error") {
    sendPipelineError(res, result);
    return;
  }
  sendJson(res, 200, result.body, receiptHeaders(result.receipt));
}
