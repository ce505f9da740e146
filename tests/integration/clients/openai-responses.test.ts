// The official `openai` client's Responses API (what Codex and the newer SDK features use) against
// Privet's stateless /api/v1/responses, over the mock upstream, on an OpenAI-compatible and a
// Messages-API provider: text and item input, instructions, function calls, reasoning, streaming
// with the Responses events, and the same privacy routing, receipts, records and errors as chat.
import crypto from "node:crypto";
import OpenAI, { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { agentCatalog, contractHarness, refusalOf } from "@/tests/support/client-contract";
import { capturePrinted, findInFiles } from "@/tests/support/leak-scan";

const t = contractHarness({ catalog: agentCatalog });
const { calledProviders, recordOf } = t;

const clientFor = (key: string) => new OpenAI({ baseURL: `${t.h.baseUrl}/api/v1`, apiKey: key, maxRetries: 0 });
const only = (slug: string) => ({ provider: { only: [slug] } }) as Record<string, unknown>;
type TCreate = OpenAI.Responses.ResponseCreateParamsNonStreaming;

const refusal = (request: Promise<unknown>) => refusalOf(APIError, request);

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "The weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: false,
};

describe.each([
  { provider: "e2e-retain", api: "openai" },
  { provider: "e2e-anthropic", api: "anthropic" },
])("responses.create served by $provider ($api API)", ({ provider, api }) => {
  it("answers a Response with output_text, store false, the receipt headers and one record of kind responses", async () => {
    const user = await t.h.createUser();
    const { data, response } = await clientFor(user.key)
      .responses.create({
        model: "e2e/agent",
        instructions: "be brief",
        input: "say hello",
        ...only(provider),
      } as TCreate)
      .withResponse();
    expect(data.object).toBe("response");
    expect(data.status).toBe("completed");
    expect(data.output_text).toBe(`Hello from ${provider}.`);
    expect((data as unknown as { store: boolean }).store).toBe(false);
    expect(data.usage).toMatchObject({ output_tokens: 3 });
    expect(response.headers.get("x-privet-provider")).toBe(provider);
    expect(response.headers.get("x-privet-generation-id")).toBe(data.id);
    const call = t.h.mock.calls()[0]!;
    if (api === "anthropic") expect(call.body).toMatchObject({ system: "be brief" });
    else
      expect(call.body).toMatchObject({
        messages: [
          { role: "system", content: "be brief" },
          { role: "user", content: "say hello" },
        ],
      });
    expect(call.body).not.toHaveProperty("store", true);
    expect(await recordOf(data.id)).toMatchObject({ kind: "responses", providerSlug: provider, status: "success" });
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("streams the Responses events, which the SDK assembles into the final response", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider(provider, { reply: "one two three" });
    const stream = clientFor(user.key).responses.stream({
      model: "e2e/agent",
      input: [{ role: "user", content: [{ type: "input_text", text: "count" }] }],
      ...only(provider),
    } as OpenAI.Responses.ResponseCreateParamsStreaming);
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe("one two three");
    expect(final.output_text).toBe("one two three");
    expect(final.status).toBe("completed");
    expect(types[0]).toBe("response.created");
    expect(types).toContain("response.output_item.added");
    expect(types.at(-1)).toBe("response.completed");
    expect(await recordOf(final.id)).toMatchObject({ kind: "responses", streamed: true, status: "success" });
  });

  it("round-trips a function call: function_call out, function_call_output back, then the answer", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    t.h.mock.setProvider(provider, { toolCalls: true });
    const first = await client.responses.create({
      model: "e2e/agent",
      input: "weather in Paris?",
      tools: [WEATHER],
      ...only(provider),
    } as TCreate);
    const call = first.output.find(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === "function_call",
    )!;
    expect(call).toMatchObject({ name: "get_weather", arguments: '{"city":"Paris"}' });

    t.h.mock.clearCalls();
    const second = await client.responses.create({
      model: "e2e/agent",
      tools: [WEATHER],
      input: [
        { role: "user", content: "weather in Paris?" },
        { type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: "function_call_output", call_id: call.call_id, output: "sunny" },
      ],
      ...only(provider),
    } as TCreate);
    expect(second.output_text).toBe(`Hello from ${provider}.`);
    const sent = t.h.mock.calls()[0]!.body as { messages: Record<string, unknown>[] };
    if (api === "openai")
      expect(sent.messages[2]).toEqual({ role: "tool", tool_call_id: call.call_id, content: "sunny" });
    else
      expect(sent.messages[2]).toMatchObject({
        role: "user",
        content: [{ type: "tool_result", tool_use_id: call.call_id }],
      });

    // Streamed, the call arrives through function_call_arguments events.
    const streamed = await client.responses
      .stream({
        model: "e2e/agent",
        input: "weather?",
        tools: [WEATHER],
        ...only(provider),
      } as OpenAI.Responses.ResponseCreateParamsStreaming)
      .finalResponse();
    expect(streamed.output.find((item) => item.type === "function_call")).toMatchObject({
      name: "get_weather",
      arguments: '{"city":"Paris"}',
    });
  });
});

describe("reasoning", () => {
  it("returns the reasoning as a reasoning item's summary, streamed and not", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { reasoning: "Thinking it over." });
    const params = {
      model: "e2e/agent",
      input: "think",
      reasoning: { effort: "low" },
      ...only("e2e-retain"),
    } as TCreate;
    const response = await clientFor(user.key).responses.create(params);
    expect(response.output[0]).toMatchObject({
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Thinking it over." }],
    });
    expect(t.h.mock.calls()[0]!.body).toMatchObject({ reasoning_effort: "low" });
    const streamed = await clientFor(user.key)
      .responses.stream(params as unknown as OpenAI.Responses.ResponseCreateParamsStreaming)
      .finalResponse();
    expect(streamed.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
  });
});

describe("privacy routing and errors on /responses", () => {
  const servedBy = async (key: string, extra: Record<string, unknown> = {}) =>
    (
      await clientFor(key)
        .responses.create({ model: "e2e/agent", input: "hi", ...extra } as TCreate)
        .withResponse()
    ).response.headers.get("x-privet-provider");

  it("follows the account's training, ZDR and ignore settings and the request's provider.only", async () => {
    expect(await servedBy((await t.h.createUser()).key)).toBe("e2e-retain");
    expect(await servedBy((await t.h.createUser({ allowTrainingPaid: true })).key)).toBe("e2e-trains");
    expect(await servedBy((await t.h.createUser({ zdrOnly: true })).key)).toBe("e2e-zdr");
    expect(await servedBy((await t.h.createUser({ ignoredProviders: ["e2e-retain"] })).key)).toBe("e2e-anthropic");
    expect(await servedBy((await t.h.createUser()).key, only("e2e-zdr"))).toBe("e2e-zdr");
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-trains", "e2e-zdr", "e2e-anthropic", "e2e-zdr"]);
  });

  it("refuses with the policy 404 when nothing eligible is left, calling nobody", async () => {
    const user = await t.h.createUser({ zdrOnly: true });
    const error = await refusal(
      clientFor(user.key).responses.create({ model: "e2e/agent", input: "hi", ...only("e2e-retain") } as TCreate),
    );
    expect(error.status).toBe(404);
    expect((error.error as { message: string }).message).toMatch(/^No endpoints found matching your data policy/);
    expect(calledProviders()).toEqual([]);
    expect(await recordOf(error.headers!.get("x-privet-generation-id")!)).toMatchObject({
      kind: "responses",
      httpStatus: 404,
    });
  });

  it("falls back to the next eligible endpoint when a provider fails", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { failure: "500" });
    expect(await servedBy(user.key)).toBe("e2e-anthropic");
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-anthropic"]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "responses" } })).toBe(1);
  });

  it("refuses previous_response_id with a 400 saying Privet keeps no conversation state, and records it", async () => {
    const user = await t.h.createUser();
    const error = await refusal(
      clientFor(user.key).responses.create({ model: "e2e/agent", input: "go on", previous_response_id: "resp_123" }),
    );
    expect(error.status).toBe(400);
    expect((error.error as { message: string }).message).toBe(
      "Invalid request: previous_response_id: Privet keeps no conversation state: send the whole conversation in input (previous_response_id and conversation are not supported).",
    );
    const builtIn = await refusal(
      clientFor(user.key).responses.create({
        model: "e2e/agent",
        input: "hi",
        tools: [{ type: "web_search" }],
      } as TCreate),
    );
    expect((builtIn.error as { message: string }).message).toMatch(
      /^Invalid request: tools\[0\]\.type: must be "function"/,
    );
    expect(calledProviders()).toEqual([]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "responses", httpStatus: 400 } })).toBe(2);
  });
});

describe("for an account without prompt logging", () => {
  it("no input, instructions or tool output is in a data file, an error body or a printed line", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const m = (what: string) => `PVTRESP${what}${crypto.randomBytes(6).toString("hex")}`;
    const markers = { input: m("INPUT"), instructions: m("INSTR"), output: m("OUTPUT") };
    const printed = capturePrinted();
    const errors: string[] = [];
    try {
      t.h.mock.setProvider("e2e-retain", { reply: "echo" });
      const answer = await client.responses.create({
        model: "e2e/agent",
        instructions: markers.instructions,
        tools: [WEATHER],
        input: [
          { role: "user", content: markers.input },
          { type: "function_call", call_id: "call_1", name: "get_weather", arguments: "{}" },
          { type: "function_call_output", call_id: "call_1", output: markers.output },
        ],
      });
      expect(answer.output_text).toContain(markers.input);
      await client.responses.stream({ model: "e2e/agent", input: markers.input }).finalResponse();
      errors.push(
        JSON.stringify(
          (
            await refusal(
              client.responses.create({ model: "e2e/agent", input: markers.input, ...only("e2e-nowhere") } as TCreate),
            )
          ).error,
        ),
      );
      errors.push(
        JSON.stringify(
          (
            await refusal(
              client.responses.create({
                model: "e2e/agent",
                input: markers.input,
                previous_response_id: markers.output,
              }),
            )
          ).error,
        ),
      );
    } finally {
      printed.restore();
    }
    const files = await t.dataFiles();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "responses" } })).toBe(4);
    expect(findInFiles(user.id, files).length).toBeGreaterThan(0);
    expect(await t.h.db.generationContent.count({ where: { userId: user.id } })).toBe(0);
    for (const marker of Object.values(markers)) {
      expect(findInFiles(marker, files), `${marker}: data files`).toEqual([]);
      for (const text of errors) expect(text).not.toContain(marker);
      expect(printed.text()).not.toContain(marker);
    }
  });
});
