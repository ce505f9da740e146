import { describe, expect, it } from "vitest";
import { requestFeatures } from "@/lib/gateway/request-shape";

const text = [{ role: "user", content: "hi" }];
const tool = { type: "function", function: { name: "f" } };

describe("requestFeatures", () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ["a plain request uses none", { messages: text, temperature: 0.2, seed: 1, reasoning: { effort: "high" } }, []],
    ["tools", { messages: text, tools: [tool] }, ["tools"]],
    ["an empty tools list is none", { messages: text, tools: [] }, []],
    ["tool_choice auto needs tools only", { messages: text, tools: [tool], tool_choice: "auto" }, ["tools"]],
    [
      "tool_choice required forces",
      { messages: text, tools: [tool], tool_choice: "required" },
      ["tools", "tool_choice"],
    ],
    [
      "a named function forces",
      { messages: text, tools: [tool], tool_choice: { type: "function", function: { name: "f" } } },
      ["tools", "tool_choice"],
    ],
    ["JSON mode", { messages: text, response_format: { type: "json_object" } }, ["response_format"]],
    [
      "a JSON schema",
      { messages: text, response_format: { type: "json_schema", json_schema: { name: "n" } } },
      ["structured_outputs"],
    ],
    ["response_format text is none", { messages: text, response_format: { type: "text" } }, []],
    ["logprobs", { messages: text, logprobs: true, top_logprobs: 2 }, ["logprobs", "top_logprobs"]],
    ["logprobs: false is none", { messages: text, logprobs: false }, []],
    [
      "content parts, each kind once",
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "look" },
              { type: "image_url", image_url: { url: "https://x/a.png" } },
              { type: "image_url", image_url: { url: "https://x/b.png" } },
            ],
          },
          { role: "user", content: [{ type: "file", file: { file_data: "data:application/pdf;base64,AA" } }] },
          { role: "user", content: [{ type: "input_audio", input_audio: { data: "AA", format: "wav" } }] },
        ],
      },
      ["image_input", "file_input", "audio_input"],
    ],
    [
      "a part type named like an object's own property is no feature",
      { messages: [{ role: "user", content: [{ type: "constructor" }, { type: "__proto__" }] }] },
      [],
    ],
  ])("%s", (_name, body, expected) => {
    expect(requestFeatures(body).sort()).toEqual([...expected].sort());
  });
});
