// Encryption at rest for logged content (PRODUCT.md rule 8): AES-256-GCM, a fresh 96-bit IV per
// record, the generation and user ids as associated data (a ciphertext cannot be moved to another
// record), and a key id on every record so the key can be rotated: the current key encrypts,
// PRIVET_ENCRYPTION_KEY_PREVIOUS (comma-separated) still decrypts older records.
import crypto from "node:crypto";
import { setting } from "@/lib/env";

type TEnv = Record<string, string | undefined>;

export type TSealed = { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

type TKey = { id: string; key: Buffer };

function deriveKey(secret: string): TKey {
  const key = Buffer.from(crypto.hkdfSync("sha256", secret, "privet", "content-encryption-v1", 32));
  const id = crypto.createHash("sha256").update(key).digest("hex").slice(0, 16);
  return { id, key };
}

const derived = new Map<string, TKey>();
function keyFor(secret: string): TKey {
  let k = derived.get(secret);
  if (!k) {
    k = deriveKey(secret);
    derived.set(secret, k);
  }
  return k;
}

export function currentKey(env: TEnv = process.env): TKey {
  const secret = setting("PRIVET_ENCRYPTION_KEY", env);
  if (!secret) throw new Error("PRIVET_ENCRYPTION_KEY is not set.");
  return keyFor(secret);
}

function keyById(id: string, env: TEnv): TKey | undefined {
  const current = setting("PRIVET_ENCRYPTION_KEY", env);
  const secrets = [...(current ? [current] : []), ...setting("PRIVET_ENCRYPTION_KEY_PREVIOUS", env)];
  return secrets.map(keyFor).find((k) => k.id === id);
}

const aad = (generationId: string, userId: string) => Buffer.from(`${generationId}\n${userId}`);

export function seal(plaintext: string, generationId: string, userId: string, env: TEnv = process.env): TSealed {
  const { id, key } = currentKey(env);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(generationId, userId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { keyId: id, iv, ciphertext, tag: cipher.getAuthTag() };
}

export function open(sealed: TSealed, generationId: string, userId: string, env: TEnv = process.env): string {
  const k = keyById(sealed.keyId, env);
  if (!k) throw new Error(`No encryption key with id ${sealed.keyId} is configured (was PRIVET_ENCRYPTION_KEY changed without keeping the old one in PRIVET_ENCRYPTION_KEY_PREVIOUS?).`);
  const decipher = crypto.createDecipheriv("aes-256-gcm", k.key, sealed.iv);
  decipher.setAAD(aad(generationId, userId));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
}
