// OpenRouter's own TypeScript SDK (@openrouter/sdk), unchanged, against Privet over the mock
// upstream: it validates every answer against its schemas, so a call that returns is a call whose
// answer has OpenRouter's exact shape. Both upstream APIs: e2e-zdr speaks OpenAI's, e2e-anthropic
// Anthropic's Messages.
import { OpenRouter } from "@openrouter/sdk";
import type { ChatMessages, ChatResult, ChatStreamChunk, ProviderPreferences } from "@openrouter/sdk/models";
import { beforeAll, describe, expect, it } from "vitest";
import { MOCK_THOUGHT, MOCK_TOOL_ARGUMENTS, mockSignature } from "@/scripts/mock-upstream/server";
import { sharedHarness } from "@/tests/support/harness";

const t = sharedHarness();
let sdk: OpenRouter;

beforeAll(() => {
  sdk = new OpenRouter({
    apiKey: t.key,
    serverURL: `${t.h.baseUrl}/api/v1`,
    appTitle: "SDK Contract",
    retryConfig: { strategy: "none" },
  });
});

const ADAPTERS = [
  { api: "openai", slug: "e2e-zdr" },
  { api: "anthropic", slug: "e2e-anthropic" },
] as const;
const only = (slug: string): ProviderPreferences => ({ only: [slug] });
const hello: ChatMessages[] = [{ role: "user", content: "say hello" }];

async function collect(stream: AsyncIterable<ChatStreamChunk>): Promise<ChatStreamChunk[]> {
  const chunks: ChatStreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe.each(ADAPTERS)("@openrouter/sdk chat through the $api adapter", ({ slug }) => {
  it("chat.send answers in OpenRouter's shape, system_fingerprint included", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const before = Math.floor(Date.now() / 1000);
    const result = (await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages: hello, provider: only(slug) },
    })) as ChatResult;
    expect(result.object).toBe("chat.completion");
    // OpenRouter's form: gen-<the second it was made>-<20 random characters>.
    expect(result.id).toMatch(/^gen-\d{10}-[A-Za-z0-9_-]{20}$/);
    const madeAt = Number(result.id.split("-")[1]);
    expect(madeAt).toBeGreaterThanOrEqual(before);
    expect(madeAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(result.systemFingerprint).toBeNull();
    expect(result.choices[0]?.message.content).toBe("one two three");
    expect(result.choices[0]?.finishReason).toBe("stop");
    expect(result.usage).toMatchObject({ completionTokens: 3 });
    expect(t.h.mock.calls().map((c) => c.provider)).toEqual([slug]);
  });

  it("chat.send with stream: true yields chunks the SDK validates, the last with usage", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const stream = await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages: hello, provider: only(slug), stream: true },
    });
    const chunks = await collect(stream as AsyncIterable<ChatStreamChunk>);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("one two three");
    expect(chunks.at(-1)?.usage).toMatchObject({ completionTokens: 3 });
  });

  it("a tool call round trip: the call, then the answer to its result", async () => {
    t.h.mock.setProvider(slug, { toolCalls: true, reply: "It is sunny." });
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "weather",
          description: "the weather in a city",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      },
    ];
    const first = (await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages: hello, tools, provider: only(slug) },
    })) as ChatResult;
    const call = first.choices[0]?.message.toolCalls?.[0];
    expect(first.choices[0]?.finishReason).toBe("tool_calls");
    expect(call).toMatchObject({ type: "function", function: { name: "weather", arguments: MOCK_TOOL_ARGUMENTS } });
    const messages: ChatMessages[] = [
      ...hello,
      { role: "assistant", content: null, toolCalls: [call!] },
      { role: "tool", toolCallId: call!.id, content: "sunny" },
    ];
    const second = (await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages, tools, provider: only(slug) },
    })) as ChatResult;
    expect(second.choices[0]?.message.content).toBe("It is sunny.");

    const streamed = await collect(
      (await sdk.chat.send({
        chatRequest: { model: "e2e/echo", messages: hello, tools, provider: only(slug), stream: true },
      })) as AsyncIterable<ChatStreamChunk>,
    );
    const deltas = streamed.flatMap((c) => c.choices[0]?.delta.toolCalls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, function: { name: "weather" } });
    expect(deltas.map((d) => d.function?.arguments ?? "").join("")).toBe(MOCK_TOOL_ARGUMENTS);
    expect(streamed.some((c) => c.choices[0]?.finishReason === "tool_calls")).toBe(true);
  });
});

describe("@openrouter/sdk: reasoning, preferences, app attribution", () => {
  it("reasoning comes back from a Messages-API provider, streamed and not", async () => {
    const ask = {
      model: "e2e/echo",
      messages: hello,
      reasoning: { effort: "high" as const },
      maxTokens: 5000,
      provider: only("e2e-anthropic"),
    };
    const result = (await sdk.chat.send({ chatRequest: ask })) as ChatResult;
    expect(result.choices[0]?.message.reasoning).toBe(MOCK_THOUGHT);
    // Agents read the structured form: reasoning_details, in the SDK's own types, signed as Anthropic signed it.
    expect(result.choices[0]?.message.reasoningDetails).toEqual([
      {
        type: "reasoning.text",
        text: MOCK_THOUGHT,
        signature: mockSignature(MOCK_THOUGHT),
        format: "anthropic-claude-v1",
        index: 0,
      },
    ]);
    const chunks = await collect(
      (await sdk.chat.send({ chatRequest: { ...ask, stream: true } })) as AsyncIterable<ChatStreamChunk>,
    );
    expect(chunks.map((c) => c.choices[0]?.delta.reasoning ?? "").join("")).toBe(MOCK_THOUGHT);
    const detailText = chunks
      .flatMap((c) => c.choices[0]?.delta.reasoningDetails ?? [])
      .map((d) => ("text" in d ? (d.text ?? "") : ""));
    expect(detailText.join("")).toBe(MOCK_THOUGHT);
    const signatures = chunks
      .flatMap((c) => c.choices[0]?.delta.reasoningDetails ?? [])
      .flatMap((d) => ("signature" in d && d.signature ? [d.signature] : []));
    expect(signatures).toEqual([mockSignature(MOCK_THOUGHT)]);
  });

  it("a tool loop while reasoning on a Messages-API provider: the signed thinking goes back in reasoning_details", async () => {
    t.h.mock.setProvider("e2e-anthropic", { toolCalls: true, reply: "It is sunny." });
    const tools = [
      {
        type: "function" as const,
        function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
      },
    ];
    const ask = {
      model: "e2e/echo",
      tools,
      reasoning: { effort: "high" as const },
      maxTokens: 5000,
      provider: only("e2e-anthropic"),
    };
    const first = (await sdk.chat.send({ chatRequest: { ...ask, messages: hello } })) as ChatResult;
    const message = first.choices[0]!.message;
    const call = message.toolCalls![0]!;
    expect(message.reasoningDetails).toMatchObject([{ signature: mockSignature(MOCK_THOUGHT) }]);
    t.h.mock.clearCalls();
    const messages: ChatMessages[] = [
      ...hello,
      { role: "assistant", content: null, toolCalls: [call], reasoningDetails: message.reasoningDetails },
      { role: "tool", toolCallId: call.id, content: "sunny" },
    ];
    const second = (await sdk.chat.send({ chatRequest: { ...ask, messages } })) as ChatResult;
    expect(second.choices[0]?.message.content).toBe("It is sunny.");
    // Anthropic got the turn back as it wrote it, so the answer to the tool result could think too.
    expect(t.h.mock.calls()[0]?.body).toMatchObject({
      thinking: { type: "enabled" },
      messages: [
        {},
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: MOCK_THOUGHT, signature: mockSignature(MOCK_THOUGHT) },
            { type: "tool_use", id: call.id, name: "weather" },
          ],
        },
        {},
      ],
    });
  });

  it("takes provider preferences in the SDK's own types (price caps as strings, sort objects, performance, nulls)", async () => {
    const provider: ProviderPreferences = {
      order: ["e2e-zdr"],
      allowFallbacks: false,
      dataCollection: "deny",
      zdr: true,
      requireParameters: false,
      enforceDistillableText: false,
      ignore: null,
      quantizations: ["fp8"],
      maxPrice: { prompt: "5", completion: "5", request: "0", image: "0.01", audio: "0.01" },
      sort: { by: "throughput", partition: "none" },
      preferredMinThroughput: { p50: 10, p90: null },
      preferredMaxLatency: 2,
    };
    const result = (await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages: hello, provider },
    })) as ChatResult;
    expect(result.choices[0]?.message.content).toBe("Hello from e2e-zdr.");
    expect(t.h.mock.calls().map((c) => c.provider)).toEqual(["e2e-zdr"]);
    expect(t.h.mock.calls()[0]?.body).not.toHaveProperty("provider");
  });

  it("records the SDK's app title (X-OpenRouter-Title) and serves the generation in OpenRouter's shape", async () => {
    const result = (await sdk.chat.send({
      chatRequest: { model: "e2e/echo", messages: hello, provider: only("e2e-zdr") },
    })) as ChatResult;
    const { data } = await sdk.generations.getGeneration({ id: result.id });
    expect(data).toMatchObject({
      id: result.id,
      model: "e2e/echo",
      providerName: "E2E ZDR",
      isByok: false,
      appId: null,
      streamed: false,
      // Privet's one workspace, as /key and /keys name it.
      workspaceId: "default",
    });
    expect(data.nativeTokensCompletion).toBe(result.usage?.completionTokens);
    const raw = (await (await t.h.get(`/api/v1/generation?id=${result.id}`, t.key)).json()) as {
      data: { app_title: string };
    };
    expect(raw.data.app_title).toBe("SDK Contract");
  });
});

describe("@openrouter/sdk: catalog and account", () => {
  it("models.list, models.get and endpoints.list", async () => {
    const page = await sdk.models.list();
    const models = page.result.data;
    const echo = models.find((m) => m.id === "e2e/echo");
    expect(echo).toMatchObject({
      canonicalSlug: "e2e/echo",
      name: "E2E Echo",
      contextLength: 8192,
      architecture: { inputModalities: ["text"], outputModalities: ["text"] },
    });
    // Prices are plain decimals per token.
    expect(echo?.pricing.prompt).toBe("0.00000005");
    const one = await sdk.models.get({ author: "e2e", slug: "echo:free" });
    expect(one.data.id).toBe("e2e/echo:free");
    const endpoints = await sdk.endpoints.list({ author: "e2e", slug: "echo" });
    expect(endpoints.data.endpoints.map((e) => e.tag)).toEqual(expect.arrayContaining(["e2e-zdr", "e2e-anthropic"]));
  });

  it("the current key and the credits", async () => {
    const { data } = await sdk.apiKeys.getCurrentKeyMetadata();
    expect(data).toMatchObject({ limit: null, limitRemaining: null, isFreeTier: false, isManagementKey: false });
    expect(data.usage).toBeGreaterThan(0);
    const credits = await sdk.credits.getCredits();
    expect(credits.data.totalUsage).toBeGreaterThanOrEqual(data.usage);
    expect(credits.data.totalCredits).toBe(0);
  });

  it("an unknown model is the SDK's NotFound error", async () => {
    await expect(sdk.models.get({ author: "e2e", slug: "nope" })).rejects.toMatchObject({ statusCode: 404 });
  });
});
