import { describe, expect, it } from "vitest";
import { isPublicPath } from "@/lib/auth/public-paths";

describe("isPublicPath", () => {
  it.each([
    "/",
    "/sign-in",
    "/sign-up",
    "/docs",
    "/docs/api",
    "/models",
    "/models/openai/gpt-4o",
    "/providers",
    "/api/auth/session",
    "/api/v1/key",
  ])("%s is public", (path) => expect(isPublicPath(path)).toBe(true));

  it.each([
    "/chat",
    "/activity",
    "/rankings",
    "/settings",
    "/settings/keys",
    "/sign-out",
    "/docsx",
    "/modelsx",
    "/api/other",
  ])("%s needs a session", (path) => expect(isPublicPath(path)).toBe(false));
});
