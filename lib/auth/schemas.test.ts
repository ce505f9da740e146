import { describe, expect, it } from "vitest";
import { ZKeyName, ZSignIn, ZSignUp, fieldErrors } from "@/lib/auth/schemas";

describe("input schemas", () => {
  it("normalizes emails and accepts a good sign-up", () => {
    const parsed = ZSignUp.parse({ email: "  Ada@Example.COM ", password: "12345678" });
    expect(parsed.email).toBe("ada@example.com");
  });

  it.each([
    [{ email: "not-an-email", password: "12345678" }, "email", "Enter a valid email address."],
    [{ email: "a@b.co", password: "1234567" }, "password", "Use at least 8 characters for your password."],
    [{ email: "a@b.co", password: "x".repeat(257) }, "password", "Use at most 256 characters for your password."],
    [{ password: "12345678" }, "email", "Enter your email address."],
  ])("rejects %j with a message on the field", (input, field, message) => {
    const result = ZSignUp.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)[field]).toBe(message);
  });

  it("sign-in needs a password but does not enforce the sign-up length rule", () => {
    expect(ZSignIn.safeParse({ email: "a@b.co", password: "short" }).success).toBe(true);
    expect(ZSignIn.safeParse({ email: "a@b.co", password: "" }).success).toBe(false);
  });

  it("key names are trimmed, required and bounded", () => {
    expect(ZKeyName.parse("  laptop ")).toBe("laptop");
    expect(ZKeyName.safeParse("   ").success).toBe(false);
    expect(ZKeyName.safeParse("x".repeat(65)).success).toBe(false);
    expect(ZKeyName.safeParse("lap\u0000top").error?.issues[0]?.message).toBe(
      "Use letters, digits, spaces and punctuation only.",
    );
    expect(ZKeyName.parse("CI – Zürich №2")).toBe("CI – Zürich №2");
  });
});
