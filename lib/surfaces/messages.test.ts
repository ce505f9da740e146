import { describe, expect, it } from "vitest";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { messagesRequestToChat } from "@/lib/surfaces/messages";

const base = { model: "m/x", max_tokens: 100 };

function translate(body: Record<string, unknown>) {
  const out = messagesRequestToChat({ ...base, ...body });
  if (!out.ok) throw new Error(`${out.field}: ${out.message}`);
  // Whatever the translation builds must be a valid chat request for the pipeline.
  expect(parseChatRequest(out.body)).toMatchObject({ ok: true });
  return out.body;
}

describe("messagesRequestToChat", () => {
  it("turns a user turn's tool results into tool messages before the user's own text, and keeps blocks' cache_control", () => {
    const body = translate({
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }],
      messages: [
        { role: "user", content: "q" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "text", text: "calling" },
            { type: "tool_use", id: "t1", name: "a", input: { x: 1 } },
            { type: "tool_use", id: "t2", name: "b", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "r1" }] },
            { type: "tool_result", tool_use_id: "t2", content: "r2" },
            { type: "text", text: "and?" },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: "system", content: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }] },
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: "calling",
        tool_calls: [
          { id: "t1", type: "function", function: { name: "a", arguments: '{"x":1}' } },
          { id: "t2", type: "function", function: { name: "b", arguments: "{}" } },
        ],
        // The signed thinking goes back as reasoning details, in Anthropic's format.
        reasoning_details: [
          { type: "reasoning.text", text: "hmm", signature: "sig", format: "anthropic-claude-v1", index: 0 },
        ],
      },
      { role: "tool", tool_call_id: "t1", content: [{ type: "text", text: "r1" }] },
      { role: "tool", tool_call_id: "t2", content: "r2" },
      { role: "user", content: [{ type: "text", text: "and?" }] },
    ]);
  });

  it("maps images, PDFs and text documents to chat parts", () => {
    const body = translate({
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA" } },
            { type: "image", source: { type: "url", url: "https://x.example/a.png" } },
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBE" } },
            {
              type: "document",
              source: { type: "base64", media_type: "application/pdf", data: "JVBF" },
              title: "Q4.pdf",
            },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "plain" } },
          ],
        },
      ],
    });
    expect(body.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: "data:image/png;base64,AAA" } },
        { type: "image_url", image_url: { url: "https://x.example/a.png" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBE" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBF", filename: "Q4.pdf" } },
        { type: "text", text: "plain" },
      ],
    });
  });

  it("maps tool_choice, thinking, stop sequences and a long metadata.user_id", () => {
    const body = translate({
      messages: [{ role: "user", content: "q" }],
      tools: [{ name: "a", input_schema: { type: "object" } }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      thinking: { type: "enabled", budget_tokens: 2048 },
      stop_sequences: ["END"],
      metadata: { user_id: "u".repeat(400) },
    });
    expect(body).toMatchObject({
      tool_choice: "required",
      parallel_tool_calls: false,
      reasoning: { max_tokens: 2048 },
      stop: ["END"],
    });
    expect(body.user).toHaveLength(256);
  });

  it("refuses server tools, images in tool results and a missing max_tokens by field, without echoing content", () => {
    const refused = (body: Record<string, unknown>) => {
      const out = messagesRequestToChat(body);
      if (out.ok) throw new Error("accepted");
      return `${out.field}: ${out.message}`;
    };
    expect(
      refused({
        ...base,
        messages: [{ role: "user", content: "q" }],
        tools: [{ type: "web_search_20250305", name: "w" }],
      }),
    ).toMatch(/^tools\[0\]\.type/);
    expect(
      refused({
        ...base,
        messages: [
          {
            role: "user",
            content: [
              {
                type: "tool_result",
                tool_use_id: "t",
                content: [{ type: "image", source: { type: "url", url: "SECRETURL" } }],
              },
            ],
          },
        ],
      }),
    ).toBe("messages[0].content[0].content: may hold text blocks only");
    const missing = refused({ model: "m/x", messages: [{ role: "user", content: "SECRET" }] });
    expect(missing).toBe("max_tokens: is required");
  });
});
