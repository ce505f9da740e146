// Encryption at rest for logged content (PRODUCT.md rule 8), in two layers so that deleting can
// erase (crypto-shredding):
// - an account's content is encrypted with AES-256-GCM under the account's own random content key:
//   a fresh 96-bit IV per record, the generation and user ids as associated data (a ciphertext
//   cannot be moved to another record), and the content key's id as the record's key id;
// - the content key is stored only wrapped (AES-256-GCM) by the master key PRIVET_ENCRYPTION_KEY,
//   with the key's own id and its user id as associated data. Once the content key is deleted, no
//   copy of that content (WAL, free pages, backups, replicas) can be read, master key or not.
// The master key has an id, so it can be rotated: the current key wraps, PRIVET_ENCRYPTION_KEY_PREVIOUS
// (comma-separated) still unwraps older content keys until they are re-wrapped (lib/content/keys.ts).
// Content written before content keys existed names a master key as its key id and is opened with
// that master key directly, until it is re-encrypted under the account's content key.
import crypto from "node:crypto";
import { setting } from "@/lib/env";

type TEnv = Record<string, string | undefined>;

export type TSealed = { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

/** An account's content key, unwrapped (kept in memory only, briefly: lib/content/keys.ts). */
export type TContentKey = { id: string; key: Buffer };

/** A content key as stored: wrapped by the master key `wrapKeyId`. */
export type TWrappedContentKey = { id: string; userId: string; wrapKeyId: string; wrapped: Uint8Array };

type TMasterKey = { id: string; contentKey: Buffer; wrapKey: Buffer };

const CONTENT_KEY_PREFIX = "ck_";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveMasterKey(secret: string): TMasterKey {
  // The id is the one records have carried since before content keys, so older records still name it.
  const contentKey = Buffer.from(crypto.hkdfSync("sha256", secret, "privet", "content-encryption-v1", 32));
  const wrapKey = Buffer.from(crypto.hkdfSync("sha256", secret, "privet", "content-key-wrap-v1", 32));
  const id = crypto.createHash("sha256").update(contentKey).digest("hex").slice(0, 16);
  return { id, contentKey, wrapKey };
}

const derived = new Map<string, TMasterKey>();
function masterKeyFor(secret: string): TMasterKey {
  let k = derived.get(secret);
  if (!k) {
    k = deriveMasterKey(secret);
    derived.set(secret, k);
  }
  return k;
}

function currentMasterKey(env: TEnv): TMasterKey {
  const secret = setting("PRIVET_ENCRYPTION_KEY", env);
  if (!secret) throw new Error("PRIVET_ENCRYPTION_KEY is not set.");
  return masterKeyFor(secret);
}

/** The id of the master key that wraps new content keys. */
export function currentMasterKeyId(env: TEnv = process.env): string {
  return currentMasterKey(env).id;
}

function masterKeyById(id: string, env: TEnv): TMasterKey {
  const current = setting("PRIVET_ENCRYPTION_KEY", env);
  const secrets = [...(current ? [current] : []), ...setting("PRIVET_ENCRYPTION_KEY_PREVIOUS", env)];
  const k = secrets.map(masterKeyFor).find((m) => m.id === id);
  if (!k)
    throw new Error(
      `No encryption key with id ${id} is configured (was PRIVET_ENCRYPTION_KEY changed without keeping the old one in PRIVET_ENCRYPTION_KEY_PREVIOUS?).`,
    );
  return k;
}

/** Whether a record's key id names a content key (true) or, for content older than content keys, a master key. */
export function isContentKeyId(keyId: string): boolean {
  return keyId.startsWith(CONTENT_KEY_PREFIX);
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: Buffer): Buffer {
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

const contentAad = (generationId: string, userId: string) => Buffer.from(`${generationId}\n${userId}`);
const wrapAad = (keyId: string, userId: string) => Buffer.from(`privet-content-key\n${keyId}\n${userId}`);

/** A new random content key (not stored yet: wrap it). */
export function newContentKey(): TContentKey {
  return { id: `${CONTENT_KEY_PREFIX}${crypto.randomBytes(12).toString("hex")}`, key: crypto.randomBytes(32) };
}

/** The content key wrapped by the current master key, for storing. */
export function wrapContentKey(contentKey: TContentKey, userId: string, env: TEnv = process.env): TWrappedContentKey {
  const master = currentMasterKey(env);
  const { iv, ciphertext, tag } = encrypt(master.wrapKey, contentKey.key, wrapAad(contentKey.id, userId));
  return { id: contentKey.id, userId, wrapKeyId: master.id, wrapped: Buffer.concat([iv, ciphertext, tag]) };
}

/** Unwraps a stored content key with the master key that wrapped it (current or previous); throws when that key is not configured or the row was altered. */
export function unwrapContentKey(row: TWrappedContentKey, env: TEnv = process.env): TContentKey {
  const master = masterKeyById(row.wrapKeyId, env);
  const bytes = Buffer.from(row.wrapped);
  const sealed = {
    iv: bytes.subarray(0, IV_BYTES),
    ciphertext: bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES),
  };
  return { id: row.id, key: decrypt(master.wrapKey, sealed, wrapAad(row.id, row.userId)) };
}

/** Encrypts one record's content under the account's content key. */
export function sealContent(plaintext: string, generationId: string, userId: string, contentKey: TContentKey): TSealed {
  return {
    keyId: contentKey.id,
    ...encrypt(contentKey.key, Buffer.from(plaintext, "utf8"), contentAad(generationId, userId)),
  };
}

/**
 * Decrypts one record's content: with `contentKey` when the record names a content key (which must
 * be that key: a destroyed key cannot be passed, so its content cannot be opened), or with the
 * master key it names when it is older than content keys.
 */
export function openContent(
  sealed: TSealed,
  generationId: string,
  userId: string,
  contentKey: TContentKey | null,
  env: TEnv = process.env,
): string {
  const aad = contentAad(generationId, userId);
  if (isContentKeyId(sealed.keyId)) {
    if (!contentKey || contentKey.id !== sealed.keyId)
      throw new Error("The content key of this record does not exist (it was deleted).");
    return decrypt(contentKey.key, sealed, aad).toString("utf8");
  }
  return decrypt(masterKeyById(sealed.keyId, env).contentKey, sealed, aad).toString("utf8");
}

/** Content as it was encrypted before content keys: directly under the master key (kept to test that it stays readable). */
export function sealWithMasterKey(
  plaintext: string,
  generationId: string,
  userId: string,
  env: TEnv = process.env,
): TSealed {
  const master = currentMasterKey(env);
  return {
    keyId: master.id,
    ...encrypt(master.contentKey, Buffer.from(plaintext, "utf8"), contentAad(generationId, userId)),
  };
}
