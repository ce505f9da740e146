// Reading metadata records. Every query is scoped by the owner: another user's id is "not found".
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { recordFromRow, sentTo, type TGenerationRecord } from "@/lib/generations/record";

/**
 * Whether an id from a client can name a stored record at all. PostgreSQL text cannot hold U+0000
 * (it refuses the query), and no id Privet makes has one: such an id is simply not found, on every database.
 */
export function isPossibleId(id: string): boolean {
  return !id.includes("\u0000");
}

export async function findGeneration(userId: string, id: string): Promise<TGenerationRecord | null> {
  if (!isPossibleId(id)) return null;
  const pending = recorder().pendingRecord(id);
  if (pending) return pending.userId === userId ? pending : null;
  const row = await db.generation.findFirst({ where: { id, userId } });
  return row ? recordFromRow(row) : null;
}

/** The `GET /api/v1/generation` shape, plus Privet's policy and content fields. */
export function generationToApi(g: TGenerationRecord) {
  return {
    id: g.id,
    created_at: g.createdAt.toISOString(),
    model: g.model,
    provider_name: g.providerName,
    provider_slug: g.providerSlug,
    upstream_model: g.upstreamModel,
    provider_responses: g.attempts.map((a) => ({ provider: a.provider, status: a.status, latency: a.latency_ms, ...(a.error ? { error: a.error } : {}) })),
    streamed: g.streamed,
    cancelled: g.cancelled,
    status: g.status,
    http_status: g.httpStatus,
    error_code: g.errorCode,
    finish_reason: g.finishReason,
    native_finish_reason: g.nativeFinishReason,
    latency: g.latencyMs,
    generation_time: g.latencyMs !== null && g.firstTokenMs !== null ? Math.max(0, g.latencyMs - g.firstTokenMs) : null,
    time_to_first_token: g.firstTokenMs,
    tokens_prompt: g.promptTokens,
    tokens_completion: g.completionTokens,
    // Neutral names for now (issue 13 maps them to OpenRouter's): of the tokens above, those read
    // from the provider's cache and those spent reasoning; whether the counts are Privet's estimate.
    cached_tokens: g.cachedPromptTokens,
    reasoning_tokens: g.reasoningTokens,
    usage_estimated: g.usageEstimated,
    // Every provider the request may have reached, whatever the outcome, with its policy then.
    sent_to: sentTo(g),
    total_cost: g.cost,
    usage: g.cost,
    app_id: g.appTitle,
    http_referer: g.appReferer,
    origin: g.origin,
    user_agent: g.userAgent,
    external_user: g.externalUser,
    api_type: "completions",
    api_key_id: g.apiKeyId,
    data_policy: g.dataPolicy,
    content_stored: g.contentStored,
  };
}
