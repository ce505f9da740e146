import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type TMockUpstream } from "@/scripts/mock-upstream/server";
import { adapterFor, UpstreamFormatError } from "./index";
import { openaiAdapter } from "./openai";
import { chunksOf, contentOf, parseInPieces, parseStream, send } from "./test-helpers";
import type { TChatRequest, TPrivetChatRequest, TStreamEvent } from "./types";

let mock: TMockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.clearCalls();
});

const body: TPrivetChatRequest = {
  model: "privet/model-id",
  models: ["other/model"],
  messages: [
    { role: "system", content: "be brief" },
    { role: "user", content: "say something nice" },
  ],
  temperature: 0.5,
  provider: { data_collection: "deny" },
  route: "fallback",
  transforms: [],
  usage: { include: true },
  custom_field: 1,
};

const build = (
  stream: boolean,
  extra: Partial<TChatRequest> = {},
  apiKey: string | null = "sk-up",
  endUser: string | null = null,
) =>
  openaiAdapter.buildRequest({
    baseUrl: `${mock.url}/acme/v1`,
    apiKey,
    upstreamModel: "acme-large",
    body: { ...body, ...extra },
    stream,
    endUser,
  });

describe("openai buildRequest", () => {
  it("posts the known fields with the upstream model: no router fields, no unknown fields", () => {
    const req = build(false);
    expect(req.url).toBe(`${mock.url}/acme/v1/chat/completions`);
    expect(req.headers).toEqual({ "content-type": "application/json", authorization: "Bearer sk-up" });
    expect(JSON.parse(req.body)).toEqual({
      model: "acme-large",
      messages: body.messages,
      temperature: 0.5,
    });
  });

  it("sends only allowlisted fields: store, metadata and unknown fields never leave, nested ones neither (rule 9)", () => {
    const sent = JSON.parse(
      build(false, {
        store: true,
        metadata: { customer: "acme" },
        session_id: "s-1",
        trace: { id: "t" },
        plugins: [{ id: "web" }],
        messages: [
          { role: "system", content: [{ type: "text", text: "be brief", extra: "x" } as never], secret: 1 } as never,
          {
            role: "user",
            content: [
              { type: "image_url", image_url: { url: "https://img.example/a.png", detail: "low", hint: 1 } } as never,
            ],
            name: "n",
          },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}", extra: 2 } } as never],
          },
          { role: "tool", content: "42", tool_call_id: "c1", extra: true } as never,
        ],
        tools: [
          { type: "function", function: { name: "f", parameters: { type: "object" }, extra: 1 }, extra: 2 } as never,
        ],
        tool_choice: { type: "function", function: { name: "f", extra: 1 } } as never,
        response_format: {
          type: "json_schema",
          json_schema: { name: "s", schema: { type: "object" }, extra: 1 },
          extra: 2,
        } as never,
        max_tokens: 9,
        verbosity: "low",
      }).body,
    );
    expect(sent).toEqual({
      model: "acme-large",
      messages: [
        { role: "system", content: [{ type: "text", text: "be brief" }] },
        {
          role: "user",
          content: [{ type: "image_url", image_url: { url: "https://img.example/a.png", detail: "low" } }],
          name: "n",
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        { role: "tool", content: "42", tool_call_id: "c1" },
      ],
      temperature: 0.5,
      max_tokens: 9,
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "f" } },
      response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" } } },
      verbosity: "low",
    });
  });

  it("sends the hashed end user in `user`, never the client's value", () => {
    expect(JSON.parse(build(false, { user: "alice@example.com" }).body)).not.toHaveProperty("user");
    const sent = JSON.parse(build(false, { user: "alice@example.com" }, "sk-up", "user-abc").body);
    expect(sent.user).toBe("user-abc");
    expect(JSON.stringify(sent)).not.toContain("alice@example.com");
  });

  it("tells OpenAI's own API store: false, whatever the client asked; other providers get no store at all", () => {
    const openai = openaiAdapter.buildRequest({
      baseUrl: "https://api.openai.com/v1",
      apiKey: "sk",
      upstreamModel: "gpt",
      body: { ...body, store: true },
      stream: false,
      endUser: null,
    });
    expect(JSON.parse(openai.body).store).toBe(false);
    expect(JSON.parse(build(false, { store: true }).body)).not.toHaveProperty("store");
  });

  it("sends an earlier turn's reasoning details back rebuilt (not to OpenAI's own API), and marks a failed tool's result", () => {
    const messages: TChatRequest["messages"] = [
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
        reasoning_details: [
          { type: "reasoning.text", text: "hm", signature: "sig", format: "x", index: 0, extra: 1 } as never,
          { type: "reasoning.encrypted", data: "opaque", index: 1 },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "no such city", is_error: true },
      { role: "tool", tool_call_id: "c2", content: [{ type: "text", text: "gone" }], is_error: true },
    ];
    const sent = JSON.parse(build(false, { messages }).body);
    expect(sent.messages[1].reasoning_details).toEqual([
      { type: "reasoning.text", text: "hm", signature: "sig", format: "x", index: 0 },
      { type: "reasoning.encrypted", data: "opaque", index: 1 },
    ]);
    expect(sent.messages[2]).toEqual({ role: "tool", tool_call_id: "c1", content: "Error: no such city" });
    expect(sent.messages[3].content).toEqual([{ type: "text", text: "Error: gone" }]);
    const openai = openaiAdapter.buildRequest({
      baseUrl: "https://api.openai.com/v1",
      apiKey: "sk",
      upstreamModel: "gpt",
      body: { ...body, messages },
      stream: false,
      endUser: null,
    });
    expect(JSON.parse(openai.body).messages[1]).not.toHaveProperty("reasoning_details");
  });

  it("asks for usage when streaming; the client's other stream options stay here", () => {
    const req = build(true, { stream: false, stream_options: { include_usage: false, extra: 1 } as never });
    expect(JSON.parse(req.body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(JSON.parse(req.body).stream_options).toEqual({ include_usage: true });
    expect(req.headers.accept).toBe("text/event-stream");
  });

  it("drops stream fields when not streaming, sends no auth without a key, tolerates a trailing slash", () => {
    const req = openaiAdapter.buildRequest({
      baseUrl: "http://local:11434/v1/",
      apiKey: null,
      upstreamModel: "llama3",
      body: { ...body, stream: true, stream_options: { include_usage: true } },
      stream: false,
      endUser: null,
    });
    expect(req.url).toBe("http://local:11434/v1/chat/completions");
    expect(req.headers.authorization).toBeUndefined();
    const sent = JSON.parse(req.body);
    expect(sent.stream).toBeUndefined();
    expect(sent.stream_options).toBeUndefined();
  });

  it("is what adapterFor('openai') returns", () => {
    expect(adapterFor("openai")).toBe(openaiAdapter);
  });
});

describe("openai round trip through the mock upstream", () => {
  it("non-streaming: the upstream sees the translated request; the answer parses", async () => {
    const res = await send(build(false));
    expect(res.status).toBe(200);
    const completion = openaiAdapter.parseResponse(await res.json());
    expect(completion).toMatchObject({
      object: "chat.completion",
      model: "",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello from acme." },
          finish_reason: "stop",
          native_finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 2 + 3, completion_tokens: 3, total_tokens: 8 },
    });
    const [call] = mock.calls();
    expect(call).toMatchObject({
      provider: "acme",
      api: "openai",
      model: "acme-large",
      stream: false,
      headers: { authorization: "Bearer sk-up" },
    });
    for (const field of ["provider", "models", "route", "transforms", "usage"])
      expect(call?.body).not.toHaveProperty(field);
  });

  it("streaming: chunks, a final usage chunk, then done", async () => {
    mock.setProvider("acme", { reply: "echo" });
    const events = await parseStream(await send(build(true)), openaiAdapter.createStreamParser());
    expect(events.at(-1)).toEqual({ type: "done" });
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(contentOf(events)).toBe("say something nice");
    const chunks = chunksOf(events);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0]).toMatchObject({ finish_reason: "stop", native_finish_reason: "stop" });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    });
    expect(mock.calls()[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("streaming: any split of the upstream's bytes gives the same events", async () => {
    mock.setProvider("acme", { reply: 'a longer reply, with punctuation: "quotes" and é ü 😀 too' });
    const text = await (await send(build(true))).text();
    const reference = parseInPieces(text, openaiAdapter.createStreamParser(), [text.length]);
    expect(reference.at(-1)).toEqual({ type: "done" });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        const events = parseInPieces(text, openaiAdapter.createStreamParser(), sizes);
        // `created` and ids are the upstream's, so whole events compare equal.
        expect(events).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it("malformed SSE yields an error event, without content in its message", async () => {
    mock.setProvider("acme", { failure: "malformed" });
    const events = await parseStream(await send(build(true)), openaiAdapter.createStreamParser());
    const errors = events.filter((e) => e.type === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual({ type: "error", message: expect.not.stringContaining("nope") });
  });

  it("malformed non-streamed JSON is the caller's parse error; a wrong shape is UpstreamFormatError", async () => {
    mock.setProvider("acme", { failure: "malformed" });
    const res = await send(build(false));
    await expect(res.json()).rejects.toThrow(SyntaxError);
    expect(() => openaiAdapter.parseResponse({ id: "x" })).toThrow(UpstreamFormatError);
  });

  it("no-done: the stream ends with usage but the parser never yields done", async () => {
    mock.setProvider("acme", { failure: "no-done" });
    const events = await parseStream(await send(build(true)), openaiAdapter.createStreamParser());
    expect(events.some((e) => e.type === "done")).toBe(false);
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(chunksOf(events).at(-1)?.usage?.completion_tokens).toBe(3);
  });

  it("drop: reading fails mid-stream after some chunks, with no done", async () => {
    mock.setProvider("acme", { failure: "drop", reply: "one two three four five" });
    const parser = openaiAdapter.createStreamParser();
    const seen: TStreamEvent[] = [];
    const res = await send(build(true));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const readAll = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        seen.push(...parser.push(decoder.decode(value, { stream: true })));
      }
    };
    await expect(readAll()).rejects.toThrow();
    expect(contentOf(seen)).toBe("one two");
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });
});

describe("openai parseResponse", () => {
  const MARKER = "the user's secret prompt";

  it("rejects bad shapes with messages that never quote the upstream", () => {
    const bad: unknown[] = [
      null,
      "text",
      [],
      { error: { message: MARKER, type: "invalid_request_error" } },
      { choices: "x" },
      { choices: [{ finish_reason: "stop" }] },
      { choices: [null] },
    ];
    for (const json of bad) {
      let error: unknown;
      try {
        openaiAdapter.parseResponse(json);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UpstreamFormatError);
      expect((error as Error).message).not.toContain(MARKER);
    }
    expect(() => openaiAdapter.parseResponse({ error: { message: MARKER, code: "rate_limit_exceeded" } })).toThrow(
      "upstream response is an error object (rate_limit_exceeded)",
    );
  });

  it("fills what local servers omit and keeps the rest", () => {
    const c = openaiAdapter.parseResponse({
      choices: [{ index: 0, message: { role: "assistant", content: "hi", tool_calls: [] }, finish_reason: "length" }],
      usage: { prompt_tokens: 3, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 1 } },
    });
    expect(c).toMatchObject({
      object: "chat.completion",
      id: "",
      model: "",
      choices: [{ finish_reason: "length", native_finish_reason: "length" }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, prompt_tokens_details: { cached_tokens: 1 } },
    });
    expect(typeof c.created).toBe("number");
  });
});

describe("openai stream parser", () => {
  it("reports upstream error objects and non-chunks, without their text", () => {
    const p = openaiAdapter.createStreamParser();
    const events = p.push(
      'data: {"error":{"message":"your prompt: secret","code":"server_error"}}\n\n' +
        'data: {"id":"1"}\n\n' +
        "data: [1,2]\n\n" +
        'data: {"id":"2","choices":[{"index":0}]}\n\n' +
        'data: {"id":"3","usage":{"prompt_tokens":1,"completion_tokens":2}}\n\n' +
        "data: [DONE]\n\n" +
        'data: {"ignored":"after done"}\n\n',
    );
    expect(events).toEqual([
      { type: "error", message: "upstream stream reported an error (server_error)" },
      { type: "error", message: "upstream stream chunk has no choices array" },
      { type: "error", message: "upstream sent a stream event that is not a JSON object" },
      { type: "error", message: "upstream stream chunk has a choice without a delta" },
      {
        type: "chunk",
        chunk: {
          id: "",
          object: "chat.completion.chunk",
          created: expect.any(Number),
          model: "",
          choices: [],
          usage: {
            prompt_tokens: 1,
            completion_tokens: 2,
            total_tokens: 3,
            prompt_tokens_details: { cached_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: 0 },
          },
        },
      },
      { type: "done" },
    ]);
    expect(JSON.stringify(events)).not.toContain("secret");
  });

  it("leaves out a null system_fingerprint (OpenRouter's chunks have a string or none) and keeps a string one", () => {
    const p = openaiAdapter.createStreamParser();
    const events = p.push(
      'data: {"id":"1","choices":[{"index":0,"delta":{"content":"a"}}],"system_fingerprint":null}\n\n' +
        'data: {"id":"1","choices":[{"index":0,"delta":{"content":"b"}}],"system_fingerprint":"fp_1"}\n\n',
    );
    expect(events.map((e) => (e.type === "chunk" ? e.chunk.system_fingerprint : e.type))).toEqual([undefined, "fp_1"]);
    expect(events[0]).toMatchObject({
      type: "chunk",
      chunk: expect.not.objectContaining({ system_fingerprint: null }),
    });
  });

  it("yields done for a [DONE] that lacks its closing blank line", () => {
    const p = openaiAdapter.createStreamParser();
    expect(p.push("data: [DONE]\n")).toEqual([]);
    expect(p.end()).toEqual([{ type: "done" }]);
  });

  it("yields no done when the stream just stops", () => {
    const p = openaiAdapter.createStreamParser();
    p.push('data: {"id":"1","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}\n\n');
    expect(p.end()).toEqual([]);
  });
});

describe("openai reasoning", () => {
  const sentBody = (extra: Partial<TChatRequest>) => JSON.parse(build(false, extra).body) as Record<string, unknown>;

  it("sends reasoning_effort, OpenAI's own name, instead of the reasoning object", () => {
    expect(sentBody({ reasoning: { effort: "low" } })).toMatchObject({ reasoning_effort: "low" });
    expect(sentBody({ reasoning: { effort: "xhigh" } }).reasoning_effort).toBe("high");
    expect(sentBody({ reasoning: { enabled: true } }).reasoning_effort).toBe("medium");
    expect(sentBody({ include_reasoning: true }).reasoning_effort).toBe("medium");
    for (const extra of [
      { reasoning: { effort: "high" as const } },
      { include_reasoning: true },
      { reasoning: { max_tokens: 2000 } },
    ]) {
      const out = sentBody(extra);
      expect(out).not.toHaveProperty("reasoning");
      expect(out).not.toHaveProperty("include_reasoning");
    }
    // A budget alone has no OpenAI equivalent; off is off; the client's own reasoning_effort stands.
    expect(sentBody({ reasoning: { max_tokens: 2000 } })).not.toHaveProperty("reasoning_effort");
    expect(sentBody({ reasoning: { effort: "none" } })).not.toHaveProperty("reasoning_effort");
    expect(sentBody({ reasoning: { effort: "high" }, reasoning_effort: "minimal" }).reasoning_effort).toBe("minimal");
    expect(sentBody({})).not.toHaveProperty("reasoning_effort");
  });

  it("leaves the reasoning out of the answer, whole or streamed, when the client excluded it", () => {
    const completion = {
      id: "c",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "4", reasoning: "2+2", reasoning_content: "2+2" },
          finish_reason: "stop",
        },
      ],
    };
    const hidden: TChatRequest = { messages: [], reasoning: { effort: "low", exclude: true } };
    expect(openaiAdapter.parseResponse(structuredClone(completion), hidden).choices[0]!.message).toEqual({
      role: "assistant",
      content: "4",
    });
    expect(
      openaiAdapter.parseResponse(structuredClone(completion), { messages: [] }).choices[0]!.message,
    ).toMatchObject({ reasoning: "2+2" });

    const frame = `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: { reasoning: "2+2", reasoning_content: "2+2" }, finish_reason: null }] })}\n\n`;
    const deltaOf = (events: TStreamEvent[]) => chunksOf(events)[0]!.choices[0]!.delta;
    expect(deltaOf(openaiAdapter.createStreamParser({ messages: [], include_reasoning: false }).push(frame))).toEqual(
      {},
    );
    expect(deltaOf(openaiAdapter.createStreamParser({ messages: [] }).push(frame))).toMatchObject({ reasoning: "2+2" });
  });

  it("also puts reasoning a server named reasoning_content under reasoning, the field Privet's answers use", () => {
    const completion = {
      id: "c",
      choices: [
        { index: 0, message: { role: "assistant", content: "4", reasoning_content: "2+2" }, finish_reason: "stop" },
      ],
    };
    expect(openaiAdapter.parseResponse(completion, { messages: [] }).choices[0]!.message).toMatchObject({
      reasoning: "2+2",
      reasoning_content: "2+2",
    });
    const frame = `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: { reasoning_content: "2+2" }, finish_reason: null }] })}\n\n`;
    expect(chunksOf(openaiAdapter.createStreamParser().push(frame))[0]!.choices[0]!.delta).toMatchObject({
      reasoning: "2+2",
    });
  });
});
