// The one body of every route that runs a request through the chat pipeline in some API's shape
// (chat completions, Anthropic's Messages, OpenAI's Responses, legacy text completions): read the
// body, translate it, run the pipeline, answer in the surface's shape with the receipt headers,
// stream with back-pressure until the client goes, and record what is refused before the pipeline.
// A route file only names its surface's translations (lib/surfaces/).
import type { TApiContext } from "@/lib/api/context";
import { API_SECURITY_HEADERS, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { runChatCompletion, type TChatResult, type TOutChunk } from "@/lib/gateway/pipeline";
import type { TFieldError } from "@/lib/gateway/chat-errors";
import type { TGenerationKind } from "@/lib/generations/record";
import { observeStreamClosed, observeStreamOpened } from "@/lib/observability/hooks";
import {
  appOf,
  clientGoneOn,
  readBodyOrRefuse,
  receiptHeaders,
  refuseRequest,
  sendPipelineError,
  settingsUrl,
  waitForDrain,
} from "@/lib/api/gateway-io";

type TCompletion = Extract<TChatResult, { kind: "completion" }>["completion"];
type TChunks = Extract<TChatResult, { kind: "stream" }>["chunks"];
/** What a surface's stream starts with: the receipt's id, model and provider's name. */
type TStreamStart = { id: string; model: string; provider: string };

/** A surface's request as Privet's chat request (with what its answer needs of the original), or the first field it refuses. */
type TTranslated = { ok: true; body: unknown };

export type TSurface<TOk extends TTranslated> = {
  /** The record's kind for this surface. */
  kind: TGenerationKind;
  toChat: (json: unknown) => TOk | ({ ok: false } & TFieldError);
  /** The surface's error body (Anthropic's shape); Privet's `{ error: { code, message } }` otherwise. */
  errorBody?: (error: AppError) => unknown;
  /** The whole answer in the surface's shape. */
  completion: (completion: TCompletion, translated: TOk) => unknown;
  /**
   * The stream in the surface's frames: `data` — one `data:` line per chunk, then `data: [DONE]`
   * unless the stream failed (OpenAI's); `events` — named events (`event:` and `data:`), which say
   * themselves how the stream ended.
   */
  stream:
    | { frames: "data"; chunk?: (chunk: TOutChunk) => unknown }
    | {
        frames: "events";
        events: (
          chunks: TChunks,
          start: TStreamStart,
          translated: TOk,
        ) => AsyncGenerator<{ event: string; data: unknown }, void, undefined>;
      };
};

/** The chat completions surface's own translation: the body is already Privet's chat request. */
export const asChatRequest = (body: unknown): TTranslated => ({ ok: true, body });

export function surfaceRoute<TOk extends TTranslated>(surface: TSurface<TOk>) {
  const { kind, errorBody } = surface;
  return async function route(ctx: TApiContext): Promise<void> {
    const { req, res, owner } = ctx;
    const app = appOf(req);
    const json = await readBodyOrRefuse(ctx, kind, app, errorBody);
    if (json === undefined) return;
    const translated = surface.toChat(json);
    if (!translated.ok) {
      const error = new AppError("bad_request", `Invalid request: ${translated.field}: ${translated.message}`, {
        metadata: { field: translated.field },
      });
      refuseRequest(ctx, kind, app, error, errorBody);
      return;
    }

    const client = clientGoneOn(res);
    const result = await runChatCompletion({
      userId: owner.userId,
      apiKeyId: owner.keyId,
      guardrails: owner.guardrails,
      body: translated.body,
      origin: "api",
      kind,
      app,
      signal: client,
      settingsUrl,
    });
    if (result.kind === "error") {
      sendPipelineError(res, result, errorBody);
      return;
    }
    if (result.kind === "completion") {
      sendJson(res, 200, surface.completion(result.completion, translated), receiptHeaders(result.receipt));
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
    const { stream } = surface;
    if (stream.frames === "data") {
      const map = stream.chunk;
      let failed = false;
      try {
        for await (const chunk of result.chunks) {
          if (client.aborted) break;
          if (chunk.error) failed = true;
          if (!res.write(`data: ${JSON.stringify(map ? map(chunk) : chunk)}\n\n`)) await waitForDrain(res);
        }
      } finally {
        observeStreamClosed();
        // Leaving the loop early (client gone) runs the generator's cleanup, which aborts upstream.
        await result.chunks.return(undefined);
      }
      if (!client.aborted) res.end(failed ? undefined : "data: [DONE]\n\n");
      return;
    }
    const start = {
      id: result.receipt.generationId,
      model: result.receipt.model,
      provider: result.receipt.provider.name,
    };
    const events = stream.events(result.chunks, start, translated);
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
  };
}
