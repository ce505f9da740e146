import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TChatMessage, TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import { applyMiddleOut, compressMiddleOut } from "@/lib/gateway/middle-out";
import { estimateTokens } from "@/lib/gateway/request-shape";

const user = (content: string): TChatMessage => ({ role: "user", content });
const assistant = (content: string): TChatMessage => ({ role: "assistant", content });
const texts = (messages: readonly TChatMessage[] | null) =>
  messages?.map((m) => (typeof m.content === "string" ? m.content : m.role));
/** Fits when at most `n` messages remain. */
const atMost = (n: number) => (messages: TChatMessage[]) => messages.length <= n;

describe("compressMiddleOut", () => {
  const conversation = [
    { role: "system", content: "sys" } as TChatMessage,
    user("u1"),
    assistant("a1"),
    user("u2"),
    assistant("a2"),
    user("u3"),
    assistant("a3"),
    user("u4"),
  ];

  it("leaves a conversation that fits alone", () => {
    expect(texts(compressMiddleOut(conversation, () => true))).toEqual(texts(conversation));
  });

  it("removes from the middle only as much as needed, keeping the instructions, the first and the last message", () => {
    expect(texts(compressMiddleOut(conversation, atMost(6)))).toEqual(["sys", "u1", "a1", "u2", "a3", "u4"]);
    expect(texts(compressMiddleOut(conversation, atMost(4)))).toEqual(["sys", "u1", "a1", "u4"]);
    expect(texts(compressMiddleOut(conversation, atMost(3)))).toEqual(["sys", "u1", "u4"]);
  });

  it("is null when even the kept messages do not fit", () => {
    expect(compressMiddleOut(conversation, atMost(2))).toBeNull();
    expect(compressMiddleOut([user("only")], () => false)).toBeNull();
  });

  it("removes a tool call together with its results, never apart", () => {
    const withTools: TChatMessage[] = [
      user("u1"),
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "r1" },
      assistant("a1"),
      user("u2"),
    ];
    expect(compressMiddleOut(withTools, atMost(4))!.map((m) => m.role)).toEqual(["user", "assistant", "tool", "user"]);
    expect(compressMiddleOut(withTools, atMost(3))!.map((m) => m.role)).toEqual(["user", "user"]);
  });

  it("property: the result fits, keeps the ends, is an ordered subsequence, and removes the fewest", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("user", "assistant"), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (roles, limit) => {
          const messages = roles.map((role, i) => ({ role, content: `m${i}` }) as TChatMessage);
          const out = compressMiddleOut(messages, atMost(limit));
          if (messages.length <= limit) {
            expect(out).toEqual(messages);
            return;
          }
          if (limit < 2) {
            expect(out).toBeNull();
            return;
          }
          expect(out!.length).toBe(limit);
          expect(out![0]).toBe(messages[0]);
          expect(out!.at(-1)).toBe(messages.at(-1));
          const positions = out!.map((m) => messages.indexOf(m));
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        },
      ),
    );
  });
});

describe("applyMiddleOut", () => {
  const long = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      i % 2 === 0 ? user(`question ${i} `.repeat(50)) : assistant(`answer ${i} `.repeat(50)),
    );
  const body = (extra: Partial<TPrivetChatRequest> = {}): TPrivetChatRequest => ({
    model: "m",
    messages: long(21),
    ...extra,
  });

  it("is on by default for a small-context model and makes the request fit the window", () => {
    const out = applyMiddleOut(body(), 8192, 1000);
    expect(out).not.toBeNull();
    expect(estimateTokens(out!)).toBeLessThanOrEqual(1000);
    expect(out!.messages.length).toBeLessThan(21);
  });

  it("is off by default for larger models, on when transforms or the context-compression plugin ask, off with transforms: []", () => {
    expect(applyMiddleOut(body(), 128_000, 1000)).toBeNull();
    expect(applyMiddleOut(body({ transforms: ["middle-out"] }), 128_000, 1000)).not.toBeNull();
    expect(applyMiddleOut(body({ plugins: [{ id: "context-compression" }] }), 128_000, 1000)).not.toBeNull();
    expect(applyMiddleOut(body({ transforms: [] }), 8192, 1000)).toBeNull();
    expect(applyMiddleOut(body({ plugins: [{ id: "context-compression", enabled: false }] }), 8192, 1000)).toBeNull();
  });

  it("does nothing without a window to fit, or when removing messages cannot make it fit", () => {
    expect(applyMiddleOut(body(), 8192, null)).toBeNull();
    expect(applyMiddleOut(body({ max_tokens: 5000 }), 8192, 1000)).toBeNull();
  });
});
