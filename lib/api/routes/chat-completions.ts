// POST /api/v1/chat/completions — OpenAI-compatible chat completions through the privacy router.
import type { TApiContext } from "@/lib/api/context";
import { API_SECURITY_HEADERS, readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { recordRejectedRequest, runChatCompletion } from "@/lib/gateway/pipeline";
import { observeStreamClosed, observeStreamOpened } from "@/lib/observability/hooks";
import { appOf, ClientGone, receiptHeaders, settingsUrl, waitForDrain } from "@/lib/api/gateway-io";

export async function chatCompletionsRoute({ req, res, owner }: TApiContext): Promise<void> {
  const app = appOf(req);
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const generationId = recordRejectedRequest(
      { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", app },
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
  const onClose = () => {
    if (!res.writableFinished) client.abort();
  };
  res.on("close", onClose);

  const result = await runChatCompletion({
    userId: owner.userId,
    apiKeyId: owner.keyId,
    guardrails: owner.guardrails,
    body,
    origin: "api",
    app,
    signal: client,
    settingsUrl,
  });

  if (result.kind === "error") {
    // The receipt's "was content stored" holds for failures too: with prompt logging on, a failed
    // request's prompt is stored like any other.
    sendError(res, result.error, {
      "x-privet-generation-id": result.generationId,
      "x-privet-content-stored": result.contentStored ? "yes" : "no",
    });
    return;
  }
  if (result.kind === "completion") {
    sendJson(res, 200, result.completion, receiptHeaders(result.receipt));
    return;
  }

  res.writeHead(200, {
    ...API_SECURITY_HEADERS,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-accel-buffering": "no",
    ...receiptHeaders(result.receipt),
  });
  let failed = false;
  observeStreamOpened();
  try {
    for await (const chunk of result.chunks) {
      if (client.aborted) break;
      if (chunk.error) failed = true;
      if (!res.write(`data: ${JSON.stringify(chunk)}\n\n`)) await waitForDrain(res);
    }
  } finally {
    observeStreamClosed();
    // Leaving the loop early (client gone) runs the generator's cleanup, which aborts upstream.
    await result.chunks.return(undefined);
  }
  if (!client.aborted) res.end(failed ? undefined : "data: [DONE]\n\n");
}
