// Browser-side history rules: what is sent to the model, how a failed exchange is retried, and what
// an import accepts (a damaged or foreign file gets a clear error that never repeats its content).
import { describe, expect, it } from "vitest";
import {
  dropFailedTail,
  exportFileName,
  mergeImported,
  migrateConversation,
  newConversation,
  parseChatImport,
  searchConversations,
  settleInterrupted,
  titleFromMessage,
  toExport,
  toRequestMessages,
  type TAssistantMessage,
  type TChatMessage,
  type TConversation,
} from "@/lib/chat/history";

const NOW = new Date("2026-06-16T10:00:00.000Z");

function user(id: string, content: string): TChatMessage {
  return { id, role: "user", content, createdAt: NOW.toISOString() };
}

function reply(id: string, content: string, overrides: Partial<TAssistantMessage> = {}): TChatMessage {
  return {
    id,
    role: "assistant",
    content,
    createdAt: NOW.toISOString(),
    model: "e2e/echo",
    status: "complete",
    receipt: {
      generationId: "gen-1",
      model: "e2e/echo",
      provider: { slug: "e2e-retain", name: "E2E Retain" },
      retention: "Retained for 30 days",
      training: "Does not train",
      isZdr: false,
      contentStored: false,
    },
    outcome: {
      status: "success",
      tokensIn: 1,
      tokensOut: 1,
      costUsd: 0.000001,
      latencyMs: 10,
      firstTokenMs: 5,
      finishReason: "stop",
      attempts: [],
    },
    error: null,
    clientFirstTokenMs: 7,
    ...overrides,
  };
}

function conversation(id: string, messages: TChatMessage[]): TConversation {
  return { ...newConversation(id, "e2e/echo", NOW), title: `Chat ${id}`, messages };
}

describe("messages sent to the model", () => {
  it("keeps user messages and replies with text, leaves out replies that produced nothing", () => {
    const messages = [
      user("1", "hi"),
      reply("2", "hello"),
      user("3", "again"),
      reply("4", "", { status: "error" }),
      user("5", "once more"),
    ];
    expect(toRequestMessages(messages)).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "again" },
      { role: "user", content: "once more" },
    ]);
  });

  it("drops a failed last exchange (its text went back to the input box) but keeps a partial reply", () => {
    const failed = [user("1", "hi"), reply("2", "hello"), user("3", "refused"), reply("4", "", { status: "error" })];
    expect(dropFailedTail(failed).map((m) => m.id)).toEqual(["1", "2"]);
    const partial = [user("1", "hi"), reply("2", "half a rep", { status: "error" })];
    expect(dropFailedTail(partial).map((m) => m.id)).toEqual(["1", "2"]);
    const streaming = [user("1", "hi"), reply("2", "", { status: "streaming" })];
    expect(dropFailedTail(streaming)).toHaveLength(2);
  });

  it("titles a conversation from the first line of its first message", () => {
    expect(titleFromMessage("  How do otters sleep?\nThey hold hands.")).toBe("How do otters sleep?");
    expect(titleFromMessage("")).toBe("New chat");
    const long = titleFromMessage("word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("export and import", () => {
  const saved = conversation("c1", [
    user("1", "hi"),
    reply("2", "hello"),
    user("3", "more"),
    reply("4", "partial", { status: "streaming", outcome: null }),
  ]);

  it("round-trips a conversation, marking a reply that was still streaming as interrupted", () => {
    const file = JSON.stringify(toExport([saved], NOW));
    const result = parseChatImport(file);
    if (!result.ok) throw new Error(result.error);
    expect(result.conversations).toHaveLength(1);
    expect(result.conversations[0]).toEqual(settleInterrupted(saved));
    expect((result.conversations[0]!.messages[3] as TAssistantMessage).status).toBe("interrupted");
    expect(exportFileName([saved], NOW)).toBe("privet-chat-chat-c1-2026-06-16.json");
    expect(exportFileName([saved, saved], NOW)).toBe("privet-chats-2026-06-16.json");
  });

  it("keeps a reply's thinking and the conversation's Think option, and never sends the thinking back to the model", () => {
    const thoughtful = {
      ...conversation("c2", [user("1", "why?"), reply("2", "because", { reasoning: "Let me see." })]),
      options: { denyDataCollection: false, zdr: false, order: [], reasoning: true },
    };
    const result = parseChatImport(JSON.stringify(toExport([thoughtful], NOW)));
    if (!result.ok) throw new Error(result.error);
    expect(result.conversations[0]!.options.reasoning).toBe(true);
    expect((result.conversations[0]!.messages[1] as TAssistantMessage).reasoning).toBe("Let me see.");
    expect(toRequestMessages(thoughtful.messages)).toEqual([
      { role: "user", content: "why?" },
      { role: "assistant", content: "because" },
    ]);
  });

  it("explains what is wrong with a bad file without repeating its content", () => {
    expect(parseChatImport("not json at all: secret words")).toEqual({
      ok: false,
      error: "This file is not JSON. Choose a file exported from Privet Chat.",
    });
    expect(parseChatImport(JSON.stringify({ hello: "secret words" }))).toEqual({
      ok: false,
      error: 'This file is not a Privet Chat export (it has no "format": "privet-chat").',
    });
    expect(parseChatImport(JSON.stringify({ format: "privet-chat", version: 99 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("version (99)"),
    });
    const damaged = toExport([saved], NOW) as unknown as { conversations: { messages: { role: string }[] }[] };
    damaged.conversations[0]!.messages[0]!.role = "secret words";
    const result = parseChatImport(JSON.stringify(damaged));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^This export is damaged: conversations\.0\.messages\.0/);
    expect(result.error).not.toContain("secret words");
    expect(parseChatImport(JSON.stringify({ ...toExport([], NOW) }))).toEqual({
      ok: false,
      error: "This export has no conversations in it.",
    });
  });

  it("never overwrites a local conversation: a clash is imported as a copy with a new id", () => {
    let n = 0;
    const newId = () => `new-${++n}`;
    const merged = mergeImported(new Set(["c1"]), [saved, conversation("c2", [user("1", "x")]), saved], newId);
    expect(merged.map((c) => c.id)).toEqual(["new-1", "c2", "new-2"]);
    expect(merged[0]!.title).toBe("Chat c1 (imported)");
    expect(merged[1]!.title).toBe("Chat c2");
  });
});

describe("searchConversations", () => {
  const a = { ...newConversation("a", "m", NOW), title: "Trip to Zürich", messages: [user("1", "trains please")] };
  const b = { ...newConversation("b", "m", NOW), title: "Recipes", messages: [user("2", "A Crème brûlée for six")] };

  it("matches the title or any message, every word, ignoring case and accents", () => {
    expect(searchConversations([a, b], "zurich").map((c) => c.id)).toEqual(["a"]);
    expect(searchConversations([a, b], "CREME six").map((c) => c.id)).toEqual(["b"]);
    expect(searchConversations([a, b], "creme trains")).toEqual([]);
    expect(searchConversations([a, b], "  ").map((c) => c.id)).toEqual(["a", "b"]);
  });
});

describe("version 1 conversations", () => {
  const v1 = (() => {
    const c = conversation("old", [user("u", "from last year"), reply("a", "an answer")]) as Partial<TConversation>;
    delete c.alternatives;
    return c;
  })();

  it("import from a version 1 export, with no branches", () => {
    const parsed = parseChatImport(
      JSON.stringify({ format: "privet-chat", version: 1, exportedAt: NOW.toISOString(), conversations: [v1] }),
    );
    expect(parsed).toMatchObject({ ok: true, conversations: [{ id: "old", alternatives: [] }] });
    // A version 2 file must have them.
    const strict = parseChatImport(
      JSON.stringify({ format: "privet-chat", version: 2, exportedAt: NOW.toISOString(), conversations: [v1] }),
    );
    expect(strict).toMatchObject({ ok: false, error: expect.stringContaining("alternatives") });
  });

  it("migrate as stored records; a record that is neither version is not one", () => {
    expect(migrateConversation(v1)).toMatchObject({
      id: "old",
      alternatives: [],
      messages: [{ id: "u" }, { id: "a" }],
    });
    const current = migrateConversation(v1)!;
    expect(migrateConversation(current)).toEqual(current);
    expect(migrateConversation({ ...v1, messages: "nope" })).toBeNull();
    expect(migrateConversation({ ...v1, alternatives: "nope" })).toBeNull();
  });
});

describe("attachments in the history", () => {
  const image = {
    name: "cat.png",
    type: "image/png" as const,
    size: 3,
    data: `data:image/png;base64,${Buffer.from("img").toString("base64")}`,
  };
  const withImage = conversation("att", [
    { ...user("1", "look"), attachments: [image] } as TChatMessage,
    reply("2", "a cat", {
      receipt: {
        generationId: "gen-1",
        model: "e2e/echo",
        provider: { slug: "e2e-retain", name: "E2E Retain" },
        retention: "Retained for 30 days",
        training: "Does not train",
        isZdr: false,
        contentStored: false,
        attachments: { images: 1, pdfs: 0 },
      },
    }),
  ]);

  it("are sent again with their message, and kept through export and import (as version 3)", () => {
    expect(toRequestMessages(withImage.messages)).toEqual([
      { role: "user", content: "look", attachments: [image] },
      { role: "assistant", content: "a cat" },
    ]);
    const file = toExport([withImage], NOW);
    expect(file.version).toBe(3);
    const result = parseChatImport(JSON.stringify(file));
    if (!result.ok) throw new Error(result.error);
    expect(result.conversations[0]).toEqual(withImage);
  });

  it("leave an export without any at version 2, which a Privet without attachments reads", () => {
    const plain = conversation("plain", [user("1", "hi"), reply("2", "hello")]);
    expect(toExport([plain], NOW).version).toBe(2);
    expect(parseChatImport(JSON.stringify(toExport([plain], NOW)))).toMatchObject({ ok: true });
  });

  it("refuses an export whose attachment is damaged, without repeating its data", () => {
    const damaged = JSON.stringify(
      toExport(
        [{ ...withImage, messages: [{ ...user("1", "look"), attachments: [{ ...image, size: 99 }] } as TChatMessage] }],
        NOW,
      ),
    );
    const result = parseChatImport(damaged);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("attachment is damaged") });
    expect(JSON.stringify(result)).not.toContain(image.data.slice(22));
  });
});
