// The registry Stop goes through: only the owner can stop a reply, a Stop that beats its send still
// counts, and one account cannot hold unlimited replies open.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  activeChatStreamCount,
  registerChatStream,
  releaseChatStream,
  stopChatStream,
} from "@/lib/chat/active-streams";

describe("active chat streams", () => {
  it("lets the owner stop a reply and nobody else", () => {
    const requestId = randomUUID();
    const controller = registerChatStream("alice", requestId);
    expect(stopChatStream("mallory", requestId)).toBe(false);
    expect(controller.signal.aborted).toBe(false);
    expect(stopChatStream("alice", requestId)).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    releaseChatStream("alice", requestId, controller);
  });

  it("remembers a Stop that arrived before its send, for that account only", () => {
    const requestId = randomUUID();
    expect(stopChatStream("alice", requestId)).toBe(false);
    const bobs = registerChatStream("bob", requestId);
    expect(bobs.signal.aborted).toBe(false);
    const alices = registerChatStream("alice", requestId);
    expect(alices.signal.aborted).toBe(true);
    releaseChatStream("bob", requestId, bobs);
    releaseChatStream("alice", requestId, alices);
  });

  it("refuses a duplicate request id and caps the replies one account streams at once", () => {
    const before = activeChatStreamCount();
    const held: [string, AbortController][] = [];
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      held.push([id, registerChatStream("carol", id)]);
    }
    expect(() => registerChatStream("carol", held[0]![0])).toThrow("already being sent");
    expect(() => registerChatStream("carol", randomUUID())).toThrow("replies streaming");
    // Someone else is not affected by carol's replies.
    const daveId = randomUUID();
    const dave = registerChatStream("dave", daveId);
    releaseChatStream("dave", daveId, dave);
    for (const [id, controller] of held) releaseChatStream("carol", id, controller);
    expect(activeChatStreamCount()).toBe(before);
  });
});
