// What every route onto the gateway pipeline shares: the client-gone signal, the calling app, the
// receipt headers, back-pressure on a stream, and the record of a request refused before the pipeline.
import type { ServerResponse } from "node:http";
import type { TApiContext } from "@/lib/api/context";
import type { AppError } from "@/lib/errors";
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
