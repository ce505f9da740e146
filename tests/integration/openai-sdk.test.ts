// The official `openai` client against Privet: what developers will actually use.
import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let client: OpenAI;
let key: string;

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: "250" } });
  key = (await h.createUser()).key;
  // No retries: every request below is meant to be sent exactly once.
  client = new OpenAI({ baseURL: `${h.baseUrl}/api/v1`, apiKey: key, maxRetries: 0 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
  { role: "system", content: "be brief" },
  { role: "user", content: "say hello" },
];

type TPrivetUsage = OpenAI.CompletionUsage & { cost?: number };

describe("the openai SDK", () => {
  it("creates a non-streamed completion", async () => {
    const completion = await client.chat.completions.create({
      model: "e2e/echo",
      messages,
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("e2e/echo");
    expect(completion.id).toMatch(/^gen-/);
    expect(completion.choices[0]!.message).toMatchObject({ role: "assistant", content: "Hello from e2e-retain." });
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    const usage = completion.usage as TPrivetUsage;
    expect(usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 });
    expect(usage.cost).toBeCloseTo((7 * 0.5) / 1_000_000, 12);
    expect((completion as unknown as { provider: string }).provider).toBe("E2E Retain");
    // The SDK's parameters reached the upstream; Privet's own fields did not.
    const sent = h.mock.calls()[0]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ model: "upstream-e2e-retain", temperature: 0.2, max_tokens: 50, messages });
  });

  it("exposes Privet's receipt headers through withResponse()", async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: "e2e/echo",
        messages,
        provider: { zdr: true },
      } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(response.headers.get("x-privet-generation-id")).toBe(data.id);
    expect(h.mock.calls().map((c) => c.provider)).toEqual(["e2e-zdr"]);
    // Routing preferences are never forwarded upstream.
    expect(h.mock.calls()[0]!.body).not.toHaveProperty("provider");
  });

  it("streams chunks with for await, ending with a usage chunk that carries tokens and cost", async () => {
    h.mock.setProvider("e2e-retain", { reply: "one two three four five" });
    const stream = await client.chat.completions.create({
      model: "e2e/echo",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("one two three four five");
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "stop")).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    const usage = last.usage as TPrivetUsage;
    expect(usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
    expect(usage.cost).toBeCloseTo((9 * 0.5) / 1_000_000, 12);
    // Only the last chunk carries usage.
    expect(chunks.slice(0, -1).every((c) => !c.usage)).toBe(true);
  });

  it("streams without stream_options too (Privet asks the upstream for usage anyway)", async () => {
    const stream = await client.chat.completions.create({ model: "e2e/echo", messages, stream: true });
    let usage: TPrivetUsage | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage as TPrivetUsage;
    expect(usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 });
    expect((h.mock.calls()[0]!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  it("surfaces a mid-stream failure as an error thrown by the SDK, after the chunks that arrived", async () => {
    h.mock.setProvider("e2e-retain", { failure: "drop", reply: "alpha beta gamma delta" });
    const stream = await client.chat.completions.create({ model: "e2e/echo", messages, stream: true });
    const received: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    };
    const error = await consume().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toMatch(/stream failed/);
    expect(received.join("")).toBe("alpha beta");
  });

  it("throws typed errors for Privet's error responses", async () => {
    const notFound = await client.chat.completions
      .create({ model: "e2e/echo:free", messages })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as APIError).status).toBe(404);
    expect((notFound as APIError).message).toContain("No endpoints found matching your data policy");

    const badRequest = await client.chat.completions
      .create({ model: "e2e/echo", messages, temperature: 9 })
      .catch((e: unknown) => e);
    expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);

    h.mock.setProvider("e2e-retain", { failure: "429", retryAfter: 2 });
    const limited = await client.chat.completions
      .create({
        model: "e2e/echo",
        messages,
        provider: { allow_fallbacks: false },
      } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as APIError).headers?.get("retry-after")).toBe("2");

    const unauthorized = await new OpenAI({
      baseURL: `${h.baseUrl}/api/v1`,
      apiKey: "sk-pv-nope",
      maxRetries: 0,
    }).chat.completions
      .create({ model: "e2e/echo", messages })
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("lists models with client.models.list()", async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["e2e/echo", "e2e/echo:free", "e2e/tools"]);
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["e2e/echo", "e2e/echo:free", "e2e/tools"]);
  });
});
