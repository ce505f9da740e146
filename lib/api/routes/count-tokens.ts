// POST /api/v1/messages/count_tokens — Anthropic's token count for a Messages request: Privet's estimate,
// after the same checks as /messages.
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { countMessageTokens } from "@/lib/gateway/count-tokens";
import { settingsUrl } from "@/lib/api/gateway-io";
import { anthropicErrorBody, countTokensRequestToChat } from "@/lib/surfaces/messages";

export async function countTokensRoute({ req, res, owner }: TApiContext): Promise<void> {
  // Nothing of a count is stored: no record, no content (lib/gateway/count-tokens.ts).
  const refuse = (error: AppError, extra: Record<string, string> = {}) =>
    sendError(res, error, { "x-privet-content-stored": "no", ...extra }, anthropicErrorBody);
  let json: unknown;
  try {
    json = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(error, { connection: "close" });
    return;
  }
  const translated = countTokensRequestToChat(json);
  if (!translated.ok) {
    refuse(
      new AppError("bad_request", `Invalid request: ${translated.field}: ${translated.message}`, {
        metadata: { field: translated.field },
      }),
    );
    return;
  }
  const result = await countMessageTokens({
    userId: owner.userId,
    apiKeyId: owner.keyId,
    guardrails: owner.guardrails,
    body: translated.body,
    settingsUrl,
  });
  if (result.kind === "error") {
    refuse(result.error);
    return;
  }
  // Privet's estimate, sent to no provider (lib/gateway/count-tokens.ts).
  sendJson(
    res,
    200,
    { input_tokens: result.inputTokens },
    { "x-privet-token-count": "estimate", "x-privet-content-stored": "no" },
  );
}
