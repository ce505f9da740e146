// The official `@anthropic-ai/sdk` (what Claude Code speaks) against Privet's /api/v1/messages, over
// the mock upstream: served by a Messages-API provider and by an OpenAI-compatible one, under the
// same privacy routing, receipts, records and error handling as chat.
import crypto from "node:crypto";
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { agentCatalog, contractHarness, refusalOf } from "@/tests/support/client-contract";
import { capturePrinted, findInFiles } from "@/tests/support/leak-scan";
import { MOCK_REDACTED_THINKING, MOCK_THOUGHT, mockSignature } from "@/scripts/mock-upstream/server";

const t = contractHarness({ catalog: agentCatalog });
const { calledProviders, recordOf } = t;

/** A client as Claude Code makes one: base URL without /v1, key in x-api-key, no retries. */
function clientFor(key: string, options: { bearer?: boolean } = {}) {
  return new Anthropic({
    baseURL: `${t.h.baseUrl}/api`,
    ...(options.bearer ? { apiKey: null, authToken: key } : { apiKey: key }),
    maxRetries: 0,
  });
}

const only = (slug: string) => ({ provider: { only: [slug] } }) as Record<string, unknown>;
/** The SDK's error for a request Privet refused. */
async function refusal(request: Promise<unknown>): Promise<APIError<number, Headers>> {
  const error = await refusalOf(APIError, request);
  if (error.status === undefined || error.headers === undefined) throw new Error("expected an HTTP error");
  return error as APIError<number, Headers>;
}

const WEATHER_TOOL: Anthropic.Tool = {
  name: "get_weather",
  description: "The weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe.each([
  { provider: "e2e-anthropic", api: "anthropic" },
  { provider: "e2e-retain", api: "openai" },
])("messages.create served by $provider ($api API)", ({ provider, api }) => {
  it("answers in Anthropic's message shape, with the receipt headers and one record of kind messages", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const { data, response } = await client.messages
      .create({
        model: "e2e/agent",
        max_tokens: 200,
        system: "be brief",
        messages: [{ role: "user", content: [{ type: "text", text: "say hello" }] }],
        ...only(provider),
      } as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(data.type).toBe("message");
    expect(data.role).toBe("assistant");
    expect(data.model).toBe("e2e/agent");
    expect(data.content).toEqual([{ type: "text", text: `Hello from ${provider}.` }]);
    expect(data.stop_reason).toBe("end_turn");
    expect(data.usage.output_tokens).toBe(3);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-privet-provider")).toBe(provider);
    expect(response.headers.get("x-privet-generation-id")).toBe(data.id);
    expect(response.headers.get("x-privet-content-stored")).toBe("no");
    expect(response.headers.get("x-privet-data-policy")).toBeTruthy();
    expect(calledProviders()).toEqual([provider]);
    const call = t.h.mock.calls()[0]!;
    expect(call.api).toBe(api);
    // The system prompt reached the provider in its own API's place; Privet's routing did not.
    if (api === "anthropic") expect(call.body).toMatchObject({ system: "be brief", max_tokens: 200 });
    else expect(call.body).toMatchObject({ messages: [{ role: "system", content: "be brief" }, { role: "user" }] });
    expect(call.body).not.toHaveProperty("provider");
    const record = await recordOf(data.id);
    expect(record).toMatchObject({ kind: "messages", providerSlug: provider, status: "success", completionTokens: 3 });
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("streams Anthropic's event types, which the SDK assembles into the final message", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider(provider, { reply: "one two three four" });
    const stream = clientFor(user.key).messages.stream({
      model: "e2e/agent",
      max_tokens: 200,
      messages: [{ role: "user", content: "count" }],
      ...only(provider),
    } as Anthropic.MessageStreamParams);
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    }
    const message = await stream.finalMessage();
    expect(text).toBe("one two three four");
    expect(message.content).toEqual([{ type: "text", text: "one two three four" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBe(4);
    expect(types[0]).toBe("message_start");
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(types).toContain("content_block_start");
    const record = await recordOf(message.id);
    expect(record).toMatchObject({ kind: "messages", streamed: true, status: "success", providerSlug: provider });
  });

  it("round-trips a tool call: tool_use out, tool_result back, then the answer (streamed and not)", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    t.h.mock.setProvider(provider, { toolCalls: true });
    const question: Anthropic.MessageParam = { role: "user", content: "weather in Paris?" };
    const first = await client.messages.create({
      model: "e2e/agent",
      max_tokens: 200,
      tools: [WEATHER_TOOL],
      tool_choice: { type: "auto" },
      messages: [question],
      ...only(provider),
    } as Anthropic.MessageCreateParamsNonStreaming);
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
    expect(use).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "Paris" } });
    // What the provider received: the tool in its own API's shape.
    const sent = t.h.mock.calls()[0]!.body as Record<string, unknown>;
    if (api === "anthropic") expect(sent.tools).toEqual([{ ...WEATHER_TOOL }]);
    else
      expect(sent.tools).toEqual([
        {
          type: "function",
          function: {
            name: "get_weather",
            description: WEATHER_TOOL.description,
            parameters: WEATHER_TOOL.input_schema,
          },
        },
      ]);

    t.h.mock.clearCalls();
    const stream = client.messages.stream({
      model: "e2e/agent",
      max_tokens: 200,
      tools: [WEATHER_TOOL],
      messages: [
        question,
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny, 21 C" }] },
      ],
      ...only(provider),
    } as Anthropic.MessageStreamParams);
    const second = await stream.finalMessage();
    expect(second.stop_reason).toBe("end_turn");
    expect(second.content).toEqual([{ type: "text", text: `Hello from ${provider}.` }]);
    const resent = t.h.mock.calls()[0]!.body as { messages: Record<string, unknown>[] };
    if (api === "anthropic") {
      expect(resent.messages[1]).toMatchObject({
        role: "assistant",
        content: [{ type: "tool_use", id: use.id, input: { city: "Paris" } }],
      });
      expect(resent.messages[2]).toMatchObject({
        role: "user",
        content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny, 21 C" }],
      });
    } else {
      expect(resent.messages[1]).toMatchObject({
        role: "assistant",
        tool_calls: [{ id: use.id, function: { name: "get_weather" } }],
      });
      expect(resent.messages[2]).toEqual({ role: "tool", tool_call_id: use.id, content: "sunny, 21 C" });
    }

    // A streamed tool call arrives as a tool_use block built from input_json_delta events.
    t.h.mock.clearCalls();
    const streamed = await client.messages
      .stream({
        model: "e2e/agent",
        max_tokens: 200,
        tools: [WEATHER_TOOL],
        messages: [question],
        ...only(provider),
      } as Anthropic.MessageStreamParams)
      .finalMessage();
    expect(streamed.stop_reason).toBe("tool_use");
    expect(streamed.content).toEqual([
      expect.objectContaining({ type: "tool_use", name: "get_weather", input: { city: "Paris" } }),
    ]);
  });

  it("returns the model's thinking as thinking blocks, streamed and not", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    // The mock's Messages API thinks when asked; its OpenAI-compatible one sends reasoning when told to.
    const thought = api === "anthropic" ? "Weighing the question before answering." : "Thinking it over.";
    if (api === "openai") t.h.mock.setProvider(provider, { reasoning: thought });
    const params = {
      model: "e2e/agent",
      max_tokens: 4000,
      thinking: { type: "enabled", budget_tokens: 2000 },
      messages: [{ role: "user", content: "think" }],
      ...only(provider),
    } as Anthropic.MessageCreateParamsNonStreaming;
    const message = await client.messages.create(params);
    expect(message.content[0]).toMatchObject({ type: "thinking", thinking: thought });
    expect(message.content[1]).toEqual({ type: "text", text: `Hello from ${provider}.` });
    if (api === "anthropic")
      expect(t.h.mock.calls()[0]!.body).toMatchObject({
        thinking: { type: "enabled", budget_tokens: 2000 },
        max_tokens: 4000,
      });

    const streamed = await client.messages.stream(params as Anthropic.MessageStreamParams).finalMessage();
    expect(streamed.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(streamed.content[0]).toMatchObject({ thinking: thought });
    const record = await recordOf(streamed.id);
    expect(record.reasoningTokens).toBeGreaterThan(0);
  });
});

describe.each([
  { provider: "e2e-anthropic", api: "anthropic" },
  { provider: "e2e-retain", api: "openai" },
])("thinking signatures, redacted thinking and tool errors, served by $provider ($api API)", ({ provider, api }) => {
  const signature = api === "anthropic" ? mockSignature(MOCK_THOUGHT) : mockSignature("Thinking it over.");
  const thought = api === "anthropic" ? MOCK_THOUGHT : "Thinking it over.";
  const setUp = () => {
    if (api === "anthropic") t.h.mock.setProvider(provider, { redactedThinking: true, toolCalls: true });
    else t.h.mock.setProvider(provider, { reasoning: thought, reasoningDetails: true, toolCalls: true });
  };
  const expected = [
    { type: "thinking", thinking: thought, signature },
    { type: "redacted_thinking", data: MOCK_REDACTED_THINKING },
  ];
  const params = {
    model: "e2e/agent",
    max_tokens: 4000,
    thinking: { type: "enabled", budget_tokens: 2000 },
    tools: [WEATHER_TOOL],
    messages: [{ role: "user", content: "weather in Paris?" }],
    ...only(provider),
  } as Anthropic.MessageCreateParamsNonStreaming;

  it("returns thinking with its signature and redacted thinking, streamed (signature_delta) and not", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    setUp();
    const message = await client.messages.create(params);
    expect(message.content.slice(0, 2)).toEqual(expected);
    expect(message.content[2]).toMatchObject({ type: "tool_use", name: "get_weather" });

    const stream = client.messages.stream(params as Anthropic.MessageStreamParams);
    const deltas: string[] = [];
    for await (const event of stream) if (event.type === "content_block_delta") deltas.push(event.delta.type);
    expect(deltas).toContain("signature_delta");
    const streamed = await stream.finalMessage();
    expect(streamed.content.slice(0, 2)).toEqual(expected);
  });

  it("sends thinking back with its signature and redacted thinking unchanged, and a tool's error as an error", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    setUp();
    const first = await client.messages.create(params);
    const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
    t.h.mock.clearCalls();
    const second = await client.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: "assistant", content: first.content },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: use.id, content: "city not found", is_error: true }],
        },
      ],
    });
    // The mock, like Anthropic, refuses a thinking block whose signature does not match.
    expect(second.stop_reason).toBe("end_turn");
    const sent = t.h.mock.calls()[0]!.body as { messages: Record<string, unknown>[] };
    if (api === "anthropic") {
      expect(sent.messages[1]).toMatchObject({
        role: "assistant",
        content: [...expected, { type: "tool_use", id: use.id }],
      });
      expect(sent.messages[2]).toEqual({
        role: "user",
        content: [{ type: "tool_result", tool_use_id: use.id, content: "city not found", is_error: true }],
      });
    } else {
      expect(sent.messages[1]).toMatchObject({
        role: "assistant",
        tool_calls: [{ id: use.id }],
        reasoning_details: [
          { type: "reasoning.text", text: thought, signature },
          { type: "reasoning.encrypted", data: MOCK_REDACTED_THINKING },
        ],
      });
      // OpenAI's API has no error flag: the model reads that the tool failed at the start of its result.
      expect(sent.messages[2]).toEqual({ role: "tool", tool_call_id: use.id, content: "Error: city not found" });
    }
  });
});

describe("privacy routing on /messages", () => {
  const ask = (key: string, extra: Record<string, unknown> = {}, options: { bearer?: boolean } = {}) =>
    clientFor(key, options)
      .messages.create({
        model: "e2e/agent",
        max_tokens: 100,
        messages: [{ role: "user", content: "hello" }],
        ...extra,
      } as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();

  it("never sends to a training provider by default; the cheapest allowed endpoint serves (bearer auth too)", async () => {
    const user = await t.h.createUser();
    const { response } = await ask(user.key, {}, { bearer: true });
    expect(response.headers.get("x-privet-provider")).toBe("e2e-retain");
    expect(calledProviders()).toEqual(["e2e-retain"]);
  });

  it("follows the account's training, ZDR and ignore settings", async () => {
    const trains = await t.h.createUser({ allowTrainingPaid: true });
    expect((await ask(trains.key)).response.headers.get("x-privet-provider")).toBe("e2e-trains");
    const zdr = await t.h.createUser({ zdrOnly: true });
    expect((await ask(zdr.key)).response.headers.get("x-privet-provider")).toBe("e2e-zdr");
    const ignoring = await t.h.createUser({ ignoredProviders: ["e2e-retain"] });
    expect((await ask(ignoring.key)).response.headers.get("x-privet-provider")).toBe("e2e-anthropic");
    expect(calledProviders()).toEqual(["e2e-trains", "e2e-zdr", "e2e-anthropic"]);
  });

  it("follows the request's provider.only and provider.zdr", async () => {
    const user = await t.h.createUser();
    expect((await ask(user.key, only("e2e-anthropic"))).response.headers.get("x-privet-provider")).toBe(
      "e2e-anthropic",
    );
    expect((await ask(user.key, { provider: { zdr: true } })).response.headers.get("x-privet-provider")).toBe(
      "e2e-zdr",
    );
  });

  it("refuses with Anthropic's 404 not_found_error, Privet's reasons attached, when the policy leaves nothing; nobody is called", async () => {
    const user = await t.h.createUser({ zdrOnly: true });
    const api = await refusal(ask(user.key, only("e2e-retain")));
    expect(api.status).toBe(404);
    const body = api.error as {
      type: string;
      error: { type: string; message: string; metadata: { excluded_by: { provider: string; step: string }[] } };
    };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("not_found_error");
    expect(body.error.message).toMatch(/^No endpoints found matching your data policy/);
    expect(body.error.metadata.excluded_by.map((e) => e.provider)).toContain("e2e-retain");
    expect(api.headers.get("x-privet-generation-id")).toMatch(/^gen-/);
    expect(calledProviders()).toEqual([]);
    const record = await recordOf(api.headers.get("x-privet-generation-id")!);
    expect(record).toMatchObject({ kind: "messages", httpStatus: 404, status: "error" });
  });

  it("falls back to the next eligible endpoint when a provider fails, across the two APIs", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { failure: "500" });
    const { data, response } = await ask(user.key);
    expect(response.headers.get("x-privet-provider")).toBe("e2e-anthropic");
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-anthropic"]);
    const record = await recordOf(data.id);
    expect(
      JSON.parse(record.attempts).map((a: { provider: string; status: number }) => [a.provider, a.status]),
    ).toEqual([
      ["e2e-retain", 500],
      ["e2e-anthropic", 200],
    ]);
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("ends a stream that breaks after it started with Anthropic's error event, which the SDK raises", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { reply: "one two three four five six", failure: "drop" });
    const stream = clientFor(user.key).messages.stream({
      model: "e2e/agent",
      max_tokens: 100,
      messages: [{ role: "user", content: "count" }],
    });
    let text = "";
    stream.on("text", (piece) => (text += piece));
    const error = await stream.finalMessage().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(text).toBe("one two");
    // Committed to the first provider once its first words arrived: no fallback mid-stream.
    expect(calledProviders()).toEqual(["e2e-retain"]);
    await t.h.flush();
    const [record] = await t.h.db.generation.findMany({ where: { userId: user.id } });
    expect(record).toMatchObject({ kind: "messages", status: "error", streamed: true });
  });

  it("a client that stops reading cancels the call: the record says cancelled", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-anthropic", { reply: "one two three four five six seven eight", tokensPerSecond: 10 });
    const controller = new AbortController();
    const stream = clientFor(user.key).messages.stream(
      {
        model: "e2e/agent",
        max_tokens: 100,
        messages: [{ role: "user", content: "count" }],
        ...only("e2e-anthropic"),
      } as Anthropic.MessageStreamParams,
      { signal: controller.signal },
    );
    let id = "";
    const read = (async () => {
      for await (const event of stream) {
        if (event.type === "message_start") id = event.message.id;
        if (event.type === "content_block_delta") controller.abort();
      }
    })().catch(() => undefined);
    await read;
    expect(id).toMatch(/^gen-/);
    let status = "";
    for (let i = 0; i < 250 && status !== "cancelled"; i++) {
      await t.h.flush();
      status = (await t.h.db.generation.findUnique({ where: { id } }))?.status ?? "";
      if (status !== "cancelled") await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe("cancelled");
    expect(await t.h.db.generation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      kind: "messages",
      cancelled: true,
    });
  });

  it("answers auth failures and invalid requests in Anthropic's error shape, each invalid request recorded", async () => {
    const noKey = await fetch(`${t.h.baseUrl}/api/v1/messages`, { method: "POST", body: "{}" });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });

    const user = await t.h.createUser();
    const bad = await refusal(ask(user.key, { max_tokens: 0 }));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: "Invalid request: max_tokens: must be at least 1" },
    });
    const serverTool = await refusal(ask(user.key, { tools: [{ type: "web_search_20250305", name: "web_search" }] }));
    expect(serverTool.status).toBe(400);
    expect((serverTool.error as { error: { message: string } }).error.message).toMatch(
      /^Invalid request: tools\[0\]\.type/,
    );
    expect(calledProviders()).toEqual([]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "messages", httpStatus: 400 } })).toBe(2);
  });
});

describe("messages.countTokens", () => {
  const count = (key: string, extra: Record<string, unknown> = {}) =>
    clientFor(key)
      .messages.countTokens({
        model: "e2e/agent",
        system: "be brief",
        tools: [WEATHER_TOOL],
        messages: [{ role: "user", content: "count these five words please" }],
        ...extra,
      } as Anthropic.MessageCountTokensParams)
      .withResponse();

  it("is Privet's estimate, sent to no provider, even when a Messages-API provider is eligible", async () => {
    const user = await t.h.createUser();
    for (const extra of [only("e2e-anthropic"), {}]) {
      const { data, response } = await count(user.key, extra);
      expect(data.input_tokens).toBeGreaterThan(0);
      expect(response.headers.get("x-privet-token-count")).toBe("estimate");
      expect(response.headers.get("x-privet-content-stored")).toBe("no");
      expect(response.headers.get("x-privet-provider")).toBeNull();
    }
    // The estimate grows with the prompt: a count a client can budget with.
    const small = (await count(user.key)).data.input_tokens;
    const large = (await count(user.key, { messages: [{ role: "user", content: "word ".repeat(400) }] })).data
      .input_tokens;
    expect(large).toBeGreaterThan(small + 300);
    expect(calledProviders()).toEqual([]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is refused as /messages would be: nothing eligible is Anthropic's 404; bad input is a 400", async () => {
    const zdr = await t.h.createUser({ zdrOnly: true });
    const error = await refusal(count(zdr.key, only("e2e-anthropic")));
    expect(error.status).toBe(404);
    expect(error.error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const user = await t.h.createUser();
    const bad = await refusal(count(user.key, { messages: [] }));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(calledProviders()).toEqual([]);
  });

  it("stores and logs nothing of the input", async () => {
    const user = await t.h.createUser({ promptLogging: true });
    const marker = `PVTCOUNT${crypto.randomBytes(6).toString("hex")}`;
    const printed = capturePrinted();
    try {
      await count(user.key, { ...only("e2e-anthropic"), messages: [{ role: "user", content: marker }] });
      await count(user.key, { messages: [{ role: "user", content: marker }] });
    } finally {
      printed.restore();
    }
    expect(findInFiles(marker, await t.dataFiles())).toEqual([]);
    expect(printed.text()).not.toContain(marker);
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("for an account without prompt logging", () => {
  it("no message text, tool input or result is in a data file, an error body or a printed line", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const marker = (what: string) => `PVTMSG${what}${crypto.randomBytes(6).toString("hex")}`;
    const markers = {
      prompt: marker("PROMPT"),
      system: marker("SYSTEM"),
      result: marker("RESULT"),
      refused: marker("REFUSED"),
    };
    const printed = capturePrinted();
    const errors: string[] = [];
    try {
      // The provider echoes the last user text: the answers carry markers too.
      t.h.mock.setProvider("e2e-retain", { reply: "echo" });
      const answer = await client.messages.create({
        model: "e2e/agent",
        max_tokens: 100,
        system: markers.system,
        tools: [WEATHER_TOOL],
        messages: [
          { role: "user", content: markers.prompt },
          {
            role: "assistant",
            content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: markers.prompt } }],
          },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: markers.result }] },
        ],
      });
      expect(JSON.stringify(answer.content)).toContain(markers.prompt);
      const streamed = await client.messages
        .stream({ model: "e2e/agent", max_tokens: 100, messages: [{ role: "user", content: markers.prompt }] })
        .finalMessage();
      expect(JSON.stringify(streamed.content)).toContain(markers.prompt);
      // A refusal and a failure of every provider, carrying markers too.
      for (const extra of [only("e2e-nowhere"), { max_tokens: -1 }]) {
        const error = await refusal(
          client.messages.create({
            model: "e2e/agent",
            max_tokens: 100,
            messages: [{ role: "user", content: markers.refused }],
            ...extra,
          } as Anthropic.MessageCreateParamsNonStreaming),
        );
        errors.push(JSON.stringify(error.error));
      }
    } finally {
      printed.restore();
    }
    const files = await t.dataFiles();
    // The records were written (a control that must be found), without their content.
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "messages" } })).toBe(4);
    expect(findInFiles(user.id, files).length).toBeGreaterThan(0);
    expect(await t.h.db.generationContent.count({ where: { userId: user.id } })).toBe(0);
    for (const m of Object.values(markers)) {
      expect(findInFiles(m, files), `${m}: data files`).toEqual([]);
      for (const text of errors) expect(text).not.toContain(m);
      expect(printed.text()).not.toContain(m);
    }
  });
});
