import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog, isKeyPresent, mergeDataPolicy } from "@/lib/catalog/build";
import { parseCatalog, readCatalogFile, type TCatalogFileInput } from "@/lib/catalog/schema";
import type { TDataPolicy } from "@/lib/catalog/types";

const UNKNOWN: TDataPolicy = {
  training: null,
  retainsPrompts: null,
  retentionDays: null,
  zdr: null,
  canPublish: null,
  termsUrl: null,
  privacyUrl: null,
  checkedAt: null,
};

const fixture = (): TCatalogFileInput => ({
  providers: [
    {
      slug: "keeper",
      name: "Keeper",
      api: "openai",
      baseUrl: "https://keeper.test/v1/",
      apiKeyEnv: "KEEPER_KEY",
      headquarters: "FR",
      dataPolicy: {
        training: false,
        retainsPrompts: true,
        retentionDays: 30,
        zdr: false,
        termsUrl: "https://keeper.test/terms",
        checkedAt: "2026-06-16",
      },
    },
    {
      slug: "mystery",
      name: "Mystery",
      api: "anthropic",
      baseUrl: "https://mystery.test/v1",
      apiKeyEnv: "MYSTERY_KEY",
    },
    { slug: "local", name: "Local", api: "openai", baseUrl: "http://127.0.0.1:11434/v1", apiKeyEnv: null },
  ],
  models: [
    {
      id: "acme/widget-2",
      name: "Widget 2",
      contextLength: 32768,
      description: "A test model.",
      endpoints: [
        {
          provider: "keeper",
          upstreamModel: "widget-2-turbo",
          pricing: { prompt: 1.5, completion: 3, request: 0.01 },
          quantization: "fp8",
          supportedParameters: ["temperature", "tools"],
          contextLength: 16384,
          maxOutputTokens: 4096,
          // A ZDR deal on this endpoint only: every retention field is restated.
          dataPolicy: { retainsPrompts: false, retentionDays: null, zdr: true, privacyUrl: "https://keeper.test/zdr" },
        },
        { provider: "mystery", upstreamModel: "widget", pricing: { prompt: 1, completion: 2 } },
        { provider: "local", upstreamModel: "widget:2b", pricing: { prompt: 0, completion: 0 } },
      ],
    },
    {
      id: "acme/widget-2:free",
      name: "Widget 2 (free)",
      contextLength: 8192,
      endpoints: [
        { provider: "keeper", upstreamModel: "widget-2", pricing: { prompt: 0, completion: 0 }, free: true },
        // "We don't know" on this endpoint overrides what the provider says.
        {
          provider: "mystery",
          upstreamModel: "widget",
          pricing: { prompt: 0, completion: 0 },
          free: true,
          dataPolicy: { training: true },
        },
      ],
    },
  ],
});

const build = (env: Record<string, string | undefined> = {}) => buildCatalog(parseCatalog(fixture(), "fixture"), env);

/** The fixture's item at `i`: a test that finds none fails here, naming it. */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`the fixture has no item ${i}`);
  return item;
}

describe("buildCatalog", () => {
  it("merges an endpoint's policy over its provider's, field by field", () => {
    const zdrDeal = nth(nth(build().models, 0).endpoints, 0);
    expect(zdrDeal.dataPolicy).toEqual({
      training: false, // from the provider
      retainsPrompts: false, // overridden
      retentionDays: null, // overridden with an explicit null
      zdr: true, // overridden
      canPublish: null, // stated by neither: unknown
      termsUrl: "https://keeper.test/terms",
      privacyUrl: "https://keeper.test/zdr",
      checkedAt: "2026-06-16",
    });
    // The provider itself keeps its own policy.
    expect(zdrDeal.provider.dataPolicy).toMatchObject({
      retainsPrompts: true,
      retentionDays: 30,
      zdr: false,
      privacyUrl: null,
    });
  });

  it("inherits the provider's policy when the endpoint states nothing", () => {
    const keeperFree = nth(nth(build().models, 1).endpoints, 0);
    expect(keeperFree.dataPolicy).toEqual(keeperFree.provider.dataPolicy);
    expect(keeperFree.dataPolicy).not.toBe(keeperFree.provider.dataPolicy);
  });

  it("leaves every field it is not told as null (unknown)", () => {
    const { providers, models } = build();
    expect(providers[1]?.dataPolicy).toEqual(UNKNOWN);
    expect(models[0]?.endpoints[1]?.dataPolicy).toEqual(UNKNOWN);
    expect(models[1]?.endpoints[1]?.dataPolicy).toEqual({ ...UNKNOWN, training: true });
  });

  it("lets an explicit null on the endpoint make a known field unknown", () => {
    const file = parseCatalog(fixture(), "fixture");
    nth(nth(file.models, 1).endpoints, 0).dataPolicy = { training: null };
    const ep = nth(nth(buildCatalog(file, {}).models, 1).endpoints, 0);
    expect(ep.dataPolicy.training).toBeNull();
    expect(ep.dataPolicy.retentionDays).toBe(30);
  });

  it("routes only to providers whose key is set, or that need none", () => {
    const routable = (env: Record<string, string | undefined>) =>
      nth(build(env).models, 0).endpoints.map((e) => [e.provider.slug, e.isRoutable]);
    expect(routable({})).toEqual([
      ["keeper", false],
      ["mystery", false],
      ["local", true],
    ]);
    expect(routable({ KEEPER_KEY: "sk-1", MYSTERY_KEY: "" })).toEqual([
      ["keeper", true],
      ["mystery", false],
      ["local", true],
    ]);
    expect(routable({ KEEPER_KEY: "   ", MYSTERY_KEY: "k" })).toEqual([
      ["keeper", false],
      ["mystery", true],
      ["local", true],
    ]);
    expect(isKeyPresent(null, {})).toBe(true);
    expect(isKeyPresent("X", { X: undefined })).toBe(false);
  });

  it("fills ids, names and defaults", () => {
    const { providers, models } = build();
    const widget = nth(models, 0);
    const free = nth(models, 1);
    expect(widget).toMatchObject({
      id: "acme/widget-2",
      author: "acme",
      slug: "widget-2",
      description: "A test model.",
    });
    expect(free).toMatchObject({ author: "acme", slug: "widget-2:free", description: null, contextLength: 8192 });
    expect(widget.endpoints.map((e) => e.id)).toEqual([
      "acme/widget-2@keeper",
      "acme/widget-2@mystery",
      "acme/widget-2@local",
    ]);
    expect(free.endpoints[0]?.id).toBe("acme/widget-2:free@keeper");

    const keeper = nth(widget.endpoints, 0);
    const mystery = nth(widget.endpoints, 1);
    expect(keeper).toMatchObject({
      modelId: "acme/widget-2",
      upstreamModel: "widget-2-turbo",
      pricing: { prompt: 1.5, completion: 3, request: 0.01 },
      quantization: "fp8",
      supportedParameters: ["temperature", "tools"],
      free: false,
      contextLength: 16384,
      maxOutputTokens: 4096,
    });
    expect(mystery).toMatchObject({
      pricing: { prompt: 1, completion: 2, request: 0 },
      quantization: null,
      supportedParameters: [],
      contextLength: 32768,
      maxOutputTokens: null,
    });
    expect(free.endpoints.every((e) => e.free)).toBe(true);

    expect(providers[0]).toMatchObject({
      slug: "keeper",
      api: "openai",
      baseUrl: "https://keeper.test/v1",
      headquarters: "FR",
    });
    expect(providers[1]).toMatchObject({ api: "anthropic", headquarters: null });
    // Endpoints share the provider object rather than copies of it.
    expect(keeper.provider).toBe(providers[0]);
  });

  it("keeps the file's order of providers and models", () => {
    const { providers, models } = build();
    expect(providers.map((p) => p.slug)).toEqual(["keeper", "mystery", "local"]);
    expect(models.map((m) => m.id)).toEqual(["acme/widget-2", "acme/widget-2:free"]);
  });

  it("does not change its input", () => {
    const file = parseCatalog(fixture(), "fixture");
    const before = structuredClone(file);
    const built = buildCatalog(file, { KEEPER_KEY: "k" });
    nth(nth(built.models, 0).endpoints, 0).supportedParameters.push("seed");
    expect(file).toEqual(before);
  });

  it("builds the bundled catalog with keys from the environment", async () => {
    const file = await readCatalogFile(path.resolve(import.meta.dirname, "../../catalog/default.json"));
    const { models } = buildCatalog(file, { TOGETHER_API_KEY: "t" });
    const endpoints = models.flatMap((m) => m.endpoints);
    const routable = new Set(endpoints.filter((e) => e.isRoutable).map((e) => e.provider.slug));
    expect([...routable].sort()).toEqual(["together"]);
    const llama = models.find((m) => m.id === "meta-llama/llama-3.3-70b-instruct");
    expect(llama?.endpoints.find((e) => e.provider.slug === "together")).toMatchObject({
      upstreamModel: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
      dataPolicy: { zdr: true, training: false },
      isRoutable: true,
    });
  });
});

describe("mergeDataPolicy", () => {
  it("returns all eight fields, null when neither side says", () => {
    expect(mergeDataPolicy(undefined, undefined)).toEqual(UNKNOWN);
    expect(mergeDataPolicy({ zdr: true }, { zdr: false })).toEqual({ ...UNKNOWN, zdr: false });
  });
});
