// OpenRouter's request vocabulary and conventions end to end: nulls and empty lists are absent,
// unsupported fields are refused by name before any provider is called, middle-out, sorting across
// models, Privet's own refusals for one provider API, app attribution, CORS.
import { describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { sharedHarness } from "@/tests/support/harness";

/** The e2e catalog plus a second model whose only endpoint is cheaper than any of e2e/echo's. */
function catalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const cheap = {
    provider: "e2e-zdr",
    upstreamModel: "upstream-cheap",
    pricing: { prompt: 0.01, completion: 0.01 },
    supportedParameters: ["max_tokens"],
  };
  return {
    ...base,
    models: [...base.models, { id: "e2e/cheap", name: "E2E Cheap", contextLength: 8192, endpoints: [cheap] }],
  };
}

const t = sharedHarness({ catalog, env: { PRIVET_CORS_ORIGINS: "https://chat.example.com" } });

const hello = [{ role: "user", content: "hello there" }];
type TError = { error: { message: string; metadata: { field?: string; code?: string } } };
type TGeneration = { data: { provider_responses: { provider: string }[]; app_title: string | null } };

describe("the request vocabulary", () => {
  it("null and empty lists are absent: the request is served and nothing of them is forwarded", async () => {
    const res = await t.h.chat(t.key, {
      model: "e2e/echo",
      models: [],
      messages: hello,
      tools: null,
      tool_choice: null,
      response_format: null,
      user: null,
      transforms: null,
      plugins: [],
      provider: { only: ["e2e-zdr"], order: null, ignore: [], sort: null, max_price: { prompt: "5", completion: "5" } },
    });
    expect(res.status, await res.text()).toBe(200);
    expect(Object.keys(t.h.mock.calls()[0]!.body as object).sort()).toEqual(["messages", "model"]);
  });

  it("a field Privet does not implement is refused by name, and no provider is called", async () => {
    for (const [extra, field] of [
      [{ prediction: { type: "content", content: "hello" } }, "prediction"],
      [{ plugins: [{ id: "web" }] }, "plugins[0]"],
      [{ transforms: ["middle-out", "other"] }, "transforms[1]"],
      [{ provider: { sort: "exacto" } }, "provider.sort"],
      [{ provider: { enforce_distillable_text: true } }, "provider.enforce_distillable_text"],
    ] as const) {
      const res = await t.h.chat(t.key, { model: "e2e/echo", messages: hello, ...extra });
      expect(res.status).toBe(400);
      const body = (await res.json()) as TError;
      expect(body.error.metadata.field).toBe(field);
    }
    expect(t.h.mock.calls()).toEqual([]);
  });

  it("sort partition none orders every model's endpoints together", async () => {
    const body = { models: ["e2e/echo", "e2e/cheap"], messages: hello, provider: { only: ["e2e-zdr", "e2e-retain"] } };
    expect((await (await t.h.chat(t.key, body)).json()) as { model: string }).toMatchObject({ model: "e2e/echo" });
    const res = await t.h.chat(t.key, {
      ...body,
      provider: { ...body.provider, sort: { by: "price", partition: "none" } },
    });
    expect((await res.json()) as { model: string }).toMatchObject({ model: "e2e/cheap" });
  });
});

describe("middle-out", () => {
  // ~40 messages of ~900 tokens each: far over e2e/echo's 8,192-token window.
  const long = Array.from({ length: 40 }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: `turn ${i} ${"word ".repeat(720)}`,
  }));

  it("is on by default for an 8k model: the middle of the conversation is left out, the ends reach the provider", async () => {
    const res = await t.h.chat(t.key, { model: "e2e/echo", messages: long, provider: { only: ["e2e-zdr"] } });
    expect(res.status, await res.text()).toBe(200);
    const sent = (t.h.mock.calls()[0]!.body as { messages: { content: string }[] }).messages;
    expect(sent.length).toBeLessThan(long.length);
    expect(sent[0]!.content).toBe(long[0]!.content);
    expect(sent.at(-1)!.content).toBe(long.at(-1)!.content);
  });

  it("transforms: [] turns it off: the request is refused for its length", async () => {
    const res = await t.h.chat(t.key, {
      model: "e2e/echo",
      messages: long,
      transforms: [],
      provider: { only: ["e2e-zdr"] },
    });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toContain("context_length");
    expect(t.h.mock.calls()).toEqual([]);
  });
});

describe("Privet's own refusal for one provider API", () => {
  // Reasoning on the Messages API needs max_tokens above the smallest thinking budget (1024).
  const tooShortToThink = { reasoning: { effort: "high" }, max_tokens: 500 };

  it("is the answer, naming the field, with no attempt recorded, when no other endpoint can take the request", async () => {
    const res = await t.h.chat(t.key, {
      model: "e2e/echo",
      messages: hello,
      ...tooShortToThink,
      provider: { only: ["e2e-anthropic"] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as TError;
    expect(body.error.message).toContain("max_tokens must be above 1024 to reason on this provider");
    expect(body.error.message).not.toContain("provider rejected");
    expect(body.error.metadata).toMatchObject({ field: "max_tokens", code: "unsupported_by_provider_api" });
    const record = (await (
      await t.h.get(`/api/v1/generation?id=${res.headers.get("x-privet-generation-id")}`, t.key)
    ).json()) as TGeneration;
    expect(record.data.provider_responses).toEqual([]);
    expect(t.h.mock.calls()).toEqual([]);
  });

  it("steps aside for an endpoint on another API, which serves it", async () => {
    const res = await t.h.chat(t.key, {
      model: "e2e/echo",
      messages: hello,
      ...tooShortToThink,
      provider: { only: ["e2e-anthropic", "e2e-zdr"], order: ["e2e-anthropic"] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
    const record = (await (
      await t.h.get(`/api/v1/generation?id=${res.headers.get("x-privet-generation-id")}`, t.key)
    ).json()) as TGeneration;
    expect(record.data.provider_responses.map((r) => r.provider)).toEqual(["e2e-zdr"]);
  });

  it("audio, which the Messages API cannot carry, is kept from it by routing: nothing is tried there", async () => {
    const audio = [
      {
        role: "user",
        content: [
          { type: "text", text: "listen" },
          { type: "input_audio", input_audio: { data: "AAAA", format: "wav" } },
        ],
      },
    ];
    const res = await t.h.chat(t.key, { model: "e2e/echo", messages: audio, provider: { only: ["e2e-anthropic"] } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as TError & { error: { metadata: { excluded_by: unknown[] } } };
    expect(body.error.metadata.excluded_by).toContainEqual({
      provider: "e2e-anthropic",
      step: "capabilities",
      reason: "Privet cannot send audio input to a provider on the Messages API; the request uses it",
    });
    expect(t.h.mock.calls()).toEqual([]);
  });
});

describe("app attribution and browsers", () => {
  it("X-OpenRouter-Title names the app, like X-Title", async () => {
    const res = await t.h.chat(t.key, { model: "e2e/echo", messages: hello }, { "X-OpenRouter-Title": "Router App" });
    const record = (await (
      await t.h.get(`/api/v1/generation?id=${res.headers.get("x-privet-generation-id")}`, t.key)
    ).json()) as TGeneration;
    expect(record.data.app_title).toBe("Router App");
  });

  it("a preflight is answered without a key for an allowed origin; responses carry CORS headers, never credentials", async () => {
    const preflight = await fetch(`${t.h.baseUrl}/api/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://chat.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-openrouter-title",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://chat.example.com");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    for (const name of ["Authorization", "Content-Type", "HTTP-Referer", "X-Title", "X-OpenRouter-Title"])
      expect(preflight.headers.get("access-control-allow-headers")).toContain(name);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

    const res = await t.h.chat(t.key, { model: "e2e/echo", messages: hello }, { origin: "https://chat.example.com" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://chat.example.com");
    expect(res.headers.get("access-control-expose-headers")).toContain("X-Privet-Generation-Id");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();

    const other = await t.h.chat(t.key, { model: "e2e/echo", messages: hello }, { origin: "https://evil.example.com" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const otherPreflight = await fetch(`${t.h.baseUrl}/api/v1/models`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com" },
    });
    expect(otherPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
