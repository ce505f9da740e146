// POST /api/v1/embeddings — OpenAI's embeddings API through the privacy router.
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { recordRejectedRequest } from "@/lib/gateway/pipeline";
import { runEmbeddings } from "@/lib/gateway/embeddings";
import { appOf, ClientGone, receiptHeaders, settingsUrl } from "@/lib/api/gateway-io";

export async function embeddingsRoute({ req, res, owner }: TApiContext): Promise<void> {
  const app = appOf(req);
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const generationId = recordRejectedRequest(
      { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", kind: "embeddings", app },
      error,
    );
    sendError(res, error, {
      "x-privet-generation-id": generationId,
      "x-privet-content-stored": "no",
      connection: "close",
    });
    return;
  }
  const client = new ClientGone();
  res.on("close", () => {
    if (!res.writableFinished) client.abort();
  });
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
    sendError(res, result.error, {
      "x-privet-generation-id": result.generationId,
      "x-privet-content-stored": result.contentStored ? "yes" : "no",
    });
    return;
  }
  sendJson(res, 200, result.body, receiptHeaders(result.receipt));
}
