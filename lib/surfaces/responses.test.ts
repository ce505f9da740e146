import { describe, expect, it } from "vitest";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import type { TOutChunk } from "@/lib/gateway/stream-out";
import { NO_STATE_MESSAGE, responsesEvents, responsesRequestToChat } from "@/lib/surfaces/responses";

function translate(body: Record<string, unknown>) {
  const out = responsesRequestToChat({ model: "m/x", ...body });
  if (!out.ok) throw new Error(`${out.field}: ${out.message}`);
  expect(parseChatRequest(out.body)).toMatchObject({ ok: true });
  return out;
}

describe("responsesRequestToChat", () => {
  it("turns items into chat messages: consecutive function calls into one assistant turn, outputs into tool messages", () => {
    const { body } = translate({
      instructions: "be brief",
      input: [
        { role: "developer", content: "dev note" },
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "q" },
            { type: "input_image", image_url: "https://x.example/i.png" },
          ],
        },
        { type: "reasoning", id: "rs_1", summary: [] },
        { type: "function_call", call_id: "c1", name: "a", arguments: "{}" },
        { type: "function_call", call_id: "c2", name: "b", arguments: '{"x":1}' },
        { type: "function_call_output", call_id: "c1", output: "r1" },
        { type: "function_call_output", call_id: "c2", output: "r2" },
        { role: "assistant", content: [{ type: "output_text", text: "done" }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "developer", content: "dev note" },
      {
        role: "user",
        content: [
          { type: "text", text: "q" },
          { type: "image_url", image_url: { url: "https://x.example/i.png" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c1", type: "function", function: { name: "a", arguments: "{}" } },
          { id: "c2", type: "function", function: { name: "b", arguments: '{"x":1}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "r1" },
      { role: "tool", tool_call_id: "c2", content: "r2" },
      { role: "assistant", content: "done" },
    ]);
  });

  it("maps max_output_tokens, reasoning effort, a JSON schema format and a forced function", () => {
    const { body } = translate({
      input: "q",
      max_output_tokens: 99,
      reasoning: { effort: "high" },
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true } },
      tools: [{ type: "function", name: "f", parameters: { type: "object" } }],
      tool_choice: { type: "function", name: "f" },
      store: true,
    });
    expect(body).toMatchObject({
      max_tokens: 99,
      reasoning: { effort: "high" },
      response_format: { type: "json_schema", json_schema: { name: "out", schema: { type: "object" }, strict: true } },
      tool_choice: { type: "function", function: { name: "f" } },
    });
    // store is Privet's to answer (always false), never passed on.
    expect(body).not.toHaveProperty("store");
  });

  it("refuses previous_response_id and conversation: Privet keeps no state", () => {
    for (const field of ["previous_response_id", "conversation"]) {
      expect(responsesRequestToChat({ model: "m/x", input: "q", [field]: "resp_1" })).toEqual({
        ok: false,
        field,
        message: NO_STATE_MESSAGE,
      });
    }
  });
});

describe("responsesEvents", () => {
  it("numbers events in order and ends a broken stream with response.failed", async () => {
    const chunk = (rest: Partial<TOutChunk>): TOutChunk => ({
      id: "gen-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "m/x",
      provider: "P",
      choices: [],
      ...rest,
    });
    async function* chunks(): AsyncGenerator<TOutChunk, void, undefined> {
      yield chunk({ choices: [{ index: 0, delta: { content: "Hel" }, finish_reason: null }] });
      yield chunk({
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        error: { code: 502, message: "broke" },
      });
    }
    const translated = translate({ input: "q" });
    if (!translated.ok) throw new Error();
    const events = [];
    for await (const e of responsesEvents(chunks(), {
      id: "gen-1",
      model: "m/x",
      provider: "P",
      request: translated.request,
    }))
      events.push(e);
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)).toMatchObject({
      event: "response.failed",
      data: { response: { status: "failed", error: { message: "broke" } } },
    });
  });
});
