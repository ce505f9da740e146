// The mock upstream over real HTTP: replies, usage, pacing, every failure mode, the control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STAMP_MARK, startMockUpstream, type TMockUpstream } from "./server";

let mock: TMockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  mock.clearCalls();
});

const USER = { role: "user", content: "tell me a story please" };

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

function sseData(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => line.slice(6));
}

function sseEventNames(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("event: "))
    .map((line) => line.slice(7));
}

/** Reads a body to the end, noting when each piece arrived (ms since `start`). */
async function readTimed(
  res: Response,
  start: number,
): Promise<{ text: string; arrivals: { at: number; text: string }[] }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const arrivals: { at: number; text: string }[] = [];
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const piece = decoder.decode(value, { stream: true });
    arrivals.push({ at: Date.now() - start, text: piece });
    text += piece;
  }
  return { text, arrivals };
}

describe("OpenAI chat completions", () => {
  it("answers with the default reply and word-count usage, and records the call", async () => {
    const res = await post(
      "/acme/v1/chat/completions",
      { model: "acme-1", messages: [{ role: "system", content: "be brief" }, USER] },
      { authorization: "Bearer sk-test" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const json = await res.json();
    expect(json).toMatchObject({
      object: "chat.completion",
      model: "acme-1",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello from acme." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 2 + 5, completion_tokens: 3, total_tokens: 10 },
    });
    expect(mock.calls()).toEqual([
      {
        provider: "acme",
        api: "openai",
        model: "acme-1",
        stream: false,
        headers: { authorization: "Bearer sk-test" },
        body: { model: "acme-1", messages: [{ role: "system", content: "be brief" }, USER] },
      },
    ]);
  });

  it("says what it received besides text: an image and a PDF, in both APIs", async () => {
    mock.setProvider("echoer", { reply: "echo" });
    mock.setProvider("anthro", { reply: "echo" });
    const image = `data:image/png;base64,${Buffer.alloc(3 * 1024).toString("base64")}`;
    const pdf = Buffer.alloc(2 * 1024).toString("base64");
    const openai = await post("/echoer/v1/chat/completions", {
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what are these" },
            { type: "image_url", image_url: { url: image } },
            { type: "file", file: { filename: "a.pdf", file_data: `data:application/pdf;base64,${pdf}` } },
          ],
        },
      ],
    });
    expect((await openai.json()).choices[0].message.content).toBe(
      "I received an image (3 KB) and a PDF “a.pdf” (2 KB). what are these",
    );
    const messages = await post("/anthro/v1/messages", {
      model: "m",
      max_tokens: 100,
      messages: [
        {
          role: "user",
          content: [
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: pdf } },
            { type: "text", text: "summarize" },
          ],
        },
      ],
    });
    expect((await messages.json()).content[0].text).toBe("I received a PDF (2 KB). summarize");
  });

  it("echoes the last user message, counting text parts", async () => {
    mock.setProvider("echoer", { reply: "echo" });
    const res = await post("/echoer/v1/chat/completions", {
      model: "m",
      messages: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "an answer" },
        { role: "user", content: [{ type: "text", text: "second  question here" }] },
      ],
    });
    const json = await res.json();
    expect(json.choices[0].message.content).toBe("second  question here");
    expect(json.usage).toEqual({
      prompt_tokens: 2 + 2 + 3,
      completion_tokens: 3,
      total_tokens: 10,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it("uses a fixed reply and stops at max_tokens with finish_reason length", async () => {
    mock.setProvider("fixed", { reply: "one two three four five" });
    const res = await post("/fixed/v1/chat/completions", { model: "m", messages: [USER], max_tokens: 2 });
    const json = await res.json();
    expect(json.choices[0]).toMatchObject({ message: { content: "one two" }, finish_reason: "length" });
    expect(json.usage.completion_tokens).toBe(2);
  });

  it("streams word by word, with a final usage chunk when include_usage is set, then [DONE]", async () => {
    const res = await post("/acme/v1/chat/completions", {
      model: "m",
      messages: [USER],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    const content = chunks
      .flatMap((c) => c.choices.map((ch: { delta: { content?: string } }) => ch.delta.content ?? ""))
      .join("");
    expect(content).toBe("Hello from acme.");
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(3);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({
      object: "chat.completion.chunk",
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    });
    expect(mock.calls()[0]?.stream).toBe(true);
  });

  it("still reports usage when streaming without include_usage, on the finishing chunk", async () => {
    const res = await post("/acme/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    const chunks = sseData(await res.text())
      .slice(0, -1)
      .map((d) => JSON.parse(d));
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: "stop" }], usage: { completion_tokens: 3 } });
  });

  it("waits ttftMs before answering", async () => {
    mock.setProvider("slow", { ttftMs: 150 });
    const start = Date.now();
    const res = await post("/slow/v1/chat/completions", { model: "m", messages: [USER] });
    await res.json();
    expect(Date.now() - start).toBeGreaterThanOrEqual(145);
  });

  it("paces the stream at tokensPerSecond", async () => {
    mock.setProvider("paced", { reply: "a b c d e", tokensPerSecond: 10 });
    const start = Date.now();
    const res = await post("/paced/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    const { text, arrivals } = await readTimed(res, start);
    // 5 words at 10/s: the first at once, the last 4 × 100 ms later. Reads can coalesce when the
    // test process is busy, so the check is on order and lower bounds, not on read counts.
    const first = arrivals.find((a) => a.text.includes('"content":"a"'))!;
    const last = arrivals.find((a) => a.text.includes('"content":" e"'))!;
    expect(first.text).not.toContain('"content":" e"');
    expect(last.at).toBeGreaterThanOrEqual(390);
    expect(sseData(text).at(-1)).toBe("[DONE]");
  });

  it("stamps each paced piece with its send time on the machine's monotonic clock (knob stampPieces)", async () => {
    mock.setProvider("stamped", {
      reply: `${STAMP_MARK} ${STAMP_MARK} ${STAMP_MARK}`,
      tokensPerSecond: 50,
      stampPieces: true,
    });
    const before = process.hrtime.bigint() / 1000n;
    const res = await post("/stamped/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    const text = await res.text();
    const after = process.hrtime.bigint() / 1000n;
    const stamps = sseData(text)
      .filter((d) => d !== "[DONE]")
      .map((d) => JSON.parse(d).choices[0]?.delta.content)
      .filter((c): c is string => typeof c === "string" && c.trim().length > 0)
      .map((c) => BigInt(c.trim()));
    expect(stamps).toHaveLength(3);
    for (const stamp of stamps) {
      expect(stamp >= before && stamp <= after).toBe(true);
    }
    expect(stamps[0]! <= stamps[1]! && stamps[1]! <= stamps[2]!).toBe(true);
    mock.setProvider("stamped", { stampPieces: false });
    const plain = sseData(
      await (await post("/stamped/v1/chat/completions", { model: "m", messages: [USER], stream: true })).text(),
    );
    expect(plain.join("")).toContain(`"content":" ${STAMP_MARK}"`);
  });

  it("delays a non-streamed answer by the time its words take", async () => {
    mock.setProvider("paced", { reply: "a b c d e", tokensPerSecond: 20 });
    const start = Date.now();
    await (await post("/paced/v1/chat/completions", { model: "m", messages: [USER] })).json();
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
  });

  it("rejects what the real API rejects", async () => {
    expect((await post("/acme/v1/chat/completions", { messages: [USER] })).status).toBe(400);
    expect((await post("/acme/v1/chat/completions", { model: "m" })).status).toBe(400);
    const bad = await fetch(`${mock.url}/acme/v1/chat/completions`, { method: "POST", body: "{nope" });
    expect(bad.status).toBe(400);
    expect((await fetch(`${mock.url}/acme/v1/chat/completions`)).status).toBe(405);
    expect((await post("/acme/v2/other", {})).status).toBe(404);
  });
});

describe("Anthropic messages", () => {
  const BODY = { model: "claude-x", max_tokens: 100, system: "be kind", messages: [USER] };

  it("answers in the Messages shape with usage and records x-api-key", async () => {
    const res = await post("/anthro/v1/messages", BODY, { "x-api-key": "ak-test", "anthropic-version": "2023-06-01" });
    const json = await res.json();
    expect(json).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-x",
      content: [{ type: "text", text: "Hello from anthro." }],
      stop_reason: "end_turn",
      usage: { input_tokens: 2 + 5, output_tokens: 3 },
    });
    expect(mock.calls()[0]).toMatchObject({
      provider: "anthro",
      api: "anthropic",
      stream: false,
      headers: { "x-api-key": "ak-test", "anthropic-version": "2023-06-01" },
    });
  });

  it("reports cache writes, and signs its thinking; refuses thinking sent back that it did not sign, or a tool loop without it", async () => {
    const { MOCK_REDACTED_THINKING, MOCK_THOUGHT, mockSignature } = await import("./server");
    mock.setProvider("anthro", { cachedTokens: 2, cacheWriteTokens: 3, redactedThinking: true });
    const thinking = { type: "enabled", budget_tokens: 1024 };
    const json = await (await post("/anthro/v1/messages", { ...BODY, max_tokens: 2000, thinking })).json();
    expect(json.usage).toMatchObject({ input_tokens: 2, cache_read_input_tokens: 2, cache_creation_input_tokens: 3 });
    const thought = { type: "thinking", thinking: MOCK_THOUGHT, signature: mockSignature(MOCK_THOUGHT) };
    const redacted = { type: "redacted_thinking", data: MOCK_REDACTED_THINKING };
    expect(json.content.slice(0, 2)).toEqual([thought, redacted]);

    const loop = (turn: unknown[]) => ({
      ...BODY,
      max_tokens: 2000,
      thinking,
      messages: [
        USER,
        { role: "assistant", content: [...turn, { type: "tool_use", id: "t1", name: "f", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] },
      ],
    });
    expect((await post("/anthro/v1/messages", loop([thought, redacted]))).status).toBe(200);
    expect((await post("/anthro/v1/messages", loop([]))).status).toBe(400);
    expect((await post("/anthro/v1/messages", loop([{ ...thought, signature: "forged" }]))).status).toBe(400);
    expect((await post("/anthro/v1/messages", loop([{ ...redacted, data: "forged" }]))).status).toBe(400);
  });

  it("requires max_tokens, as Anthropic does", async () => {
    expect((await post("/anthro/v1/messages", { model: "m", messages: [USER] })).status).toBe(400);
  });

  it("streams the full event sequence", async () => {
    mock.setProvider("anthro", { reply: "echo" });
    const text = await (await post("/anthro/v1/messages", { ...BODY, stream: true })).text();
    expect(sseEventNames(text)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      ...Array(5).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const events = sseData(text).map((d) => JSON.parse(d));
    expect(
      events
        .filter((e) => e.type === "content_block_delta")
        .map((e) => e.delta.text)
        .join(""),
    ).toBe(USER.content);
    expect(events[0].message.usage.input_tokens).toBe(7);
    expect(events.find((e) => e.type === "message_delta")).toMatchObject({
      delta: { stop_reason: "end_turn" },
      usage: { output_tokens: 5 },
    });
  });

  it("reports max_tokens as the stop reason when the reply is cut", async () => {
    const json = await (await post("/anthro/v1/messages", { ...BODY, max_tokens: 1 })).json();
    expect(json).toMatchObject({
      content: [{ text: "Hello" }],
      stop_reason: "max_tokens",
      usage: { output_tokens: 1 },
    });
  });
});

describe("failure modes", () => {
  it("500 answers a server error in each API's shape", async () => {
    mock.setProvider("bad", { failure: "500" });
    const a = await post("/bad/v1/chat/completions", { model: "m", messages: [USER] });
    expect(a.status).toBe(500);
    expect(await a.json()).toMatchObject({ error: { type: "server_error" } });
    const b = await post("/bad/v1/messages", { model: "m", max_tokens: 5, messages: [USER] });
    expect(b.status).toBe(500);
    expect(await b.json()).toMatchObject({ type: "error", error: { type: "api_error" } });
  });

  it("429 sends Retry-After", async () => {
    mock.setProvider("busy", { failure: "429", retryAfter: 7 });
    const res = await post("/busy/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    const b = await post("/busy/v1/messages", { model: "m", max_tokens: 5, messages: [USER] });
    expect(await b.json()).toMatchObject({ error: { type: "rate_limit_error" } });
  });

  it("hang accepts the request and never answers", async () => {
    mock.setProvider("stuck", { failure: "hang" });
    const start = Date.now();
    await expect(
      post("/stuck/v1/chat/completions", { model: "m", messages: [USER] }, {}, AbortSignal.timeout(300)),
    ).rejects.toThrow();
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    expect(mock.calls()).toHaveLength(1);
  });

  it("drop sends part of a stream, then destroys the socket", async () => {
    mock.setProvider("flaky", { failure: "drop", reply: "one two three four five six" });
    const res = await post("/flaky/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = "";
    const read = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    };
    await expect(read()).rejects.toThrow();
    expect(received).toContain('"content":"one"');
    expect(received).not.toContain("[DONE]");
    expect(received).not.toContain("six");
  });

  it("drop cuts a non-streamed answer too, and an Anthropic stream", async () => {
    mock.setProvider("flaky", { failure: "drop" });
    const res = await post("/flaky/v1/chat/completions", { model: "m", messages: [USER] });
    await expect(res.text()).rejects.toThrow();
    const a = await post("/flaky/v1/messages", { model: "m", max_tokens: 9, messages: [USER], stream: true });
    await expect(a.text()).rejects.toThrow();
  });

  it("malformed answers 200 with invalid JSON, or garbage SSE", async () => {
    mock.setProvider("broken", { failure: "malformed" });
    const res = await post("/broken/v1/chat/completions", { model: "m", messages: [USER] });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    const stream = await post("/broken/v1/chat/completions", { model: "m", messages: [USER], stream: true });
    const data = sseData(await stream.text()).filter((d) => d !== "[DONE]");
    expect(
      data.some((d) => {
        try {
          JSON.parse(d);
          return false;
        } catch {
          return true;
        }
      }),
    ).toBe(true);
    const anthropic = await post("/broken/v1/messages", { model: "m", max_tokens: 9, messages: [USER], stream: true });
    const aData = sseData(await anthropic.text());
    expect(
      aData.some((d) => {
        try {
          JSON.parse(d);
          return false;
        } catch {
          return true;
        }
      }),
    ).toBe(true);
  });

  it("no-done streams everything but the end marker, then ends the response", async () => {
    mock.setProvider("open", { failure: "no-done" });
    const text = await (
      await post("/open/v1/chat/completions", {
        model: "m",
        messages: [USER],
        stream: true,
        stream_options: { include_usage: true },
      })
    ).text();
    const data = sseData(text);
    expect(data).not.toContain("[DONE]");
    expect(JSON.parse(data.at(-1)!).usage.completion_tokens).toBe(3);
    const aText = await (
      await post("/open/v1/messages", { model: "m", max_tokens: 9, messages: [USER], stream: true })
    ).text();
    expect(sseEventNames(aText)).toContain("message_delta");
    expect(sseEventNames(aText)).not.toContain("message_stop");
  });
});

describe("control API", () => {
  it("merges knobs, reports them, resets them", async () => {
    const put = (slug: string, knobs: unknown) =>
      fetch(`${mock.url}/__mock/providers/${slug}`, { method: "PUT", body: JSON.stringify(knobs) });
    expect((await put("p", { reply: "hi there" })).status).toBe(200);
    const merged = await put("p", { failure: "500" });
    expect(await merged.json()).toMatchObject({ reply: "hi there", failure: "500", ttftMs: 0 });
    expect((await post("/p/v1/chat/completions", { model: "m", messages: [USER] })).status).toBe(500);
    await put("p", { failure: null });
    const ok = await (await post("/p/v1/chat/completions", { model: "m", messages: [USER] })).json();
    expect(ok.choices[0].message.content).toBe("hi there");

    expect((await put("p", { failure: "explode" })).status).toBe(400);
    expect((await put("p", { replies: "typo" })).status).toBe(400);
    expect((await put("p", { ttftMs: -1 })).status).toBe(400);

    expect((await fetch(`${mock.url}/__mock/providers`, { method: "DELETE" })).status).toBe(204);
    const reset = await (await post("/p/v1/chat/completions", { model: "m", messages: [USER] })).json();
    expect(reset.choices[0].message.content).toBe("Hello from p.");
  });

  it("lists and clears recorded calls", async () => {
    await post("/a/v1/chat/completions", { model: "m1", messages: [USER] });
    await post("/b/v1/messages", { model: "m2", max_tokens: 3, messages: [USER], stream: true }).then((r) => r.text());
    const calls = await (await fetch(`${mock.url}/__mock/calls`)).json();
    expect(
      calls.map((c: { provider: string; api: string; model: string; stream: boolean }) => [
        c.provider,
        c.api,
        c.model,
        c.stream,
      ]),
    ).toEqual([
      ["a", "openai", "m1", false],
      ["b", "anthropic", "m2", true],
    ]);
    expect((await fetch(`${mock.url}/__mock/calls`, { method: "DELETE" })).status).toBe(204);
    expect(await (await fetch(`${mock.url}/__mock/calls`)).json()).toEqual([]);
  });

  it("throws on bad knobs in process", () => {
    expect(() => mock.setProvider("x", { failure: "nope" as never })).toThrow(/failure/);
  });
});

describe("lifecycle", () => {
  it("keeps only the newest maxCalls calls", async () => {
    const small = await startMockUpstream({ maxCalls: 3 });
    try {
      for (let i = 0; i < 5; i++) {
        await fetch(`${small.url}/p/v1/chat/completions`, {
          method: "POST",
          body: JSON.stringify({ model: `m${i}`, messages: [USER] }),
        }).then((r) => r.text());
      }
      expect(small.calls().map((c) => c.model)).toEqual(["m2", "m3", "m4"]);
    } finally {
      await small.close();
    }
  });

  it("closes even with a hanging request and a paced stream in flight", async () => {
    const other = await startMockUpstream();
    other.setProvider("stuck", { failure: "hang" });
    other.setProvider("slow", { tokensPerSecond: 1, reply: "a b c d e f" });
    const hanging = fetch(`${other.url}/stuck/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [USER] }),
    }).catch(() => "failed");
    const slow = await fetch(`${other.url}/slow/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [USER], stream: true }),
    });
    const slowText = slow.text().catch(() => "failed");
    await new Promise((r) => setTimeout(r, 50));
    const start = Date.now();
    await other.close();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(await hanging).toBe("failed");
    expect(await slowText).toBe("failed");
  });
});

describe("tool calls (knob toolCalls)", () => {
  const openaiTools = [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }];
  const anthropicTools = [{ name: "weather", input_schema: { type: "object" } }];

  it("calls the first tool in each API's shape, streamed and not, then answers the tool's result", async () => {
    mock.setProvider("p", { toolCalls: true, reply: "done" });
    const { MOCK_TOOL_ARGUMENTS } = await import("./server");
    const openai = (await (
      await post("/p/v1/chat/completions", { model: "m", messages: [USER], tools: openaiTools })
    ).json()) as {
      choices: {
        message: { tool_calls: { function: { name: string; arguments: string } }[] };
        finish_reason: string;
      }[];
    };
    expect(openai.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: { tool_calls: [{ function: { name: "weather", arguments: MOCK_TOOL_ARGUMENTS } }] },
    });
    const streamed = sseData(
      await (
        await post("/p/v1/chat/completions", { model: "m", messages: [USER], tools: openaiTools, stream: true })
      ).text(),
    );
    expect(streamed.join("")).toContain('"finish_reason":"tool_calls"');
    const answered = (await (
      await post("/p/v1/chat/completions", {
        model: "m",
        messages: [USER, { role: "tool", tool_call_id: "x", content: "sunny" }],
        tools: openaiTools,
      })
    ).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(answered.choices[0]?.message.content).toBe("done");

    const anthropic = (await (
      await post("/p/v1/messages", { model: "m", max_tokens: 10, messages: [USER], tools: anthropicTools })
    ).json()) as { content: unknown[]; stop_reason: string };
    expect(anthropic).toMatchObject({
      stop_reason: "tool_use",
      content: [{ type: "tool_use", name: "weather", input: JSON.parse(MOCK_TOOL_ARGUMENTS) }],
    });
    const events = sseEventNames(
      await (
        await post("/p/v1/messages", {
          model: "m",
          max_tokens: 10,
          messages: [USER],
          tools: anthropicTools,
          stream: true,
        })
      ).text(),
    );
    expect(events).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    mock.setProvider("p", { toolCalls: null });
    expect(
      (
        (await (await post("/p/v1/chat/completions", { model: "m", messages: [USER], tools: openaiTools })).json()) as {
          choices: { finish_reason: string }[];
        }
      ).choices[0]?.finish_reason,
    ).toBe("stop");
  });
});
