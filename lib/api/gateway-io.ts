// What every route onto the gateway pipeline shares: reading the body, the client-gone signal, the
// calling app, the receipt headers, back-pressure on a stream, the pipeline's error answer, and the
// record of a request refused before the pipeline.
import type { ServerResponse } from "node:http";
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendError } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/env";
import { formatDataPolicyHeader } from "@/lib/policy";
import { recordRejectedRequest, type TClientSignal, type TReceipt } from "@/lib/gateway/pipeline";
import type { TGenerationKind } from "@/lib/generations/record";

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

export function waitForDrain(res: ServerResponse): Promise<void> {
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
export class ClientGone implements TClientSignal {
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

/** A ClientGone aborted when `res` closes before it finished. */
export function clientGoneOn(res: ServerResponse): ClientGone {
  const client = new ClientGone();
  res.on("close", () => {
    if (!res.writableFinished) client.abort();
  });
  return client;
}

/** Only a refusal names the settings page: the URL is built then, not for every request. */
export const settingsUrl = () => `${publicBaseUrl()}/settings/privacy`;

/** The calling app, as OpenRouter's clients name it: `X-OpenRouter-Title` (both of its SDKs) or `X-Title`. */
export function appOf(req: TApiContext["req"]) {
  return {
    title: header(req.headers["x-openrouter-title"]) ?? header(req.headers["x-title"]),
    referer: header(req.headers["http-referer"]) ?? header(req.headers["referer"]),
    userAgent: header(req.headers["user-agent"]),
  };
}

/** A request refused before the pipeline (rate limit) still leaves its metadata record, of its kind. */
export function recordRefused(kind: TGenerationKind) {
  return ({ req, owner }: TApiContext, error: AppError): Record<string, string> => {
    const generationId = recordRejectedRequest(
      { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", kind, app: appOf(req) },
      error,
    );
    return { "x-privet-generation-id": generationId };
  };
}

type TApp = ReturnType<typeof appOf>;

/** Refuses a request the route could not hand to the pipeline (its body): recorded, nothing stored. */
export function refuseRequest(
  { res, owner }: TApiContext,
  kind: TGenerationKind,
  app: TApp,
  error: AppError,
  errorBody?: (error: AppError) => unknown,
  extra?: Record<string, string>,
): void {
  const generationId = recordRejectedRequest(
    { userId: owner.userId, apiKeyId: owner.keyId, origin: "api", kind, app },
    error,
  );
  sendError(
    res,
    error,
    { "x-privet-generation-id": generationId, "x-privet-content-stored": "no", ...extra },
    errorBody,
  );
}

/**
 * The request's JSON body; when it cannot be read (413, 400, the client gone: 499) the request is
 * refused and recorded here and undefined returned (JSON never parses to undefined).
 */
export async function readBodyOrRefuse(
  ctx: TApiContext,
  kind: TGenerationKind,
  app: TApp,
  errorBody?: (error: AppError) => unknown,
): Promise<unknown> {
  try {
    return await readJsonBody(ctx.req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuseRequest(ctx, kind, app, error, errorBody, { connection: "close" });
    return undefined;
  }
}

/**
 * The pipeline's refusal or failure. Its "was content stored" holds for failures too: with prompt
 * logging on, a failed request's prompt is stored like any other.
 */
export function sendPipelineError(
  res: ServerResponse,
  result: { error: AppError; generationId: string; contentStored: boolean },
  errorBody?: (error: AppError) => unknown,
): void {
  sendError(
    res,
    result.error,
    { "x-privet-generation-id": result.generationId, "x-privet-content-stored": result.contentStored ? "yes" : "no" },
    errorBody,
  );
}
