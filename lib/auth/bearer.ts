// Resolves an `Authorization: Bearer <key>` header to the key's owner: the one entry point for API auth.
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashApiKey, isWellFormedApiKey } from "@/lib/auth/api-key-crypto";
import { GUARDRAIL_COLUMNS, keyCache, toGuardrails, type TKeyOwner } from "@/lib/keys/api-keys";

/**
 * Turns an `Authorization: Bearer <key>` header into the key's owner, or throws a 401 AppError.
 * The key itself is never logged or stored; only its HMAC is compared.
 */
export async function authenticateBearer(header: string | null | undefined): Promise<TKeyOwner> {
  if (!header) throw new AppError("unauthorized", "Missing API key: send it as `Authorization: Bearer <key>`.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Malformed Authorization header: expected `Bearer <key>`.");
  const key = match[1]!;
  if (!isWellFormedApiKey(key)) throw new AppError("unauthorized", "Invalid API key.");
  const hash = hashApiKey(key, authSecret());
  const cache = keyCache();
  let entry = cache.get(hash);
  if (!entry) {
    const row = await db.apiKey.findUnique({
      where: { hash },
      select: {
        id: true,
        userId: true,
        name: true,
        prefix: true,
        createdAt: true,
        revokedAt: true,
        disabled: true,
        isManagement: true,
        ...GUARDRAIL_COLUMNS,
        user: { select: { disabledAt: true } },
      },
    });
    // A disabled or expired key still resolves to its owner: the router refuses it with 401 and,
    // for a chat request, leaves the refusal's metadata record with the owner (lib/keys/guardrails.ts).
    // A disabled account's keys are refused like revoked ones (lib/accounts/roles.ts).
    const owner: TKeyOwner | null =
      row && !row.revokedAt && row.user.disabledAt === null
        ? {
            userId: row.userId,
            keyId: row.id,
            keyName: row.name,
            prefix: row.prefix,
            createdAt: row.createdAt,
            disabled: row.disabled,
            isManagement: row.isManagement,
            guardrails: toGuardrails(row),
          }
        : null;
    cache.set(hash, owner);
    entry = cache.get(hash)!;
  }
  if (!entry.owner) throw new AppError("unauthorized", "Invalid API key.");
  if (cache.shouldTouch(entry.owner.keyId)) {
    const keyId = entry.owner.keyId;
    setImmediate(() => {
      db.apiKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    });
  }
  return entry.owner;
}
