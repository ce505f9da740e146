// The official `openai` client's embeddings.create against Privet's /api/v1/embeddings, over the
// mock upstream: vectors as floats and base64, `dimensions`, and the same privacy routing, receipts,
// records and error handling as chat — with the input never kept without prompt logging.
import crypto from "node:crypto";
import OpenAI, { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { contractHarness, refusalOf } from "@/tests/support/client-contract";
import { capturePrinted, findInFiles } from "@/tests/support/leak-scan";

/** The e2e catalog plus an embedding model on providers of each policy (and one Messages API, which has none). */
function catalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `embed-${provider}`,
    pricing: { prompt: price, completion: 0 },
    supportedParameters: ["dimensions"],
  });
  return {
    ...base,
    models: [
      ...base.models,
      {
        id: "e2e/embed",
        name: "E2E Embed",
        contextLength: 8192,
        output: "embeddings",
        endpoints: [
          endpoint("e2e-trains", 0.01),
          endpoint("e2e-anthropic", 0.02),
          endpoint("e2e-retain", 0.1),
          endpoint("e2e-zdr", 0.2),
        ],
      },
    ],
  };
}

const t = contractHarness({ catalog });
const { calledProviders, recordOf } = t;

const clientFor = (key: string) => new OpenAI({ baseURL: `${t.h.baseUrl}/api/v1`, apiKey: key, maxRetries: 0 });
type TParams = OpenAI.EmbeddingCreateParams & Record<string, unknown>;

const refusal = (request: Promise<unknown>) => refusalOf(APIError, request);

describe("embeddings.create", () => {
  it("returns one float vector per input, in order, with the receipt headers and one record of kind embeddings", async () => {
    const user = await t.h.createUser();
    const { data, response } = await clientFor(user.key)
      .embeddings.create({ model: "e2e/embed", input: ["first text", "a second text"], encoding_format: "float" })
      .withResponse();
    expect(data.object).toBe("list");
    expect(data.model).toBe("e2e/embed");
    expect(data.data.map((d) => d.index)).toEqual([0, 1]);
    for (const d of data.data) {
      expect(d.object).toBe("embedding");
      expect(d.embedding).toHaveLength(8);
      expect(d.embedding.every((v) => typeof v === "number")).toBe(true);
    }
    expect(data.data[0]!.embedding).not.toEqual(data.data[1]!.embedding);
    expect(data.usage).toMatchObject({ prompt_tokens: 5, total_tokens: 5 });
    const id = response.headers.get("x-privet-generation-id")!;
    expect(response.headers.get("x-privet-provider")).toBe("e2e-retain");
    expect(response.headers.get("x-privet-content-stored")).toBe("no");
    expect(response.headers.get("x-privet-data-policy")).toBeTruthy();
    // Privet asks for floats, and passes neither its routing nor the client's `user` as it is.
    expect(t.h.mock.calls()).toHaveLength(1);
    expect(t.h.mock.calls()[0]!).toMatchObject({
      route: "embeddings",
      body: { model: "embed-e2e-retain", input: ["first text", "a second text"], encoding_format: "float" },
    });
    expect(Object.keys(t.h.mock.calls()[0]!.body as object).sort()).toEqual(["encoding_format", "input", "model"]);
    const record = await recordOf(id);
    expect(record).toMatchObject({
      kind: "embeddings",
      model: "e2e/embed",
      providerSlug: "e2e-retain",
      status: "success",
      promptTokens: 5,
      completionTokens: 0,
    });
    expect(record.cost).toBeCloseTo((5 * 0.1) / 1_000_000, 12);
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("decodes to the same vectors from base64 (the SDK's default) as from floats, and passes dimensions on", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const floats = await client.embeddings.create({
      model: "e2e/embed",
      input: "same text",
      dimensions: 4,
      encoding_format: "float",
    });
    // Without encoding_format the SDK asks for base64 and decodes it itself.
    const decoded = await client.embeddings.create({ model: "e2e/embed", input: "same text", dimensions: 4 });
    expect(t.h.mock.calls()[1]!.body).toMatchObject({ encoding_format: "float", dimensions: 4 });
    expect(floats.data[0]!.embedding).toHaveLength(4);
    expect(decoded.data[0]!.embedding).toEqual(floats.data[0]!.embedding.map((v) => Math.fround(v)));
    const raw = await client.embeddings.create({
      model: "e2e/embed",
      input: "same text",
      dimensions: 4,
      encoding_format: "base64",
    });
    expect(typeof raw.data[0]!.embedding).toBe("string");
  });

  it("follows the account's training, ZDR and ignore settings and the request's provider.only, never a Messages API", async () => {
    const trains = await t.h.createUser({ allowTrainingPaid: true });
    const zdr = await t.h.createUser({ zdrOnly: true });
    const ignoring = await t.h.createUser({ ignoredProviders: ["e2e-retain"] });
    const servedBy = async (key: string, extra: Record<string, unknown> = {}) =>
      (
        await clientFor(key)
          .embeddings.create({ model: "e2e/embed", input: "hi", ...extra } as TParams)
          .withResponse()
      ).response.headers.get("x-privet-provider");
    expect(await servedBy(trains.key)).toBe("e2e-trains");
    expect(await servedBy(zdr.key)).toBe("e2e-zdr");
    expect(await servedBy(ignoring.key)).toBe("e2e-zdr");
    expect(await servedBy(trains.key, { provider: { only: ["e2e-zdr"] } })).toBe("e2e-zdr");
    // e2e-anthropic (a Messages API, cheaper than e2e-retain) was never called.
    expect(calledProviders()).toEqual(["e2e-trains", "e2e-zdr", "e2e-zdr", "e2e-zdr"]);
  });

  it("refuses with the policy 404 when nothing eligible is left, calling nobody, and records it", async () => {
    const user = await t.h.createUser({ zdrOnly: true });
    const error = await refusal(
      clientFor(user.key).embeddings.create({
        model: "e2e/embed",
        input: "hi",
        provider: { only: ["e2e-retain"] },
      } as TParams),
    );
    expect(error.status).toBe(404);
    const body = error.error as { message: string; metadata: { excluded_by: { provider: string }[] } };
    expect(body.message).toMatch(/^No endpoints found matching your data policy/);
    expect(body.metadata.excluded_by.map((e) => e.provider)).toContain("e2e-retain");
    expect(calledProviders()).toEqual([]);
    const record = await recordOf(error.headers!.get("x-privet-generation-id")!);
    expect(record).toMatchObject({ kind: "embeddings", httpStatus: 404 });
  });

  it("falls back to the next eligible provider when one fails; a malformed answer counts as a failure", async () => {
    const user = await t.h.createUser();
    t.h.mock.setProvider("e2e-retain", { failure: "500" });
    const { response } = await clientFor(user.key)
      .embeddings.create({ model: "e2e/embed", input: "hi" })
      .withResponse();
    expect(response.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr"]);
    const record = await recordOf(response.headers.get("x-privet-generation-id")!);
    expect(
      JSON.parse(record.attempts).map((a: { provider: string; status: number }) => [a.provider, a.status]),
    ).toEqual([
      ["e2e-retain", 500],
      ["e2e-zdr", 200],
    ]);

    t.h.mock.clearCalls();
    t.h.mock.setProvider("e2e-retain", { failure: "malformed" });
    t.h.mock.setProvider("e2e-zdr", { failure: "500" });
    const failed = await refusal(clientFor(user.key).embeddings.create({ model: "e2e/embed", input: "hi" }));
    expect(failed.status).toBe(502);
    expect(calledProviders()).toEqual(["e2e-retain", "e2e-zdr"]);
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "embeddings" } })).toBe(2);
  });

  it("refuses invalid input and a chat model with a 400 naming the field; chat refuses an embedding model", async () => {
    const user = await t.h.createUser();
    const client = clientFor(user.key);
    const bad = await refusal(client.embeddings.create({ model: "e2e/embed", input: [] }));
    expect(bad.status).toBe(400);
    expect((bad.error as { message: string }).message).toMatch(/^Invalid request: input/);
    const chatModel = await refusal(client.embeddings.create({ model: "e2e/echo", input: "hi" }));
    expect((chatModel.error as { message: string }).message).toBe(
      "Invalid request: model: e2e/echo is not an embedding model",
    );
    const chat = await t.h.chat(user.key, { model: "e2e/embed", messages: [{ role: "user", content: "hi" }] });
    expect(chat.status).toBe(400);
    expect(((await chat.json()) as { error: { message: string } }).error.message).toMatch(
      /is an embedding model; use \/embeddings$/,
    );
    expect(calledProviders()).toEqual([]);
  });

  it("with prompt logging on, keeps the input (never the vectors) as the record's content", async () => {
    const user = await t.h.createUser({ promptLogging: true });
    const { response } = await clientFor(user.key)
      .embeddings.create({ model: "e2e/embed", input: ["kept text one", "kept text two"] })
      .withResponse();
    expect(response.headers.get("x-privet-content-stored")).toBe("yes");
    const id = response.headers.get("x-privet-generation-id")!;
    await t.h.flush();
    const content = (await (await t.h.get(`/api/v1/generation/content?id=${id}`, user.key)).json()) as {
      data: { input: { messages: { role: string; content: string }[] }; output: { completion: string } };
    };
    expect(content.data.input.messages).toEqual([
      { role: "user", content: "kept text one" },
      { role: "user", content: "kept text two" },
    ]);
    expect(content.data.output.completion).toBe("");
  });

  it("lists the model with output_modalities embeddings", async () => {
    const list = (await (await t.h.get("/api/v1/models")).json()) as {
      data: { id: string; architecture: Record<string, unknown> }[];
    };
    expect(list.data.find((m) => m.id === "e2e/embed")!.architecture).toMatchObject({
      modality: "text->embeddings",
      output_modalities: ["embeddings"],
    });
    expect(list.data.find((m) => m.id === "e2e/echo")!.architecture).toMatchObject({ output_modalities: ["text"] });
  });
});

describe("for an account without prompt logging", () => {
  it("no input text is in a data file, an error body or a printed line", async () => {
    const user = await t.h.createUser();
    const marker = () => `PVTEMBED${crypto.randomBytes(6).toString("hex")}`;
    const markers = [marker(), marker(), marker()];
    const client = clientFor(user.key);
    const printed = capturePrinted();
    const errors: string[] = [];
    try {
      await client.embeddings.create({ model: "e2e/embed", input: [markers[0]!, markers[1]!] });
      t.h.mock.setProvider("e2e-retain", { failure: "500" });
      t.h.mock.setProvider("e2e-zdr", { failure: "500" });
      errors.push(
        JSON.stringify((await refusal(client.embeddings.create({ model: "e2e/embed", input: markers[2]! }))).error),
      );
      errors.push(
        JSON.stringify(
          (await refusal(client.embeddings.create({ model: "e2e/embed", input: markers[2]!, dimensions: -1 }))).error,
        ),
      );
    } finally {
      printed.restore();
    }
    const files = await t.dataFiles();
    expect(await t.h.db.generation.count({ where: { userId: user.id, kind: "embeddings" } })).toBe(3);
    expect(findInFiles(user.id, files).length).toBeGreaterThan(0);
    expect(await t.h.db.generationContent.count({ where: { userId: user.id } })).toBe(0);
    for (const m of markers) {
      expect(findInFiles(m, files), `${m}: data files`).toEqual([]);
      for (const text of errors) expect(text).not.toContain(m);
      expect(printed.text()).not.toContain(m);
    }
  });
});
