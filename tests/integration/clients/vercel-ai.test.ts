// The Vercel AI SDK (`ai`) with OpenRouter's provider (@openrouter/ai-sdk-provider), unchanged,
// against Privet over the mock upstream, on both upstream APIs: text, streaming, a tool-call round
// trip (the SDK runs the tool and sends its result back), reasoning.
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { beforeAll, describe, expect, it } from "vitest";
import {
  MOCK_REDACTED_THINKING,
  MOCK_THOUGHT,
  MOCK_TOOL_ARGUMENTS,
  mockSignature,
} from "@/scripts/mock-upstream/server";
import { sharedHarness } from "@/tests/support/harness";

const t = sharedHarness();
let openrouter: ReturnType<typeof createOpenRouter>;

beforeAll(() => {
  openrouter = createOpenRouter({
    apiKey: t.key,
    baseURL: `${t.h.baseUrl}/api/v1`,
    compatibility: "strict",
    appName: "Vercel Contract",
  });
});

const weather = tool({
  description: "the weather in a city",
  inputSchema: jsonSchema<{ city: string }>({
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  }),
  execute: async ({ city }) => `sunny in ${city}`,
});

describe.each([
  { api: "openai", slug: "e2e-zdr" },
  { api: "anthropic", slug: "e2e-anthropic" },
])("ai + @openrouter/ai-sdk-provider through the $api adapter", ({ slug }) => {
  const model = () => openrouter.chat("e2e/echo", { provider: { only: [slug] } });

  it("generateText", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const result = await generateText({ model: model(), prompt: "say hello", maxRetries: 0 });
    expect(result.text).toBe("one two three");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.outputTokens).toBe(3);
    expect(t.h.mock.calls().map((c) => c.provider)).toEqual([slug]);
  });

  it("streamText", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const result = streamText({ model: model(), prompt: "say hello", maxRetries: 0 });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("one two three");
    expect((await result.usage).outputTokens).toBe(3);
  });

  it("a tool-call round trip, streamed and not", async () => {
    t.h.mock.setProvider(slug, { toolCalls: true, reply: "It is sunny." });
    const result = await generateText({
      model: model(),
      prompt: "weather?",
      tools: { weather },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: "weather",
      input: JSON.parse(MOCK_TOOL_ARGUMENTS),
    });
    expect(result.text).toBe("It is sunny.");
    // The second request carried the tool's result back.
    expect(JSON.stringify(t.h.mock.calls()[1]?.body)).toContain("sunny in Paris");

    const streamed = streamText({
      model: model(),
      prompt: "weather?",
      tools: { weather },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toBe("It is sunny.");
    expect((await streamed.steps)[0]?.toolCalls[0]?.toolName).toBe("weather");
  });
});

it("reasoning from a Messages-API provider", async () => {
  const model = openrouter.chat("e2e/echo", { provider: { only: ["e2e-anthropic"] }, reasoning: { effort: "high" } });
  const result = await generateText({ model, prompt: "think", maxOutputTokens: 5000, maxRetries: 0 });
  expect(result.reasoningText).toBe(MOCK_THOUGHT);
  const streamed = streamText({ model, prompt: "think", maxOutputTokens: 5000, maxRetries: 0 });
  await streamed.consumeStream();
  expect(await streamed.reasoningText).toBe(MOCK_THOUGHT);
});

it("a tool loop while reasoning on a Messages-API provider: the SDK returns the signed thinking, so the loop keeps thinking", async () => {
  t.h.mock.setProvider("e2e-anthropic", { toolCalls: true, reply: "It is sunny.", redactedThinking: true });
  const model = openrouter.chat("e2e/echo", { provider: { only: ["e2e-anthropic"] }, reasoning: { effort: "high" } });
  const thought = { type: "thinking", thinking: MOCK_THOUGHT, signature: mockSignature(MOCK_THOUGHT) };
  const redacted = { type: "redacted_thinking", data: MOCK_REDACTED_THINKING };
  for (const isStreamed of [false, true]) {
    t.h.mock.clearCalls();
    const ask = { model, prompt: "weather?", tools: { weather }, stopWhen: stepCountIs(2), maxOutputTokens: 5000 };
    const text = isStreamed
      ? await streamText({ ...ask, maxRetries: 0 }).text
      : (await generateText({ ...ask, maxRetries: 0 })).text;
    expect(text).toBe("It is sunny.");
    // The mock refuses a tool result while thinking unless the turn starts with its signed thinking.
    const second = t.h.mock.calls()[1]?.body as { thinking?: unknown; messages: { content: unknown }[] };
    expect(second.thinking).toMatchObject({ type: "enabled" });
    expect(second.messages[1]?.content).toEqual([thought, redacted, expect.objectContaining({ type: "tool_use" })]);
  }
});
