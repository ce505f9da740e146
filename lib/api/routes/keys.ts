// /api/v1/keys — OpenRouter's key management API, with a management key: list, create, get,
// update and delete the account's API keys (never its management keys). `hash` is the key's id.
import type { TApiContext } from "@/lib/api/context";
import { readJsonBody, sendJson } from "@/lib/api/respond";
import { getSpend, getSpendByKey } from "@/lib/activity/spend";
import { AppError } from "@/lib/errors";
import { createApiKey, findApiKeys, getApiKey, revokeApiKey, updateApiKey } from "@/lib/keys/api-keys";
import { NO_GUARDRAILS } from "@/lib/keys/guardrails-schema";
import {
  guardrailChanges,
  parseKeyBody,
  toOpenRouterKey,
  ZCreateKeyBody,
  ZUpdateKeyBody,
} from "@/lib/keys/openrouter-key";

const PAGE = 100;

const API_FIELD: Record<string, string> = {
  spendLimit: "limit",
  limitReset: "limit_reset",
  allowedModels: "allowed_models",
  allowedProviders: "allowed_providers",
  requireZdr: "require_zdr",
  expiresAt: "expires_at",
  rateLimitPerMinute: "rate_limit_per_minute",
  allowedDataRegions: "allowed_data_regions",
};

/** A guardrail refused by lib/keys names its field as this API spells it. */
async function asApiFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const field = error instanceof AppError ? error.metadata?.field : undefined;
    if (error instanceof AppError && typeof field === "string" && API_FIELD[field])
      throw new AppError(error.code, error.message, { metadata: { ...error.metadata, field: API_FIELD[field] } });
    throw error;
  }
}

/** One of the account's API keys by its hash; a management key, a revoked key or another account's is "not found". */
async function managedKey(userId: string, hash: string) {
  const info = await getApiKey(userId, hash);
  if (info.isManagement) throw new AppError("not_found", "API key not found.");
  return info;
}

export async function listKeysRoute({ res, url, owner }: TApiContext): Promise<void> {
  const offsetText = url.searchParams.get("offset") ?? "0";
  const offset = Number(offsetText);
  if (!/^\d{1,9}$/.test(offsetText) || !Number.isSafeInteger(offset))
    throw new AppError("bad_request", "Invalid request: offset: expected a whole number from 0.", {
      metadata: { field: "offset" },
    });
  const includeDisabled = url.searchParams.get("include_disabled") === "true";
  const [keys, spend] = await Promise.all([findApiKeys(owner.userId), getSpendByKey(owner.userId)]);
  const listed = keys.filter((k) => !k.isManagement && !k.revokedAt && (includeDisabled || !k.disabled));
  sendJson(res, 200, {
    data: listed.slice(offset, offset + PAGE).map((k) => toOpenRouterKey(k, spend.get(k.id))),
  });
}

export async function createKeyRoute({ req, res, owner }: TApiContext): Promise<void> {
  const body = parseKeyBody(ZCreateKeyBody, await readJsonBody(req));
  const { key, info } = await asApiFields(() =>
    createApiKey(owner.userId, body.name, { guardrails: { ...NO_GUARDRAILS, ...guardrailChanges(body) } }),
  );
  sendJson(res, 201, { data: toOpenRouterKey(info), key });
}

export async function getKeyByHashRoute({ res, params, owner }: TApiContext): Promise<void> {
  const info = await managedKey(owner.userId, params.hash!);
  sendJson(res, 200, { data: toOpenRouterKey(info, await getSpend(owner.userId, info.id)) });
}

export async function updateKeyRoute({ req, res, params, owner }: TApiContext): Promise<void> {
  const body = parseKeyBody(ZUpdateKeyBody, await readJsonBody(req));
  await managedKey(owner.userId, params.hash!);
  const changes = guardrailChanges(body);
  const info = await asApiFields(() =>
    updateApiKey(owner.userId, params.hash!, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
      ...(Object.keys(changes).length > 0 ? { guardrails: changes } : {}),
    }),
  );
  sendJson(res, 200, { data: toOpenRouterKey(info, await getSpend(owner.userId, info.id)) });
}

export async function deleteKeyRoute({ res, params, owner }: TApiContext): Promise<void> {
  await managedKey(owner.userId, params.hash!);
  await revokeApiKey(owner.userId, params.hash!);
  sendJson(res, 200, { deleted: true });
}
