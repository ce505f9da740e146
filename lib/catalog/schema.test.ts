import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/catalog/build";
import {
  CatalogError,
  keyDestinationWarnings,
  parseCatalog,
  readCatalogFile,
  type TCatalogFile,
} from "@/lib/catalog/schema";

const CATALOG_DIR = path.resolve(import.meta.dirname, "../../catalog");

/** Runs `parseCatalog` expecting a failure; returns the issues as "path: message" lines. */
function problems(json: unknown): string[] {
  try {
    parseCatalog(json, "test.json");
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    const e = error as CatalogError;
    const lines = e.issues.map((i) => `${i.path}: ${i.message}`);
    // The message lists every issue, so an operator sees them all in one run.
    for (const line of lines) expect(e.message).toContain(line.startsWith(": ") ? line.slice(2) : line);
    return lines;
  }
  throw new Error("expected a CatalogError");
}

const provider = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: slug.toUpperCase(),
  api: "openai",
  baseUrl: `https://${slug}.test/v1`,
  apiKeyEnv: `${slug.toUpperCase().replace(/-/g, "_")}_KEY`,
  ...extra,
});
const endpoint = (providerSlug: string, extra: Record<string, unknown> = {}) => ({
  provider: providerSlug,
  upstreamModel: "m",
  pricing: { prompt: 1, completion: 2 },
  ...extra,
});
const freeEndpoint = (providerSlug: string, extra: Record<string, unknown> = {}) =>
  endpoint(providerSlug, { pricing: { prompt: 0, completion: 0 }, free: true, ...extra });

describe("bundled catalogs", () => {
  let defaults: TCatalogFile;
  let demo: TCatalogFile;
  beforeAll(async () => {
    defaults = await readCatalogFile(path.join(CATALOG_DIR, "default.json"));
    demo = await readCatalogFile(path.join(CATALOG_DIR, "demo.json"));
  });
  const bySlug = (slug: string) => {
    const found = defaults.providers.find((p) => p.slug === slug);
    if (!found) throw new Error(`provider ${slug} missing`);
    return found;
  };

  it("default.json and demo.json parse", () => {
    expect(defaults.providers.length).toBeGreaterThan(90);
    const chat = defaults.models.filter((m) => m.output === "text");
    expect(chat.length).toBeGreaterThanOrEqual(25);
    expect(chat.length).toBeLessThanOrEqual(35);
    expect(demo.providers).toHaveLength(5);
    // Embedding models, on providers whose published policies the catalog holds, and the demo's on two policies.
    const embeddings = defaults.models.filter((m) => m.output === "embeddings");
    expect(embeddings.map((m) => m.id)).toEqual(
      expect.arrayContaining(["openai/text-embedding-3-small", "mistralai/mistral-embed"]),
    );
    for (const m of embeddings)
      for (const e of m.endpoints) expect(bySlug(e.provider).dataPolicy.termsUrl).toBeTruthy();
    const embed = demo.models.find((m) => m.id === "demo/embed");
    expect(embed?.output).toBe("embeddings");
    expect(embed?.endpoints.map((e) => e.provider)).toEqual(["demo-retain", "demo-zdr"]);
  });

  it("carries every provider of the policy snapshot except FakeProvider and Stealth (reachable only through another router), plus local Ollama", () => {
    // One slug per row of provider-data-policies.csv (FakeProvider, a test fixture, left out).
    const csvSlugs = [
      "ai21",
      "aionlabs",
      "akashml",
      "alibaba",
      "amazon-bedrock",
      "ambient",
      "anthropic",
      "arcee-ai",
      "atlascloud",
      "atoma",
      "avian",
      "azure",
      "baidu-qianfan",
      "baseten",
      "black-forest-labs",
      "cerebras",
      "chutes",
      "cirrascale",
      "clarifai",
      "cloudflare",
      "cohere",
      "crofai",
      "crucible",
      "crusoe",
      "deepinfra",
      "deepseek",
      "dekallm",
      "digitalocean",
      "enfer",
      "featherless",
      "fireworks",
      "friendli",
      "gmicloud",
      "google-ai-studio",
      "google-ai-studio-free",
      "google-vertex",
      "google-vertex-free",
      "groq",
      "hyperbolic",
      "inception",
      "inceptron",
      "inference-net",
      "infermatic",
      "inflection",
      "io-net",
      "ionstream",
      "klusterai",
      "lambda",
      "liquid",
      "mancer",
      "mara",
      "meta",
      "minimax",
      "mistral",
      "modelrun",
      "modular",
      "moonshotai",
      "morph",
      "ncompass",
      "nebius",
      "nextbit",
      "nineteen",
      "novita",
      "nvidia",
      "openai",
      "openinference",
      "parasail",
      "perceptron",
      "perplexity",
      "phala",
      "poolside",
      "recraft",
      "reka",
      "relace",
      "sambanova",
      "seed",
      "siliconflow",
      "sourceful",
      "stepfun",
      "streamlake",
      "switchpoint",
      "targon",
      "together",
      "ubicloud",
      "upstage",
      "venice",
      "wandb",
      "xai",
      "xiaomi",
      "z-ai",
    ];
    expect(csvSlugs).toHaveLength(90);
    expect(defaults.providers.map((p) => p.slug).sort()).toEqual([...csvSlugs, "ollama"].sort());
    expect(defaults.providers.some((p) => /fake/i.test(p.slug) || /fake/i.test(p.name))).toBe(false);
  });

  it.each([
    // slug, training, retainsPrompts, retentionDays, zdr, termsUrl, checkedAt
    [
      "deepseek",
      true,
      true,
      null,
      false,
      "https://chat.deepseek.com/downloads/DeepSeek%20Terms%20of%20Use.html",
      "2026-06-16",
    ],
    ["together", false, false, null, true, "https://www.together.ai/terms-of-service", "2026-06-16"],
    ["anthropic", false, true, 30, false, "https://www.anthropic.com/legal/commercial-terms", "2026-06-16"],
    ["openai", false, true, null, false, "https://openai.com/policies/row-terms-of-use/", "2026-06-16"],
    ["google-ai-studio", false, true, 55, false, "https://cloud.google.com/terms/", "2026-06-16"],
    ["google-ai-studio-free", true, true, 55, false, null, "mid-2025"],
    ["google-vertex", false, false, null, true, "https://cloud.google.com/terms/", "2026-06-16"],
    ["google-vertex-free", true, true, null, false, null, "mid-2025"],
    ["mistral", false, true, 30, false, "https://mistral.ai/terms/#terms-of-use", "2026-06-16"],
    ["xai", false, true, 30, false, "https://x.ai/legal/terms-of-service-enterprise", "2026-06-16"],
    ["groq", false, false, null, true, "https://groq.com/terms-of-use/", "2026-06-16"],
    ["chutes", false, true, null, false, "https://chutes.ai/tos", "2026-06-16"],
    ["targon", true, true, null, false, null, "late-2025"],
    ["atoma", false, false, null, true, null, "late-2025"],
    ["nebius", false, false, null, true, "https://docs.nebius.com/legal/studio/terms-of-use/", "2026-06-16"],
    ["mancer", false, false, null, true, "https://mancer.tech/terms", "2026-06-16"],
  ] as const)(
    "%s has its published policy",
    (slug, training, retainsPrompts, retentionDays, zdr, termsUrl, checkedAt) => {
      expect(bySlug(slug).dataPolicy).toMatchObject({
        training,
        retainsPrompts,
        retentionDays,
        zdr,
        canPublish: false,
        termsUrl,
        checkedAt,
      });
    },
  );

  it("uses clean display names", () => {
    expect(bySlug("mancer").name).toBe("Mancer");
    expect(bySlug("nebius").name).toBe("Nebius Token Factory");
    expect(bySlug("xai").name).toBe("xAI");
    expect(bySlug("google-ai-studio-free").name).toBe("Google AI Studio (free)");
  });

  it("states training, retention and ZDR for every real provider, consistently", () => {
    for (const p of defaults.providers) {
      const d = p.dataPolicy;
      expect(typeof d.training, p.slug).toBe("boolean");
      expect(typeof d.retainsPrompts, p.slug).toBe("boolean");
      expect(d.zdr, p.slug).toBe(d.retainsPrompts === false && d.training === false);
      if (d.retainsPrompts === false) expect(d.retentionDays, p.slug).toBeNull();
      if (p.slug !== "ollama") expect(d.checkedAt, p.slug).toMatch(/^(\d{4}-\d{2}-\d{2}|(early|mid|late)-\d{4})$/);
    }
  });

  it("gives each provider its API, base URL and key variable", () => {
    expect(bySlug("openai")).toMatchObject({
      api: "openai",
      baseUrl: "https://api.openai.com/v1",
      apiKeyEnv: "OPENAI_API_KEY",
    });
    expect(bySlug("anthropic")).toMatchObject({
      api: "anthropic",
      baseUrl: "https://api.anthropic.com/v1",
      apiKeyEnv: "ANTHROPIC_API_KEY",
    });
    expect(bySlug("groq").baseUrl).toBe("https://api.groq.com/openai/v1");
    expect(bySlug("deepinfra").baseUrl).toBe("https://api.deepinfra.com/v1/openai");
    expect(defaults.providers.filter((p) => p.api === "anthropic").map((p) => p.slug)).toEqual(["anthropic"]);
    for (const [free, paid] of [
      ["google-ai-studio-free", "google-ai-studio"],
      ["google-vertex-free", "google-vertex"],
    ] as const) {
      expect(bySlug(free).baseUrl).toBe(bySlug(paid).baseUrl);
      expect(bySlug(free).apiKeyEnv).toBe(bySlug(paid).apiKeyEnv);
    }
    for (const p of defaults.providers) expect(p.apiKeyEnv, p.slug).not.toBeNull();
    for (const p of defaults.providers.filter((x) => x.slug !== "ollama")) {
      expect(p.baseUrl, p.slug).toMatch(/^https:\/\//);
    }
  });

  it("runs Ollama locally with no retention and no training, only once OLLAMA_API_KEY turns it on", () => {
    expect(bySlug("ollama")).toMatchObject({
      name: "Ollama (local)",
      baseUrl: "http://127.0.0.1:11434/v1",
      apiKeyEnv: "OLLAMA_API_KEY",
      headquarters: null,
      dataPolicy: { training: false, retainsPrompts: false, zdr: true },
    });
    const local = (env: Record<string, string>) =>
      buildCatalog(defaults, env)
        .models.flatMap((m) => m.endpoints)
        .filter((e) => e.provider.slug === "ollama");
    expect(local({}).map((e) => e.upstreamModel)).toEqual(expect.arrayContaining(["llama3.2:3b", "qwen2.5:7b"]));
    // A fresh install with no key configures nothing, so the chat never picks a server that is not running.
    expect(buildCatalog(defaults, {}).models.some((m) => m.endpoints.some((e) => e.isRoutable))).toBe(false);
    expect(local({ OLLAMA_API_KEY: "ollama" }).every((e) => e.isRoutable)).toBe(true);
  });

  it("has free variants where the free-model training setting matters", () => {
    const built = buildCatalog(defaults, {});
    const freeModels = built.models.filter((m) => m.id.endsWith(":free"));
    expect(freeModels.map((m) => m.id)).toEqual(
      expect.arrayContaining(["meta-llama/llama-3.3-70b-instruct:free", "deepseek/deepseek-chat-v3.1:free"]),
    );
    for (const m of freeModels) expect(m.endpoints.every((e) => e.free && e.pricing.prompt === 0)).toBe(true);
    const trains = (m: (typeof freeModels)[number]) => m.endpoints.map((e) => e.dataPolicy.training);
    // Some free models are refused outright with free-model training off; others keep a provider.
    expect(freeModels.some((m) => trains(m).every((t) => t === true))).toBe(true);
    expect(freeModels.some((m) => trains(m).includes(true) && trains(m).includes(false))).toBe(true);
    expect(
      built.models.find((m) => m.id === "google/gemini-2.0-flash-exp:free")?.endpoints.map((e) => e.provider.slug),
    ).toContain("google-ai-studio-free");
  });

  it("serves the popular models at several providers", () => {
    const ids = defaults.models.map((m) => m.id);
    for (const author of [
      "openai",
      "anthropic",
      "google",
      "meta-llama",
      "mistralai",
      "deepseek",
      "qwen",
      "x-ai",
      "moonshotai",
      "z-ai",
    ]) {
      expect(
        ids.some((id) => id.startsWith(`${author}/`)),
        author,
      ).toBe(true);
    }
    expect(ids).toContain("openai/gpt-oss-120b");
    const multi = defaults.models.filter((m) => m.endpoints.length >= 3);
    expect(multi.length).toBeGreaterThanOrEqual(10);
  });

  describe("demo.json", () => {
    const built = () => buildCatalog(demo, {});
    const model = (id: string) => {
      const found = built().models.find((m) => m.id === id);
      if (!found) throw new Error(`model ${id} missing`);
      return found;
    };

    it("points every demo provider at the mock upstream, with no key", () => {
      const { providers } = built();
      expect(providers.map((p) => p.slug)).toEqual([
        "demo-zdr",
        "demo-retain",
        "demo-trains",
        "demo-unknown",
        "demo-anthropic",
      ]);
      for (const p of providers) {
        expect(p.baseUrl).toBe(`http://127.0.0.1:4010/${p.slug}/v1`);
        expect(p.apiKeyEnv).toBeNull();
        expect(p.name).toMatch(/^Demo /);
      }
      expect(providers.find((p) => p.slug === "demo-anthropic")?.api).toBe("anthropic");
    });

    it("gives each demo provider its advertised policy", () => {
      const policy = (slug: string) => built().providers.find((p) => p.slug === slug)?.dataPolicy;
      expect(policy("demo-zdr")).toMatchObject({
        zdr: true,
        training: false,
        retainsPrompts: false,
        checkedAt: "2026-06-16",
      });
      expect(policy("demo-retain")).toMatchObject({
        zdr: false,
        training: false,
        retainsPrompts: true,
        retentionDays: 30,
      });
      expect(policy("demo-trains")).toMatchObject({ training: true, retainsPrompts: true, zdr: false });
      expect(policy("demo-anthropic")).toMatchObject({ training: false, retainsPrompts: true, retentionDays: 30 });
      expect(Object.values(policy("demo-unknown") ?? {}).every((v) => v === null)).toBe(true);
    });

    it("has the demo models, Demo Chat first and served by every demo provider", () => {
      expect(built().models[0]?.id).toBe("demo/chat");
      expect(
        model("demo/chat")
          .endpoints.map((e) => e.provider.slug)
          .sort(),
      ).toEqual(["demo-anthropic", "demo-retain", "demo-trains", "demo-unknown", "demo-zdr"]);
      const echo = model("demo/echo");
      expect(echo.endpoints.map((e) => e.provider.slug).sort()).toEqual([
        "demo-anthropic",
        "demo-retain",
        "demo-trains",
        "demo-unknown",
        "demo-zdr",
      ]);
      const prices = echo.endpoints.map((e) => e.pricing.prompt);
      expect(new Set(prices).size).toBe(prices.length);
      expect(model("demo/echo:free").endpoints.map((e) => [e.provider.slug, e.free])).toEqual([
        ["demo-trains", true],
        ["demo-unknown", true],
      ]);
      const tools = model("demo/tools");
      expect(tools.endpoints.map((e) => e.provider.slug)).toEqual(["demo-retain"]);
      expect(tools.endpoints[0]?.supportedParameters).toContain("tools");
      expect(model("demo/long-context").contextLength).toBe(4096);
      expect(
        built()
          .models.flatMap((m) => m.endpoints)
          .every((e) => e.isRoutable),
      ).toBe(true);
    });
  });
});

describe("parseCatalog", () => {
  const valid = () => ({
    providers: [provider("alpha"), provider("beta", { apiKeyEnv: null })],
    models: [
      { id: "acme/model-1.5", name: "Model", contextLength: 8192, endpoints: [endpoint("alpha"), endpoint("beta")] },
      { id: "acme/model-1.5:free", name: "Model (free)", contextLength: 8192, endpoints: [freeEndpoint("alpha")] },
    ],
  });

  it("accepts a minimal catalog and applies defaults", () => {
    const file = parseCatalog(valid(), "test.json");
    expect(file.providers[0]).toMatchObject({ headquarters: null, dataPolicy: {} });
    expect(file.providers[1]?.apiKeyEnv).toBeNull();
    expect(file.models[0]?.endpoints[0]).toMatchObject({
      pricing: { prompt: 1, completion: 2, request: 0 },
      quantization: null,
      supportedParameters: [],
      free: false,
      contextLength: null,
      maxOutputTokens: null,
    });
    expect(file.models[0]?.description).toBeNull();
  });

  it("accepts an absent apiKeyEnv as no key", () => {
    const json = valid();
    delete (json.providers[0] as { apiKeyEnv?: unknown }).apiKeyEnv;
    expect(parseCatalog(json, "test.json").providers[0]?.apiKeyEnv).toBeNull();
  });

  it("keeps an absent policy field absent, so it can be told from an explicit null", () => {
    const json = valid();
    json.models[0]!.endpoints[0] = endpoint("alpha", { dataPolicy: { training: null } });
    const ep = parseCatalog(json, "test.json").models[0]?.endpoints[0];
    expect(ep?.dataPolicy).toEqual({ training: null });
  });

  it.each(["2026-06-16", "late-2025", "mid-2025", "early-2026"])("accepts checkedAt %s", (checkedAt) => {
    const json = valid();
    json.providers[0] = provider("alpha", { dataPolicy: { checkedAt } });
    expect(() => parseCatalog(json, "test.json")).not.toThrow();
  });

  it.each(["2026-02-30", "2026-6-16", "autumn-2025", "2025"])("rejects checkedAt %s", (checkedAt) => {
    const json = valid();
    json.providers[0] = provider("alpha", { dataPolicy: { checkedAt } });
    expect(problems(json)).toEqual([
      'providers[0].dataPolicy.checkedAt: expected a date "YYYY-MM-DD" or a period such as "late-2025"',
    ]);
  });

  it("lists every bad field at once, with its path", () => {
    const json = {
      providers: [
        provider("ok"),
        provider("two", { api: "grpc", apiKeyEnv: "lower_case", dataPolicy: { training: "yes", retentionDays: -1 } }),
        provider("three", { dataPolicy: { zdr: 1 } }),
        provider("Bad Slug", { baseUrl: "https://bad.test", apiKeyEnv: null }),
      ],
      models: [
        {
          id: "acme/x",
          name: "X",
          contextLength: "big",
          endpoints: [endpoint("ok", { pricing: { prompt: -1, completion: 1 } })],
        },
      ],
    };
    expect(problems(json)).toEqual([
      'providers[1].api: expected one of "openai", "anthropic", got string "grpc"',
      "providers[1].apiKeyEnv: expected an environment variable name such as TOGETHER_API_KEY",
      'providers[1].dataPolicy.training: expected boolean, got string "yes"',
      "providers[1].dataPolicy.retentionDays: expected a whole number of days, 0 or more",
      "providers[2].dataPolicy.zdr: expected boolean, got number 1",
      "providers[3].slug: expected a slug of lowercase letters, digits and dashes",
      'models[0].contextLength: expected number, got string "big"',
      "models[0].endpoints[0].pricing.prompt: expected a non-negative price (USD per million tokens)",
    ]);
  });

  it("names missing and unknown fields", () => {
    const json = {
      providers: [{ slug: "a", api: "openai", baseUrl: "https://a.test", retention: 30 }],
      models: [
        {
          id: "a/b",
          name: "B",
          contextLength: 10,
          endpoints: [{ provider: "a", pricing: { prompt: 0, completion: 0 } }],
        },
      ],
    };
    expect(problems(json)).toEqual([
      "providers[0].name: missing (expected string)",
      "providers[0].retention: unknown field",
      "models[0].endpoints[0].upstreamModel: missing (expected string)",
    ]);
    // A root-level issue has the empty path.
    expect(problems("nope")).toEqual([': expected object, got string "nope"']);
  });

  it("reports cross-reference errors alongside type errors", () => {
    const json = {
      providers: [provider("alpha"), provider("alpha", { name: 7 })],
      models: [
        {
          id: "acme/one",
          name: "One",
          contextLength: 100,
          endpoints: [endpoint("foo"), endpoint("alpha"), endpoint("alpha")],
        },
        { id: "acme/one", name: "One again", contextLength: 100, endpoints: [endpoint("alpha")] },
      ],
    };
    expect(problems(json)).toEqual([
      "providers[1].name: expected string, got number 7",
      'providers[1].slug: duplicate provider slug "alpha" (also providers[0])',
      'models[0].endpoints[0].provider: unknown provider "foo"',
      'models[0].endpoints[2].provider: provider "alpha" already serves this model (endpoints[1])',
      'models[1].id: duplicate model id "acme/one" (also models[0])',
    ]);
  });

  it("keeps free variants and free endpoints together", () => {
    const json = {
      providers: [provider("alpha"), provider("beta")],
      models: [
        { id: "acme/x:free", name: "X", contextLength: 100, endpoints: [freeEndpoint("alpha"), endpoint("beta")] },
        { id: "acme/x", name: "X", contextLength: 100, endpoints: [freeEndpoint("alpha")] },
        { id: "acme/y:free", name: "Y", contextLength: 100, endpoints: [endpoint("alpha", { free: true })] },
      ],
    };
    expect(problems(json)).toEqual([
      'models[0].endpoints[1].free: "acme/x:free" is a free variant: its endpoints must have free: true',
      'models[1].endpoints[0].free: only ":free" models may have free endpoints ("acme/x" has no ":free" suffix)',
      "models[2].endpoints[0].pricing: a free endpoint must cost 0",
    ]);
  });

  it.each(["acme/x", "meta-llama/llama-3.3-70b-instruct", "deepseek/deepseek-chat-v3.1:free", "a/b_c.d"])(
    "accepts model id %s",
    (id) => {
      const json = {
        providers: [provider("alpha")],
        models: [{ id, name: "M", contextLength: 1, endpoints: [endpoint("alpha")] }],
      };
      if (id.endsWith(":free")) json.models[0]!.endpoints = [freeEndpoint("alpha")];
      expect(() => parseCatalog(json, "test.json")).not.toThrow();
    },
  );

  it.each(["acme", "Acme/X", "acme/x:nitro", "acme/x/y", "/x", "acme/x:free:free"])("rejects model id %s", (id) => {
    const json = {
      providers: [provider("alpha")],
      models: [{ id, name: "M", contextLength: 1, endpoints: [endpoint("alpha")] }],
    };
    expect(problems(json)[0]).toMatch(/^models\[0\]\.id: expected a model id/);
  });

  it("rejects policies that contradict themselves, on the provider or after an endpoint override", () => {
    const json = {
      providers: [
        provider("alpha", { dataPolicy: { zdr: true, training: true } }),
        provider("beta", { dataPolicy: { retainsPrompts: true, retentionDays: 30, training: false, zdr: false } }),
      ],
      models: [
        {
          id: "acme/x",
          name: "X",
          contextLength: 100,
          endpoints: [
            endpoint("alpha", { dataPolicy: { training: true } }),
            endpoint("beta", { dataPolicy: { retainsPrompts: false } }),
          ],
        },
        {
          id: "acme/y",
          name: "Y",
          contextLength: 100,
          // A complete override is fine.
          endpoints: [endpoint("beta", { dataPolicy: { retainsPrompts: false, retentionDays: null, zdr: true } })],
        },
      ],
    };
    expect(problems(json)).toEqual([
      "providers[0].dataPolicy.zdr: zdr is true but training is true (zero retention never trains)",
      'models[0].endpoints[1].dataPolicy.retentionDays: retentionDays is 30 but retainsPrompts is false (use null) (merged with provider "beta")',
    ]);
  });

  it("checks token counts and output limits", () => {
    const json = {
      providers: [provider("alpha"), provider("beta")],
      models: [
        {
          id: "acme/x",
          name: "X",
          contextLength: 1000,
          endpoints: [
            endpoint("alpha", { maxOutputTokens: 2000 }),
            endpoint("beta", { contextLength: 1.5, maxOutputTokens: 0 }),
          ],
        },
        { id: "acme/y", name: "Y", contextLength: 0, endpoints: [] },
      ],
    };
    expect(problems(json)).toEqual([
      "models[0].endpoints[0].maxOutputTokens: 2000 exceeds the context length 1000",
      "models[0].endpoints[1].contextLength: expected a positive whole number of tokens",
      "models[0].endpoints[1].maxOutputTokens: expected a positive whole number of tokens",
      "models[1].contextLength: expected a positive whole number of tokens",
      "models[1].endpoints: a model needs at least one endpoint",
    ]);
  });

  it.each(["AUTH_SECRET", "PRIVET_ENCRYPTION_KEY", "DATABASE_URL", "NEXTAUTH_SECRET"])(
    "refuses to send Privet's own %s to a provider",
    (apiKeyEnv) => {
      const json = { providers: [provider("alpha", { apiKeyEnv })], models: [] };
      expect(problems(json)).toEqual([
        "providers[0].apiKeyEnv: names one of Privet's own settings, not a provider key",
      ]);
    },
  );

  it("rejects unknown quantizations, repeated parameters and non-http URLs", () => {
    const json = {
      providers: [provider("alpha", { baseUrl: "ftp://alpha.test", dataPolicy: { termsUrl: "not a url" } })],
      models: [
        {
          id: "acme/x",
          name: "X",
          contextLength: 10,
          endpoints: [endpoint("alpha", { quantization: "q4_K_M", supportedParameters: ["tools", "tools"] })],
        },
      ],
    };
    const lines = problems(json);
    expect(lines).toContain("providers[0].baseUrl: expected an http(s) URL");
    expect(lines).toContain("providers[0].dataPolicy.termsUrl: expected an http(s) URL");
    expect(lines.some((l) => l.startsWith('models[0].endpoints[0].quantization: expected one of "int4"'))).toBe(true);
    expect(lines).toContain("models[0].endpoints[0].supportedParameters: lists a parameter twice");
  });

  it("inputModalities: unknown when absent, a known list with text, each modality once", () => {
    const model = (inputModalities: unknown) => ({
      providers: [provider("alpha")],
      models: [{ id: "acme/x", name: "X", contextLength: 10, inputModalities, endpoints: [endpoint("alpha")] }],
    });
    expect(parseCatalog(valid(), "test.json").models[0]?.inputModalities).toBeNull();
    expect(parseCatalog(model(["text", "image", "file"]), "t.json").models[0]?.inputModalities).toEqual([
      "text",
      "image",
      "file",
    ]);
    expect(problems(model(["text", "image", "image"]))).toContain("models[0].inputModalities: lists a modality twice");
    expect(problems(model(["image"]))).toContain('models[0].inputModalities: expected a list that includes "text"');
    expect(problems(model(["text", "video"])).some((l) => l.startsWith("models[0].inputModalities[1]"))).toBe(true);
  });
});

describe("readCatalogFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "privet-catalog-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("turns a JSON syntax error into a CatalogError naming the file and the line", async () => {
    const file = path.join(dir, "broken.json");
    await writeFile(file, '{\n  "providers": [],\n  "models": [,]\n}\n');
    const error = await readCatalogFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toContain(file);
    expect((error as CatalogError).issues).toHaveLength(1);
    expect((error as CatalogError).issues[0]?.message).toMatch(/^invalid JSON at line 3, column 14: /);
  });

  it("turns a missing file into a CatalogError", async () => {
    const file = path.join(dir, "absent.json");
    const error = await readCatalogFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toContain(`${file}: 1 problem`);
    expect((error as CatalogError).message).toContain("ENOENT");
  });

  it("names the file when the content is invalid", async () => {
    const file = path.join(dir, "invalid.json");
    await writeFile(
      file,
      JSON.stringify({
        providers: [],
        models: [{ id: "a/b", name: "B", contextLength: 1, endpoints: [endpoint("x")] }],
      }),
    );
    const error = await readCatalogFile(file).catch((e: unknown) => e);
    expect((error as CatalogError).source).toBe(file);
    expect((error as CatalogError).message).toContain('models[0].endpoints[0].provider: unknown provider "x"');
  });
});

describe("where provider keys may go", () => {
  it.each(["REDIS_URL", "HOME", "SMTP_PASSWORD", "GITHUB_SECRET", "OPENAI_API_KEYS"])(
    "refuses %s as apiKeyEnv: only a provider key's name",
    (apiKeyEnv) => {
      expect(problems({ providers: [provider("alpha", { apiKeyEnv })], models: [] })).toEqual([
        "providers[0].apiKeyEnv: expected a provider key's name, ending in _API_KEY, _KEY or _TOKEN (its value is sent to baseUrl)",
      ]);
    },
  );

  it.each(["OPENAI_API_KEY", "ALPHA_KEY", "CLOUDFLARE_API_TOKEN"])("accepts %s", (apiKeyEnv) => {
    expect(
      parseCatalog({ providers: [provider("alpha", { apiKeyEnv })], models: [] }, "test.json").providers[0]?.apiKeyEnv,
    ).toBe(apiKeyEnv);
  });

  it("warns when a key or a provider of the bundled catalog would go to another host; placeholders stand for any name", async () => {
    const bundled = await readCatalogFile(path.join(CATALOG_DIR, "default.json"));
    expect(keyDestinationWarnings(bundled, bundled)).toEqual([]);
    const catalog = parseCatalog(
      {
        providers: [
          provider("relay", { apiKeyEnv: "ANTHROPIC_API_KEY", baseUrl: "https://relay.example.net/v1" }),
          provider("openai", { apiKeyEnv: "MY_OPENAI_KEY", baseUrl: "https://openai.example.net/v1" }),
          provider("azure", {
            apiKeyEnv: "AZURE_OPENAI_API_KEY",
            baseUrl: "https://contoso.openai.azure.com/openai/v1",
          }),
          provider("mine", { apiKeyEnv: "MINE_API_KEY", baseUrl: "https://mine.example.net/v1" }),
          provider("local", { apiKeyEnv: null, baseUrl: "http://127.0.0.1:11434/v1" }),
        ],
        models: [],
      },
      "test.json",
    );
    expect(keyDestinationWarnings(catalog, bundled)).toEqual([
      'provider "relay" sends ANTHROPIC_API_KEY to relay.example.net, but the bundled catalog sends it only to api.anthropic.com; check that this host should have that key',
      'provider "openai" sends MY_OPENAI_KEY to openai.example.net, but the bundled catalog sends it only to api.openai.com; check that this host should have that key',
    ]);
  });
});
