// Counting a Messages request's input tokens (`POST /api/v1/messages/count_tokens`) under the same
// privacy routing as sending it: the key's guardrails, the instance floor and the account's settings
// (request-policy.ts) and the request's `provider` preferences choose the endpoint exactly as for
// /messages. When the first eligible endpoint is a Messages-API provider, it counts (its own
// `/messages/count_tokens`, with a body the Messages adapter built from Privet's allowlist); otherwise,
// or when that call fails, Privet estimates locally and says so. Nothing is stored or logged: no
// content, and no metadata record (a count generates nothing and costs nothing; see the API reference).
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TDataPolicy, TEndpoint } from "@/lib/catalog/types";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { resolveRequestPolicy } from "@/lib/gateway/request-policy";
import { candidatesFor, findRequestedModels, refusalError } from "@/lib/gateway/route-plan";
import { estimateTokens, requestShapeOf } from "@/lib/gateway/request-shape";
import { hasProviderGuardrails, providerRefusal } from "@/lib/keys/guardrails";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";
import { healthMonitor } from "@/lib/health/monitor";
import { takeUpstreamSlot } from "@/lib/gateway/admission";
import { anthropicAdapter } from "@/lib/gateway/adapters/anthropic";
import { AdapterRequestError } from "@/lib/gateway/adapters/errors";
import { joinUrl } from "@/lib/gateway/adapters/shared";
import { tokenCount } from "@/lib/gateway/adapters/provider-values";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import { startUpstream, upstreamTimeouts, type TClientSignal } from "@/lib/gateway/upstream";

/** The fields of a Messages request that Anthropic's count_tokens takes (no max_tokens, sampling or stream). */
const COUNTED_FIELDS = ["model", "messages", "system", "tools", "tool_choice", "thinking"] as const;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type TCountTokensInput = {
  userId: string;
  apiKeyId: string | null;
  guardrails?: TKeyGuardrails;
  /** The Messages request as Privet's chat request (lib/surfaces/messages.ts). */
  body: TPrivetChatRequest;
  signal: TClientSignal;
  settingsUrl: () => string;
};

export type TTokenCount =
  | { kind: "error"; error: AppError }
  | {
      kind: "count";
      inputTokens: number;
      /** Who counted: the provider, or Privet's own estimate. */
      countedBy: "provider" | "estimate";
      /** The provider the request was sent to (to count it), or null when nothing left Privet. */
      provider: { slug: string; name: string; dataPolicy: TDataPolicy } | null;
    };

export async function countMessageTokens(input: TCountTokensInput): Promise<TTokenCount> {
  const parsed = parseChatRequest(input.body);
  if (!parsed.ok)
    return {
      kind: "error",
      error: new AppError("bad_request", `Invalid request: ${parsed.field}: ${parsed.message}`, {
        metadata: { field: parsed.field },
      }),
    };
  const body = parsed.value;
  const catalog = await getCatalog();
  const models = findRequestedModels(catalog.modelById, [body.model ?? ""]);
  if (models instanceof AppError) return { kind: "error", error: models };
  const resolved = await resolveRequestPolicy(input, models, body.provider ?? {}, catalog);
  if (resolved instanceof AppError) return { kind: "error", error: resolved };
  const { settings, prefs } = resolved;
  const shape = requestShapeOf(body);
  const health = healthMonitor().snapshot();
  const plan = candidatesFor(resolved.models, settings, prefs, shape, input.settingsUrl, health);
  if ("refusal" in plan.candidates) {
    const withoutKey = candidatesFor(resolved.models, settings, body.provider ?? {}, shape, input.settingsUrl, health);
    if (hasProviderGuardrails(input.guardrails) && !("refusal" in withoutKey.candidates))
      return { kind: "error", error: providerRefusal(resolved.models[0]!.id, input.guardrails) };
    return { kind: "error", error: refusalError(plan.candidates.refusal) };
  }
  // The endpoint a Messages request would be sent to first; only a Messages API can count for it.
  const first = plan.candidates[0]!.endpoint;
  const counted = first.provider.api === "anthropic" ? await countAtProvider(first, body, input) : null;
  const provider = counted?.isSent
    ? { slug: first.provider.slug, name: first.provider.name, dataPolicy: first.dataPolicy }
    : null;
  if (counted?.tokens != null) return { kind: "count", inputTokens: counted.tokens, countedBy: "provider", provider };
  const { max_tokens: _max, max_completion_tokens: _maxCompletion, ...withoutOutput } = body;
  return { kind: "count", inputTokens: estimateTokens(withoutOutput), countedBy: "estimate", provider };
}

/**
 * The provider's count (null when it gave none: an error, a bad answer), and whether the request
 * was sent to it at all (not when Privet cannot express it in the Messages API or the account's
 * upstream slots are taken).
 */
async function countAtProvider(
  endpoint: TEndpoint,
  body: TPrivetChatRequest,
  input: TCountTokensInput,
): Promise<{ tokens: number | null; isSent: boolean }> {
  const apiKey = endpoint.provider.apiKeyEnv ? (process.env[endpoint.provider.apiKeyEnv] ?? null) : null;
  let built;
  try {
    built = anthropicAdapter.buildRequest({
      baseUrl: endpoint.provider.baseUrl,
      apiKey,
      upstreamModel: endpoint.upstreamModel,
      body,
      stream: false,
      endUser: null,
    });
  } catch (error) {
    if (error instanceof AdapterRequestError) return { tokens: null, isSent: false };
    throw error;
  }
  const full = JSON.parse(built.body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of COUNTED_FIELDS) if (full[field] !== undefined) out[field] = full[field];
  const release = takeUpstreamSlot(input.userId);
  if (release instanceof AppError) return { tokens: null, isSent: false };
  const call = startUpstream(
    {
      url: joinUrl(endpoint.provider.baseUrl, "/messages/count_tokens"),
      headers: built.headers,
      body: JSON.stringify(out),
    },
    upstreamTimeouts(),
    input.signal,
  );
  try {
    const response = await call.response;
    if (response.status !== 200) {
      response.dump();
      return { tokens: null, isSent: true };
    }
    const raw = await response.readAll(MAX_RESPONSE_BYTES);
    response.release();
    let json: unknown = null;
    try {
      json = raw === null ? null : JSON.parse(raw.toString("utf8"));
    } catch {
      json = null;
    }
    const tokens =
      typeof json === "object" && json !== null
        ? tokenCount((json as { input_tokens?: unknown }).input_tokens)
        : undefined;
    return { tokens: tokens ?? null, isSent: true };
  } catch {
    call.destroy();
    return { tokens: null, isSent: true };
  } finally {
    release();
  }
}
