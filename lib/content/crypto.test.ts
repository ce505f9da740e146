import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { open, seal } from "@/lib/content/crypto";

const env = { PRIVET_ENCRYPTION_KEY: "test-key-one" };

describe("content encryption", () => {
  it("round-trips any text and never stores it in the clear", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, unit: "grapheme" }), (text) => {
        const sealed = seal(text, "gen-1", "user-1", env);
        expect(open(sealed, "gen-1", "user-1", env)).toBe(text);
        expect(sealed.ciphertext.includes(Buffer.from(text, "utf8"))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("uses a fresh IV each time", () => {
    const a = seal("same text", "g", "u", env);
    const b = seal("same text", "g", "u", env);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("binds a ciphertext to its generation and user", () => {
    const sealed = seal("secret prompt", "gen-1", "user-1", env);
    expect(() => open(sealed, "gen-2", "user-1", env)).toThrow();
    expect(() => open(sealed, "gen-1", "user-2", env)).toThrow();
  });

  it("detects tampering", () => {
    const sealed = seal("secret prompt", "g", "u", env);
    sealed.ciphertext[0] = sealed.ciphertext[0]! ^ 1;
    expect(() => open(sealed, "g", "u", env)).toThrow();
  });

  it("supports key rotation through the key id", () => {
    const old = seal("old record", "g", "u", env);
    const rotated = { PRIVET_ENCRYPTION_KEY: "test-key-two", PRIVET_ENCRYPTION_KEY_PREVIOUS: "test-key-one" };
    expect(open(old, "g", "u", rotated)).toBe("old record");
    const fresh = seal("new record", "g", "u", rotated);
    expect(fresh.keyId).not.toBe(old.keyId);
    expect(() => open(old, "g", "u", { PRIVET_ENCRYPTION_KEY: "test-key-two" })).toThrow(/No encryption key/);
  });
});
