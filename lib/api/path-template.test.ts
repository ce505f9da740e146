import { describe, expect, it } from "vitest";
import { compilePathTemplate } from "@/lib/api/path-template";

describe("compilePathTemplate", () => {
  it("matches a path without parameters exactly", () => {
    const { pattern, names } = compilePathTemplate("/api/v1/generation/content");
    expect(names).toEqual([]);
    expect(pattern.test("/api/v1/generation/content")).toBe(true);
    for (const other of [
      "/api/v1/generation",
      "/api/v1/generation/content/",
      "/api/v1/generation/contents",
      "/x/api/v1/generation/content",
    ]) {
      expect(pattern.test(other), other).toBe(false);
    }
  });

  it("captures one whole segment per parameter, in order", () => {
    const { pattern, names } = compilePathTemplate("/api/v1/models/{author}/{slug}/endpoints");
    expect(names).toEqual(["author", "slug"]);
    expect(pattern.exec("/api/v1/models/meta-llama/llama%2D3/endpoints")?.slice(1)).toEqual([
      "meta-llama",
      "llama%2D3",
    ]);
    expect(pattern.test("/api/v1/models/meta-llama/endpoints")).toBe(false);
    expect(pattern.test("/api/v1/models/a/b/c/endpoints")).toBe(false);
    expect(pattern.test("/api/v1/models//b/endpoints")).toBe(false);
  });

  it("takes the template's other characters literally", () => {
    const { pattern } = compilePathTemplate("/api/v1/a.b+c");
    expect(pattern.test("/api/v1/a.b+c")).toBe(true);
    expect(pattern.test("/api/v1/aXbbc")).toBe(false);
  });
});
