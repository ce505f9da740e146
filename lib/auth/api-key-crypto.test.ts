import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  API_KEY_VISIBLE_CHARS,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
} from "@/lib/auth/api-key-crypto";

describe("API keys", () => {
  it("generates distinct, well-formed keys with 256 bits of randomness", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(isWellFormedApiKey(key)).toBe(true);
      expect(key).toMatch(/^sk-pv-[A-Za-z0-9_-]{43}$/);
    }
  });

  it("shows only a short prefix, never enough to use the key", () => {
    const key = generateApiKey();
    expect(apiKeyPrefix(key)).toBe(key.slice(0, API_KEY_VISIBLE_CHARS));
    expect(apiKeyPrefix(key).length).toBeLessThan(key.length / 2);
  });

  it("hashes with HMAC-SHA256 under the server secret: stable, secret-dependent, not the key", () => {
    const key = generateApiKey();
    const hash = hashApiKey(key, "secret-a");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key, "secret-a")).toBe(hash);
    expect(hashApiKey(key, "secret-b")).not.toBe(hash);
    expect(hash).not.toContain(key.slice(6, 20));
  });

  it("different keys never share a hash", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        return hashApiKey(a, "s") !== hashApiKey(b, "s");
      }),
    );
  });

  it("rejects malformed keys before any lookup", () => {
    for (const bad of [
      "",
      "sk-pv-short",
      "Bearer sk-pv-x",
      generateApiKey() + "x",
      generateApiKey().replace("sk-pv-", "sk-or-"),
    ]) {
      expect(isWellFormedApiKey(bad)).toBe(false);
    }
  });
});
