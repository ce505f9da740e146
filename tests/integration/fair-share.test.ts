// Fair sharing of providers (README, "Running Privet for a team"): one account may have at most
// PRIVET_MAX_CONCURRENT_PER_ACCOUNT requests under way; past that it gets 429 with Retry-After
// before any upstream call, while another account's request to the same provider still goes
// through. And the chat page's requests count against the per-minute limit like an API key's.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteBoundary, startHarness, type THarness } from "@/tests/support/harness";
import type { TChatEvent } from "@/lib/chat/types";

const CAP = 3;
const PER_MINUTE = 10;

let h: THarness;

beforeAll(async () => {
  h = await startHarness({
    env: { PRIVET_MAX_CONCURRENT_PER_ACCOUNT: String(CAP), PRIVET_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) },
  });
});
afterAll(async () => {
  await h?.close();
});

const hello = [{ role: "user", content: "hello there" }];
const SLOW = { model: "e2e/echo", messages: hello, stream: true, provider: { only: ["e2e-zdr"] } };

/** A streamed request, read up to its first chunk and held open; `close` abandons it. */
async function holdStream(key: string) {
  const client = new AbortController();
  const res = await fetch(`${h.baseUrl}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(SLOW),
    signal: client.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  return {
    close: async () => {
      client.abort();
      await reader.read().catch(() => undefined);
    },
  };
}

describe("concurrent requests per account", () => {
  it("an account holding the cap of slow streams gets 429 for one more, while another account still gets through", async () => {
    await awayFromMinuteBoundary();
    h.mock.setProvider("e2e-zdr", {
      tokensPerSecond: 1,
      reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(" "),
    });
    const greedy = await h.createUser();
    const other = await h.createUser();
    const held = [];
    try {
      for (let i = 0; i < CAP; i++) held.push(await holdStream(greedy.key));

      const calls = h.mock.calls().length;
      const refused = await h.chat(greedy.key, SLOW);
      const body = (await refused.json()) as {
        error: { code: number; message: string; metadata: Record<string, unknown> };
      };
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(body.error.message).toMatch(
        /^Too many concurrent requests: this account already has 3 requests under way/,
      );
      expect(body.error.metadata).toMatchObject({ code: "too_many_concurrent_requests", max_concurrent: CAP });
      expect(h.mock.calls().length, "the refused request reached a provider").toBe(calls);

      // The other account reaches the same provider while the first still holds its streams.
      held.push(await holdStream(other.key));

      // One of the first account's streams ends: its slot is free again.
      await held.shift()!.close();
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        const res = await h.chat(greedy.key, {
          model: "e2e/echo",
          messages: hello,
          provider: { only: ["e2e-retain"] },
        });
        await res.text();
        status = res.status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(200);
    } finally {
      await Promise.all(held.map((s) => s.close()));
      h.mock.reset();
    }
  });
});

describe("the chat page", () => {
  it("counts against the per-minute limit like an API key, and a refused reply leaves its record", async () => {
    await awayFromMinuteBoundary();
    const user = await h.createUser();
    const chat = await import("@/lib/chat/chat-stream");
    const send = async () => {
      const stream = chat.startChatStream(
        user.id,
        {
          requestId: randomUUID(),
          model: "e2e/echo",
          messages: [{ role: "user", content: "hello" }],
          options: { denyDataCollection: false, zdr: false, order: [] },
        },
        { userAgent: null },
      );
      const events: TChatEvent[] = [];
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return events;
        events.push(value);
      }
    };
    for (let i = 0; i < PER_MINUTE; i++) {
      const events = await send();
      expect(
        events.some((e) => e.type === "error"),
        `reply ${i + 1}`,
      ).toBe(false);
    }
    const calls = h.mock.calls().length;
    const refused = await send();
    const error = refused.find((e) => e.type === "error");
    expect(error).toBeDefined();
    expect(JSON.stringify(error)).toContain("Rate limit exceeded for this account's chat");
    expect(h.mock.calls().length).toBe(calls);
    await h.flush();
    const record = await h.db.generation.findFirst({ where: { userId: user.id, httpStatus: 429 } });
    expect(record).toMatchObject({ origin: "chat", errorCode: "rate_limited", status: "error" });
    // The account's API key has a budget of its own.
    const api = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    expect(api.status).toBe(200);
    await api.text();
  });
});
