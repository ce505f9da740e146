// How a metadata record reads to an operator: its outcome, and label values drawn only from
// Privet's own vocabulary (codes Privet writes, catalog ids, outcome names), so a client can never
// choose a label value and the number of series stays bounded. Pure: no I/O.
import type { TAttempt, TGenerationRecord } from "@/lib/generations/record";

export const OUTCOMES = [
  "served",
  "fallback",
  "refused_by_policy",
  "rate_limited",
  "invalid",
  "failed",
  "cancelled",
] as const;
export type TOutcome = (typeof OUTCOMES)[number];

/** The codes `refusalFor` (lib/policy/refusal.ts) gives a request that no endpoint may serve. */
const POLICY_REFUSALS: ReadonlySet<string> = new Set([
  "privacy_restricted",
  "no_eligible_endpoint",
  "no_endpoints",
  "no_provider_configured",
]);

/**
 * Privet's own limits on how much one client may ask: the per-minute rate limit, the account's cap on
 * concurrent requests, and providers at their limit for the whole wait (lib/gateway/provider-queue.ts).
 */
const RATE_LIMITS: ReadonlySet<string> = new Set(["rate_limited", "too_many_concurrent_requests", "provider_busy"]);

/** Whether an error code is a refusal by the data policy (no endpoint was eligible), not a failure. */
export function isPolicyRefusal(errorCode: string | null): boolean {
  return errorCode !== null && POLICY_REFUSALS.has(errorCode);
}

/**
 * served: the first endpoint answered; fallback: a later one did; refused_by_policy: no endpoint
 * was eligible; rate_limited: one of Privet's limits (RATE_LIMITS); invalid: refused before any provider was tried
 * (bad body, unknown model, too large); failed: every attempt failed, or an internal error;
 * cancelled: the client went away.
 */
export function outcomeOf(r: Pick<TGenerationRecord, "status" | "attempts" | "errorCode" | "httpStatus">): TOutcome {
  if (r.status === "success") return r.attempts.length > 1 ? "fallback" : "served";
  if (r.status === "cancelled") return "cancelled";
  if (r.errorCode !== null && RATE_LIMITS.has(r.errorCode)) return "rate_limited";
  if (isPolicyRefusal(r.errorCode)) return "refused_by_policy";
  if (r.attempts.length === 0 && r.httpStatus < 500) return "invalid";
  return "failed";
}

const ROUTE_OF_KIND: Record<TGenerationRecord["kind"], string> = {
  chat: "/api/v1/chat/completions",
  messages: "/api/v1/messages",
  responses: "/api/v1/responses",
  completions: "/api/v1/completions",
  embeddings: "/api/v1/embeddings",
};

/** Where a record's request came in: the API route's template, or the chat page. */
export function routeOf(r: Pick<TGenerationRecord, "origin" | "kind">): string {
  return r.origin === "chat" ? "chat" : ROUTE_OF_KIND[r.kind];
}

/** The GenAI semantic conventions' operation for a record's kind. */
export function operationOf(r: Pick<TGenerationRecord, "kind">): string {
  return r.kind === "embeddings" ? "embeddings" : r.kind === "completions" ? "text_completion" : "chat";
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,47}$/;

/**
 * A code Privet wrote (an error code, an attempt's failure kind) as a label value. Privet writes
 * only short identifiers; anything else becomes "other", so the label can never carry text.
 */
export function codeLabel(code: string | null | undefined): string {
  if (code === null || code === undefined) return "none";
  return IDENTIFIER.test(code) ? code : "other";
}

/** An attempt's failure reason, or null for the attempt that served. */
export function failureReason(attempt: TAttempt): string | null {
  return attempt.error === undefined ? null : codeLabel(attempt.error);
}

/** A provider slug as a label: the catalog's slugs are lowercase words with dashes. */
export function providerLabel(slug: string | null): string {
  return slug !== null && /^[a-z0-9][a-z0-9-]{0,63}$/.test(slug) ? slug : "none";
}

/** A status code as a label: three digits. */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : "0";
}

/**
 * The record's model as a label: a served record's model is the catalog's own id; any other record
 * may carry what the client sent, which becomes "unknown" unless the catalog knows it.
 */
export function modelLabel(
  r: Pick<TGenerationRecord, "model" | "providerSlug">,
  isKnownModel: (id: string) => boolean,
): string {
  return r.providerSlug !== null || isKnownModel(r.model) ? r.model : "unknown";
}
