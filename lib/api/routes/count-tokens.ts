// POST /api/v1/messages/count_tokens — Anthropic's token count for a Messages request, under the same privacy routing.
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendError, sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { countMessageTokens } from "@/lib/gateway/count-tokens";
import { formatDataPolicyHeader } from "@/lib/policy";
import { ClientGone, settingsUrl } from "@/lib/api/gateway-io";
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
  const client = new ClientGone();
  res.on("close", () => {
    if (!res.writableFinished) client.abort();
  });
  const result = await countMessageTokens({
    userId: owner.userId,
    apiKeyId: owner.keyId,
    guardrails: owner.guardrails,
    body: translated.body,
    signal: client,
    settingsUrl,
  });
  if (result.kind === "error") {
    refuse(result.error);
    return;
  }
  const headers: Record<string, string> = {
    "x-privet-token-count": result.countedBy,
    "x-privet-content-stored": "no",
  };
  if (result.provider) {
    headers["x-privet-provider"] = result.provider.slug;
    headers["x-privet-data-policy"] = formatDataPolicyHeader(result.provider.dataPolicy);
  }
  sendJson(res, 200, { input_tokens: result.inputTokens }, headers);
}
