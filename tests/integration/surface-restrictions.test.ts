// Every route that sends a request keeps the same restrictions as /chat/completions: a key's
// guardrails (allowed models, allowed providers, ZDR) and the instance policy floor hold on
// /messages, /responses, /completions and /embeddings too, refused before any upstream call or
// routed only where they allow (lib/gateway/request-policy.ts is the one place that resolves them).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";
import type { TKeyGuardrails } from "@/lib/keys/guardrails-schema";

function catalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `embed-${provider}`,
    pricing: { prompt: price, completion: 0 },
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
        endpoints: [endpoint("e2e-retain", 0.01), endpoint("e2e-zdr", 0.2)],
      },
    ],
  };
}

let h: THarness;
let instance: typeof import("@/lib/instance/settings");

const NO_GUARDRAILS: TKeyGuardrails = {
  spendLimit: null,
  limitReset: null,
  allowedModels: [],
  allowedProviders: [],
  requireZdr: false,
  expiresAt: null,
  rateLimitPerMinute: null,
  allowedDataRegions: [],
};
const NO_FLOOR = {
  noTrainingPaid: false,
  noTrainingFree: false,
  zdrOnly: false,
  ignoredProviders: [],
  allowedModels: null,
};
const KNOWN = {
  providers: new Set(["e2e-zdr", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-anthropic", "e2e-offline"]),
  models: new Set(["e2e/echo", "e2e/echo:free", "e2e/tools", "e2e/embed"]),
};

beforeAll(async () => {
  h = await startHarness({ catalog });
  instance = await import("@/lib/instance/settings");
});
afterAll(async () => {
  await instance?.updatePolicyFloor(NO_FLOOR, KNOWN);
  await h?.close();
});
beforeEach(async () => {
  h.mock.reset();
  h.mock.clearCalls();
  await instance.updatePolicyFloor(NO_FLOOR, KNOWN);
});

const called = () => h.mock.calls().map((c) => c.provider);

async function keyWith(guardrails: Partial<TKeyGuardrails>): Promise<string> {
  const user = await h.createUser();
  const { createApiKey } = await import("@/lib/keys/api-keys");
  return (await createApiKey(user.id, "guarded", { guardrails: { ...NO_GUARDRAILS, ...guardrails } })).key;
}

/** One request for `model` on each route, in the route's own shape. */
const SURFACES: { path: string; body: (model: string) => unknown }[] = [
  {
    path: "/api/v1/messages",
    body: (model) => ({ model, max_tokens: 50, messages: [{ role: "user", content: "hello there" }] }),
  },
  { path: "/api/v1/responses", body: (model) => ({ model, input: "hello there" }) },
  { path: "/api/v1/completions", body: (model) => ({ model, prompt: "hello there" }) },
];

const post = (path: string, key: string, body: unknown) =>
  fetch(`${h.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify(body),
  });

describe("a key's guardrails hold on every route", () => {
  it.each(SURFACES)(
    "$path: a model the key may not use is refused with 403 and no upstream call",
    async ({ path, body }) => {
      const key = await keyWith({ allowedModels: ["e2e/tools"] });
      const res = await post(path, key, body("e2e/echo"));
      expect(res.status, await res.clone().text()).toBe(403);
      expect(called()).toEqual([]);
    },
  );

  it.each(SURFACES)("$path: the key's allowed providers decide who serves", async ({ path, body }) => {
    const key = await keyWith({ allowedProviders: ["e2e-zdr"] });
    const res = await post(path, key, body("e2e/echo"));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(called()).toEqual(["e2e-zdr"]);
  });

  it("/embeddings: a model the key may not use is refused with 403; ZDR on the key routes to the ZDR provider", async () => {
    const limited = await keyWith({ allowedModels: ["e2e/echo"] });
    const refused = await post("/api/v1/embeddings", limited, { model: "e2e/embed", input: "hello there" });
    expect(refused.status).toBe(403);
    expect(called()).toEqual([]);

    const zdr = await keyWith({ requireZdr: true });
    const served = await post("/api/v1/embeddings", zdr, { model: "e2e/embed", input: "hello there" });
    expect(served.status, await served.clone().text()).toBe(200);
    expect(served.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(called()).toEqual(["e2e-zdr"]);
  });
});

describe("the instance policy floor holds on every route", () => {
  it("/embeddings: ZDR only on the instance keeps the request off the cheaper retaining provider", async () => {
    const { key } = await h.createUser();
    const before = await post("/api/v1/embeddings", key, { model: "e2e/embed", input: "hello there" });
    expect(before.headers.get("x-privet-provider")).toBe("e2e-retain");
    h.mock.clearCalls();
    await instance.updatePolicyFloor({ ...NO_FLOOR, zdrOnly: true }, KNOWN);
    const after = await post("/api/v1/embeddings", key, { model: "e2e/embed", input: "hello there" });
    expect(after.status, await after.clone().text()).toBe(200);
    expect(after.headers.get("x-privet-provider")).toBe("e2e-zdr");
    expect(called()).toEqual(["e2e-zdr"]);
  });

  it.each(SURFACES)(
    "$path: a model outside the instance's allow-list is refused with 403 and no call",
    async ({ path, body }) => {
      const { key } = await h.createUser();
      await instance.updatePolicyFloor({ ...NO_FLOOR, allowedModels: ["e2e/tools"] }, KNOWN);
      const res = await post(path, key, body("e2e/echo"));
      expect(res.status, await res.clone().text()).toBe(403);
      expect(called()).toEqual([]);
    },
  );
});
