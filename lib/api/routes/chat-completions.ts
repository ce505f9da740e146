// POST /api/v1/chat/completions — OpenAI-compatible chat completions through the privacy router.
import type { ServerResponse } from "node:http";
import type { TApiContext } from "@/lib/api/context";
import { API_SECURITY_HEADERS, readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/env";
import { formatDataPolicyHeader } from "@/lib/policy";
import { recordRejectedRequest, runChatCompletion, type TClientSignal, type TReceipt } from "@/lib/gateway/pipeline";
import { observeStreamClosed, observeStreamOpened } from "@/lib/observability/hooks";

function header(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? null) : null;
}

export function receiptHeaders(receipt: TReceipt): Record<string, string> {
  return {
    "x-privet-generation-id": receipt.generationId,
    "x-privet-provider": receipt.provider.slug,
    "x-privet-data-policy": formatDataPolicyHeader(receipt.dataPolicy),
    "x-privet-content-stored": receipt.contentStored ? "yes" : "no",
  };
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Aborted when the client goes away before its response finished. The pipeline needs only this
 * much of an AbortSignal; an AbortController per request costs more than the rest of this file.
 */
class ClientGone implements TClientSignal {
  aborted = false;
  private listeners: (() => void)[] = [];

  addEventListener(_type: "abort", listener: () => void): void {
    this.listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i !== -1) this.listeners.splice(i, 1);
  }

  /** Runs each listener once, like an AbortSignal's { once: true } listeners. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** Only a refusal names the settings page: the URL is built then, not for every request. */
const settingsUrl = () => `${publicBaseUrl()}/settings/privacy`;

/** The calling app, as OpenRouter's clients name it: `X-OpenRouter-Title` (both of its SDKs) or `X-Title`. */
function appOf(req: TApiContext["req"]) {
  return {
    title: header(req.headers["x-openrouter-title"]) ?? header(req.headers["x-title"]),
    referer: header(req.headers["http-referer"]) ?? header(req.headers["referer"]),
    userAgent: header(req.headers["user-agent"]),
  };
}

/** A chat request refused before the pipeline (rate limit) still leaves its metadata record. */
export function recordRefusedChat({ req, owner }: TApiContext, error: AppError): Record<string, string> {
  const generationId = recordRejectedRequest(
    { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", app: appOf(req) },
    error,
  );
  return { "x-privet-generation-id": generationId };
}

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
