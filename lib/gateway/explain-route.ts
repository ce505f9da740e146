// POST /api/v1/route: what Privet would do with a chat request, without doing it. The request is
// validated and routed exactly as a chat request is (route-plan.ts, under the account's settings
// now), and the answer lists the endpoints in the order they would be tried and every endpoint
// left out, with the step and reason a refusal would give. No provider is called, nothing is
// recorded, and the messages (optional) are read only for their features and size.
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import { resolveRequestPolicy } from "@/lib/gateway/request-policy";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";
import { healthMonitor } from "@/lib/health/monitor";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import {
  describeRoutePlan,
  findRequestedModels,
  planRoute,
  requestedModelIds,
  type TRouteExplanation,
  withDefaultMessages,
} from "@/lib/gateway/route-plan";

export async function explainRoute(
  request: { userId: string; apiKeyId: string | null; guardrails: TKeyGuardrails | undefined },
  json: unknown,
  settingsUrl: () => string,
): Promise<TRouteExplanation | AppError> {
  const parsed = parseChatRequest(withDefaultMessages(json));
  if (!parsed.ok)
    return new AppError("bad_request", `Invalid request: ${parsed.field}: ${parsed.message}`, {
      metadata: { field: parsed.field },
    });
  const catalog = await getCatalog();
  const requested = findRequestedModels(catalog.modelById, requestedModelIds(parsed.value));
  if (requested instanceof AppError) return requested;
  // The same restrictions a chat request routes under: the account's limits, the key's guardrails, the
  // instance floor, the account's settings (nothing is sent, so nothing counts against requests per minute).
  const resolved = await resolveRequestPolicy(request, requested, parsed.value.provider ?? {}, catalog, false);
  if (resolved instanceof AppError) return resolved;
  const { models, prefs, settings } = resolved;
  return describeRoutePlan(
    planRoute(
      { ...parsed.value, provider: prefs },
      models,
      settings,
      settingsUrl,
      healthMonitor().snapshot(),
      Date.now(),
    ),
  );
}
