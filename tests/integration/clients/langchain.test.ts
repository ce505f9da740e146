// LangChain's ChatOpenAI (@langchain/openai), unchanged, pointed at Privet, on both upstream APIs:
// invoke, stream, and a tool-call round trip with bound tools.
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, ToolMessage, type AIMessageChunk } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { MOCK_TOOL_ARGUMENTS } from "@/scripts/mock-upstream/server";
import { sharedHarness } from "@/tests/support/harness";

const t = sharedHarness();

const weatherTool = {
  type: "function" as const,
  function: {
    name: "weather",
    description: "the weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } } },
  },
};

describe.each([
  { api: "openai", slug: "e2e-zdr" },
  { api: "anthropic", slug: "e2e-anthropic" },
])("@langchain/openai through the $api adapter", ({ slug }) => {
  const chat = (streaming = false) =>
    new ChatOpenAI({
      model: "e2e/echo",
      apiKey: t.key,
      configuration: { baseURL: `${t.h.baseUrl}/api/v1`, defaultHeaders: { "X-Title": "LangChain Contract" } },
      modelKwargs: { provider: { only: [slug] } },
      maxRetries: 0,
      streaming,
    });

  it("invoke", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const answer = await chat().invoke([new HumanMessage("say hello")]);
    expect(answer.content).toBe("one two three");
    expect(answer.usage_metadata).toMatchObject({ output_tokens: 3 });
    expect(t.h.mock.calls().map((c) => c.provider)).toEqual([slug]);
  });

  it("stream", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    let text = "";
    for await (const chunk of await chat(true).stream([new HumanMessage("say hello")])) text += String(chunk.content);
    expect(text).toBe("one two three");
  });

  it("a tool-call round trip, streamed and not", async () => {
    t.h.mock.setProvider(slug, { toolCalls: true, reply: "It is sunny." });
    const model = chat().bindTools([weatherTool]);
    const ask = [new HumanMessage("weather?")];
    const call = await model.invoke(ask);
    expect(call.tool_calls?.[0]).toMatchObject({ name: "weather", args: JSON.parse(MOCK_TOOL_ARGUMENTS) });
    const answer = await model.invoke([
      ...ask,
      call,
      new ToolMessage({ tool_call_id: call.tool_calls![0]!.id!, content: "sunny" }),
    ]);
    expect(answer.content).toBe("It is sunny.");

    let merged: AIMessageChunk | undefined;
    for await (const chunk of await chat(true).bindTools([weatherTool]).stream(ask))
      merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.tool_calls?.[0]).toMatchObject({ name: "weather", args: JSON.parse(MOCK_TOOL_ARGUMENTS) });
  });
});
