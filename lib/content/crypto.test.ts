import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  currentMasterKeyId,
  newContentKey,
  openContent,
  sealContent,
  sealWithMasterKey,
  unwrapContentKey,
  wrapContentKey,
} from "@/lib/content/crypto";

const env = { PRIVET_ENCRYPTION_KEY: "test-key-one" };
const key = newContentKey();

/** What an attacker holding the master key can derive from it: every key Privet derives, and the way content was encrypted before content keys. */
function masterDerivedKeys(secret: string): Buffer[] {
  return ["content-encryption-v1", "content-key-wrap-v1"].map((info) =>
    Buffer.from(crypto.hkdfSync("sha256", secret, "privet", info, 32)),
  );
}

function tryDecrypt(k: Buffer, sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: Buffer): string | null {
  try {
    const d = crypto.createDecipheriv("aes-256-gcm", k, sealed.iv);
    d.setAAD(aad);
    d.setAuthTag(sealed.tag);
    return Buffer.concat([d.update(sealed.ciphertext), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}

describe("content encryption", () => {
  it("round-trips any text and never stores it in the clear", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, unit: "grapheme" }), (text) => {
        const sealed = sealContent(text, "gen-1", "user-1", key);
        expect(openContent(sealed, "gen-1", "user-1", key, env)).toBe(text);
        expect(sealed.ciphertext.includes(Buffer.from(text, "utf8"))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("uses a fresh IV each time", () => {
    const a = sealContent("same text", "g", "u", key);
    const b = sealContent("same text", "g", "u", key);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("binds a ciphertext to its generation and user", () => {
    const sealed = sealContent("secret prompt", "gen-1", "user-1", key);
    expect(() => openContent(sealed, "gen-2", "user-1", key, env)).toThrow();
    expect(() => openContent(sealed, "gen-1", "user-2", key, env)).toThrow();
  });

  it("detects tampering", () => {
    const sealed = sealContent("secret prompt", "g", "u", key);
    sealed.ciphertext[0] = sealed.ciphertext[0]! ^ 1;
    expect(() => openContent(sealed, "g", "u", key, env)).toThrow();
  });
});

describe("content keys (crypto-shredding)", () => {
  it("names the content key on every record, and opens nothing without that key", () => {
    const sealed = sealContent("secret prompt", "g", "u", key);
    expect(sealed.keyId).toBe(key.id);
    expect(() => openContent(sealed, "g", "u", null, env)).toThrow(/does not exist/);
    expect(() => openContent(sealed, "g", "u", newContentKey(), env)).toThrow();
  });

  it("content under a content key cannot be decrypted with the master key or anything derived from it", () => {
    const sealed = sealContent("secret prompt", "g", "u", key);
    for (const k of masterDerivedKeys(env.PRIVET_ENCRYPTION_KEY))
      expect(tryDecrypt(k, sealed, Buffer.from("g\nu"))).toBeNull();
    // The control: the same attempt reads content encrypted the way it was before content keys.
    const legacy = sealWithMasterKey("secret prompt", "g", "u", env);
    expect(
      masterDerivedKeys(env.PRIVET_ENCRYPTION_KEY).map((k) => tryDecrypt(k, legacy, Buffer.from("g\nu"))),
    ).toContain("secret prompt");
  });

  it("wraps a content key for its account only, and unwraps it with the master key that wrapped it", () => {
    const wrapped = wrapContentKey(key, "user-1", env);
    expect(wrapped.wrapKeyId).toBe(currentMasterKeyId(env));
    expect(Buffer.from(wrapped.wrapped).includes(key.key)).toBe(false);
    expect(unwrapContentKey(wrapped, env).key.equals(key.key)).toBe(true);
    expect(() => unwrapContentKey({ ...wrapped, userId: "user-2" }, env)).toThrow();
    expect(() => unwrapContentKey(wrapped, { PRIVET_ENCRYPTION_KEY: "another-key" })).toThrow(/No encryption key/);
  });

  it("a master-key rotation re-wraps keys; content stays as it was and opens with the re-wrapped key", () => {
    const sealed = sealContent("old record", "g", "u", key);
    const rotated = { PRIVET_ENCRYPTION_KEY: "test-key-two", PRIVET_ENCRYPTION_KEY_PREVIOUS: "test-key-one" };
    const before = wrapContentKey(key, "u", env);
    const after = wrapContentKey(unwrapContentKey(before, rotated), "u", rotated);
    expect(after.wrapKeyId).not.toBe(before.wrapKeyId);
    const onlyNewKey = { PRIVET_ENCRYPTION_KEY: "test-key-two" };
    expect(() => unwrapContentKey(before, onlyNewKey)).toThrow(/No encryption key/);
    expect(openContent(sealed, "g", "u", unwrapContentKey(after, onlyNewKey), onlyNewKey)).toBe("old record");
  });

  it("keeps content from before content keys readable with the master key it names, current or previous", () => {
    const legacy = sealWithMasterKey("old record", "g", "u", env);
    expect(openContent(legacy, "g", "u", null, env)).toBe("old record");
    const rotated = { PRIVET_ENCRYPTION_KEY: "test-key-two", PRIVET_ENCRYPTION_KEY_PREVIOUS: "test-key-one" };
    expect(openContent(legacy, "g", "u", null, rotated)).toBe("old record");
    expect(() => openContent(legacy, "g", "u", null, { PRIVET_ENCRYPTION_KEY: "test-key-two" })).toThrow(
      /No encryption key/,
    );
  });
});
