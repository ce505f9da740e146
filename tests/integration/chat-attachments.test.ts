// Chat attachments through the chat's own path (startChatStream → the router → the mock upstream):
// images and PDFs leave as OpenRouter's content parts (Anthropic's image and document blocks on a
// Messages API), only for a model whose catalog says it reads them; otherwise the request is refused
// by the capabilities step (404) with nothing sent. An attachment's bytes are prompt content: for an
// account without prompt logging a canary inside a PDF is nowhere in the data files, the database
// or the printed output, neither raw nor in base64.
import crypto from "node:crypto";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";
import { capturePrinted, findInFiles, formsIn, readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, markServerLog, readDatabase, type TServerLog } from "@/tests/support/database-scan";
import type { TAttachment } from "@/lib/chat/attachments";
import type { TChatSendInput } from "@/lib/chat/schemas";
import type { TChatEvent } from "@/lib/chat/types";

/** The e2e catalog plus a model that reads images and PDFs and one that reads images only. */
function attachmentsCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `upstream-${provider}`,
    pricing: { prompt: price, completion: price },
    quantization: "fp8",
    supportedParameters: ["temperature", "max_tokens"],
  });
  return {
    ...base,
    models: [
      ...base.models,
      {
        id: "it/vision",
        name: "IT Vision",
        contextLength: 32_000,
        inputModalities: ["text", "image", "file"],
        endpoints: [endpoint("e2e-trains", 0.1), endpoint("e2e-retain", 0.5), endpoint("e2e-anthropic", 2)],
      },
      {
        id: "it/images-only",
        name: "IT Images Only",
        contextLength: 32_000,
        inputModalities: ["text", "image"],
        endpoints: [endpoint("e2e-retain", 0.5)],
      },
    ],
  };
}

let h: THarness;
let chat: typeof import("@/lib/chat/chat-stream");
let printed: ReturnType<typeof capturePrinted>;
let serverLog: TServerLog | null = null;

beforeAll(async () => {
  h = await startHarness({ catalog: attachmentsCatalog });
  chat = await import("@/lib/chat/chat-stream");
  if (h.dialect === "postgresql") serverLog = await markServerLog(process.env.DATABASE_URL!);
  printed = capturePrinted();
});
afterAll(async () => {
  printed?.restore();
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

function image(bytes = crypto.randomBytes(2048)): TAttachment {
  return {
    name: "photo.png",
    type: "image/png",
    size: bytes.length,
    data: `data:image/png;base64,${bytes.toString("base64")}`,
  };
}

function pdf(text: string): TAttachment {
  const bytes = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (${text}) Tj ET\n%%EOF\n`);
  return {
    name: "report.pdf",
    type: "application/pdf",
    size: bytes.length,
    data: `data:application/pdf;base64,${bytes.toString("base64")}`,
  };
}

function input(model: string, text: string, attachments: TAttachment[], order: string[] = []): TChatSendInput {
  return {
    requestId: randomUUID(),
    model,
    messages: [{ role: "user", content: text, attachments }],
    options: { denyDataCollection: false, zdr: false, order },
  };
}

async function readAll(stream: ReadableStream<TChatEvent>): Promise<TChatEvent[]> {
  const reader = stream.getReader();
  const events: TChatEvent[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}

const textOf = (events: TChatEvent[]) => events.map((e) => (e.type === "delta" ? e.text : "")).join("");

describe("attachments in the chat", () => {
  it("leave as an image_url part and a file part for a model that reads them, and the receipt says so", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { reply: "echo" });
    const photo = image();
    const report = pdf("quarterly figures");
    const events = await readAll(
      chat.startChatStream(user.id, input("it/vision", "What is in these?", [photo, report]), { userAgent: null }),
    );

    // Served by the cheapest provider the (strict) account allows: e2e-trains may train, so e2e-retain.
    expect(events.find((e) => e.type === "start")).toMatchObject({
      receipt: { provider: { slug: "e2e-retain" }, attachments: { images: 1, pdfs: 1 } },
    });
    expect(textOf(events)).toBe("I received an image (2 KB) and a PDF “report.pdf” (1 KB). What is in these?");
    const calls = h.mock.calls();
    expect(calls.map((c) => c.provider)).toEqual(["e2e-retain"]);
    const body = calls[0]!.body as { messages: { role: string; content: unknown }[] };
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these?" },
          { type: "image_url", image_url: { url: photo.data } },
          { type: "file", file: { filename: "report.pdf", file_data: report.data } },
        ],
      },
    ]);
  });

  it("leave as image and document blocks for a provider on the Messages API", async () => {
    const user = await h.createUser();
    const photo = image();
    const report = pdf("for the messages api");
    const events = await readAll(
      chat.startChatStream(user.id, input("it/vision", "Compare", [photo, report], ["e2e-anthropic"]), {
        userAgent: null,
      }),
    );
    expect(events.find((e) => e.type === "start")).toMatchObject({ receipt: { provider: { slug: "e2e-anthropic" } } });
    const call = h.mock.calls()[0]!;
    expect(call.provider).toBe("e2e-anthropic");
    expect((call.body as { messages: unknown[] }).messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: photo.data.split(",")[1] } },
          {
            type: "document",
            source: { type: "base64", media_type: "application/pdf", data: report.data.split(",")[1] },
            // The attachment's name, as Anthropic's document block takes it.
            title: "report.pdf",
          },
        ],
      },
    ]);
  });

  it("are refused (404, request features) with nothing sent when the model reads text only", async () => {
    const user = await h.createUser();
    const events = await readAll(
      chat.startChatStream(user.id, input("e2e/echo", "see", [image()]), { userAgent: null }),
    );
    const error = events.find((e) => e.type === "error");
    expect(error).toMatchObject({ error: { kind: "refusal", status: 404 } });
    if (error?.type !== "error") throw new Error("no error event");
    // The providers the account allows are excluded for the image (the others by training).
    expect(error.error.refusal?.labels).toContain("Request features");
    expect(
      error.error.refusal?.excluded
        .filter((e) => e.label === "Request features")
        .map((e) => e.provider)
        .sort(),
    ).toEqual(["e2e-anthropic", "e2e-retain", "e2e-zdr"]);
    expect(error.error.refusal?.excluded.find((e) => e.provider === "e2e-retain")?.reason).toMatch(
      /does not support image input/,
    );
    expect(h.mock.calls()).toEqual([]);
  });

  it("are refused when the model reads images but the message carries a PDF", async () => {
    const user = await h.createUser();
    const ok = await readAll(
      chat.startChatStream(user.id, input("it/images-only", "an image", [image()]), { userAgent: null }),
    );
    expect(ok.find((e) => e.type === "start")).toBeDefined();
    h.mock.clearCalls();
    const refused = await readAll(
      chat.startChatStream(user.id, input("it/images-only", "a pdf", [pdf("x")]), { userAgent: null }),
    );
    expect(refused.find((e) => e.type === "error")).toMatchObject({
      error: { kind: "refusal", status: 404, refusal: { labels: ["Request features"] } },
    });
    expect(h.mock.calls()).toEqual([]);
  });
});

describe("for an account without prompt logging", () => {
  it("an attachment's content is written nowhere, neither raw nor in base64", async () => {
    const user = await h.createUser();
    const canary = `PVTATTACH${crypto.randomBytes(6).toString("hex")}`;
    const control = `PVTCONTROL${crypto.randomBytes(6).toString("hex")}`;
    h.mock.setProvider("e2e-retain", { reply: "echo" });
    // Served, refused (a text-only model) and failed (every provider down) all carry the canary's PDF.
    await readAll(chat.startChatStream(user.id, input("it/vision", "read it", [pdf(canary)]), { userAgent: control }));
    await readAll(chat.startChatStream(user.id, input("e2e/echo", "read it", [pdf(canary)]), { userAgent: null }));
    h.mock.setProvider("e2e-retain", { failure: "500" });
    h.mock.setProvider("e2e-anthropic", { failure: "500" });
    const failed = await readAll(
      chat.startChatStream(user.id, input("it/vision", "again", [pdf(canary), image()]), { userAgent: null }),
    );
    expect(failed.find((e) => e.type === "error")).toBeDefined();

    // The canary did travel to the provider, base64-encoded inside the data URL: the scan below
    // would see it there.
    expect(formsIn(canary, JSON.stringify(h.mock.calls().map((c) => c.body)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^base64@/)]),
    );
    await h.flush();
    const files = [...readFilesUnder(h.dir), ...(await readDatabase(h.dialect, serverLog))];
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseEntryNames(h.dialect, ["Generation"])));
    // The user agent is metadata, stored in plain text: proof the records reached the files scanned.
    expect(findInFiles(control, files).length).toBeGreaterThan(0);
    expect(await h.db.generationContent.count()).toBe(0);
    expect(findInFiles(canary, files)).toEqual([]);
    expect(formsIn(canary, printed.text())).toEqual([]);
    expect(formsIn(canary, JSON.stringify(failed))).toEqual([]);
  });
});
