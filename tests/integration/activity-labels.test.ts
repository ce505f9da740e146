// How the activity page and the CSV name what happened to a request, on a real database with the
// real gateway and chat stream: a chat-page request is app "Chat", a refusal by the data policy is
// marked as such (not a bare error code), and a stopped reply counts as cancelled, not failed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let user: Awaited<ReturnType<THarness["createUser"]>>;
let ids: { chat: string; refused: string; cancelled: string; failed: string };

async function readAll(stream: ReadableStream<unknown>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

beforeAll(async () => {
  h = await startHarness();
  user = await h.createUser();
  const { startChatStream } = await import("@/lib/chat/chat-stream");
  await readAll(
    startChatStream(
      user.id,
      {
        requestId: randomUUID(),
        model: "e2e/echo",
        messages: [{ role: "user", content: "hello from the chat page" }],
        options: { denyDataCollection: false, zdr: false, order: [] },
      },
      { userAgent: null },
    ),
  );
  // A free model whose providers may train: refused by the default settings.
  const refused = await h.chat(user.key, { model: "e2e/echo:free", messages: [{ role: "user", content: "hi" }] });
  expect(refused.status).toBe(404);
  const unknown = await h.chat(user.key, { model: "e2e/no-such-model", messages: [{ role: "user", content: "hi" }] });
  expect(unknown.status).toBe(404);
  for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"])
    h.mock.setProvider(slug, { tokensPerSecond: 2, reply: "echo" });
  const cancelled = await h.chatThenCancel(
    user.key,
    { model: "e2e/echo", messages: [{ role: "user", content: "one two three four five six seven eight" }] },
    '"content":"',
  );
  h.mock.reset();
  await h.flush();
  const { rawQuery } = await import("@/lib/db");
  const rows = await rawQuery<{ id: string; origin: string; model: string; status: string }[]>(
    h.db,
    `SELECT "id", "origin", "model", "status" FROM "Generation" WHERE "userId" = ?`,
    user.id,
  );
  const find = (check: (r: (typeof rows)[number]) => boolean) => rows.find(check)!.id;
  ids = {
    chat: find((r) => r.origin === "chat"),
    refused: find((r) => r.model === "e2e/echo:free"),
    cancelled,
    failed: find((r) => r.model === "e2e/no-such-model"),
  };
});

afterAll(async () => {
  await h?.close();
});

describe("activity labels", () => {
  it("the table names the chat page's app, and tells a policy refusal from a failure", async () => {
    const { findActivityPage } = await import("@/lib/activity/list");
    const { DEFAULT_QUERY } = await import("@/lib/activity/query");
    const page = await findActivityPage(user.id, DEFAULT_QUERY);
    const row = (id: string) => page.rows.find((r) => r.id === id)!;
    expect(row(ids.chat).app).toBe("Chat");
    expect(row(ids.refused).app).toBe("Unknown");
    expect(row(ids.refused).isPolicyRefusal).toBe(true);
    expect(row(ids.failed).isPolicyRefusal).toBe(false);
    expect(row(ids.cancelled).status).toBe("cancelled");
    expect(row(ids.cancelled).isPolicyRefusal).toBe(false);
  });

  it("the CSV names the chat page's app too", async () => {
    const { createActivityCsvStream } = await import("@/lib/activity/csv");
    const csv = await new Response(createActivityCsvStream(user.id, {})).text();
    const line = csv.split("\n").find((l) => l.startsWith(ids.chat))!;
    expect(line.split(",")).toContain("Chat");
  });

  it("the summary counts a stopped reply as cancelled, apart from failures", async () => {
    const { getActivityOverview } = await import("@/lib/activity/summary");
    const overview = await getActivityOverview(user.id, { range: "day", group: "model", metric: "requests" });
    expect(overview.totals.current.requests).toBe(4);
    expect(overview.totals.current.failed).toBe(2);
    expect(overview.totals.current.cancelled).toBe(1);
  });
});
