// Routing obeys every account setting and every request preference (PRODUCT.md rules 3–6).
// Each test asserts the provider three ways: which provider the mock upstream was called as,
// the `X-Privet-Provider` receipt header, and the response's `provider` field. A refusal is a 404
// with nothing sent upstream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sseChunks, startHarness, type THarness } from "@/tests/support/harness";

const PREFIX = "No endpoints found matching your data policy";

const NAMES: Record<string, string> = {
  "e2e-zdr": "E2E ZDR",
  "e2e-retain": "E2E Retain",
  "e2e-trains": "E2E Trains",
  "e2e-unknown": "E2E Unknown",
  "e2e-anthropic": "E2E Messages",
};

/** The e2e catalog plus two models whose endpoints differ in quantization and context window. */
function routingCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number, extra: Record<string, unknown>) => ({
    provider,
    upstreamModel: `upstream-${provider}`,
    pricing: { prompt: price, completion: price },
    supportedParameters: ["temperature", "max_tokens"],
    ...extra,
  });
  // Where each provider processes prompts: e2e-zdr in Germany, e2e-retain in the US, the others unknown.
  const regions: Record<string, string[]> = { "e2e-zdr": ["DE"], "e2e-retain": ["US"] };
  return {
    ...base,
    providers: base.providers.map((p) => (regions[p.slug] ? { ...p, dataRegions: regions[p.slug] } : p)),
    models: [
      ...base.models,
      {
        id: "it/quant",
        name: "Mixed quantizations",
        contextLength: 8192,
        endpoints: [
          endpoint("e2e-retain", 0.2, { quantization: "int4" }),
          endpoint("e2e-zdr", 1, { quantization: "fp16" }),
          endpoint("e2e-anthropic", 2, { quantization: "bf16" }),
        ],
      },
      {
        // The catalog claims JSON output for the Messages-API endpoint too, and it is the cheapest.
        id: "it/structured",
        name: "Structured output",
        contextLength: 8192,
        inputModalities: ["text", "image"],
        endpoints: [
          endpoint("e2e-anthropic", 0.1, {
            supportedParameters: ["max_tokens", "response_format", "structured_outputs", "tools"],
          }),
          endpoint("e2e-retain", 0.2, { supportedParameters: ["max_tokens"] }),
          endpoint("e2e-zdr", 1, { supportedParameters: ["max_tokens", "response_format", "structured_outputs"] }),
        ],
      },
      {
        id: "it/context",
        name: "Mixed context windows",
        contextLength: 1000,
        endpoints: [
          endpoint("e2e-retain", 0.2, { quantization: "fp8" }),
          endpoint("e2e-zdr", 1, { quantization: "fp8", contextLength: 100_000 }),
        ],
      },
    ],
  };
}

let h: THarness;

beforeAll(async () => {
  h = await startHarness({ catalog: routingCatalog });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const hello = [{ role: "user", content: "hello there" }];

function calledProviders(): string[] {
  return h.mock.calls().map((c) => c.provider);
}

/** The request was served by `slug`, and `slug` is the only provider the upstream saw. */
async function expectServedBy(res: Response, slug: string) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text) as { provider: string; model: string; choices: { message: { content: string } }[] };
  expect(res.headers.get("x-privet-provider")).toBe(slug);
  expect(body.provider).toBe(NAMES[slug]);
  expect(calledProviders()).toEqual([slug]);
  return body;
}

type TRefusalBody = {
  error: {
    code: number;
    message: string;
    metadata: { code: string; model: string; excluded_by: { provider: string; step: string; reason: string }[] };
  };
};

/** A policy refusal naming exactly `labels`, and nothing sent upstream. */
async function expectRefused(res: Response, labels: string[]): Promise<TRefusalBody["error"]> {
  const body = (await res.json()) as TRefusalBody;
  expect(res.status, JSON.stringify(body)).toBe(404);
  expect(body.error.code).toBe(404);
  expect(body.error.message.startsWith(`${PREFIX} (${labels.join(", ")}).`), body.error.message).toBe(true);
  expect(calledProviders()).toEqual([]);
  return body.error;
}

function stepOf(error: TRefusalBody["error"]): Record<string, string> {
  return Object.fromEntries(error.metadata.excluded_by.map((e) => [e.provider, e.step]));
}

describe("account training settings (rules 3 and 5)", () => {
  it("by default never calls a training or unknown-policy provider, and picks the cheapest allowed one", async () => {
    const user = await h.createUser();
    // e2e-unknown (0.05) and e2e-trains (0.1) are cheaper than e2e-retain (0.5).
    const body = await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-retain");
    expect(body.choices[0]!.message.content).toBe("Hello from e2e-retain.");
  });

  it("with paid-model training allowed, an unknown-policy provider may serve (it is the cheapest)", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-unknown");
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { ignore: ["e2e-unknown"] } }),
      "e2e-trains",
    );
  });

  it("refuses a free model when free-model training is off, without calling anyone — even with paid training on", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    const error = await expectRefused(await h.chat(user.key, { model: "e2e/echo:free", messages: hello }), [
      "Free model training",
    ]);
    expect(error.metadata.code).toBe("privacy_restricted");
    expect(error.metadata.model).toBe("e2e/echo:free");
    expect(stepOf(error)).toEqual({ "e2e-trains": "data_policy:training", "e2e-unknown": "data_policy:training" });
  });

  it("serves a free model when free-model training is on, whatever the paid setting", async () => {
    const user = await h.createUser({ allowTrainingFree: true, allowTrainingPaid: false });
    const body = await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo:free", messages: hello }),
      "e2e-trains",
    );
    expect(body.model).toBe("e2e/echo:free");
    // The free setting does not open the paid model's training providers.
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-retain");
  });

  it("a request cannot reach a training provider by naming it (only, order, data_collection: allow)", async () => {
    const user = await h.createUser();
    const error = await expectRefused(
      await h.chat(user.key, {
        model: "e2e/echo",
        messages: hello,
        provider: { only: ["e2e-trains"], data_collection: "allow" },
      }),
      ["Paid model training", "Provider allow-list"],
    );
    expect(stepOf(error)).toMatchObject({
      "e2e-trains": "data_policy:training",
      "e2e-unknown": "data_policy:training",
      "e2e-retain": "allowed_providers",
    });
    await expectServedBy(
      await h.chat(user.key, {
        model: "e2e/echo",
        messages: hello,
        provider: { order: ["e2e-trains", "e2e-unknown"], data_collection: "allow" },
      }),
      "e2e-retain",
    );
  });
});

describe("zero data retention", () => {
  it("account zdrOnly routes only to ZDR endpoints even when others are cheaper", async () => {
    const user = await h.createUser({ zdrOnly: true });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-zdr");
  });

  it("request provider.zdr: true tightens a default account", async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { zdr: true } }),
      "e2e-zdr",
    );
  });

  it("request provider.zdr: false does not loosen a zdrOnly account", async () => {
    const user = await h.createUser({ zdrOnly: true });
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { zdr: false } }),
      "e2e-zdr",
    );
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { zdr: false, only: ["e2e-retain"] } }),
      ["Paid model training", "Zero data retention", "Provider allow-list"],
    );
    expect(stepOf(error)).toMatchObject({
      "e2e-retain": "data_policy:zdr",
      "e2e-anthropic": "data_policy:zdr",
      "e2e-zdr": "allowed_providers",
    });
  });
});

describe("request preferences", () => {
  it('data_collection: "deny" skips providers that retain prompts, even when ordered first', async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { data_collection: "deny" } }),
      "e2e-zdr",
    );
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, {
        model: "e2e/echo",
        messages: hello,
        provider: { data_collection: "deny", order: ["e2e-retain", "e2e-anthropic"] },
      }),
      "e2e-zdr",
    );
  });

  it("only restricts to the listed providers (and uses the provider's own API)", async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-anthropic"] } }),
      "e2e-anthropic",
    );
    expect(h.mock.calls()[0]!.api).toBe("anthropic");
  });

  it("ignore skips the listed providers, by slug or by display name", async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { ignore: ["e2e-retain"] } }),
      "e2e-zdr",
    );
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { ignore: ["E2E Retain"] } }),
      "e2e-zdr",
    );
  });

  it("account ignoredProviders are skipped, and a request's only cannot bring them back", async () => {
    const user = await h.createUser({ ignoredProviders: ["e2e-retain"] });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-zdr");
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-retain"] } }),
      ["Ignored providers", "Paid model training", "Provider allow-list"],
    );
    expect(stepOf(error)["e2e-retain"]).toBe("ignored_providers");
  });

  it("order puts the named providers first, in the order given", async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { order: ["e2e-anthropic", "e2e-zdr"] } }),
      "e2e-anthropic",
    );
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { order: ["e2e-zdr", "e2e-anthropic"] } }),
      "e2e-zdr",
    );
  });

  it('sort: "price" picks the cheapest eligible endpoint, not the first in the catalog', async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    // Catalog order is trains, retain, zdr, unknown, anthropic; unknown is the cheapest.
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { sort: "price" } }),
      "e2e-unknown",
    );
  });

  it("a tools request goes only to endpoints that support tools, with or without require_parameters", async () => {
    const user = await h.createUser();
    const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } }];
    // The cheaper endpoint (e2e-zdr, 0.5) does not list tools: it is never called.
    for (const provider of [{}, { require_parameters: true }]) {
      h.mock.clearCalls();
      await expectServedBy(
        await h.chat(user.key, { model: "e2e/tools", messages: hello, tools, provider }),
        "e2e-retain",
      );
      expect((h.mock.calls()[0]!.body as { tools?: unknown }).tools).toEqual(tools);
    }
    // Without tools the cheaper endpoint serves as before.
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "e2e/tools", messages: hello }), "e2e-zdr");
  });

  it("a request whose features no allowed endpoint serves is refused naming Request features, nothing sent", async () => {
    const user = await h.createUser();
    const error = await expectRefused(
      await h.chat(user.key, {
        model: "e2e/tools",
        messages: hello,
        tools: [{ type: "function", function: { name: "lookup" } }],
        provider: { only: ["e2e-zdr"] },
      }),
      ["Provider allow-list", "Request features"],
    );
    expect(stepOf(error)).toEqual({ "e2e-retain": "allowed_providers", "e2e-zdr": "capabilities" });
    expect(error.metadata.code).toBe("no_eligible_endpoint");
    // An image goes only to a model stated to read images: e2e/echo states no modalities.
    h.mock.clearCalls();
    const image = [
      {
        role: "user",
        content: [
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
        ],
      },
    ];
    const refused = await expectRefused(await h.chat(user.key, { model: "e2e/echo", messages: image }), [
      "Paid model training",
      "Request features",
    ]);
    expect(refused.metadata.excluded_by.filter((e) => e.step === "capabilities").map((e) => e.reason)).toEqual(
      Array(3).fill(
        "does not support image input (not stated in the catalog, treated as unsupported); the request uses it",
      ),
    );
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "it/structured", messages: image }), "e2e-anthropic");
  });

  it("structured output never reaches the Messages API, even when its catalog entry claims it", async () => {
    const user = await h.createUser();
    const json_schema = { name: "answer", schema: { type: "object", properties: { a: { type: "string" } } } };
    for (const response_format of [{ type: "json_object" }, { type: "json_schema", json_schema }]) {
      for (const provider of [{}, { require_parameters: true }]) {
        h.mock.clearCalls();
        // e2e-anthropic (0.1) is cheapest and e2e-retain (0.2) lists no response format: e2e-zdr serves.
        await expectServedBy(
          await h.chat(user.key, { model: "it/structured", messages: hello, response_format, provider }),
          "e2e-zdr",
        );
        expect((h.mock.calls()[0]!.body as { response_format?: unknown }).response_format).toMatchObject(
          response_format,
        );
      }
    }
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, {
        model: "it/structured",
        messages: hello,
        response_format: { type: "json_object" },
        provider: { only: ["e2e-anthropic"] },
      }),
      ["Provider allow-list", "Request features"],
    );
    expect(error.metadata.excluded_by.find((e) => e.provider === "e2e-anthropic")).toEqual({
      provider: "e2e-anthropic",
      step: "capabilities",
      reason: "Privet cannot send response_format (JSON mode) to a provider on the Messages API; the request uses it",
    });
    // Without a response format the Messages endpoint, the cheapest, serves.
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "it/structured", messages: hello }), "e2e-anthropic");
  });

  it("data_regions keeps prompts in the regions named; unknown regions are outside; it only narrows", async () => {
    const user = await h.createUser();
    // e2e-retain (US) is the cheapest allowed endpoint; in the EU only e2e-zdr (DE) remains.
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-retain");
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["eu"] } }),
      "e2e-zdr",
    );
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["CH"] } }),
      ["Paid model training", "Data regions"],
    );
    expect(error.metadata.code).toBe("privacy_restricted");
    expect(stepOf(error)).toEqual({
      "e2e-trains": "data_policy:training",
      "e2e-unknown": "data_policy:training",
      "e2e-retain": "data_policy:data_regions",
      "e2e-zdr": "data_policy:data_regions",
      "e2e-anthropic": "data_policy:data_regions",
    });
    expect(error.metadata.excluded_by.find((e) => e.provider === "e2e-anthropic")?.reason).toBe(
      "data region unknown (treated as outside CH); the request set provider.data_regions",
    );
    // /route explains the same before anything is sent.
    const plan = await fetch(`${h.baseUrl}/api/v1/route`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "e2e/echo", provider: { data_regions: ["EU"] } }),
    });
    const planned = (await plan.json()) as { data: { endpoints: { provider: string }[] } };
    expect(planned.data.endpoints.map((e) => e.provider)).toEqual(["e2e-zdr"]);
  });

  it("require_parameters refusal names Required parameters, not a privacy reason", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    const error = await expectRefused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, seed: 7, provider: { require_parameters: true } }),
      ["Required parameters"],
    );
    expect(error.metadata.code).toBe("no_eligible_endpoint");
    expect(error.message).not.toMatch(/training|Zero data retention|Data collection/);
    expect(error.metadata.excluded_by.map((e) => e.step)).toEqual(Array(5).fill("require_parameters"));
    expect(error.metadata.excluded_by.every((e) => e.reason.includes("seed"))).toBe(true);
  });

  it("with training off, the refusal attributes each endpoint to its true step", async () => {
    const user = await h.createUser();
    const error = await expectRefused(
      await h.chat(user.key, {
        model: "e2e/echo",
        messages: hello,
        seed: 7,
        provider: { require_parameters: true },
      }),
      ["Paid model training", "Required parameters"],
    );
    expect(stepOf(error)).toEqual({
      "e2e-trains": "data_policy:training",
      "e2e-unknown": "data_policy:training",
      "e2e-retain": "require_parameters",
      "e2e-zdr": "require_parameters",
      "e2e-anthropic": "require_parameters",
    });
  });

  it("quantizations keeps only endpoints with a listed quantization", async () => {
    const user = await h.createUser();
    await expectServedBy(await h.chat(user.key, { model: "it/quant", messages: hello }), "e2e-retain");
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "it/quant", messages: hello, provider: { quantizations: ["fp16"] } }),
      "e2e-zdr",
    );
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "it/quant", messages: hello, provider: { quantizations: ["bf16"] } }),
      "e2e-anthropic",
    );
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, { model: "it/quant", messages: hello, provider: { quantizations: ["int8"] } }),
      ["Quantization"],
    );
    expect(error.metadata.excluded_by.map((e) => e.step)).toEqual(["quantization", "quantization", "quantization"]);
  });

  it("max_price is a hard filter that order cannot override", async () => {
    const user = await h.createUser();
    await expectServedBy(
      await h.chat(user.key, {
        model: "e2e/echo",
        messages: hello,
        provider: { order: ["e2e-zdr"], max_price: { prompt: 0.6, completion: 0.6 } },
      }),
      "e2e-retain",
    );
    h.mock.clearCalls();
    const error = await expectRefused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { max_price: { prompt: 0.4 } } }),
      ["Paid model training", "Max price"],
    );
    expect(stepOf(error)).toMatchObject({
      "e2e-retain": "max_price",
      "e2e-zdr": "max_price",
      "e2e-anthropic": "max_price",
    });
  });

  it("a request larger than an endpoint's context window goes to an endpoint that fits, or is refused", async () => {
    const user = await h.createUser();
    // ~2,000 estimated tokens: over it/context's 1,000-token default, under e2e-zdr's 100,000.
    const long = [{ role: "user", content: "word ".repeat(1600) }];
    await expectServedBy(await h.chat(user.key, { model: "it/context", messages: long }), "e2e-zdr");
    h.mock.clearCalls();
    // The requested output counts too.
    await expectServedBy(await h.chat(user.key, { model: "it/context", messages: hello, max_tokens: 5000 }), "e2e-zdr");
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "it/context", messages: hello }), "e2e-retain");
    h.mock.clearCalls();
    // ~50,000 estimated tokens against e2e/echo's 8,192.
    const huge = [{ role: "user", content: "x".repeat(200_000) }];
    const error = await expectRefused(await h.chat(user.key, { model: "e2e/echo", messages: huge }), [
      "Paid model training",
      "Context length",
    ]);
    expect(stepOf(error)).toMatchObject({
      "e2e-retain": "context_length",
      "e2e-zdr": "context_length",
      "e2e-anthropic": "context_length",
    });
  });

  it("models: a first model refused by policy falls through to the next model", async () => {
    const user = await h.createUser();
    const body = await expectServedBy(
      await h.chat(user.key, { models: ["e2e/echo:free", "e2e/echo"], messages: hello }),
      "e2e-retain",
    );
    expect(body.model).toBe("e2e/echo");
    h.mock.clearCalls();
    await expectServedBy(
      await h.chat(user.key, { model: "e2e/echo:free", models: ["e2e/echo"], messages: hello }),
      "e2e-retain",
    );
    h.mock.clearCalls();
    // When the first model is allowed it serves, and the second is never tried.
    const free = await h.createUser({ allowTrainingFree: true });
    const served = await expectServedBy(
      await h.chat(free.key, { models: ["e2e/echo:free", "e2e/echo"], messages: hello }),
      "e2e-trains",
    );
    expect(served.model).toBe("e2e/echo:free");
    h.mock.clearCalls();
    // Every model refused: the first model's reason, nothing sent.
    const error = await expectRefused(
      await h.chat(user.key, {
        models: ["e2e/echo:free", "e2e/echo"],
        messages: hello,
        provider: { only: ["e2e-trains"] },
      }),
      ["Free model training"],
    );
    expect(error.metadata.model).toBe("e2e/echo:free");
  });

  it("reasoning reaches a Messages-API provider as extended thinking and comes back as reasoning, unless excluded", async () => {
    const { MOCK_THOUGHT } = await import("@/scripts/mock-upstream/server");
    const user = await h.createUser();
    const ask = (extra: Record<string, unknown>) =>
      h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-anthropic"] }, ...extra });

    const shown = await ask({ reasoning: { effort: "high" }, max_tokens: 5000 });
    expect(shown.status).toBe(200);
    expect(h.mock.calls().at(-1)!.body).toMatchObject({
      max_tokens: 5000,
      thinking: { type: "enabled", budget_tokens: 4000 },
    });
    expect(
      ((await shown.json()) as { choices: { message: { reasoning?: string } }[] }).choices[0]!.message.reasoning,
    ).toBe(MOCK_THOUGHT);

    const streamed = await ask({ reasoning: { effort: "high" }, stream: true });
    const deltas = sseChunks(await streamed.text()).flatMap((c) =>
      (c.choices as { delta: { reasoning?: string } }[]).map((ch) => ch.delta.reasoning ?? ""),
    );
    expect(deltas.join("")).toBe(MOCK_THOUGHT);

    // An endpoint whose catalog entry does not list reasoning gets none of it, and still answers.
    const plain = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      provider: { only: ["e2e-zdr"] },
      reasoning: { effort: "high" },
      include_reasoning: true,
    });
    expect(plain.status).toBe(200);
    const plainBody = h.mock.calls().at(-1)!.body as Record<string, unknown>;
    for (const field of ["reasoning", "include_reasoning", "reasoning_effort"])
      expect(plainBody).not.toHaveProperty(field);

    for (const stream of [false, true]) {
      const hidden = await ask({ reasoning: { effort: "high", exclude: true }, stream });
      expect(hidden.status).toBe(200);
      expect(h.mock.calls().at(-1)!.body).toHaveProperty("thinking");
      expect(await hidden.text()).not.toContain(MOCK_THOUGHT);
    }
  });

  it("streaming responses name the same provider in the header and in every chunk", async () => {
    const user = await h.createUser({ zdrOnly: true });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
    const chunks = sseChunks(await res.text());
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((c) => c.provider))).toEqual(new Set(["E2E ZDR"]));
    expect(calledProviders()).toEqual(["e2e-zdr"]);
    expect(h.mock.calls()[0]!.stream).toBe(true);
  });
});

describe("settings changes", () => {
  it("take effect on the very next request", async () => {
    const user = await h.createUser();
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-retain");

    h.mock.clearCalls();
    await h.updateSettings(user.id, { zdrOnly: true });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-zdr");

    h.mock.clearCalls();
    await h.updateSettings(user.id, { ignoredProviders: ["e2e-zdr"] });
    await expectRefused(await h.chat(user.key, { model: "e2e/echo", messages: hello }), [
      "Ignored providers",
      "Paid model training",
      "Zero data retention",
    ]);

    await h.updateSettings(user.id, { zdrOnly: false, ignoredProviders: [], allowTrainingPaid: true });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-unknown");

    h.mock.clearCalls();
    await h.updateSettings(user.id, { allowTrainingPaid: false });
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }), "e2e-retain");

    await h.updateSettings(user.id, { allowTrainingFree: true });
    h.mock.clearCalls();
    await expectServedBy(await h.chat(user.key, { model: "e2e/echo:free", messages: hello }), "e2e-trains");
    await h.updateSettings(user.id, { allowTrainingFree: false });
    h.mock.clearCalls();
    await expectRefused(await h.chat(user.key, { model: "e2e/echo:free", messages: hello }), ["Free model training"]);
  });
});
