// POST /api/v1/messages — Anthropic's Messages API (Anthropic's SDKs, Claude Code) through the privacy router.
import type { TApiContext } from "@/lib/api/context";
import { API_SECURITY_HEADERS, readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { recordRejectedRequest, runChatCompletion } from "@/lib/gateway/pipeline";
import { observeStreamClosed, observeStreamOpened } from "@/lib/observability/hooks";
import { appOf, ClientGone, receiptHeaders, settingsUrl, waitForDrain } from "@/lib/api/gateway-io";
import {
  anthropicErrorBody,
  messageFromCompletion,
  messagesEvents,
  messagesRequestToChat,
} from "@/lib/surfaces/messages";

export async function messagesRoute({ req, res, owner }: TApiContext): Promise<void> {
  const app = appOf(req);
  const refuse = (error: AppError, extra: Record<string, string> = {}) => {
    const generationId = recordRejectedRequest(
      { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", kind: "messages", app },
      error,
    );
    sendError(
      res,
      error,
      { "x-privet-generation-id": generationId, "x-privet-content-stored": "no", ...extra },
      anthropicErrorBody,
    );
  };
  let json: unknown;
  try {
    json = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(error, { connection: "close" });
    return;
  }
  const translated = messagesRequestToChat(json);
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
    kind: "messages",
    app,
    signal: client,
    settingsUrl,
  });

  if (result.kind === "error") {
    sendError(
      res,
      result.error,
      { "x-privet-generation-id": result.generationId, "x-privet-content-stored": result.contentStored ? "yes" : "no" },
      anthropicErrorBody,
    );
    return;
  }
  if (result.kind === "completion") {
    sendJson(res, 200, messageFromCompletion(result.completion), receiptHeaders(result.receipt));
    return;
  }

  res.writeHead(200, {
    ...API_SECURITY_HEADERS,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-accel-buffering": "no",
    ...receiptHeaders(result.receipt),
  });
  observeStreamOpened();
  const events = messagesEvents(result.chunks, {
    id: result.receipt.generationId,
    model: result.receipt.model,
    provider: result.receipt.provider.name,
  });
  try {
    for await (const { event, data } of events) {
      if (client.aborted) break;
      if (!res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)) await waitForDrain(res);
    }
  } finally {
    observeStreamClosed();
    // Leaving early (client gone) runs the chunks' cleanup, which aborts upstream and writes the record.
    await events.return(undefined);
    await result.chunks.return(undefined);
  }
  if (!client.aborted) res.end();
}
