// Every /api/v1 response route's raw output, parsed with the response schemas OpenRouter's SDK
// exports: `safeParse` lists each misfit, so a failure here names the field. Streamed chunks on
// both upstream APIs, with text, tool calls, reasoning and the usage chunk.
import * as models from "@openrouter/sdk/models";
import * as operations from "@openrouter/sdk/models/operations";
import { describe, expect, it } from "vitest";
import { sseChunks, sharedHarness } from "@/tests/support/harness";

type TSchema = { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } };

const t = sharedHarness();

function expectFits(schema: TSchema, value: unknown, what: string) {
  const result = schema.safeParse(value);
  expect(result.success ? [] : result.error?.issues, `${what}: ${JSON.stringify(value).slice(0, 400)}`).toEqual([]);
}

const hello = [{ role: "user", content: "say hello" }];
const tools = [
  {
    type: "function",
    function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
  },
];

const CASES = [
  { name: "text", knobs: {}, extra: {} },
  { name: "a tool call", knobs: { toolCalls: true }, extra: { tools } },
] as const;

describe.each([
  { api: "openai", slug: "e2e-zdr" },
  { api: "anthropic", slug: "e2e-anthropic" },
])("chat completions through the $api adapter", ({ slug }) => {
  it.each(CASES)(
    "$name: the completion and every streamed chunk fit ChatResult and ChatStreamChunk",
    async ({ knobs, extra }) => {
      t.h.mock.setProvider(slug, knobs);
      const body = { model: "e2e/echo", messages: hello, provider: { only: [slug] }, ...extra };
      const completion = await t.h.chat(t.key, body);
      expect(completion.status).toBe(200);
      expectFits(models.ChatResult$inboundSchema, await completion.json(), "completion");

      const streamed = await t.h.chat(t.key, { ...body, stream: true });
      const chunks = sseChunks(await streamed.text());
      expect(chunks.length).toBeGreaterThan(2);
      chunks.forEach((chunk, i) => expectFits(models.ChatStreamChunk$inboundSchema, chunk, `chunk ${i}`));
    },
  );
});

it("reasoning from a Messages-API provider fits too, streamed and not", async () => {
  const body = {
    model: "e2e/echo",
    messages: hello,
    provider: { only: ["e2e-anthropic"] },
    reasoning: { effort: "high" },
    max_tokens: 5000,
  };
  expectFits(models.ChatResult$inboundSchema, await (await t.h.chat(t.key, body)).json(), "completion");
  for (const chunk of sseChunks(await (await t.h.chat(t.key, { ...body, stream: true })).text()))
    expectFits(models.ChatStreamChunk$inboundSchema, chunk, "chunk");
});

describe("the other routes", () => {
  it("models, model, endpoints: OpenRouter's model and endpoint objects, prices as plain decimals", async () => {
    const list = await (await t.h.get("/api/v1/models")).json();
    expectFits(models.ModelsListResponse$inboundSchema, list, "/models");
    expect(JSON.stringify(list)).not.toMatch(/"\d(\.\d+)?e-\d+"/);
    expectFits(
      models.ModelResponse$inboundSchema,
      await (await t.h.get("/api/v1/model/e2e/echo")).json(),
      "/model/e2e/echo",
    );
    expectFits(
      models.ModelResponse$inboundSchema,
      await (await t.h.get("/api/v1/model/e2e/echo%3Afree")).json(),
      "/model/e2e/echo:free",
    );
    expectFits(
      operations.ListEndpointsResponse$inboundSchema,
      await (await t.h.get("/api/v1/models/e2e/echo/endpoints")).json(),
      "/endpoints",
    );
  });

  it("generation, key, auth/key, credits", async () => {
    const res = await t.h.chat(t.key, { model: "e2e/echo", messages: hello });
    const id = res.headers.get("x-privet-generation-id")!;
    expectFits(
      models.GenerationResponse$inboundSchema,
      await (await t.h.get(`/api/v1/generation?id=${id}`, t.key)).json(),
      "/generation",
    );
    const refused = await t.h.chat(t.key, { model: "e2e/echo", messages: hello, provider: { only: ["nobody"] } });
    const refusedId = refused.headers.get("x-privet-generation-id")!;
    expectFits(
      models.GenerationResponse$inboundSchema,
      await (await t.h.get(`/api/v1/generation?id=${refusedId}`, t.key)).json(),
      "/generation (refused)",
    );
    for (const path of ["/api/v1/key", "/api/v1/auth/key"])
      expectFits(operations.GetCurrentKeyResponse$inboundSchema, await (await t.h.get(path, t.key)).json(), path);
    expectFits(
      operations.GetCreditsResponse$inboundSchema,
      await (await t.h.get("/api/v1/credits", t.key)).json(),
      "/credits",
    );
    // The refused request's row has no provider: it fits too.
    expectFits(
      models.ActivityResponse$inboundSchema,
      await (await t.h.get("/api/v1/activity", t.key)).json(),
      "/activity",
    );
  });

  it("providers", async () => {
    expectFits(
      operations.ListProvidersResponse$inboundSchema,
      await (await t.h.get("/api/v1/providers")).json(),
      "/providers",
    );
  });

  it("errors: { error: { code, message, metadata } } as the SDK's error data", async () => {
    const bodyOf = async (res: Response) => ((await res.json()) as { error: unknown }).error;
    expectFits(
      models.BadRequestResponseErrorData$inboundSchema,
      await bodyOf(await t.h.chat(t.key, { model: "e2e/echo", messages: [] })),
      "400",
    );
    expectFits(
      models.NotFoundResponseErrorData$inboundSchema,
      await bodyOf(await t.h.get("/api/v1/model/e2e/nope")),
      "404",
    );
    expectFits(
      models.UnauthorizedResponseErrorData$inboundSchema,
      await bodyOf(await t.h.get("/api/v1/key", "sk-pv-wrong")),
      "401",
    );
  });
});
