// Receipts, outcomes and errors as the chat shows them, built from the pipeline's results and the
// metadata record. Pure; nothing here reads or repeats prompt or completion text.
import type { AppError } from "@/lib/errors";
import type { TModel } from "@/lib/catalog/types";
import type { TReceipt } from "@/lib/gateway/pipeline";
import { sentTo, type TAttempt, type TGenerationRecord } from "@/lib/generations/record";
import { toRouteView } from "@/lib/generations/route-trace";
import { describePublishing, describeRetention, describeTraining } from "@/lib/policy";
import { toRefusalView, type TFixContext } from "@/lib/chat/refusal-view";
import type { TAttemptView, TChatErrorView, TOutcomeView, TReceiptView } from "@/lib/chat/types";

export type TProviderNames = (slug: string) => string;

/** Every provider the record says the request may have reached, each with its policy then. */
export function toSentToViews(record: TGenerationRecord | null, names: TProviderNames): TReceiptView[] {
  if (!record) return [];
  return sentTo(record).flatMap(({ provider, data_policy }) =>
    data_policy
      ? [
          toReceiptView({
            generationId: record.id,
            model: record.model,
            provider: { slug: provider, name: names(provider) },
            dataPolicy: data_policy,
            contentStored: record.contentStored,
          }),
        ]
      : [],
  );
}

export function toReceiptView(
  receipt: Pick<TReceipt, "generationId" | "model" | "provider" | "dataPolicy" | "contentStored">,
): TReceiptView {
  return {
    generationId: receipt.generationId,
    model: receipt.model,
    provider: { slug: receipt.provider.slug, name: receipt.provider.name },
    retention: describeRetention(receipt.dataPolicy),
    training: describeTraining(receipt.dataPolicy),
    publishing: describePublishing(receipt.dataPolicy),
    isZdr: receipt.dataPolicy.zdr,
    contentStored: receipt.contentStored,
  };
}

function describeAttempt(attempt: TAttempt): string {
  const error = attempt.error;
  if (!error) return attempt.status > 0 ? `answered (HTTP ${attempt.status})` : "sent";
  if (error.startsWith("stream_"))
    return `stream failed after it started (${describeAttempt({ ...attempt, error: error.slice("stream_".length) })})`;
  switch (error) {
    case "http":
      return `HTTP ${attempt.status}`;
    case "timeout":
      return "timed out";
    case "connect":
      return "could not connect";
    case "dropped":
      return "connection dropped";
    case "malformed":
      return "unreadable response";
    case "aborted":
      return "stopped";
    case "unsupported_by_api":
      return "cannot express this request in its API";
    case "provider_busy":
      return "not sent: every slot this server keeps for it stayed in use";
    default:
      return attempt.status > 0 ? `failed (HTTP ${attempt.status})` : "failed";
  }
}

export function toAttemptViews(attempts: readonly TAttempt[], names: TProviderNames): TAttemptView[] {
  return attempts.map((attempt) => ({
    provider: attempt.provider,
    providerName: names(attempt.provider),
    status: attempt.status,
    outcome: describeAttempt(attempt),
  }));
}

export function toOutcomeView(record: TGenerationRecord, names: TProviderNames): TOutcomeView {
  return {
    status: record.status,
    tokensIn: record.promptTokens,
    tokensOut: record.completionTokens,
    costUsd: record.cost,
    latencyMs: record.latencyMs,
    firstTokenMs: record.firstTokenMs,
    finishReason: record.finishReason,
    attempts: toAttemptViews(record.attempts, names),
    sentTo: toSentToViews(record, names),
    ...(record.route ? { route: toRouteView(record.route, record.attempts, record.providerSlug, names) } : {}),
  };
}

const REFUSAL_TITLES: Record<string, string> = {
  privacy_restricted: "Your privacy settings leave no provider for this model",
  no_provider_configured: "No provider is configured for this model",
  no_eligible_endpoint: "No provider can take this request",
  no_endpoints: "Nobody serves this model",
};

const UPSTREAM_TITLES: Record<string, string> = {
  upstream_timeout: "The provider did not answer in time",
  upstream_rate_limited: "The provider is rate limiting requests",
  upstream_rejected: "The provider rejected the request",
  upstream_failed: "Every provider Privet tried failed",
  provider_busy: "The provider is busy with other requests",
};

/** The inline error for a reply that never started. `record` is the request's metadata record. */
export function toErrorView(
  error: AppError,
  generationId: string,
  record: TGenerationRecord | null,
  model: TModel | undefined,
  names: TProviderNames,
  ctx: TFixContext,
): TChatErrorView {
  const code = typeof error.metadata?.code === "string" ? error.metadata.code : error.code;
  const attempts = toAttemptViews(record?.attempts ?? [], names);
  const base = {
    status: error.status,
    message: error.message,
    attempts,
    generationId,
    refusal: null,
    sentTo: toSentToViews(record, names),
  };

  if (error.status === 499) {
    return {
      ...base,
      kind: "cancelled",
      title: "Stopped before the reply started",
      message: "You stopped this reply before the provider sent anything.",
    };
  }
  if (code in REFUSAL_TITLES && error.metadata) {
    const free = new Map(model?.endpoints.map((e) => [e.provider.slug, e.free]) ?? []);
    const modelId = model?.id ?? (typeof error.metadata.model === "string" ? error.metadata.model : "");
    const refusal = toRefusalView(
      { status: error.status, message: error.message, metadata: error.metadata },
      modelId,
      { providerName: names, isFree: (slug) => free.get(slug) ?? modelId.endsWith(":free") },
      ctx,
    );
    return { ...base, kind: "refusal", title: REFUSAL_TITLES[code]!, refusal };
  }
  if (code in UPSTREAM_TITLES) return { ...base, kind: "upstream", title: UPSTREAM_TITLES[code]! };
  if (code === "model_not_found")
    return { ...base, kind: "invalid", title: "This model is not in the catalog any more" };
  if (error.status === 400) return { ...base, kind: "invalid", title: "Privet could not send this conversation" };
  return { ...base, kind: "other", title: "The reply failed" };
}

/** The inline error for a reply whose stream failed after it started (the text so far is kept). */
export function toStreamErrorView(
  failure: { code: number; message: string },
  generationId: string,
  record: TGenerationRecord | null,
  names: TProviderNames,
): TChatErrorView {
  return {
    kind: "stream",
    status: failure.code,
    title: "The reply was cut off",
    message: failure.message,
    refusal: null,
    attempts: toAttemptViews(record?.attempts ?? [], names),
    generationId,
    sentTo: toSentToViews(record, names),
  };
}
