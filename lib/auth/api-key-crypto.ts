// API key generation and hashing. A key is stored only as HMAC-SHA256(key) under a server secret,
// so a copy of the database alone cannot be used to check guesses offline.
import crypto from "node:crypto";

export const API_KEY_PREFIX = "sk-pv-";
/** How many leading characters of a key are kept to tell keys apart in lists. */
export const API_KEY_VISIBLE_CHARS = 14;
const KEY_PATTERN = /^sk-pv-[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return API_KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_VISIBLE_CHARS);
}

/** The HMAC key is derived from the server secret so the raw secret is used for one purpose only. */
function hmacKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "privet", "api-key-hmac", 32));
}

const keyCache = new Map<string, Buffer>();
export function hashApiKey(key: string, secret: string): string {
  let k = keyCache.get(secret);
  if (!k) {
    k = hmacKey(secret);
    keyCache.set(secret, k);
  }
  return crypto.createHmac("sha256", k).update(key).digest("hex");
}
