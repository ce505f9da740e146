import fc from "fast-check";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type TMockUpstream } from "@/scripts/mock-upstream/server";
import { isSimpleChatRequest, parseChatRequest, ZChatCompletionRequest } from "./chat-schema";
import { estimateTokens, requestParameterNames } from "./request-shape";

const USER = { role: "user", content: "hello" };
const base = { model: "openai/gpt-4o", messages: [USER] };

function fieldOf(body: unknown): string | null {
  const r = parseChatRequest(body);
  return r.ok ? null : r.field;
}

describe("valid bodies", () => {
  it("accepts a minimal body, and models without model", () => {
    expect(parseChatRequest(base).ok).toBe(true);
    expect(parseChatRequest({ models: ["a/b", "c/d"], messages: [USER] }).ok).toBe(true);
  });

  it("accepts a body using every supported field and keeps unknown top-level fields", () => {
    const body = {
      model: "anthropic/claude",
      models: ["openai/gpt-4o"],
      messages: [
        { role: "system", content: "be brief" },
        { role: "developer", content: [{ type: "text", text: "rules", cache_control: { type: "ephemeral" } }] },
        {
          role: "user",
          name: "ana",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } },
            { type: "input_audio", input_audio: { data: "AAAA", format: "wav" } },
            { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,AAAA" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "look", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "a cat" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "a cat" },
            { type: "refusal", refusal: "no" },
          ],
          reasoning: null,
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 2,
      top_p: 0,
      top_k: 40,
      min_p: 0.1,
      top_a: 0.2,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: ["\n\n", "END"],
      seed: -3,
      frequency_penalty: -2,
      presence_penalty: 2,
      repetition_penalty: 1.1,
      logit_bias: { "50256": -100 },
      logprobs: true,
      top_logprobs: 5,
      n: 1,
      user: "end-user-1",
      tools: [
        {
          type: "function",
          function: { name: "look", description: "look", parameters: { type: "object", properties: {} }, strict: true },
        },
      ],
      tool_choice: { type: "function", function: { name: "look" } },
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { name: "out", schema: { type: "object" }, strict: true } },
      provider: {
        order: ["openai", "azure"],
        allow_fallbacks: false,
        require_parameters: true,
        data_collection: "deny",
        zdr: true,
        only: ["openai"],
        ignore: ["deepinfra"],
        quantizations: ["fp8", "bf16", "unknown"],
        sort: "throughput",
        max_price: { prompt: 1, completion: 2, request: 0 },
      },
      route: "fallback",
      transforms: ["middle-out"],
      usage: { include: true },
      metadata: { anything: "goes" },
      reasoning: { effort: "high", exclude: true },
      include_reasoning: true,
    };
    const r = parseChatRequest(body);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) {
      expect(r.value.metadata).toEqual({ anything: "goes" });
      expect(r.value.provider?.data_collection).toBe("deny");
    }
  });

  it("accepts an assistant turn sent back with its reasoning_details, as OpenRouter's clients send it", () => {
    const turn = {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "t1", type: "function", function: { name: "f", arguments: "{}" } }],
      reasoning: "thought",
      reasoning_details: [
        { type: "reasoning.text", text: "thought", signature: "sig", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: "opaque", format: "anthropic-claude-v1", index: 1, id: null },
        { type: "reasoning.summary", summary: "short", format: "unknown" },
      ],
    };
    const r = parseChatRequest({ ...base, messages: [USER, turn, { role: "tool", tool_call_id: "t1", content: "x" }] });
    expect(r.ok && r.value.messages[1]).toMatchObject({ reasoning_details: turn.reasoning_details });
    expect(parseChatRequest({ ...base, messages: [USER, { ...turn, reasoning_details: null }] }).ok).toBe(true);
  });

  it("accepts nulls where OpenAI does (clients send unset options as null)", () => {
    expect(
      parseChatRequest({
        ...base,
        temperature: null,
        max_tokens: null,
        stop: null,
        n: null,
        stream: null,
        stream_options: null,
      }).ok,
    ).toBe(true);
  });

  it("reads null and empty lists as absent, everywhere OpenRouter documents a field", () => {
    const body = {
      ...base,
      models: [],
      tools: null,
      tool_choice: null,
      parallel_tool_calls: null,
      response_format: null,
      user: null,
      reasoning: { effort: null, max_tokens: null, exclude: null, enabled: null },
      transforms: null,
      plugins: [],
      prediction: null,
      web_search_options: null,
      debug: false,
      modalities: ["text"],
      service_tier: "auto",
      provider: {
        order: null,
        allow_fallbacks: null,
        require_parameters: null,
        data_collection: null,
        zdr: null,
        enforce_distillable_text: false,
        only: [],
        ignore: null,
        quantizations: null,
        sort: null,
        max_price: null,
        preferred_min_throughput: null,
        preferred_max_latency: null,
      },
    };
    const r = parseChatRequest(body);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    for (const field of ["models", "tools", "tool_choice", "parallel_tool_calls", "response_format", "user"] as const)
      expect(r.value[field]).toBeUndefined();
    expect(r.value.reasoning).toEqual({});
    expect(Object.values(r.value.provider ?? {}).filter((v) => v !== undefined)).toEqual([false]);
    expect(parseChatRequest({ ...base, provider: null })).toMatchObject({ ok: true, value: { provider: undefined } });
  });

  it("reads OpenRouter's provider vocabulary: price caps as decimal strings, sort objects, performance preferences", () => {
    const r = parseChatRequest({
      ...base,
      transforms: ["middle-out"],
      plugins: [
        { id: "context-compression", engine: "middle-out" },
        { id: "web", enabled: false },
      ],
      provider: {
        max_price: { prompt: "0.5", completion: 1, request: "0", image: "0.01", audio: "0.002" },
        sort: { by: "latency", partition: "none" },
        preferred_min_throughput: { p50: 40, p90: null },
        preferred_max_latency: 2,
      },
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        provider: {
          max_price: { prompt: 0.5, completion: 1, request: 0, image: 0.01, audio: 0.002 },
          sort: { by: "latency", partition: "none" },
          preferred_min_throughput: { p50: 40, p90: null },
          preferred_max_latency: 2,
        },
      },
    });
  });

  it("refuses what Privet does not implement by name, without repeating the value", () => {
    const r = parseChatRequest({ ...base, plugins: [{ id: "secret plugin name" }] });
    expect(r).toMatchObject({ ok: false, field: "plugins[0]" });
    if (!r.ok) expect(r.message).not.toContain("secret");
    expect(parseChatRequest({ ...base, plugins: [{ id: "web" }] })).toMatchObject({
      ok: false,
      message: expect.stringContaining("(web)"),
    });
    expect(parseChatRequest({ ...base, prediction: { type: "content", content: "x" } })).toMatchObject({
      ok: false,
      message: expect.stringContaining("not supported"),
    });
  });
});

describe("the zod-free check of common bodies", () => {
  // Bodies that are mostly right, each field now and then absent or wrong, to walk the edges.
  const ABSENT = Symbol("absent");
  const often = <T>(right: fc.Arbitrary<T>, ...wrong: fc.Arbitrary<unknown>[]) =>
    fc.oneof(
      { arbitrary: right, weight: 12 },
      { arbitrary: fc.constant(ABSENT), weight: 4 },
      ...wrong.map((arbitrary) => ({ arbitrary, weight: 1 })),
    );
  const withoutAbsent = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ABSENT));
  const number = (min: number, max: number) =>
    fc.oneof(
      fc.double({ min, max, noNaN: true }),
      fc.constantFrom(min, max, min - 0.0001, max + 0.0001),
      fc.integer({ min: Math.ceil(min) - 1, max: Math.floor(max) + 1 }),
    );
  const message = fc
    .record({
      role: fc.oneof(
        { arbitrary: fc.constantFrom("system", "developer", "user", "assistant"), weight: 12 },
        { arbitrary: fc.constantFrom("tool", "bot", 3), weight: 1 },
      ),
      content: fc.oneof(
        { arbitrary: fc.string({ maxLength: 8 }), weight: 12 },
        { arbitrary: fc.constantFrom(null, 5, [{ type: "text", text: "hi" }]), weight: 1 },
      ),
      name: fc.oneof(
        { arbitrary: fc.constant(ABSENT), weight: 8 },
        { arbitrary: fc.string({ maxLength: 4 }), weight: 2 },
        { arbitrary: fc.integer(), weight: 1 },
      ),
      tool_call_id: fc.oneof(
        { arbitrary: fc.constant(ABSENT), weight: 12 },
        { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
      ),
    })
    .map(withoutAbsent);
  const body = fc
    .record({
      model: fc.oneof(
        { arbitrary: fc.constantFrom("a/b", "x"), weight: 12 },
        { arbitrary: fc.constantFrom("", 7, null, ABSENT), weight: 1 },
      ),
      models: fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 12 }, { arbitrary: fc.constant(["a/b"]), weight: 1 }),
      messages: fc.oneof(
        { arbitrary: fc.array(message, { minLength: 1, maxLength: 3 }), weight: 12 },
        { arbitrary: fc.constantFrom([], "hi", ABSENT), weight: 1 },
      ),
      stream: often(fc.boolean(), fc.constantFrom(null, "yes", 1)),
      temperature: often(number(0, 2), fc.constantFrom(null, "hot")),
      top_p: often(number(0, 1), fc.constant(null)),
      max_tokens: often(fc.integer({ min: 1, max: 70000 }), fc.constantFrom(null, 0, -1, 1.5, 2 ** 53, "10")),
      user: often(fc.string({ maxLength: 260 }), fc.constantFrom(null, 3)),
      seed: fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 12 }, { arbitrary: fc.integer(), weight: 1 }),
    })
    .map(withoutAbsent);

  it("accepts only what the schema accepts, and gives the schema's value", () => {
    let simple = 0;
    fc.assert(
      fc.property(body, fc.boolean(), (generated, viaJson) => {
        const candidate: unknown = viaJson ? JSON.parse(JSON.stringify(generated)) : generated;
        const zod = ZChatCompletionRequest.safeParse(candidate);
        if (isSimpleChatRequest(candidate)) {
          simple += 1;
          expect(zod.success).toBe(true);
          expect(zod.data).toEqual(candidate);
        }
        const parsed = parseChatRequest(candidate);
        expect(parsed.ok).toBe(zod.success);
        if (parsed.ok) expect(parsed.value).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the shortcut often enough for this to mean something.
    expect(simple).toBeGreaterThan(300);
  });

  it("takes the plain chat body most clients send", () => {
    expect(
      isSimpleChatRequest({
        model: "a/b",
        messages: [{ role: "system", content: "be brief" }, USER],
        temperature: 0.7,
        stream: true,
        max_tokens: 100,
      }),
    ).toBe(true);
    expect(isSimpleChatRequest({ model: "a/b", messages: [USER], provider: { zdr: true } })).toBe(false);
  });
});

describe("bodies sent by the official openai SDK", () => {
  let mock: TMockUpstream;
  let client: OpenAI;
  beforeAll(async () => {
    mock = await startMockUpstream();
    client = new OpenAI({ apiKey: "sk-test", baseURL: `${mock.url}/sdk/v1`, maxRetries: 0 });
  });
  afterAll(() => mock.close());

  it("validates what the SDK puts on the wire for plain, tool, JSON-schema and streamed calls", async () => {
    await client.chat.completions.create({ model: "openai/gpt-4o", messages: [{ role: "user", content: "hi" }] });
    await client.chat.completions.create({
      model: "openai/gpt-4o",
      messages: [
        { role: "developer", content: "be brief" },
        {
          role: "user",
          content: [
            { type: "text", text: "weather?" },
            { type: "image_url", image_url: { url: "https://x/y.png" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }],
        },
        { role: "tool", tool_call_id: "c1", content: "rain" },
      ],
      tools: [
        {
          type: "function",
          function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
        },
      ],
      tool_choice: "auto",
      temperature: 0.2,
      max_completion_tokens: 50,
      stop: "END",
      user: "u1",
      response_format: { type: "json_schema", json_schema: { name: "w", schema: { type: "object" }, strict: true } },
    });
    const stream = await client.chat.completions.create({
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    const helper = client.chat.completions.stream({
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "hi" }],
    });
    await helper.finalChatCompletion();
    // Router-specific extras pass through the SDK untouched.
    await client.chat.completions.create({
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      // @ts-expect-error -- not in the SDK's types; clients send it anyway
      provider: { data_collection: "deny", zdr: true },
      models: ["a/b"],
    });

    const calls = mock.calls();
    expect(calls).toHaveLength(5);
    for (const call of calls) expect(parseChatRequest(call.body)).toMatchObject({ ok: true });
  });
});

describe("invalid bodies name the first offending field", () => {
  const cases: [string, unknown, string][] = [
    ["not an object", "hello", "body"],
    ["an array", [base], "body"],
    ["no model and no models", { messages: [USER] }, "model"],
    ["nothing at all", {}, "model"],
    ["model not a string", { ...base, model: 5 }, "model"],
    ["empty model", { ...base, model: "" }, "model"],
    ["too many models", { ...base, models: Array(9).fill("a/b") }, "models"],
    ["empty models is no models: model is then missing", { messages: [USER], models: [] }, "model"],
    ["no messages", { model: "m" }, "messages"],
    ["empty messages", { model: "m", messages: [] }, "messages"],
    ["a message that is not an object", { model: "m", messages: ["hi"] }, "messages[0]"],
    ["bad role", { model: "m", messages: [USER, { role: "robot", content: "x" }] }, "messages[1].role"],
    ["missing role", { model: "m", messages: [{ content: "x" }] }, "messages[0].role"],
    [
      "tool without tool_call_id",
      { model: "m", messages: [{ role: "tool", content: "x" }] },
      "messages[0].tool_call_id",
    ],
    [
      "assistant with neither content nor tool calls",
      { model: "m", messages: [{ role: "assistant", content: null }] },
      "messages[0].content",
    ],
    ["user content a number", { model: "m", messages: [{ role: "user", content: 1 }] }, "messages[0].content"],
    [
      "reasoning_details not a list",
      { model: "m", messages: [USER, { role: "assistant", content: "a", reasoning_details: { type: "x" } }] },
      "messages[1].reasoning_details",
    ],
    [
      "a reasoning detail without a type",
      { model: "m", messages: [USER, { role: "assistant", content: "a", reasoning_details: [{ text: "x" }] }] },
      "messages[1].reasoning_details[0].type",
    ],
    [
      "a signature that is not a string",
      {
        model: "m",
        messages: [
          USER,
          { role: "assistant", content: "a", reasoning_details: [{ type: "reasoning.text", text: "x", signature: 5 }] },
        ],
      },
      "messages[1].reasoning_details[0].signature",
    ],
    ["user content null", { model: "m", messages: [{ role: "user", content: null }] }, "messages[0].content"],
    [
      "unknown part type",
      { model: "m", messages: [{ role: "user", content: [{ type: "text", text: "a" }, { type: "video" }] }] },
      "messages[0].content[1].type",
    ],
    [
      "image without url",
      { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] },
      "messages[0].content[0].image_url.url",
    ],
    [
      "image in a system message",
      { model: "m", messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: "u" } }] }] },
      "messages[0].content[0].type",
    ],
    [
      "bad tool call",
      {
        model: "m",
        messages: [{ role: "assistant", tool_calls: [{ id: "1", type: "function", function: { name: "f" } }] }],
      },
      "messages[0].tool_calls[0].function.arguments",
    ],
    ["stream not boolean", { ...base, stream: "yes" }, "stream"],
    ["temperature above 2", { ...base, temperature: 2.1 }, "temperature"],
    ["temperature below 0", { ...base, temperature: -0.1 }, "temperature"],
    ["top_p above 1", { ...base, top_p: 1.5 }, "top_p"],
    ["max_tokens zero", { ...base, max_tokens: 0 }, "max_tokens"],
    ["max_tokens fractional", { ...base, max_tokens: 1.5 }, "max_tokens"],
    ["max_completion_tokens negative", { ...base, max_completion_tokens: -1 }, "max_completion_tokens"],
    ["frequency_penalty out of range", { ...base, frequency_penalty: 3 }, "frequency_penalty"],
    ["presence_penalty out of range", { ...base, presence_penalty: -3 }, "presence_penalty"],
    ["n above 1", { ...base, n: 2 }, "n"],
    ["seed fractional", { ...base, seed: 0.5 }, "seed"],
    ["stop a number", { ...base, stop: 1 }, "stop"],
    ["too many stops", { ...base, stop: Array(17).fill("x") }, "stop"],
    ["stop list with a number", { ...base, stop: ["a", 1] }, "stop[1]"],
    ["logit_bias out of range", { ...base, logit_bias: { "1": 101 } }, "logit_bias"],
    ["logit_bias bad key", { ...base, logit_bias: { word: 1 } }, "logit_bias"],
    ["top_logprobs above 20", { ...base, top_logprobs: 21 }, "top_logprobs"],
    ["tools not an array", { ...base, tools: {} }, "tools"],
    ["tool without a name", { ...base, tools: [{ type: "function", function: {} }] }, "tools[0].function.name"],
    ["bad tool_choice", { ...base, tool_choice: "always" }, "tool_choice"],
    ["bad response_format", { ...base, response_format: { type: "yaml" } }, "response_format.type"],
    [
      "json_schema without schema object",
      { ...base, response_format: { type: "json_schema" } },
      "response_format.json_schema",
    ],
    ["reasoning not an object", { ...base, reasoning: "high" }, "reasoning"],
    ["reasoning.effort unknown", { ...base, reasoning: { effort: "extreme" } }, "reasoning.effort"],
    ["reasoning.max_tokens zero", { ...base, reasoning: { max_tokens: 0 } }, "reasoning.max_tokens"],
    ["reasoning.exclude not boolean", { ...base, reasoning: { exclude: "yes" } }, "reasoning.exclude"],
    ["include_reasoning not boolean", { ...base, include_reasoning: "yes" }, "include_reasoning"],
    ["user too long", { ...base, user: "u".repeat(257) }, "user"],
    ["provider not an object", { ...base, provider: "openai" }, "provider"],
    ["provider.order not a list", { ...base, provider: { order: "openai" } }, "provider.order"],
    [
      "provider.allow_fallbacks not boolean",
      { ...base, provider: { allow_fallbacks: "no" } },
      "provider.allow_fallbacks",
    ],
    [
      "provider.require_parameters not boolean",
      { ...base, provider: { require_parameters: 1 } },
      "provider.require_parameters",
    ],
    ["provider.data_collection", { ...base, provider: { data_collection: "never" } }, "provider.data_collection"],
    ["provider.zdr not boolean", { ...base, provider: { zdr: "true" } }, "provider.zdr"],
    ["provider.only item", { ...base, provider: { only: ["a", 1] } }, "provider.only[1]"],
    ["provider.ignore not a list", { ...base, provider: { ignore: "x" } }, "provider.ignore"],
    [
      "provider.quantizations item",
      { ...base, provider: { quantizations: ["int4", "q4_k_m"] } },
      "provider.quantizations[1]",
    ],
    ["provider.sort", { ...base, provider: { sort: "cheapest" } }, "provider.sort"],
    ["provider.max_price negative", { ...base, provider: { max_price: { prompt: -1 } } }, "provider.max_price.prompt"],
    [
      "provider.max_price unknown key",
      { ...base, provider: { max_price: { tokens: 1 } } },
      "provider.max_price.tokens",
    ],
    [
      "provider.max_price not a decimal string",
      { ...base, provider: { max_price: { prompt: "1e-7" } } },
      "provider.max_price.prompt",
    ],
    ["provider.sort exacto", { ...base, provider: { sort: "exacto" } }, "provider.sort"],
    [
      "provider.sort.partition",
      { ...base, provider: { sort: { by: "price", partition: "provider" } } },
      "provider.sort",
    ],
    [
      "provider.preferred_max_latency percentile",
      { ...base, provider: { preferred_max_latency: { p95: 1 } } },
      "provider.preferred_max_latency.p95",
    ],
    [
      "provider.enforce_distillable_text true",
      { ...base, provider: { enforce_distillable_text: true } },
      "provider.enforce_distillable_text",
    ],
    ["prediction", { ...base, prediction: { type: "content", content: "x" } }, "prediction"],
    ["a transform other than middle-out", { ...base, transforms: ["middle-out", "other"] }, "transforms[1]"],
    [
      "a plugin other than context-compression",
      { ...base, plugins: [{ id: "context-compression" }, { id: "web" }] },
      "plugins[1]",
    ],
    ["modalities beyond text", { ...base, modalities: ["text", "image"] }, "modalities"],
    ["service_tier flex", { ...base, service_tier: "flex" }, "service_tier"],
    ["provider typo", { ...base, provider: { data_colection: "deny" } }, "provider.data_colection"],
    ["model reported before a later problem", { messages: [], provider: { sort: "x" } }, "model"],
    ["messages before provider", { model: "m", messages: [], provider: { sort: "x" } }, "messages"],
    ["the first bad message wins", { model: "m", messages: [{ role: "x" }, { role: "y" }] }, "messages[0].role"],
  ];

  it.each(cases)("%s", (_name, body, field) => {
    expect(fieldOf(body)).toBe(field);
  });

  it("explains in a short sentence that does not repeat the field", () => {
    expect(parseChatRequest({ ...base, provider: { data_collection: "never" } })).toEqual({
      ok: false,
      field: "provider.data_collection",
      message: 'must be one of "allow", "deny"',
    });
    expect(parseChatRequest({ ...base, n: 3 })).toMatchObject({ message: expect.stringMatching(/n=1|one choice/) });
    expect(parseChatRequest({ messages: [USER] })).toMatchObject({ message: expect.stringContaining("models") });
    expect(parseChatRequest({ ...base, provider: { data_colection: "deny" } })).toMatchObject({
      message: expect.stringContaining("allowed: order, allow_fallbacks"),
    });
  });

  it("does not echo an unknown provider key that is not a plain name", () => {
    const r = parseChatRequest({ ...base, provider: { "my secret prompt text": true } });
    expect(r).toMatchObject({ ok: false, field: "provider" });
    expect(JSON.stringify(r)).not.toContain("secret");
  });
});

describe("error messages never contain what the client sent", () => {
  // Places where a client could put a string (possibly prompt text) that is invalid there.
  const injections: ((marker: string) => unknown)[] = [
    (m) => ({ model: m }),
    (m) => ({ ...base, model: [m] }),
    (m) => ({ ...base, models: m }),
    (m) => ({ ...base, models: [m, 1] }),
    (m) => ({ model: "x", messages: m }),
    (m) => ({ model: "x", messages: [m] }),
    (m) => ({ model: "x", messages: [{ role: m, content: m }] }),
    (m) => ({ model: "x", messages: [{ role: "user", content: { text: m } }] }),
    (m) => ({ model: "x", messages: [{ role: "user", content: [{ type: m, text: m }] }] }),
    (m) => ({ model: "x", messages: [{ role: "user", content: [{ type: "text", text: 1, note: m }] }] }),
    (m) => ({ model: "x", messages: [{ role: "tool", content: m }] }),
    (m) => ({ model: "x", messages: [{ role: "assistant", content: null, refusal: m }] }),
    (m) => ({ model: "x", messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: m } }] }] }),
    (m) => ({
      model: "x",
      messages: [{ role: "assistant", tool_calls: [{ id: m, type: "function", function: { name: m, arguments: 1 } }] }],
    }),
    (m) => ({ ...base, temperature: m }),
    (m) => ({ ...base, max_tokens: m }),
    (m) => ({ ...base, n: m }),
    (m) => ({ ...base, stream: m }),
    (m) => ({ ...base, stop: [m, 2] }),
    (m) => ({ ...base, stop: Array(20).fill(m) }),
    (m) => ({ ...base, user: m.repeat(40) }),
    (m) => ({ ...base, logit_bias: { [m]: m } }),
    (m) => ({ ...base, tool_choice: m }),
    (m) => ({ ...base, tool_choice: { type: m } }),
    (m) => ({ ...base, tools: [{ type: "function", function: { name: m, description: 1 } }] }),
    (m) => ({ ...base, response_format: { type: m } }),
    (m) => ({ ...base, response_format: { type: "json_schema", json_schema: { name: m, schema: m } } }),
    (m) => ({ ...base, provider: m }),
    (m) => ({ ...base, provider: { data_collection: m } }),
    (m) => ({ ...base, provider: { sort: m } }),
    (m) => ({ ...base, provider: { order: m } }),
    (m) => ({ ...base, provider: { quantizations: [m] } }),
    (m) => ({ ...base, provider: { max_price: { prompt: m } } }),
    (m) => ({ ...base, provider: { [`${m} ${m}`]: m } }),
  ];

  it("for any marker string in any invalid position", () => {
    // Markers that look like prompt text: letters, digits, spaces and punctuation, long enough
    // not to collide with the words of the messages themselves.
    const marker = fc
      .string({
        unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzQXZ0123456789 .,!?'\"-_"),
        minLength: 6,
        maxLength: 40,
      })
      .map((s) => `Zq${s}Xq`);
    fc.assert(
      fc.property(marker, fc.nat({ max: injections.length - 1 }), (m, i) => {
        const r = parseChatRequest(injections[i]!(m));
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.message).not.toContain(m);
          expect(r.field).not.toContain(m);
          expect(r.message).not.toContain("Zq");
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("requestParameterNames", () => {
  it("lists the OpenAI parameters present, in the catalog's vocabulary", () => {
    const names = requestParameterNames({
      ...base,
      stream: true,
      user: "u",
      temperature: 0,
      max_completion_tokens: 5,
      tools: [{ type: "function", function: { name: "f" } }],
      tool_choice: "auto",
      response_format: { type: "json_schema", json_schema: { name: "x" } },
      stop: null,
      logprobs: false,
      provider: { require_parameters: true },
    });
    expect(names.sort()).toEqual([
      "max_tokens",
      "response_format",
      "structured_outputs",
      "temperature",
      "tool_choice",
      "tools",
    ]);
  });

  it("names each parameter once, in the vocabulary's order whatever the body's", () => {
    expect(
      requestParameterNames({ ...base, seed: 1, max_completion_tokens: 5, max_tokens: 5, stop: ["x"], temperature: 1 }),
    ).toEqual(["temperature", "max_tokens", "stop", "seed"]);
  });

  it("ignores routing and transport fields and empty tool lists", () => {
    expect(
      requestParameterNames({ ...base, models: ["a"], stream: true, stream_options: {}, tools: [], n: 1, user: "u" }),
    ).toEqual([]);
  });
});

describe("estimateTokens", () => {
  it("is message characters / 4 plus the output limit", () => {
    expect(estimateTokens({ messages: [{ role: "user", content: "x".repeat(40) }] })).toBe(10);
    expect(
      estimateTokens({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "abcd" },
              { type: "image_url", image_url: { url: "u".repeat(99) } },
            ],
          },
        ],
        max_tokens: 100,
      }),
    ).toBe(101);
    expect(
      estimateTokens({ messages: [{ role: "user", content: "abcd" }], max_tokens: 100, max_completion_tokens: 7 }),
    ).toBe(8);
  });

  it("counts tool-call arguments and tool definitions", () => {
    const tools = [{ type: "function", function: { name: "f" } }];
    const n = estimateTokens({
      messages: [
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "1", type: "function", function: { name: "f", arguments: "y".repeat(8) } }],
        },
      ],
      tools,
    });
    expect(n).toBe(Math.ceil((8 + JSON.stringify(tools).length) / 4));
  });
});
