// POST /api/v1/completions — OpenAI's legacy text completions (`prompt`), routed like chat through the privacy router.
import type { TApiContext } from "@/lib/api/context";
import { API_SECURITY_HEADERS, readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { recordRejectedRequest, runChatCompletion } from "@/lib/gateway/pipeline";
import { observeStreamClosed, observeStreamOpened } from "@/lib/observability/hooks";
import { appOf, ClientGone, receiptHeaders, settingsUrl, waitForDrain } from "@/lib/api/gateway-io";
import { completionsRequestToChat, textCompletionChunk, textCompletionFrom } from "@/lib/surfaces/completions";

export async function completionsRoute({ req, res, owner }: TApiContext): Promise<void> {
  const app = appOf(req);
  const refuse = (error: AppError, extra: Record<string, string> = {}) => {
    const generationId = recordRejectedRequest(
      { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", kind: "completions", app },
      error,
    );
    sendError(res, error, { "x-privet-generation-id": generationId, "x-privet-content-stored": "no", ...extra });
  };
  let json: unknown;
  try {
    json = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(error, { connection: "close" });
    return;
  }
  const translated = completionsRequestToChat(json);
  if (!translated.ok) {
    refuse(
      new AppError("bad_request", `Invalid request: ${translated.field}: ${translated.message}`, {
        metadata: { field: translated.field },
      }),
    );
    return;
  }

  const client = new ClientGone();
  res.on("close", () => {
    if (!res.writableFinished) client.abort();
  });
  const result = await runChatCompletion({
    userId: owner.userId,
    apiKeyId: owner.keyId,
    guardrails: owner.guardrails,
    body: translated.body,
    origin: "api",
    kind: "completions",
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
  if (result.kind === "completion") {
    sendJson(res, 200, textCompletionFrom(result.completion), receiptHeaders(result.receipt));
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
      if (!res.write(`data: ${JSON.stringify(textCompletionChunk(chunk))}\n\n`)) await waitForDrain(res);
    }
  } finally {
    observeStreamClosed();
    // Leaving the loop early (client gone) runs the generator's cleanup, which aborts upstream.
    await result.chunks.return(undefined);
  }
  if (!client.aborted) res.end(failed ? undefined : "data: [DONE]\n\n");
}
