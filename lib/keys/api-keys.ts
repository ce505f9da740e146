// API keys: create (plaintext returned once), list, revoke, and resolve a Bearer header to its owner.
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/auth/api-key-crypto";
import { ZKeyName } from "@/lib/auth/schemas";
import { checkLimits, limitsColumns, limitsFromRow, parseList } from "@/lib/limits/check";
import { normalizeRegions } from "@/lib/privacy/limits";
import { NO_GUARDRAILS, ZKeyGuardrails, type TKeyGuardrails } from "@/lib/keys/guardrails-schema";

export type TApiKeyInfo = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  updatedAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  disabled: boolean;
  isManagement: boolean;
  guardrails: TKeyGuardrails;
};

export type TKeyOwner = {
  userId: string;
  keyId: string;
  keyName: string;
  prefix: string;
  createdAt: Date;
  disabled: boolean;
  isManagement: boolean;
  guardrails: TKeyGuardrails;
};

/** The guardrail columns, as every key read selects them. */
export const GUARDRAIL_COLUMNS = {
  spendLimit: true,
  limitReset: true,
  allowedModels: true,
  allowedProviders: true,
  requireZdr: true,
  expiresAt: true,
  rateLimitPerMinute: true,
  allowedDataRegions: true,
} as const;

type TGuardrailRow = {
  spendLimit: number | null;
  limitReset: string | null;
  allowedModels: string;
  allowedProviders: string;
  requireZdr: boolean;
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
  allowedDataRegions: string;
};

/** A key row's guardrail columns as guardrails. */
export function toGuardrails(row: TGuardrailRow): TKeyGuardrails {
  return { ...limitsFromRow(row), expiresAt: row.expiresAt, allowedDataRegions: parseList(row.allowedDataRegions) };
}

const INFO = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  updatedAt: true,
  lastUsedAt: true,
  revokedAt: true,
  disabled: true,
  isManagement: true,
  ...GUARDRAIL_COLUMNS,
} as const;

type TInfoRow = Omit<TApiKeyInfo, "guardrails"> & TGuardrailRow;

function toInfo(row: TInfoRow): TApiKeyInfo {
  const {
    spendLimit,
    limitReset,
    allowedModels,
    allowedProviders,
    requireZdr,
    expiresAt,
    rateLimitPerMinute,
    allowedDataRegions,
    ...rest
  } = row;
  return {
    ...rest,
    guardrails: toGuardrails({
      spendLimit,
      limitReset,
      allowedModels,
      allowedProviders,
      requireZdr,
      expiresAt,
      rateLimitPerMinute,
      allowedDataRegions,
    }),
  };
}

/**
 * Checks guardrails before they are stored: the shared limits (lib/limits/check.ts), data regions as
 * stored (upper case, sorted) and an expiry still to come. Throws a 400 naming the field.
 */
async function checkGuardrails(
  input: TKeyGuardrails,
  previousExpiry: Date | null = null,
  now = new Date(),
): Promise<TKeyGuardrails> {
  const checked = await checkLimits(ZKeyGuardrails, input);
  const guardrails = { ...checked, allowedDataRegions: normalizeRegions(checked.allowedDataRegions) };
  // An expiry already passed may stay as it is while other guardrails change; a new one must be ahead.
  const isNewExpiry = guardrails.expiresAt?.getTime() !== previousExpiry?.getTime();
  if (isNewExpiry && guardrails.expiresAt && guardrails.expiresAt.getTime() <= now.getTime())
    throw new AppError("bad_request", "The expiry must be in the future.", { metadata: { field: "expiresAt" } });
  return guardrails;
}

function guardrailColumns(g: TKeyGuardrails) {
  return { ...limitsColumns(g), expiresAt: g.expiresAt, allowedDataRegions: JSON.stringify(g.allowedDataRegions) };
}

function checkName(name: string): string {
  const parsed = ZKeyName.safeParse(name);
  if (!parsed.success)
    throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid name.", {
      metadata: { field: "name" },
    });
  return parsed.data;
}

export async function createApiKey(
  userId: string,
  name: string,
  options: { guardrails?: TKeyGuardrails; isManagement?: boolean } = {},
): Promise<{ key: string; info: TApiKeyInfo }> {
  const checkedName = checkName(name);
  const guardrails = options.guardrails ? await checkGuardrails(options.guardrails) : NO_GUARDRAILS;
  const key = generateApiKey();
  const row = await db.apiKey.create({
    data: {
      userId,
      name: checkedName,
      prefix: apiKeyPrefix(key),
      hash: hashApiKey(key, authSecret()),
      isManagement: options.isManagement === true,
      ...guardrailColumns(guardrails),
    },
    select: INFO,
  });
  return { key, info: toInfo(row) };
}

export async function findApiKeys(userId: string): Promise<TApiKeyInfo[]> {
  const rows = await db.apiKey.findMany({ where: { userId }, select: INFO, orderBy: { createdAt: "desc" } });
  return rows.map(toInfo);
}

/** One of the user's keys that is not revoked; another user's key id is "not found". */
export async function getApiKey(userId: string, keyId: string): Promise<TApiKeyInfo> {
  const row = await db.apiKey.findFirst({ where: { id: keyId, userId, revokedAt: null }, select: INFO });
  if (!row) throw new AppError("not_found", "API key not found.");
  return toInfo(row);
}

export type TApiKeyChanges = { name?: string; disabled?: boolean; guardrails?: Partial<TKeyGuardrails> };

/**
 * Changes one of the user's keys (not a revoked one): its name, whether it is disabled, and any
 * of its guardrails (fields left out stay as they are). Takes effect on every instance within
 * the key cache's lifetime, at once in this one.
 */
export async function updateApiKey(userId: string, keyId: string, changes: TApiKeyChanges): Promise<TApiKeyInfo> {
  const current = await getApiKey(userId, keyId);
  const name = changes.name === undefined ? undefined : checkName(changes.name);
  const guardrails =
    changes.guardrails === undefined
      ? undefined
      : await checkGuardrails({ ...current.guardrails, ...changes.guardrails }, current.guardrails.expiresAt);
  const result = await db.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: {
      ...(name === undefined ? {} : { name }),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled }),
      ...(guardrails === undefined ? {} : guardrailColumns(guardrails)),
      updatedAt: new Date(),
    },
  });
  keyCache().invalidateKey(keyId);
  if (result.count === 0) throw new AppError("not_found", "API key not found.");
  return getApiKey(userId, keyId);
}

/** Revokes one of the user's keys. Another user's key id is "not found", never "forbidden". */
export async function revokeApiKey(userId: string, keyId: string): Promise<TApiKeyInfo> {
  const result = await db.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const owned = await db.apiKey.findFirst({ where: { id: keyId, userId }, select: INFO });
    if (!owned) throw new AppError("not_found", "API key not found.");
    keyCache().invalidateKey(keyId);
    return toInfo(owned);
  }
  keyCache().invalidateKey(keyId);
  return toInfo(await db.apiKey.findFirstOrThrow({ where: { id: keyId, userId }, select: INFO }));
}

export async function revokeApiKeyByPrefix(userId: string, prefix: string): Promise<TApiKeyInfo> {
  const matches = await db.apiKey.findMany({
    where: { userId, prefix: { startsWith: prefix } },
    select: { id: true, revokedAt: true },
  });
  const active = matches.filter((k) => !k.revokedAt);
  if (matches.length === 0) throw new AppError("not_found", `No API key starting with ${prefix}.`);
  if (active.length === 0) throw new AppError("conflict", `The key starting with ${prefix} is already revoked.`);
  if (active.length > 1)
    throw new AppError("conflict", `${active.length} keys start with ${prefix}; give more characters.`);
  return revokeApiKey(userId, active[0]!.id);
}

// Key lookups sit on every API request's path, so owners are kept in memory by key hash.
// Revocation in this process drops the entry at once; the short lifetime bounds staleness for
// changes made by another process (the CLI, another instance).
const CACHE_TTL_MS = 1_000;
type TCacheEntry = { owner: TKeyOwner | null; expires: number };

function createKeyCache() {
  const byHash = new Map<string, TCacheEntry>();
  const lastUsedWritten = new Map<string, number>();
  return {
    get(hash: string): TCacheEntry | undefined {
      const entry = byHash.get(hash);
      if (entry && entry.expires > Date.now()) return entry;
      if (entry) byHash.delete(hash);
      return undefined;
    },
    set(hash: string, owner: TKeyOwner | null) {
      if (byHash.size > 10_000) byHash.clear();
      byHash.set(hash, { owner, expires: Date.now() + CACHE_TTL_MS });
    },
    invalidateKey(keyId: string) {
      for (const [hash, entry] of byHash) if (!entry.owner || entry.owner.keyId === keyId) byHash.delete(hash);
    },
    invalidateUser(userId: string) {
      for (const [hash, entry] of byHash) if (!entry.owner || entry.owner.userId === userId) byHash.delete(hash);
    },
    /** lastUsedAt is written at most once a minute per key, off the request path. */
    shouldTouch(keyId: string): boolean {
      const now = Date.now();
      if ((lastUsedWritten.get(keyId) ?? 0) > now - 60_000) return false;
      lastUsedWritten.set(keyId, now);
      return true;
    },
  };
}

export function keyCache() {
  return singleton("key-cache", createKeyCache);
}
