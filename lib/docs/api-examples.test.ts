// The API reference cannot drift from the API: its example requests parse, its refusal and 400 are
// what the router produces for the requests shown, and its catalog, completion and generation
// examples agree with the demo catalog they were taken from.
import * as openRouter from "@openrouter/sdk/models";
import * as openRouterOperations from "@openrouter/sdk/models/operations";
import { beforeAll, describe, expect, it } from "vitest";
import { readCatalogFile } from "@/lib/catalog/schema";
import { buildCatalog } from "@/lib/catalog/build";
import { endpointToApi, modelToApi } from "@/lib/catalog/api";
import type { TModel } from "@/lib/catalog/types";
import { makeAccount } from "@/lib/policy/test-factory";
import { AppError, errorBody } from "@/lib/errors";
import { NO_GUARDRAILS } from "@/lib/keys/guardrails-schema";
import { guardrailChanges, toOpenRouterKey, ZCreateKeyBody } from "@/lib/keys/openrouter-key";
import { parseChatRequest } from "@/lib/gateway/chat-schema";
import { parseEmbeddingsRequest } from "@/lib/gateway/embeddings";
import { responseFromCompletion, responsesRequestToChat } from "@/lib/surfaces/responses";
import { messageFromCompletion, messagesEvents, messagesRequestToChat } from "@/lib/surfaces/messages";
import type { TOutChunk } from "@/lib/gateway/stream-out";
import { describeRoutePlan, planRoute, withDefaultMessages } from "@/lib/gateway/route-plan";
import { formatDataPolicyHeader, refusalFor, selectEndpoints } from "@/lib/policy";
import {
  activityExample,
  badRequestExample,
  chatCompletionExample,
  chatRequestExample,
  createKeyExample,
  createKeyRequestExample,
  creditsExample,
  generationExample,
  embeddingsRequestExample,
  embeddingsResponseExample,
  keyExample,
  messagesRequestExample,
  messagesResponseExample,
  messagesStreamEventsExample,
  modelEndpointsExample,
  printJson,
  receiptHeadersExample,
  responsesRequestExample,
  responsesResponseExample,
  refusalExample,
  refusalRequestExample,
  routeExample,
  routeHealthExample,
  routeRequestExample,
  streamChunksExample,
  streamRequestExample,
  streamUsageChunkExample,
} from "@/lib/docs/api-examples";

const SETTINGS_URL = "https://privet.example.com/settings/privacy";
let demo: ReturnType<typeof buildCatalog>;

/** A demo model with its endpoints in the order the catalog store keeps them (by provider). */
function demoModel(id: string): TModel {
  const model = demo.models.find((m) => m.id === id);
  if (!model) throw new Error(`no ${id} in the demo catalog`);
  const position = (slug: string) => demo.providers.findIndex((p) => p.slug === slug);
  return {
    ...model,
    endpoints: [...model.endpoints].sort((a, b) => position(a.provider.slug) - position(b.provider.slug)),
  };
}

function demoEndpoint(modelId: string, providerSlug: string) {
  const endpoint = demoModel(modelId).endpoints.find((e) => e.provider.slug === providerSlug);
  if (!endpoint) throw new Error(`no ${providerSlug} endpoint for ${modelId}`);
  return endpoint;
}

const costOf = (
  pricing: { prompt: number; completion: number },
  usage: { prompt_tokens: number; completion_tokens: number },
) => (usage.prompt_tokens * pricing.prompt + usage.completion_tokens * pricing.completion) / 1_000_000;

beforeAll(async () => {
  demo = buildCatalog(await readCatalogFile("catalog/demo.json"), {});
});

describe("the example requests", () => {
  it("all pass the API's own validation", () => {
    for (const request of [chatRequestExample("demo/echo"), streamRequestExample("demo/echo"), refusalRequestExample]) {
      expect(parseChatRequest(request), JSON.stringify(request)).toMatchObject({ ok: true });
    }
  });

  it("the 400 example is the answer to a temperature out of range", () => {
    const parsed = parseChatRequest({ ...chatRequestExample("demo/echo"), temperature: 3 });
    if (parsed.ok) throw new Error("temperature 3 was accepted");
    const error = new AppError("bad_request", `Invalid request: ${parsed.field}: ${parsed.message}`, {
      metadata: { field: parsed.field },
    });
    expect(errorBody(error)).toEqual(badRequestExample);
  });
});

describe("the route explanation example", () => {
  it("is what POST /route answers for its request on the demo catalog, paid-model training off", () => {
    const parsed = parseChatRequest(withDefaultMessages(routeRequestExample));
    if (!parsed.ok) throw new Error(parsed.message);
    const account = makeAccount();
    const plan = planRoute(
      parsed.value,
      [demoModel("demo/echo")],
      account,
      SETTINGS_URL,
      routeHealthExample,
      Date.now(),
    );
    expect(describeRoutePlan(plan)).toEqual(routeExample);
  });
});

describe("the refusal example", () => {
  it("is what refusalFor answers for its request on the demo catalog, paid-model training off", () => {
    const parsed = parseChatRequest(refusalRequestExample);
    if (!parsed.ok) throw new Error(parsed.message);
    const account = makeAccount();
    // The request uses no parameters or features, and its one short message fits every context window.
    const decision = selectEndpoints(demoModel("demo/echo").endpoints, account, parsed.value.provider ?? {}, {
      parameters: [],
      features: [],
      estimatedTokens: 10,
    });
    const refusal = refusalFor(decision, "demo/echo", SETTINGS_URL);
    if (!refusal) throw new Error("the request was not refused");
    expect(
      errorBody(new AppError("not_found", refusal.message, { status: refusal.status, metadata: refusal.metadata })),
    ).toEqual(refusalExample(SETTINGS_URL));
  });
});

describe("the response examples", () => {
  it("the endpoints example is the API's answer for demo/echo:free", () => {
    const model = demoModel("demo/echo:free");
    expect(modelEndpointsExample).toEqual({
      data: { ...modelToApi(model), endpoints: model.endpoints.map((e) => endpointToApi(e, model)) },
    });
  });

  it("the completion, its receipt, its generation record and the activity row describe one request to demo-zdr", () => {
    const endpoint = demoEndpoint("demo/echo", receiptHeadersExample["X-Privet-Provider"]);
    expect(chatCompletionExample.provider).toBe(endpoint.provider.name);
    expect(receiptHeadersExample["X-Privet-Data-Policy"]).toBe(formatDataPolicyHeader(endpoint.dataPolicy));
    expect(chatCompletionExample.usage.cost).toBe(costOf(endpoint.pricing, chatCompletionExample.usage));

    const record = generationExample.data;
    expect(record).toMatchObject({
      id: chatCompletionExample.id,
      model: chatCompletionExample.model,
      provider_slug: endpoint.provider.slug,
      provider_name: endpoint.provider.name,
    });
    expect(record).toMatchObject({
      tokens_prompt: chatCompletionExample.usage.prompt_tokens,
      tokens_completion: chatCompletionExample.usage.completion_tokens,
    });
    expect(record.total_cost).toBe(chatCompletionExample.usage.cost);
    expect(record.data_policy).toEqual(endpoint.dataPolicy);

    expect(activityExample.data[0]).toMatchObject({
      model: record.model,
      provider_slug: record.provider_slug,
      usage: record.total_cost,
      prompt_tokens: record.tokens_prompt,
    });
  });

  it("the stream example's cost is demo-retain's price for its usage", () => {
    const endpoint = demoEndpoint("demo/echo", "demo-retain");
    expect(streamUsageChunkExample.provider).toBe(endpoint.provider.name);
    expect(streamUsageChunkExample.usage.cost).toBe(costOf(endpoint.pricing, streamUsageChunkExample.usage));
  });
});

describe("the response examples have OpenRouter's shapes (its SDK's schemas)", () => {
  const fits = (
    schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } },
    value: unknown,
  ) => {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error?.issues;
  };
  it("completion, chunks, endpoints, generation, key, credits", () => {
    expect(fits(openRouter.ChatResult$inboundSchema, chatCompletionExample)).toEqual([]);
    for (const chunk of [...streamChunksExample, streamUsageChunkExample])
      expect(fits(openRouter.ChatStreamChunk$inboundSchema, chunk)).toEqual([]);
    expect(fits(openRouterOperations.ListEndpointsResponse$inboundSchema, modelEndpointsExample)).toEqual([]);
    expect(fits(openRouter.GenerationResponse$inboundSchema, generationExample)).toEqual([]);
    expect(fits(openRouterOperations.GetCurrentKeyResponse$inboundSchema, keyExample)).toEqual([]);
    expect(fits(openRouterOperations.GetCreditsResponse$inboundSchema, creditsExample)).toEqual([]);
    expect(fits(openRouterOperations.CreateKeysResponse$inboundSchema, createKeyExample)).toEqual([]);
  });

  it("the key management example is what Privet's own code accepts and answers", () => {
    expect(ZCreateKeyBody.safeParse(createKeyRequestExample).success).toBe(true);
    const { data } = createKeyExample;
    const info = {
      id: data.hash,
      name: data.name,
      prefix: data.label.slice(0, -1),
      createdAt: new Date(data.created_at),
      updatedAt: null,
      lastUsedAt: null,
      revokedAt: null,
      disabled: false,
      isManagement: false,
      guardrails: {
        ...NO_GUARDRAILS,
        ...guardrailChanges(ZCreateKeyBody.parse(createKeyRequestExample)),
      },
    };
    expect(toOpenRouterKey(info)).toEqual(data);
    expect(createKeyExample.key).toMatch(/^sk-pv-[A-Za-z0-9_-]{43}$/);
  });
});

describe("printJson", () => {
  it("keeps closed values on one line and puts an open one's members on their own lines, with … for what is left out", () => {
    expect(printJson({ a: [1, 2], b: { c: null }, d: [] })).toBe('{ "a": [1, 2], "b": { "c": null }, "d": [] }');
    expect(
      printJson(
        { a: 1, b: "x", c: [{ d: 1 }, { d: 2 }, { d: 3 }] },
        { "": { isOpen: true, keys: ["a", "…", "c"] }, c: { isOpen: true, items: 2 } },
      ),
    ).toBe(["{", '  "a": 1,', "  …", '  "c": [', '    { "d": 1 },', '    { "d": 2 },', "    …", "  ]", "}"].join("\n"));
  });
});

describe("the Messages examples", () => {
  it("the request passes the route's validation and reaches the pipeline as a valid chat request", () => {
    const translated = messagesRequestToChat(messagesRequestExample("demo/echo"));
    if (!translated.ok) throw new Error(translated.message);
    expect(parseChatRequest(translated.body)).toMatchObject({ ok: true });
    expect(translated.body.provider).toEqual({ zdr: true });
  });

  it("the answer is the chat completion example in Anthropic's shape", () => {
    expect(messageFromCompletion(chatCompletionExample)).toEqual(messagesResponseExample);
  });

  it("the stream's event types are those the stream example becomes", async () => {
    async function* chunks(): AsyncGenerator<TOutChunk, void, undefined> {
      yield* streamChunksExample as TOutChunk[];
    }
    const types: string[] = [];
    for await (const event of messagesEvents(chunks(), { id: "gen-1", model: "demo/echo", provider: "Demo" }))
      types.push(event.event);
    expect(types).toEqual([...messagesStreamEventsExample]);
  });
});

describe("the embeddings examples", () => {
  it("the request passes the route's validation", () => {
    expect(parseEmbeddingsRequest(embeddingsRequestExample("demo/embed"))).toMatchObject({ ok: true });
  });

  it("the answer is demo/embed on demo-zdr (the only ZDR endpoint), at its price", () => {
    const endpoint = demoEndpoint("demo/embed", "demo-zdr");
    expect(demoModel("demo/embed").output).toBe("embeddings");
    expect(endpoint.dataPolicy.zdr).toBe(true);
    expect(embeddingsResponseExample.provider).toBe(endpoint.provider.name);
    expect(embeddingsResponseExample.data).toHaveLength(embeddingsRequestExample("demo/embed").input.length);
    expect(embeddingsResponseExample.usage.cost).toBeCloseTo(
      costOf(endpoint.pricing, { prompt_tokens: embeddingsResponseExample.usage.prompt_tokens, completion_tokens: 0 }),
      15,
    );
  });
});

describe("the Responses examples", () => {
  it("the request reaches the pipeline as a valid chat request, and the answer is the chat completion as a Response", () => {
    const translated = responsesRequestToChat(responsesRequestExample("demo/echo"));
    if (!translated.ok) throw new Error(translated.message);
    expect(parseChatRequest(translated.body)).toMatchObject({ ok: true });
    expect(responseFromCompletion(chatCompletionExample, translated.request)).toEqual(responsesResponseExample);
  });
});
