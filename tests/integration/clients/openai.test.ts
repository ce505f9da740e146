// The `openai` client, unchanged, on both upstream APIs (tests/integration/openai-sdk.test.ts covers
// the rest of what it does against Privet): completions streamed and not, and a tool-call round trip.
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { MOCK_TOOL_ARGUMENTS } from "@/scripts/mock-upstream/server";
import { sharedHarness } from "@/tests/support/harness";

const t = sharedHarness();
let client: OpenAI;

beforeAll(() => {
  client = new OpenAI({ baseURL: `${t.h.baseUrl}/api/v1`, apiKey: t.key, maxRetries: 0 });
});

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: "function",
    function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
  },
];
type TParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

describe.each([
  { api: "openai", slug: "e2e-zdr" },
  { api: "anthropic", slug: "e2e-anthropic" },
])("openai through the $api adapter", ({ slug }) => {
  const params = (extra: Partial<TParams> = {}) =>
    ({
      model: "e2e/echo",
      messages: [{ role: "user", content: "weather?" }],
      provider: { only: [slug] },
      ...extra,
    }) as TParams;

  it("a completion, streamed and not", async () => {
    t.h.mock.setProvider(slug, { reply: "one two three" });
    const completion = await client.chat.completions.create(params());
    expect(completion.choices[0]?.message.content).toBe("one two three");
    expect(completion.system_fingerprint).toBeNull();
    let text = "";
    for await (const chunk of await client.chat.completions.create({ ...params(), stream: true }))
      text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("one two three");
  });

  it("a tool-call round trip, streamed and not", async () => {
    t.h.mock.setProvider(slug, { toolCalls: true, reply: "It is sunny." });
    const first = await client.chat.completions.create(params({ tools }));
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call).toMatchObject({ type: "function", function: { name: "weather", arguments: MOCK_TOOL_ARGUMENTS } });
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: "user", content: "weather?" },
      first.choices[0]!.message,
      { role: "tool", tool_call_id: call!.id, content: "sunny" },
    ];
    const second = await client.chat.completions.create(params({ tools, messages }));
    expect(second.choices[0]?.message.content).toBe("It is sunny.");

    const runner = client.chat.completions.stream({ ...params({ tools }), stream: true });
    const streamed = await runner.finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: "weather", arguments: MOCK_TOOL_ARGUMENTS },
    });
  });
});
