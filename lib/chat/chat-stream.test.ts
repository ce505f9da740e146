// The chat's server side against the real pipeline, database and mock upstream: a reply streams as
// events with a receipt, goes through the same routing and metadata record as the API (origin
// "chat", app "Privet Chat"), Stop and a vanished browser both cancel the upstream call and record
// the generation as cancelled, and nobody else can stop someone's reply.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness, type THarnessUrls } from "@/tests/support/harness";
import type { TChatSendInput } from "@/lib/chat/schemas";
import type { TChatEvent } from "@/lib/chat/types";

/** The e2e catalog plus a model served only through the counting proxy, to watch its connection. */
function chatCatalog(mockUrl: string, urls: THarnessUrls) {
  const base = e2eCatalog(mockUrl);
  return {
    ...base,
    providers: [
      ...base.providers,
      {
        slug: "it-proxied",
        name: "IT Proxied",
        api: "openai",
        baseUrl: `${urls.proxyUrl}/it-proxied/v1`,
        apiKeyEnv: null,
        dataPolicy: { training: false, retainsPrompts: false, zdr: true, canPublish: false, checkedAt: "2026-06-16" },
      },
    ],
    models: [
      ...base.models,
      {
        id: "it/slow",
        name: "Slow",
        contextLength: 8192,
        endpoints: [
          {
            provider: "it-proxied",
            upstreamModel: "upstream-slow",
            pricing: { prompt: 1, completion: 1 },
            quantization: "fp8",
          },
        ],
      },
    ],
  };
}

let h: THarness;
let chat: typeof import("@/lib/chat/chat-stream");
let streams: typeof import("@/lib/chat/active-streams");
let generations: typeof import("@/lib/generations/generations");

beforeAll(async () => {
  h = await startHarness({ catalog: chatCatalog });
  chat = await import("@/lib/chat/chat-stream");
  streams = await import("@/lib/chat/active-streams");
  generations = await import("@/lib/generations/generations");
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const NO_OPTIONS = { denyDataCollection: false, zdr: false, order: [] };

function input(text: string, overrides: Partial<TChatSendInput> = {}): TChatSendInput {
  return {
    requestId: randomUUID(),
    model: "e2e/echo",
    messages: [{ role: "user", content: text }],
    options: NO_OPTIONS,
    ...overrides,
  };
}

/** Every event of a reply, the "sending" ones included. */
async function readEvents(stream: ReadableStream<TChatEvent>): Promise<TChatEvent[]> {
  return readRest(stream.getReader());
}

/** What is left to read of a reply. */
async function readRest(reader: ReadableStreamDefaultReader<TChatEvent>): Promise<TChatEvent[]> {
  const events: TChatEvent[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}

/** The reply's events after the "sending" ones (tested on their own below). */
async function readAll(stream: ReadableStream<TChatEvent>): Promise<TChatEvent[]> {
  return (await readEvents(stream)).filter((e) => e.type !== "sending");
}

/** The next event that is not "sending". */
async function nextReplyEvent(reader: ReadableStreamDefaultReader<TChatEvent>) {
  for (;;) {
    const next = await reader.read();
    if (next.done || next.value.type !== "sending") return next;
  }
}

function textOf(events: TChatEvent[]): string {
  return events.map((e) => (e.type === "delta" ? e.text : "")).join("");
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a chat reply", () => {
  it("streams through the router with a receipt and leaves a chat-origin metadata record", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { reply: "echo" });
    const events = await readAll(
      chat.startChatStream(user.id, input("tell me about otters please"), { userAgent: "it-browser" }),
    );

    expect(events[0]).toMatchObject({
      type: "start",
      receipt: {
        provider: { slug: "e2e-retain", name: "E2E Retain" },
        retention: "Retained for 30 days",
        training: "Does not train",
        contentStored: false,
      },
    });
    expect(textOf(events)).toBe("tell me about otters please");
    const end = events.at(-1);
    expect(end).toMatchObject({
      type: "end",
      outcome: { status: "success", tokensIn: 5, tokensOut: 5, finishReason: "stop" },
    });
    if (end?.type !== "end") throw new Error("no end event");
    expect(end.outcome.costUsd).toBeGreaterThan(0);
    expect(end.outcome.latencyMs).not.toBeNull();

    // The same pipeline as the API: the mock saw one call, the record says chat.
    expect(h.mock.calls().map((c) => c.provider)).toEqual(["e2e-retain"]);
    const generationId = events[0]!.type === "start" ? events[0]!.receipt.generationId : "";
    const record = await generations.findGeneration(user.id, generationId);
    expect(record).toMatchObject({
      origin: "chat",
      appTitle: "Privet Chat",
      apiKeyId: null,
      userAgent: "it-browser",
      status: "success",
      streamed: true,
      providerSlug: "e2e-retain",
    });
    // Another account's lookup of that id finds nothing.
    const other = await h.createUser();
    expect(await generations.findGeneration(other.id, generationId)).toBeNull();
    expect(streams.activeChatStreamCount()).toBe(0);
  });

  it("with Think on, asks for reasoning and streams the model's thinking apart from the reply; off, asks for none", async () => {
    const { MOCK_THOUGHT } = await import("@/scripts/mock-upstream/server");
    const user = await h.createUser();
    h.mock.setProvider("e2e-anthropic", { reply: "echo" });
    const thinking = { ...NO_OPTIONS, order: ["e2e-anthropic"], reasoning: true };
    const events = await readAll(
      chat.startChatStream(user.id, input("why is the sky blue", { options: thinking }), { userAgent: null }),
    );
    expect(h.mock.calls().at(-1)!.body).toMatchObject({ thinking: { type: "enabled" } });
    const thought = events.flatMap((e) => (e.type === "reasoning" ? [e.text] : [])).join("");
    expect(thought).toBe(MOCK_THOUGHT);
    // The thinking comes before the reply, and the reply holds none of it.
    expect(events.findIndex((e) => e.type === "reasoning")).toBeLessThan(events.findIndex((e) => e.type === "delta"));
    expect(textOf(events)).toBe("why is the sky blue");

    const plain = await readAll(
      chat.startChatStream(user.id, input("why is the sky blue", { options: { ...thinking, reasoning: false } }), {
        userAgent: null,
      }),
    );
    expect(h.mock.calls().at(-1)!.body).not.toHaveProperty("thinking");
    expect(plain.some((e) => e.type === "reasoning")).toBe(false);
  });

  it("sends the conversation's system prompt first, with its temperature and max tokens; none when unset", async () => {
    const user = await h.createUser();
    const options = { ...NO_OPTIONS, systemPrompt: "Answer like a pirate.", temperature: 0.3, maxTokens: 42 };
    await readAll(chat.startChatStream(user.id, input("ahoy there", { options }), { userAgent: null }));
    expect(h.mock.calls().at(-1)!.body).toMatchObject({
      messages: [
        { role: "system", content: "Answer like a pirate." },
        { role: "user", content: "ahoy there" },
      ],
      temperature: 0.3,
      max_tokens: 42,
    });

    await readAll(
      chat.startChatStream(user.id, input("plain", { options: { ...NO_OPTIONS, systemPrompt: "   " } }), {
        userAgent: null,
      }),
    );
    const plain = h.mock.calls().at(-1)!.body as Record<string, unknown>;
    expect(plain.messages).toEqual([{ role: "user", content: "plain" }]);
    expect(plain).not.toHaveProperty("temperature");
    expect(plain).not.toHaveProperty("max_tokens");
  });

  it("sends the conversation's options as routing preferences that only tighten", async () => {
    const user = await h.createUser();
    const zdr = await readAll(
      chat.startChatStream(user.id, input("zdr please", { options: { ...NO_OPTIONS, zdr: true } }), {
        userAgent: null,
      }),
    );
    expect(zdr[0]).toMatchObject({
      type: "start",
      receipt: { provider: { slug: "e2e-zdr" }, retention: "Zero retention", isZdr: true },
    });

    const ordered = await readAll(
      chat.startChatStream(
        user.id,
        input("messages api first", { options: { ...NO_OPTIONS, order: ["e2e-anthropic"] } }),
        { userAgent: null },
      ),
    );
    expect(ordered[0]).toMatchObject({ type: "start", receipt: { provider: { slug: "e2e-anthropic" } } });

    // Preferring a provider the settings exclude does not bring it back.
    h.mock.clearCalls();
    const excluded = await readAll(
      chat.startChatStream(user.id, input("trainer first", { options: { ...NO_OPTIONS, order: ["e2e-trains"] } }), {
        userAgent: null,
      }),
    );
    expect(excluded[0]).toMatchObject({ type: "start", receipt: { provider: { slug: "e2e-retain" } } });
    expect(h.mock.calls().map((c) => c.provider)).not.toContain("e2e-trains");
  });

  it("refuses a model the settings block, with the true reason and the setting that would change it", async () => {
    const user = await h.createUser();
    const events = await readAll(
      chat.startChatStream(user.id, input("free please", { model: "e2e/echo:free" }), { userAgent: null }),
    );
    expect(events).toHaveLength(1);
    const event = events[0]!;
    if (event.type !== "error") throw new Error("expected an error event");
    expect(event.error.kind).toBe("refusal");
    expect(event.error.status).toBe(404);
    expect(event.error.message).toMatch(/^No endpoints found matching your data policy/);
    expect(event.error.refusal?.labels).toEqual(["Free model training"]);
    expect(event.error.refusal?.fixes).toEqual([
      { kind: "setting", label: "Free model training", href: "/settings/privacy#train-free", anchor: "train-free" },
    ]);
    expect(event.error.refusal?.excluded.map((e) => e.provider).sort()).toEqual(["e2e-trains", "e2e-unknown"]);
    expect(h.mock.calls()).toHaveLength(0);
    const record = await generations.findGeneration(user.id, event.error.generationId!);
    expect(record).toMatchObject({ origin: "chat", status: "error", httpStatus: 404 });

    // A refusal caused by the conversation's own option points at the option, not the settings.
    const denied = await readAll(
      chat.startChatStream(
        user.id,
        input("tools", { model: "e2e/tools", options: { denyDataCollection: true, zdr: true, order: [] } }),
        { userAgent: null },
      ),
    );
    expect(denied[0]).toMatchObject({ type: "start", receipt: { provider: { slug: "e2e-zdr" } } });
    const zdrAccount = await h.createUser({ zdrOnly: true });
    const refused = await readAll(
      chat.startChatStream(zdrAccount.id, input("free", { model: "e2e/echo:free" }), { userAgent: null }),
    );
    if (refused[0]?.type !== "error") throw new Error("expected an error event");
    expect(refused[0].error.refusal?.fixes.map((f) => (f.kind === "setting" ? f.anchor : f.kind))).toEqual([
      "train-free",
    ]);
  });

  it("says what was tried when every provider fails", async () => {
    const user = await h.createUser();
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: "500" });
    const events = await readAll(chat.startChatStream(user.id, input("will fail"), { userAgent: null }));
    const event = events[0]!;
    if (event.type !== "error") throw new Error("expected an error event");
    expect(event.error).toMatchObject({ kind: "upstream", status: 502, title: "Every provider Privet tried failed" });
    expect(event.error.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ["e2e-retain", "HTTP 500"],
      ["e2e-zdr", "HTTP 500"],
      ["e2e-anthropic", "HTTP 500"],
    ]);
  });

  it("keeps the text so far and reports a stream that breaks after it started", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { reply: "one two three four five", failure: "drop" });
    const events = await readAll(chat.startChatStream(user.id, input("break"), { userAgent: null }));
    expect(textOf(events)).toBe("one two");
    const error = events.find((e) => e.type === "error");
    expect(error).toMatchObject({ type: "error", error: { kind: "stream", title: "The reply was cut off" } });
    expect(events.at(-1)).toMatchObject({ type: "end", outcome: { status: "error" } });
  });

  it("records whether content was stored, following the account's prompt logging", async () => {
    const user = await h.createUser({ promptLogging: true });
    const events = await readAll(chat.startChatStream(user.id, input("log me"), { userAgent: null }));
    expect(events[0]).toMatchObject({ type: "start", receipt: { contentStored: true } });
  });
});

describe("every provider a turn reached is named with its policy (issue 14, item 18)", () => {
  it("a reply stopped before its first word: the provider it was sent to, told before the reply and kept in the error", async () => {
    const user = await h.createUser();
    h.mock.clearCalls();
    h.mock.setProvider("e2e-retain", { ttftMs: 1_000 });
    const request = input("stop me before the first word");
    const reader = chat.startChatStream(user.id, request, { userAgent: null }).getReader();
    const sending = await reader.read();
    expect(sending.value).toMatchObject({
      type: "sending",
      receipt: {
        provider: { slug: "e2e-retain", name: "E2E Retain" },
        retention: "Retained for 30 days",
        training: "Does not train",
        contentStored: false,
      },
    });
    await until(() => h.mock.calls().length > 0, "the provider to receive the request");
    expect(streams.stopChatStream(user.id, request.requestId)).toBe(true);
    const rest = await readRest(reader);
    expect(rest).toEqual([
      expect.objectContaining({
        type: "error",
        error: expect.objectContaining({
          kind: "cancelled",
          sentTo: [
            expect.objectContaining({
              provider: { slug: "e2e-retain", name: "E2E Retain" },
              retention: "Retained for 30 days",
            }),
          ],
        }),
      }),
    ]);
    h.mock.setProvider("e2e-retain", { ttftMs: null });
  });

  it("a fallback after a provider received the request: both, in order, in the outcome", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const events = await readEvents(chat.startChatStream(user.id, input("fall back please"), { userAgent: null }));
    h.mock.setProvider("e2e-retain", { failure: null });
    expect(
      events.filter((e) => e.type === "sending").map((e) => (e.type === "sending" ? e.receipt.provider.slug : "")),
    ).toEqual(["e2e-retain", "e2e-zdr"]);
    const end = events.at(-1);
    if (end?.type !== "end") throw new Error("no end event");
    expect(end.outcome.sentTo?.map((r) => [r.provider.slug, r.retention])).toEqual([
      ["e2e-retain", "Retained for 30 days"],
      ["e2e-zdr", "Zero retention"],
    ]);
  });
});

describe("stopping a reply", () => {
  const slow = (text: string) => input(text, { model: "it/slow" });

  it("Stop aborts the upstream call and the record says cancelled", async () => {
    const user = await h.createUser();
    h.mock.setProvider("it-proxied", { reply: "a b c d e f g h i j k l m n o p q r s t", tokensPerSecond: 10 });
    const request = slow("slow please");
    const reader = chat.startChatStream(user.id, request, { userAgent: null }).getReader();
    const first = await nextReplyEvent(reader);
    expect(first.value).toMatchObject({ type: "start", receipt: { provider: { slug: "it-proxied" } } });
    const delta = await reader.read();
    expect(delta.value).toMatchObject({ type: "delta" });
    expect(h.proxy.openConnections()).toBe(1);

    // Someone else's stop finds nothing and changes nothing.
    const other = await h.createUser();
    expect(streams.stopChatStream(other.id, request.requestId)).toBe(false);

    expect(streams.stopChatStream(user.id, request.requestId)).toBe(true);
    const rest = await readRest(reader);
    const end = rest.at(-1);
    expect(end).toMatchObject({ type: "end", outcome: { status: "cancelled", finishReason: "cancelled" } });
    expect(textOf(rest).length).toBeLessThan("b c d e f g h i j k l m n o p q r s t".length);
    await until(() => h.proxy.openConnections() === 0, "the upstream connection to close");

    const generationId = first.value?.type === "start" ? first.value.receipt.generationId : "";
    expect(await generations.findGeneration(user.id, generationId)).toMatchObject({
      status: "cancelled",
      cancelled: true,
      origin: "chat",
    });
    expect(streams.activeChatStreamCount()).toBe(0);
  });

  it("a browser that goes away cancels the reply the same way", async () => {
    const user = await h.createUser();
    h.mock.setProvider("it-proxied", { reply: "a b c d e f g h i j k l m n o p q r s t", tokensPerSecond: 10 });
    const stream = chat.startChatStream(user.id, slow("then I leave"), { userAgent: null });
    const reader = stream.getReader();
    const first = await nextReplyEvent(reader);
    await reader.read();
    await reader.cancel("ResponseAborted");
    await until(() => h.proxy.openConnections() === 0, "the upstream connection to close");
    const generationId = first.value?.type === "start" ? first.value.receipt.generationId : "";
    await until(() => streams.activeChatStreamCount() === 0, "the reply to be released");
    expect(await generations.findGeneration(user.id, generationId)).toMatchObject({
      status: "cancelled",
      cancelled: true,
    });
  });

  it("a Stop that arrives before its send still stops it", async () => {
    const user = await h.createUser();
    const request = slow("stopped early");
    expect(streams.stopChatStream(user.id, request.requestId)).toBe(false);
    const events = await readAll(chat.startChatStream(user.id, request, { userAgent: null }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", error: { kind: "cancelled", status: 499 } });
    expect(h.mock.calls()).toHaveLength(0);
    const id = events[0]!.type === "error" ? events[0]!.error.generationId! : "";
    expect(await generations.findGeneration(user.id, id)).toMatchObject({ status: "cancelled" });
  });

  it("an early Stop from another account does not stop this account's reply", async () => {
    const user = await h.createUser();
    const other = await h.createUser();
    const request = input("mine");
    streams.stopChatStream(other.id, request.requestId);
    const events = await readAll(chat.startChatStream(user.id, request, { userAgent: null }));
    expect(events.at(-1)).toMatchObject({ type: "end", outcome: { status: "success" } });
  });
});
