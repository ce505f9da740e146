import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog, keyVariablesByReach } from "@/lib/catalog/build";
import { readCatalogFile } from "@/lib/catalog/schema";
import { startLines, type TStartFacts } from "@/lib/server/first-run";

const FRESH: TStartFacts = {
  url: "http://127.0.0.1:3000",
  hasAccounts: false,
  routableEndpoints: 0,
  keyVariables: ["TOGETHER_API_KEY", "DEEPINFRA_API_KEY", "OPENAI_API_KEY"],
  isDemo: false,
  dataDir: "./data",
  catalogFile: "catalog/default.json",
};

describe("what npm start says once ready", () => {
  it("on a fresh install: where to make the first account, and how to configure a provider or try the demo", () => {
    const text = startLines(FRESH).join("\n");
    expect(text).toContain("open http://127.0.0.1:3000/sign-up in your browser to create the first account");
    expect(text).toContain("npx privet user create --email");
    expect(text).toContain("no provider is configured yet");
    expect(text).toContain("TOGETHER_API_KEY=… npm start");
    expect(text).toContain("TOGETHER_API_KEY, DEEPINFRA_API_KEY, OPENAI_API_KEY");
    expect(text).toContain("npm run demo");
  });

  it("once a provider is configured and an account exists: only where to go", () => {
    const lines = startLines({ ...FRESH, hasAccounts: true, routableEndpoints: 4 });
    expect(lines).toEqual(["open http://127.0.0.1:3000 in your browser"]);
  });

  it("names a few key variables and where the rest are", () => {
    const many = Array.from({ length: 10 }, (_, i) => `P${i}_API_KEY`);
    const text = startLines({ ...FRESH, keyVariables: many }).join("\n");
    expect(text).toContain("P0_API_KEY, P1_API_KEY, P2_API_KEY, P3_API_KEY, P4_API_KEY, P5_API_KEY and 4 more");
    expect(text).toContain("catalog/default.json");
    expect(text).not.toContain("P6_API_KEY");
  });

  it("in the demo: says so and where its data lives, and asks for no key", () => {
    const text = startLines({ ...FRESH, isDemo: true, routableEndpoints: 0, dataDir: "./data/demo" }).join("\n");
    expect(text).toContain("demo mode");
    expect(text).toContain("./data/demo");
    expect(text).not.toContain("no provider is configured");
  });
});

describe("keyVariablesByReach", () => {
  it("puts the key that makes the most models callable first, each variable once", () => {
    const providers = [
      { slug: "a", apiKeyEnv: "A_API_KEY" },
      { slug: "b", apiKeyEnv: "B_API_KEY" },
      { slug: "b-free", apiKeyEnv: "B_API_KEY" },
      { slug: "local", apiKeyEnv: null },
    ];
    const model = (...slugs: string[]) => ({ endpoints: slugs.map((slug) => ({ provider: { slug } })) });
    expect(keyVariablesByReach(providers, [model("a"), model("b", "local"), model("b-free")])).toEqual([
      "B_API_KEY",
      "A_API_KEY",
    ]);
  });

  it("starts with the most useful keys of the bundled catalog", async () => {
    const file = await readCatalogFile(path.resolve(import.meta.dirname, "../../catalog/default.json"));
    const { providers, models } = buildCatalog(file, {});
    const keys = keyVariablesByReach(providers, models);
    expect(keys.slice(0, 2)).toEqual(expect.arrayContaining(["DEEPINFRA_API_KEY", "TOGETHER_API_KEY"]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("OLLAMA_API_KEY");
  });
});
