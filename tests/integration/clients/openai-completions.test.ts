// The official `openai` client's legacy completions.create against Privet's /api/v1/completions,
// over the mock upstream: the prompt routed like a chat message, streamed and not, under the same
// privacy routing, receipts, records and errors as chat.
import crypto from "node:crypto";
import OpenAI, { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { contractHarness, refusalOf } from "@/tests/support/client-contract";
import { capturePrinted, findInFiles } from "@/tests/support/leak-scan";

const t = contractHarness();
const { calledProviders, recordOf } = t;

const clientFor = (key: string) => new OpenAI({ baseURL: `${t.h.baseUrl}/api/v1`, apiKey: key, maxRetries: 0 });
type TParams = OpenAI.CompletionCreateParamsNonStreaming & Record<string, unknown>;

const refusal = (request: Promise<unknown>) => refusalOf(APIError, request);

describe("completions.create", () => {
  it("answers a text_completion, the prompt sent as the one user message; receipt headers and one record of kind completions", async () => {
    const user = await t.h.createUser();
    const { data, response } = await clientFor(user.key)
      .completions.create({
        model: "e2e/echo",
        prompt: "Once upon a time",
        max_tokens: 20,
        temperature: 0.3,
        stop: ["\n"],
      })
      .withResponse();
    expect(data.object).toBe("text_completion");
    expect(data.choices).toEqual([
      expect.objectContaining({ index: 0, text: "Hello from e2e-retain.", finish_reason: "stop", logprobs: null }),
    ]);
    expect(data.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 3 });
    expect(response.headers.get("x-privet-provider")).toBe("e2e-retain");
    expect(response.headers.get("x-privet-generation-id")).toBe(data.id);
    expect(t.h.mock.calls()[0]!.body).toMatchObject({
      messages: [{ role: "user", content: "Once upon a time" }],
      max_tokens: 20,
      temperature: 0.3,
      stop: ["\n"],
    });
    expect(t.h.mock.calls()[0]!.body).not.toHaveProperty("prompt");
    expect(await recordOf(data.id)).toMatchObject({
      kind: "completions",
      providerSlug: "e2e-retain",
      status: "success",
    });
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("streams text_completion chunks ending with the usage, then [DONE]", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { reply: "one two three" });
    const stream = await clientFor(user.key).completions.create({ model: "e2e/echo", prompt: "count", stream: true });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.text ?? "").join("")).toBe("one two three");
    expect(chunks.every((c) => c.object === "text_completion")).toBe(true);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "stop")).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 3 });
    expect(await recordOf(last.id)).toMatchObject({ kind: "completions", streamed: true, status: "success" });
  });

  it("is also served by a Messages-API provider", async () => {
    const user = await t.h.createUser();
    const data = await clientFor(user.key).completions.create({
      model: "e2e/echo",
      prompt: "hi",
      provider: { only: ["e2e-anthropic"] },
    } as TParams);
    expect(data.choices[0]!.text).toBe("Hello from e2e-anthropic.");
    expect(t.h.mock.calls()[0]).toMatchObject({
      api: "anthropic",
      body: { messages: [{ role: "user", content: "hi" }] },
    });
  });
});

describe("privacy routing and errors on /completions", () => {
  const servedBy = async (key: string, extra: Record<string, unknown> = {}) =>
    (
      await clientFor(key)
        .completions.create({ model: "e2e/echo", prompt: "hi", ...extra } as TParams)
        .withResponse()
    ).response.headers.get("x-privet-provider");

  it("follows the account's training, ZDR and ignore settings and the request's provider.only", async () => {
    expect(await servedBy((await t.h.createUser({ allowTrainingPaid: true })).key)).toBe("e2e-unknown");
    expect(await servedBy((await t.h.createUser({ zdrOnly: true })).key)).toBe("e2e-zdr");
    expect(await servedBy((await t.h.createUser({ ignoredProviders: ["e2e-retain"] })).key)).toBe("e2e-zdr");
    expect(await servedBy((await t.h.createUser()).key, { provider: { only: ["e2e-zdr"] } })).toBe("e2e-zdr");
    expect(calledProviders()).toEqual(["e2e-unknown", "e2e-zdr", "e2e-zdr", "e2e-zdr"]);
  });

  it("refuses with the policy 404 when nothing eligible is left, calling nobody", async () => {
    const user = await t.h.createUser({ zdrOnly: true });
    const error = await refusal(
      clientFor(user.key).completions.create({
        model: "e2e/echo",
        prompt: "hi",
        provider: { only: ["e2e-retain"] },
      } as TParams),
    );
    expect(error.status).toBe(404);
    expect((error.error as { message: string }).message).toMatch(/^No endpoints found matching your data policy/);
    expect(calledProviders()).toEqual([]);
    expect(await recordOf(error.headers!.get("x-privet-generation-id")!)).toMatchObject({
      kind: "completions",
      httpStatus: 404,
    });
  });

  it("falls back to the next eligible endpoint when a provider fails", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { failure: "500" });
    expect(await servedBy(user.key)).toBe("e2e-zdr");
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr"]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "completions" } })).toBe(1);
  });

  it("refuses what a chat model cannot do (several prompts, echo, n > 1) with a 400 naming the field", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const several = await refusal(client.completions.create({ model: "e2e/echo", prompt: ["a", "b"] }));
    expect((several.error as { message: string }).message).toMatch(/^Invalid request: prompt: must hold one prompt/);
    const echo = await refusal(client.completions.create({ model: "e2e/echo", prompt: "a", echo: true }));
    expect((echo.error as { message: string }).message).toMatch(/^Invalid request: echo: is not supported/);
    const n = await refusal(client.completions.create({ model: "e2e/echo", prompt: "a", n: 2 }));
    expect((n.error as { message: string }).message).toMatch(/^Invalid request: n: must be 1/);
    expect(calledProviders()).toEqual([]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "completions", httpStatus: 400 } })).toBe(3);
  });
});

describe("for an account without prompt logging", () => {
  it("no prompt or completion text is in a data file, an error body or a printed line", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const marker = `PVTCOMPL${crypto.randomBytes(6).toString("hex")}`;
    const printed = capturePrinted();
    const errors: string[] = [];
    try {
      t.h.mock.setProvider("e2e-retain", { reply: "echo" });
      const answer = await client.completions.create({ model: "e2e/echo", prompt: marker });
      expect(answer.choices[0]!.text).toContain(marker);
      const stream = await client.completions.create({ model: "e2e/echo", prompt: marker, stream: true });
      for await (const chunk of stream) void chunk;
      errors.push(
        JSON.stringify(
          (await refusal(client.completions.create({ model: "e2e/echo", prompt: [marker, marker] }))).error,
        ),
      );
      for (const slug of ["e2e-zdr", "e2e-retain", "e2e-anthropic"]) t.h.mock.setProvider(slug, { failure: "500" });
      errors.push(
        JSON.stringify((await refusal(client.completions.create({ model: "e2e/echo", prompt: marker }))).error),
      );
    } finally {
      printed.restore();
    }
    const files = await t.dataFiles();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "completions" } })).toBe(4);
    expect(findInFiles(user.id, files).length).toBeGreaterThan(0);
    expect(findInFiles(marker, files)).toEqual([]);
    for (const text of errors) expect(text).not.toContain(marker);
    expect(printed.text()).not.toContain(marker);
  });
});
