// What the browser and the exports see of a metadata record, and the derived values (app, speed)
// computed one way for every place that shows them. Pure; no content can appear here because the
// record it is built from holds none.
import type { TGenerationKind, TGenerationRecord, TGenerationStatus } from "@/lib/generations/record";
import { isPolicyRefusal } from "@/lib/observability/outcome";

export type TActivityRow = {
  id: string;
  /** ISO instant. */
  createdAt: string;
  model: string;
  /** The API the request came through. */
  kind: TGenerationKind;
  providerSlug: string | null;
  providerName: string | null;
  /** What the App column shows: the app's title or host; "Chat" for the chat page; "Unknown" without a referer. */
  app: string;
  appReferer: string | null;
  apiKeyId: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Part of promptTokens: read from the provider's cache. */
  cachedPromptTokens: number;
  /** Part of completionTokens: spent reasoning. */
  reasoningTokens: number;
  /** USD. */
  cost: number;
  latencyMs: number | null;
  /** Completion tokens per second; null when there is nothing to measure. */
  speed: number | null;
  finishReason: string | null;
  status: TGenerationStatus;
  httpStatus: number;
  /** No provider was eligible under the account's (or request's) data policy: a refusal, not a failure. */
  isPolicyRefusal: boolean;
  contentStored: boolean;
};

export const UNKNOWN_APP = "Unknown";
/** The app of a request made from Privet's own chat page. */
export const CHAT_APP = "Chat";

// Parsing a URL costs more than formatting the rest of a CSV line, and an account has few apps.
const hosts = new Map<string, string>();

function hostOf(referer: string): string {
  let host = hosts.get(referer);
  if (host === undefined) {
    try {
      host = new URL(referer).host || referer;
    } catch {
      host = referer;
    }
    if (hosts.size > 1_000) hosts.clear();
    hosts.set(referer, host);
  }
  return host;
}

/**
 * Apps are attributed by their HTTP-Referer, as is usual for routers; a title alone attributes
 * nothing. A request from the chat page (its origin, set by Privet, never by a client) is "Chat".
 */
export function appLabel(title: string | null, referer: string | null, origin?: TGenerationRecord["origin"]): string {
  if (!referer) return origin === "chat" ? CHAT_APP : UNKNOWN_APP;
  return title?.trim() || hostOf(referer);
}

/**
 * The time the completion took to generate: from the first token to the end when the answer was
 * streamed, the whole latency otherwise (a non-streamed answer arrives all at once). The SQL sort
 * expression in lib/activity/list.ts computes the same.
 */
export function generationMs(latencyMs: number | null, firstTokenMs: number | null): number | null {
  if (latencyMs === null) return null;
  const afterFirst = latencyMs - (firstTokenMs ?? 0);
  return afterFirst > 0 ? afterFirst : latencyMs;
}

export function speedOf(
  completionTokens: number,
  latencyMs: number | null,
  firstTokenMs: number | null,
): number | null {
  const ms = generationMs(latencyMs, firstTokenMs);
  if (ms === null || ms <= 0 || completionTokens <= 0) return null;
  return (completionTokens * 1000) / ms;
}

/** The columns of a record a row is made from. */
export type TRowSource = Pick<
  TGenerationRecord,
  | "id"
  | "createdAt"
  | "model"
  | "kind"
  | "providerSlug"
  | "providerName"
  | "appTitle"
  | "appReferer"
  | "origin"
  | "errorCode"
  | "apiKeyId"
  | "promptTokens"
  | "completionTokens"
  | "cachedPromptTokens"
  | "reasoningTokens"
  | "cost"
  | "latencyMs"
  | "firstTokenMs"
  | "finishReason"
  | "status"
  | "httpStatus"
  | "contentStored"
>;

export function toActivityRow(r: TRowSource): TActivityRow {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    model: r.model,
    kind: r.kind,
    providerSlug: r.providerSlug,
    providerName: r.providerName,
    app: appLabel(r.appTitle, r.appReferer, r.origin),
    appReferer: r.appReferer,
    apiKeyId: r.apiKeyId,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    cachedPromptTokens: r.cachedPromptTokens,
    reasoningTokens: r.reasoningTokens,
    cost: r.cost,
    latencyMs: r.latencyMs,
    speed: speedOf(r.completionTokens, r.latencyMs, r.firstTokenMs),
    finishReason: r.finishReason,
    status: r.status,
    httpStatus: r.httpStatus,
    isPolicyRefusal: r.status === "error" && isPolicyRefusal(r.errorCode),
    contentStored: r.contentStored,
  };
}
