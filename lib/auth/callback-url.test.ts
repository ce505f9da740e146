import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-origin relative paths with their query and hash", () => {
    expect(safeCallbackPath("/settings/keys")).toBe("/settings/keys");
    expect(safeCallbackPath("/activity?page=2#top")).toBe("/activity?page=2#top");
  });

  it.each([
    undefined,
    null,
    42,
    "",
    "chat",
    "https://evil.example/",
    "http://127.0.0.1:3000/chat",
    "//evil.example/path",
    "/\\evil.example",
    "/\tevil",
    "javascript:alert(1)",
  ])("falls back for %j", (raw) => {
    expect(safeCallbackPath(raw)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("never sends people back to an auth page or the API", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/chat")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath("/sign-out")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath("/api/auth/signout")).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("uses the given fallback", () => {
    expect(safeCallbackPath("https://evil.example", "/")).toBe("/");
  });
});
