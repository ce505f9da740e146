// Reading metadata records. Every query is scoped by the owner: another user's id is "not found".
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { recordFromRow, sentTo, type TGenerationRecord } from "@/lib/generations/record";
import { WORKSPACE_ID } from "@/lib/vocabulary";

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

/**
 * `GET /api/v1/generation`: OpenRouter's generation object (its SDK's schema is the contract), plus
 * Privet's own fields (the data policy it was served under, whether content was stored, the attempts'
 * errors, the app's title). What Privet does not have is null or 0, never a guess.
 */
export function generationToApi(g: TGenerationRecord) {
  return {
    id: g.id,
    created_at: g.createdAt.toISOString(),
    model: g.model,
    provider_name: g.providerName,
    provider_responses: g.attempts.map((a) => ({
      provider: a.provider,
      status: a.status,
      latency: a.latency_ms,
      ...(a.error ? { error: a.error } : {}),
    })),
    upstream_id: null,
    streamed: g.streamed,
    cancelled: g.cancelled,
    finish_reason: g.finishReason,
    native_finish_reason: g.nativeFinishReason,
    latency: g.latencyMs,
    generation_time: g.latencyMs !== null && g.firstTokenMs !== null ? Math.max(0, g.latencyMs - g.firstTokenMs) : null,
    moderation_latency: null,
    tokens_prompt: g.promptTokens,
    tokens_completion: g.completionTokens,
    // Privet counts what the provider reports: its own tokens are the native ones. Of the prompt
    // tokens, those read from the provider's cache; of the completion's, those spent reasoning.
    native_tokens_prompt: g.promptTokens,
    native_tokens_completion: g.completionTokens,
    native_tokens_reasoning: g.reasoningTokens,
    native_tokens_cached: g.cachedPromptTokens,
    native_tokens_completion_images: null,
    num_media_prompt: null,
    num_media_completion: null,
    num_input_audio_prompt: null,
    num_search_results: null,
    num_fetches: null,
    total_cost: g.cost,
    usage: g.cost,
    upstream_inference_cost: null,
    cache_discount: null,
    // Providers are called with the operator's keys; nothing is "bring your own key".
    is_byok: false,
    // Privet has no app ids: the app's title (X-OpenRouter-Title or X-Title) is in app_title.
    app_id: null,
    http_referer: g.appReferer,
    origin: g.origin,
    // Privet's own: the API surface the request came through (chat, messages, responses, completions, embeddings).
    kind: g.kind,
    user_agent: g.userAgent,
    external_user: g.externalUser,
    api_type: "completions",
    router: null,
    preset_id: null,
    service_tier: null,
    data_region: "global",
    web_search_engine: null,
    // Privet's one workspace, as GET /api/v1/key and the key management API name it.
    workspace_id: WORKSPACE_ID,
    // Privet's own fields.
    app_title: g.appTitle,
    provider_slug: g.providerSlug,
    upstream_model: g.upstreamModel,
    status: g.status,
    http_status: g.httpStatus,
    error_code: g.errorCode,
    time_to_first_token: g.firstTokenMs,
    api_key_id: g.apiKeyId,
    data_policy: g.dataPolicy,
    content_stored: g.contentStored,
    // Whether the token counts are Privet's estimate (the provider's were missing or unusable).
    usage_estimated: g.usageEstimated,
    // Every provider the request may have reached, whatever the outcome, with its policy then.
    sent_to: sentTo(g),
  };
}
