import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MOCK_THOUGHT, startMockUpstream, type TMockUpstream } from "@/scripts/mock-upstream/server";
import {
  anthropicAdapter,
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  ANTHROPIC_MIN_THINKING_BUDGET,
  EFFORT_SHARE,
} from "./anthropic";
import { AdapterRequestError, adapterFor, UpstreamFormatError } from "./index";
import { chunksOf, contentOf, parseInPieces, parseStream, send } from "./test-helpers";
import type { TChatRequest } from "./types";

let mock: TMockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.clearCalls();
});

const build = (body: TChatRequest, stream = false, apiKey: string | null = "ak-up", endUser: string | null = null) =>
  anthropicAdapter.buildRequest({
    baseUrl: `${mock.url}/anthro/v1`,
    apiKey,
    upstreamModel: "claude-up",
    body,
    stream,
    endUser,
  });
const sent = (body: TChatRequest, stream = false, endUser: string | null = null) =>
  JSON.parse(build(body, stream, "ak-up", endUser).body);

const simple: TChatRequest = {
  model: "anthropic/claude",
  messages: [
    { role: "system", content: "be kind" },
    { role: "user", content: "tell me a joke" },
  ],
};

describe("anthropic buildRequest", () => {
  it("targets /messages with Anthropic's headers", () => {
    const req = build(simple);
    expect(req.url).toBe(`${mock.url}/anthro/v1/messages`);
    expect(req.headers).toEqual({
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
      "x-api-key": "ak-up",
    });
    expect(build(simple, true, null).headers).toEqual({
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
      accept: "text/event-stream",
    });
    expect(adapterFor("anthropic")).toBe(anthropicAdapter);
  });

  it("moves system and developer messages to system and defaults max_tokens", () => {
    const out = sent({
      messages: [
        { role: "system", content: "rule one" },
        { role: "user", content: "hi" },
        { role: "developer", content: [{ type: "text", text: "rule two" }] },
      ],
    });
    expect(out).toEqual({
      model: "claude-up",
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      system: "rule one\n\nrule two",
      messages: [{ role: "user", content: "hi" }],
    });
  });

  it("keeps cache_control by sending system as blocks", () => {
    const out = sent({
      messages: [
        { role: "system", content: [{ type: "text", text: "long context", cache_control: { type: "ephemeral" } }] },
        { role: "user", content: [{ type: "text", text: "q", cache_control: { type: "ephemeral" } }] },
      ],
    });
    expect(out.system).toEqual([{ type: "text", text: "long context", cache_control: { type: "ephemeral" } }]);
    expect(out.messages[0].content).toEqual([{ type: "text", text: "q", cache_control: { type: "ephemeral" } }]);
  });

  it("translates sampling parameters, limits, stop and the hashed end user (never the client's user value)", () => {
    const out = sent(
      {
        ...simple,
        temperature: 1.7,
        top_p: 0.9,
        top_k: 20,
        max_tokens: 50,
        max_completion_tokens: 70,
        stop: "END",
        user: "end-user",
        seed: 1,
        presence_penalty: 1,
        response_format: { type: "text" },
      },
      false,
      "user-hashed",
    );
    expect(out).toMatchObject({
      temperature: 1,
      top_p: 0.9,
      top_k: 20,
      max_tokens: 70,
      stop_sequences: ["END"],
      metadata: { user_id: "user-hashed" },
    });
    expect(JSON.stringify(out)).not.toContain("end-user");
    expect(sent({ ...simple, user: "end-user" })).not.toHaveProperty("metadata");
    for (const dropped of ["seed", "presence_penalty", "response_format", "user", "stop", "max_completion_tokens"]) {
      expect(out).not.toHaveProperty(dropped);
    }
    expect(sent({ ...simple, stop: ["a", "b"], max_tokens: 9 })).toMatchObject({
      stop_sequences: ["a", "b"],
      max_tokens: 9,
    });
  });

  it("refuses JSON mode, a JSON schema and log probabilities rather than answer without them", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ response_format: { type: "json_object" } }, "response_format"],
      [{ response_format: { type: "json_schema", json_schema: { name: "n", schema: {} } } }, "response_format"],
      [{ logprobs: true }, "logprobs"],
      [{ top_logprobs: 2 }, "top_logprobs"],
    ];
    for (const [extra, field] of cases) {
      expect(() => sent({ ...simple, ...extra } as TChatRequest)).toThrow(
        expect.objectContaining({ name: "AdapterRequestError", field }),
      );
    }
    expect(sent({ ...simple, logprobs: false })).not.toHaveProperty("logprobs");
  });

  it("translates tools, tool choice, tool calls and tool results", () => {
    const out = sent({
      messages: [
        { role: "user", content: "weather in Oslo and Rome?" },
        {
          role: "assistant",
          content: "Let me look.",
          tool_calls: [
            { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
            { id: "toolu_2", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: "tool", tool_call_id: "toolu_1", content: "rain" },
        { role: "tool", tool_call_id: "toolu_2", content: [{ type: "text", text: "sun" }] },
        { role: "user", content: "thanks" },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "weather",
            description: "Weather by city",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        },
        { type: "function", function: { name: "noop" } },
      ],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(out.tools).toEqual([
      {
        name: "weather",
        description: "Weather by city",
        input_schema: { type: "object", properties: { city: { type: "string" } } },
      },
      { name: "noop", input_schema: { type: "object", properties: {} } },
    ]);
    expect(out.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
    expect(out.messages).toEqual([
      { role: "user", content: "weather in Oslo and Rome?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me look." },
          { type: "tool_use", id: "toolu_1", name: "weather", input: { city: "Oslo" } },
          { type: "tool_use", id: "toolu_2", name: "weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "rain" },
          { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "sun" }] },
          { type: "text", text: "thanks" },
        ],
      },
    ]);
  });

  it("maps every tool_choice form", () => {
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    expect(sent({ ...simple, tools, tool_choice: "auto" }).tool_choice).toEqual({ type: "auto" });
    expect(sent({ ...simple, tools, tool_choice: "none" }).tool_choice).toEqual({ type: "none" });
    expect(sent({ ...simple, tools, tool_choice: { type: "function", function: { name: "f" } } }).tool_choice).toEqual({
      type: "tool",
      name: "f",
    });
    expect(sent({ ...simple, tools }).tool_choice).toBeUndefined();
    // Anthropic refuses tool_choice without tools.
    expect(sent({ ...simple, tool_choice: "required" }).tool_choice).toBeUndefined();
  });

  it("translates images given as data URLs or URLs, and PDFs", () => {
    const out = sent({
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0=" } },
          ],
        },
      ],
    });
    expect(out.messages[0].content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" }, title: "a.pdf" },
    ]);
  });

  it("names a PDF by its filename in the document's title: none without one, at most 500 characters", () => {
    const pdf = "data:application/pdf;base64,JVBERi0=";
    const long = "é".repeat(498) + "👩‍👩‍👧.pdf";
    const out = sent({
      messages: [
        {
          role: "user",
          content: [
            { type: "file", file: { file_data: pdf } },
            { type: "file", file: { filename: "", file_data: pdf } },
            { type: "file", file: { filename: "Q4 report.pdf", file_data: pdf } },
            { type: "file", file: { filename: long, file_data: pdf } },
          ],
        },
      ],
    });
    const titles = (out.messages[0].content as { title?: string }[]).map((block) => block.title);
    expect(titles.slice(0, 3)).toEqual([undefined, undefined, "Q4 report.pdf"]);
    expect(Array.from(titles[3] ?? "")).toEqual(Array.from(long).slice(0, 500));
    // Left out, not sent empty or null: Anthropic takes a title of at least one character.
    expect(out.messages[0].content.slice(0, 2).map((block: object) => "title" in block)).toEqual([false, false]);
  });

  it("refuses what Anthropic cannot take, naming the field and never the content", () => {
    const secret = "my secret words";
    const cases: [TChatRequest, string][] = [
      [
        {
          messages: [
            { role: "user", content: [{ type: "input_audio", input_audio: { data: secret, format: "wav" } }] },
          ],
        },
        "messages[0].content[0]",
      ],
      [
        { messages: [{ role: "user", content: [{ type: "file", file: { file_id: secret } }] }] },
        "messages[0].content[0]",
      ],
      [
        {
          messages: [
            { role: "user", content: "x" },
            {
              role: "assistant",
              tool_calls: [{ id: "1", type: "function", function: { name: "f", arguments: secret } }],
            },
          ],
        },
        "messages[1].tool_calls[0].function.arguments",
      ],
      [
        { messages: [{ role: "system", content: [{ type: "image_url", image_url: { url: secret } }] as never }] },
        "messages[0].content[0]",
      ],
      [{ messages: [{ role: "system", content: secret }] }, "messages"],
    ];
    for (const [body, field] of cases) {
      let error: unknown;
      try {
        build(body);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AdapterRequestError);
      expect((error as AdapterRequestError).field).toBe(field);
      expect((error as Error).message).not.toContain("secret");
    }
  });
});

describe("anthropic round trip through the mock upstream", () => {
  it("non-streaming: answer translated to a chat completion with usage", async () => {
    mock.setProvider("anthro", { reply: "echo" });
    const res = await send(build(simple));
    expect(res.status).toBe(200);
    const c = anthropicAdapter.parseResponse(await res.json());
    // Privet writes the envelope: the upstream's id and model never come back from the adapter.
    expect(c).toMatchObject({
      object: "chat.completion",
      id: "",
      model: "",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "tell me a joke" },
          finish_reason: "stop",
          native_finish_reason: "end_turn",
        },
      ],
      // "be kind" (2) is counted: the system prompt arrived as Anthropic's `system`.
      usage: {
        prompt_tokens: 2 + 4,
        completion_tokens: 4,
        total_tokens: 10,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(mock.calls()[0]).toMatchObject({
      api: "anthropic",
      model: "claude-up",
      headers: { "x-api-key": "ak-up", "anthropic-version": "2023-06-01" },
      body: { system: "be kind", max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS },
    });
  });

  it("maps max_tokens to finish_reason length", async () => {
    const c = anthropicAdapter.parseResponse(await (await send(build({ ...simple, max_tokens: 1 }))).json());
    expect(c.choices[0]).toMatchObject({
      message: { content: "Hello" },
      finish_reason: "length",
      native_finish_reason: "max_tokens",
    });
  });

  it("streaming: OpenAI chunks, a finish chunk, a usage chunk, then done", async () => {
    mock.setProvider("anthro", { reply: "echo" });
    const events = await parseStream(await send(build(simple, true)), anthropicAdapter.createStreamParser());
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(events.at(-1)).toEqual({ type: "done" });
    expect(contentOf(events)).toBe("tell me a joke");
    const chunks = chunksOf(events);
    expect(chunks[0]).toMatchObject({
      object: "chat.completion.chunk",
      model: "",
      choices: [{ delta: { role: "assistant", content: "" } }],
    });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.at(-2)?.choices[0]).toMatchObject({
      delta: {},
      finish_reason: "stop",
      native_finish_reason: "end_turn",
    });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 },
    });
    expect(mock.calls()[0]).toMatchObject({ stream: true, body: { stream: true } });
  });

  it("streaming: any split of the upstream's bytes gives the same chunks", async () => {
    mock.setProvider("anthro", { reply: 'ünïcödé 😀 "quoted" words\nover lines' });
    const text = await (await send(build(simple, true))).text();
    const strip = (events: ReturnType<typeof parseInPieces>) =>
      events.map((e) => (e.type === "chunk" ? { ...e, chunk: { ...e.chunk, created: 0 } } : e));
    const reference = strip(parseInPieces(text, anthropicAdapter.createStreamParser(), [text.length]));
    expect(reference.at(-1)).toEqual({ type: "done" });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        expect(strip(parseInPieces(text, anthropicAdapter.createStreamParser(), sizes))).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it("malformed SSE yields an error event", async () => {
    mock.setProvider("anthro", { failure: "malformed" });
    const events = await parseStream(await send(build(simple, true)), anthropicAdapter.createStreamParser());
    expect(events).toContainEqual({ type: "error", message: "upstream sent a stream event that is not valid JSON" });
  });

  it("no-done: without message_stop the parser yields no done (and no usage chunk)", async () => {
    mock.setProvider("anthro", { failure: "no-done" });
    const events = await parseStream(await send(build(simple, true)), anthropicAdapter.createStreamParser());
    expect(events.some((e) => e.type === "done")).toBe(false);
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(chunksOf(events).at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });
});

describe("anthropic parseResponse", () => {
  it("translates tool use, thinking, cache tokens and stop reasons", () => {
    const c = anthropicAdapter.parseResponse({
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-x",
      content: [
        { type: "thinking", thinking: "hmm", signature: "sig" },
        { type: "text", text: "Checking." },
        { type: "tool_use", id: "toolu_1", name: "weather", input: { city: "Oslo" } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 20, output_tokens: 7 },
    });
    expect(c).toMatchObject({
      id: "",
      model: "",
      choices: [
        {
          message: {
            role: "assistant",
            content: "Checking.",
            reasoning: "hmm",
            tool_calls: [
              { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
            ],
          },
          finish_reason: "tool_calls",
          native_finish_reason: "tool_use",
        },
      ],
      usage: {
        prompt_tokens: 35,
        completion_tokens: 7,
        total_tokens: 42,
        prompt_tokens_details: { cached_tokens: 20, cache_write_tokens: 5 },
      },
    });
    const onlyTool = anthropicAdapter.parseResponse({
      content: [{ type: "tool_use", id: "t", name: "f", input: {} }],
      stop_reason: "tool_use",
    });
    expect(onlyTool.choices[0]?.message.content).toBeNull();
    for (const [native, mapped] of [
      ["end_turn", "stop"],
      ["stop_sequence", "stop"],
      ["max_tokens", "length"],
      ["refusal", "content_filter"],
    ]) {
      expect(anthropicAdapter.parseResponse({ content: [], stop_reason: native }).choices[0]?.finish_reason).toBe(
        mapped,
      );
    }
  });

  it("rejects error objects and bad shapes without quoting them", () => {
    const secret = "prompt words here";
    const bad: unknown[] = [
      null,
      { type: "error", error: { type: "overloaded_error", message: secret } },
      { content: "x" },
      { content: [{ type: "text" }] },
      { content: [{ type: "tool_use", input: {} }] },
    ];
    for (const json of bad) {
      expect(() => anthropicAdapter.parseResponse(json)).toThrow(UpstreamFormatError);
      try {
        anthropicAdapter.parseResponse(json);
      } catch (e) {
        expect((e as Error).message).not.toContain(secret);
      }
    }
    expect(() => anthropicAdapter.parseResponse(bad[1])).toThrow(
      "upstream response is an error object (overloaded_error)",
    );
  });
});

describe("anthropic stream parser", () => {
  const frame = (data: unknown) => `event: ${(data as { type: string }).type}\ndata: ${JSON.stringify(data)}\n\n`;

  it("turns tool_use blocks into indexed tool_call deltas", () => {
    const p = anthropicAdapter.createStreamParser();
    const events = p.push(
      [
        {
          type: "message_start",
          message: { id: "msg_9", model: "claude-x", usage: { input_tokens: 12, output_tokens: 1 } },
        },
        { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Let me check." } },
        { type: "content_block_stop", index: 0 },
        {
          type: "content_block_start",
          index: 1,
          content_block: { type: "tool_use", id: "toolu_a", name: "weather", input: {} },
        },
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"city":' } },
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"Oslo"}' } },
        { type: "content_block_stop", index: 1 },
        {
          type: "content_block_start",
          index: 2,
          content_block: { type: "tool_use", id: "toolu_b", name: "time", input: {} },
        },
        { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "{}" } },
        {
          type: "message_delta",
          delta: { stop_reason: "tool_use", stop_sequence: null },
          usage: { output_tokens: 30 },
        },
        { type: "message_stop" },
      ]
        .map(frame)
        .join(""),
    );
    const deltas = chunksOf(events).map((c) => c.choices[0]?.delta);
    expect(deltas).toEqual([
      { role: "assistant", content: "" },
      { content: "Let me check." },
      { tool_calls: [{ index: 0, id: "toolu_a", type: "function", function: { name: "weather", arguments: "" } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] },
      { tool_calls: [{ index: 1, id: "toolu_b", type: "function", function: { name: "time", arguments: "" } }] },
      { tool_calls: [{ index: 1, function: { arguments: "{}" } }] },
      {},
      undefined,
    ]);
    expect(chunksOf(events).at(-2)?.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      native_finish_reason: "tool_use",
    });
    expect(chunksOf(events).at(-1)?.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 30,
      total_tokens: 42,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(events.at(-1)).toEqual({ type: "done" });
  });

  it("reports an error event with its type only, and events before message_start", () => {
    const p = anthropicAdapter.createStreamParser();
    expect(p.push(frame({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "x" } }))).toEqual([
      { type: "error", message: "upstream stream event arrived before message_start" },
    ]);
    expect(p.push(frame({ type: "error", error: { type: "overloaded_error", message: "secret prompt" } }))).toEqual([
      { type: "error", message: "upstream stream reported an error (overloaded_error)" },
    ]);
    // Pings and event types this code does not know are skipped.
    expect(p.push(frame({ type: "ping" }) + frame({ type: "future_event" }))).toEqual([]);
  });

  it("forwards thinking as reasoning deltas, with its signature and redacted thinking as OpenRouter's reasoning details", () => {
    const p = anthropicAdapter.createStreamParser();
    const events = p.push(
      [
        { type: "message_start", message: { id: "m", model: "c", usage: { input_tokens: 1 } } },
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "pondering" } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "abc" } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: "opaque" } },
        { type: "content_block_stop", index: 1 },
        { type: "content_block_start", index: 2, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: "Done." } },
      ]
        .map(frame)
        .join(""),
    );
    const format = "anthropic-claude-v1";
    expect(chunksOf(events).map((c) => c.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      {
        reasoning: "pondering",
        reasoning_details: [{ type: "reasoning.text", text: "pondering", format, index: 0 }],
      },
      { reasoning_details: [{ type: "reasoning.text", signature: "abc", format, index: 0 }] },
      { reasoning_details: [{ type: "reasoning.encrypted", data: "opaque", format, index: 1 }] },
      { content: "Done." },
    ]);
    expect(p.end()).toEqual([]);
    // Excluded reasoning leaves out its details too.
    const hidden = anthropicAdapter.createStreamParser({ ...simple, reasoning: { effort: "low", exclude: true } });
    const quiet = hidden.push(
      [
        { type: "message_start", message: { id: "m", model: "c", usage: { input_tokens: 1 } } },
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "pondering" } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "abc" } },
      ]
        .map(frame)
        .join(""),
    );
    expect(chunksOf(quiet).map((c) => c.choices[0]?.delta)).toEqual([{ role: "assistant", content: "" }]);
  });

  it("gives a whole answer's thinking and redacted thinking as signed reasoning details", () => {
    const c = anthropicAdapter.parseResponse({
      content: [
        { type: "thinking", thinking: "first", signature: "sig-1" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "text", text: "Answer." },
      ],
      stop_reason: "end_turn",
    });
    expect(c.choices[0]?.message).toEqual({
      role: "assistant",
      content: "Answer.",
      reasoning: "first",
      reasoning_details: [
        { type: "reasoning.text", text: "first", signature: "sig-1", format: "anthropic-claude-v1", index: 0 },
        { type: "reasoning.encrypted", data: "opaque", format: "anthropic-claude-v1", index: 1 },
      ],
    });
  });
});

describe("anthropic reasoning (extended thinking)", () => {
  const ask = (extra: Partial<TChatRequest>): TChatRequest => ({ ...simple, ...extra });
  const tools = [
    { type: "function" as const, function: { name: "weather", parameters: { type: "object", properties: {} } } },
  ];

  it("turns effort into a budget that is that share of max_tokens, and leaves thinking off unless asked", () => {
    for (const [effort, share] of Object.entries(EFFORT_SHARE)) {
      const out = sent(ask({ max_tokens: 20_000, reasoning: { effort: effort as keyof typeof EFFORT_SHARE } }));
      expect(out.max_tokens).toBe(20_000);
      expect(out.thinking).toEqual({
        type: "enabled",
        budget_tokens: Math.max(ANTHROPIC_MIN_THINKING_BUDGET, Math.floor(20_000 * share)),
      });
    }
    // enabled alone and the older include_reasoning switch mean medium.
    expect(sent(ask({ max_tokens: 10_000, reasoning: { enabled: true } })).thinking).toEqual({
      type: "enabled",
      budget_tokens: 5_000,
    });
    expect(sent(ask({ max_tokens: 10_000, include_reasoning: true })).thinking).toEqual({
      type: "enabled",
      budget_tokens: 5_000,
    });
    for (const off of [
      {},
      { enabled: false, effort: "high" as const },
      { effort: "none" as const },
      { exclude: true },
    ]) {
      expect(sent(ask({ reasoning: off })).thinking, JSON.stringify(off)).toBeUndefined();
    }
    expect(sent(ask({ include_reasoning: false })).thinking).toBeUndefined();
    expect(sent(simple).thinking).toBeUndefined();
  });

  it("keeps the budget at least Anthropic's minimum and below max_tokens", () => {
    // An explicit budget with no limit from the client: the default answer room on top of it.
    expect(sent(ask({ reasoning: { max_tokens: 8_000 } }))).toMatchObject({
      max_tokens: 8_000 + ANTHROPIC_DEFAULT_MAX_TOKENS,
      thinking: { budget_tokens: 8_000 },
    });
    expect(sent(ask({ reasoning: { max_tokens: 10 } }))).toMatchObject({
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      thinking: { budget_tokens: ANTHROPIC_MIN_THINKING_BUDGET },
    });
    // The client's own limit stands; the budget shrinks under it.
    expect(sent(ask({ max_tokens: 3_000, reasoning: { max_tokens: 8_000 } }))).toMatchObject({
      max_tokens: 3_000,
      thinking: { budget_tokens: 2_999 },
    });
    expect(sent(ask({ max_completion_tokens: 2_000, reasoning: { effort: "low" } }))).toMatchObject({
      max_tokens: 2_000,
      thinking: { budget_tokens: ANTHROPIC_MIN_THINKING_BUDGET },
    });
    // A limit that leaves no room to think is refused, naming the field the client sent.
    expect(() => build(ask({ max_tokens: 1_024, reasoning: { effort: "high" } }))).toThrow(
      expect.objectContaining({ field: "max_tokens" }),
    );
    expect(() => build(ask({ max_completion_tokens: 500, reasoning: { enabled: true } }))).toThrow(
      expect.objectContaining({ field: "max_completion_tokens" }),
    );
  });

  it("leaves out the sampling settings Anthropic refuses with thinking, and refuses a forced tool call", () => {
    const out = sent(ask({ temperature: 0.2, top_k: 5, top_p: 0.5, reasoning: { effort: "medium" } }));
    expect(out.temperature).toBeUndefined();
    expect(out.top_k).toBeUndefined();
    expect(out.top_p).toBe(0.95);
    expect(sent(ask({ temperature: 0.2, top_k: 5, top_p: 0.5 }))).toMatchObject({
      temperature: 0.2,
      top_k: 5,
      top_p: 0.5,
    });
    expect(() => build(ask({ tools, tool_choice: "required", reasoning: { effort: "low" } }))).toThrow(
      AdapterRequestError,
    );
    expect(() =>
      build(
        ask({ tools, tool_choice: { type: "function", function: { name: "weather" } }, reasoning: { effort: "low" } }),
      ),
    ).toThrow(expect.objectContaining({ field: "tool_choice" }));
    expect(sent(ask({ tools, tool_choice: "auto", reasoning: { effort: "low" } })).thinking).toBeDefined();
  });

  it("sends a request that continues a tool call without thinking when the call's signed thought did not come back", () => {
    const loop: TChatRequest["messages"] = [
      { role: "user", content: "weather in Oslo?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "t1", type: "function", function: { name: "weather", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "t1", content: "rain" },
    ];
    expect(sent(ask({ messages: loop, tools, reasoning: { effort: "high" } })).thinking).toBeUndefined();
    // Once the user speaks again after the loop closed, thinking is back.
    const next: TChatRequest["messages"] = [
      ...loop,
      { role: "assistant", content: "It rains." },
      { role: "user", content: "and tomorrow?" },
    ];
    expect(sent(ask({ messages: next, tools, reasoning: { effort: "high" } })).thinking).toBeDefined();
  });

  it("returns the signed thinking a client sent back in reasoning_details, first in its turn, and keeps thinking on", () => {
    const format = "anthropic-claude-v1";
    const loop: TChatRequest["messages"] = [
      { role: "user", content: "weather in Oslo?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "t1", type: "function", function: { name: "weather", arguments: "{}" } }],
        reasoning: "check the weather",
        reasoning_details: [
          { type: "reasoning.text", text: "check the weather", signature: "sig-1", format, index: 0 },
          { type: "reasoning.encrypted", data: "opaque", format, index: 1 },
          // Unsigned, or another provider's: Anthropic could not verify them.
          { type: "reasoning.text", text: "unsigned", format, index: 2 },
          { type: "reasoning.encrypted", data: "other", format: "openai-responses-v1", index: 3 },
        ],
      },
      { role: "tool", tool_call_id: "t1", content: "rain" },
    ];
    const out = sent(ask({ messages: loop, tools, reasoning: { effort: "high" } }));
    expect(out.thinking).toBeDefined();
    expect((out.messages as { content: unknown }[])[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "check the weather", signature: "sig-1" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "tool_use", id: "t1", name: "weather", input: {} },
      ],
    });
    // A request that does not think sends no thinking back.
    const plain = sent(ask({ messages: loop, tools }));
    expect(plain.thinking).toBeUndefined();
    expect((plain.messages as { content: unknown }[])[1]).toEqual({
      role: "assistant",
      content: [{ type: "tool_use", id: "t1", name: "weather", input: {} }],
    });
  });

  it("whatever the reasoning, limits and sampling asked, the request built is one Anthropic's rules accept", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            effort: fc.constantFrom("none", "minimal", "low", "medium", "high", "xhigh"),
            max_tokens: fc.integer({ min: 1, max: 100_000 }),
            enabled: fc.boolean(),
            exclude: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        fc.option(fc.integer({ min: 1025, max: 200_000 }), { nil: undefined }),
        fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        async (reasoning, maxTokens, temperature, topP, topK) => {
          const body = ask({
            reasoning: reasoning as TChatRequest["reasoning"],
            max_tokens: maxTokens,
            temperature,
            top_p: topP,
            top_k: topK,
          });
          const res = await send(build(body));
          expect(res.status, await res.clone().text()).toBe(200);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("returns the thinking as reasoning, streamed or not, unless the client asked to exclude it", async () => {
    mock.setProvider("anthro", { reply: "echo" });
    const reasoned = ask({ reasoning: { effort: "medium" } });
    const whole = anthropicAdapter.parseResponse(await (await send(build(reasoned))).json(), reasoned);
    expect(whole.choices[0]?.message).toMatchObject({ content: "tell me a joke", reasoning: MOCK_THOUGHT });
    const thoughtTokens = MOCK_THOUGHT.split(" ").length;
    expect(whole.usage?.completion_tokens).toBe(4 + thoughtTokens);

    const events = await parseStream(await send(build(reasoned, true)), anthropicAdapter.createStreamParser(reasoned));
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(contentOf(events)).toBe("tell me a joke");
    expect(
      chunksOf(events)
        .flatMap((c) => c.choices.map((ch) => ch.delta.reasoning ?? ""))
        .join(""),
    ).toBe(MOCK_THOUGHT);

    // Excluded: the model still thinks (and the tokens are still counted), the answer carries none of it.
    for (const hidden of [
      ask({ reasoning: { effort: "medium", exclude: true } }),
      ask({ reasoning: { effort: "medium" }, include_reasoning: false }),
    ]) {
      expect(JSON.parse(build(hidden).body).thinking).toBeDefined();
      const quiet = anthropicAdapter.parseResponse(await (await send(build(hidden))).json(), hidden);
      expect(quiet.choices[0]!.message.reasoning).toBeUndefined();
      expect(quiet.usage?.completion_tokens).toBe(4 + thoughtTokens);
      const quietEvents = await parseStream(
        await send(build(hidden, true)),
        anthropicAdapter.createStreamParser(hidden),
      );
      expect(JSON.stringify(quietEvents)).not.toContain(MOCK_THOUGHT);
      expect(contentOf(quietEvents)).toBe("tell me a joke");
    }
  });
});
