// Counting a Messages request's input tokens (`POST /api/v1/messages/count_tokens`). The request is
// checked exactly as /messages would check it — the key's guardrails, the instance floor, the
// account's settings (request-policy.ts) and the request's `provider` preferences — so a request
// /messages would refuse gets the same refusal here. The count itself is Privet's own estimate:
// nothing is sent to any provider just to count it (a provider that counted would have received the
// whole prompt, with no generation to show for it in the account's activity). Nothing is stored or
// logged: no content and no metadata record, since no provider was reached and nothing was generated
// (the API reference says so).
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { resolveRequestPolicy } from "@/lib/gateway/request-policy";
import { candidatesFor, findRequestedModels, refusalError } from "@/lib/gateway/route-plan";
import { estimateTokens, requestShapeOf } from "@/lib/gateway/request-shape";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";
import { healthMonitor } from "@/lib/health/monitor";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters/types";

export type TCountTokensInput = {
  userId: string;
  apiKeyId: string | null;
  guardrails?: TKeyGuardrails;
  /** The Messages request as Privet's chat request (lib/surfaces/messages.ts). */
  body: TPrivetChatRequest;
  settingsUrl: () => string;
};

export type TTokenCount = { kind: "error"; error: AppError } | { kind: "count"; inputTokens: number };

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
    // Refused only because of the account's or the key's provider limits: their refusal (403), not routing's.
    const limited = resolved.limitsRefusal(
      (p) => !("refusal" in candidatesFor(resolved.models, settings, p, shape, input.settingsUrl, health).candidates),
    );
    return { kind: "error", error: limited ?? refusalError(plan.candidates.refusal) };
  }
  const { max_tokens: _max, max_completion_tokens: _maxCompletion, ...withoutOutput } = body;
  return { kind: "count", inputTokens: estimateTokens(withoutOutput) };
}
