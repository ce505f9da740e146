// What leaves for a provider (PRODUCT.md rule 9) and who may receive it (publishing, rule 5), seen
// from the upstream's side: the mock records every body it receives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";

const policy = {
  training: false,
  retainsPrompts: false,
  retentionDays: null,
  zdr: true,
  termsUrl: "https://example.com/terms",
  checkedAt: "2026-06-16",
};

function egressCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const provider = (slug: string, name: string, canPublish: boolean | null) => ({
    slug,
    name,
    api: "openai",
    baseUrl: `${mockUrl}/${slug}/v1`,
    apiKeyEnv: null,
    dataPolicy: canPublish === null ? policy : { ...policy, canPublish },
  });
  const endpoint = (slug: string, price: number) => ({
    provider: slug,
    upstreamModel: `upstream-${slug}`,
    pricing: { prompt: price, completion: price },
    quantization: "fp8",
  });
  return {
    ...base,
    providers: [
      ...base.providers,
      provider("eg-publishes", "EG Publishes", true),
      provider("eg-unsure", "EG Unsure", null),
      provider("eg-private", "EG Private", false),
    ],
    models: [
      ...base.models,
      // The two that may publish are the cheapest, so they would be chosen were they allowed.
      {
        id: "eg/model",
        name: "Egress",
        contextLength: 8192,
        endpoints: [endpoint("eg-publishes", 0.1), endpoint("eg-unsure", 0.2), endpoint("eg-private", 1)],
      },
    ],
  };
}

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ catalog: egressCatalog });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const hello = [{ role: "user", content: "hello there" }];

describe("only known fields leave", () => {
  it("unknown fields, store, metadata and router fields never reach the provider; nested unknown fields neither", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: [{ role: "user", content: [{ type: "text", text: "hello", tracking: "x" }], tracking: "y" }],
      provider: { only: ["e2e-zdr"] },
      store: true,
      metadata: { customer: "acme" },
      session_id: "session-1",
      trace: { trace_id: "t" },
      // A plugin asks for something Privet does not do (refused: openrouter-requests.test.ts); a
      // disabled one, or the context-compression plugin, asks for nothing it forwards.
      plugins: [{ id: "web", enabled: false }, { id: "context-compression" }],
      transforms: ["middle-out"],
      usage: { include: true },
      route: "fallback",
      some_future_field: { a: 1 },
      temperature: 0.3,
    });
    expect(res.status, await res.text()).toBe(200);
    const [call] = h.mock.calls();
    expect(call?.provider).toBe("e2e-zdr");
    expect(call?.body).toEqual({
      model: "upstream-e2e-zdr",
      messages: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
      temperature: 0.3,
    });
  });

  it("`user` reaches the provider as a stable per-account hash, never as written; the account's own record keeps it", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    const send = async (key: string) => {
      const res = await h.chat(key, {
        model: "e2e/echo",
        messages: hello,
        user: "alice@example.com",
        provider: { only: ["e2e-zdr"] },
      });
      expect(res.status).toBe(200);
      return {
        id: res.headers.get("x-privet-generation-id")!,
        sent: (h.mock.calls().at(-1)?.body as { user?: string }).user,
      };
    };
    const first = await send(alice.key);
    const again = await send(alice.key);
    const other = await send(bob.key);
    expect(first.sent).toMatch(/^user-[\w-]{32}$/);
    expect(again.sent).toBe(first.sent);
    expect(other.sent).not.toBe(first.sent);
    for (const call of h.mock.calls()) expect(JSON.stringify(call.body)).not.toContain("alice@example.com");
    const record = await (await h.get(`/api/v1/generation?id=${first.id}`, alice.key)).json();
    expect(JSON.stringify(record)).toContain("alice@example.com");
  });

  it("Anthropic providers get the hash as metadata.user_id and nothing else of the client's body", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      user: "alice@example.com",
      metadata: { a: 1 },
      provider: { only: ["e2e-anthropic"] },
    });
    expect(res.status, await res.text()).toBe(200);
    const body = h.mock.calls()[0]?.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["max_tokens", "messages", "metadata", "model"]);
    expect(body.metadata).toEqual({ user_id: expect.stringMatching(/^user-/) });
  });
});

describe("a provider that may publish prompts", () => {
  it("is not called for an account that keeps its data out of training (unknown counts as may publish)", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, { model: "eg/model", messages: hello });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("eg-private");
    expect(h.mock.calls().map((c) => c.provider)).toEqual(["eg-private"]);
  });

  it("is refused with the reason when it is the only choice left", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    const res = await h.chat(user.key, {
      model: "eg/model",
      messages: hello,
      provider: { only: ["eg-publishes", "eg-unsure"], data_collection: "deny" },
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { metadata: { excluded_by: unknown } } };
    expect(JSON.stringify(body.error.metadata)).toContain("may publish prompts");
    expect(JSON.stringify(body.error.metadata)).toContain("publishing policy unknown");
    expect(h.mock.calls()).toEqual([]);
  });

  it("is excluded by a request's ZDR requirement even when it claims ZDR", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    const res = await h.chat(user.key, { model: "eg/model", messages: hello, provider: { zdr: true } });
    expect(res.headers.get("x-privet-provider")).toBe("eg-private");
  });

  it("serves an account that allows it, and the receipt header and record say it may publish", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    const res = await h.chat(user.key, { model: "eg/model", messages: hello });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("eg-publishes");
    expect(res.headers.get("x-privet-data-policy")).toContain("publish=yes");
    await h.flush();
    const record = (await (
      await h.get(`/api/v1/generation?id=${res.headers.get("x-privet-generation-id")}`, user.key)
    ).json()) as Record<string, unknown>;
    expect(JSON.stringify(record)).toMatch(/"can_?[pP]ublish":true/);
  });
});
