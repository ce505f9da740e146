// POST /api/v1/route explains a chat request without sending it, and what it says is what a real
// request then does: with every provider failing, a chat request tries exactly the endpoints /route
// listed, in its order; with nothing eligible, it gets exactly the error /route predicted.
import { describe, expect, it } from "vitest";
import { sharedHarness } from "@/tests/support/harness";
import { recordFromRow } from "@/lib/generations/record";
import { toRouteView } from "@/lib/generations/route-trace";

const t = sharedHarness();

const hello = [{ role: "user", content: "hello there" }];
const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } }];

type TExplanation = {
  data: {
    models: string[];
    features: string[];
    estimated_tokens: number;
    middle_out: boolean;
    endpoints: { model: string; provider: string; provider_name: string; data_policy: { summary: string } }[];
    not_attempted: { model: string; provider: string; reason: string }[];
    excluded: { model: string; provider: string; step: string; reason: string }[];
    error: { code: number; message: string; metadata: Record<string, unknown> } | null;
  };
};

async function route(key: string, body: unknown): Promise<Response> {
  return fetch(`${t.h.baseUrl}/api/v1/route`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function explain(key: string, body: unknown): Promise<TExplanation["data"]> {
  const res = await route(key, body);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  // Explaining calls nobody.
  expect(t.h.mock.calls()).toEqual([]);
  return (JSON.parse(text) as TExplanation).data;
}

const FAILING = ["e2e-zdr", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-anthropic"];

describe("POST /api/v1/route", () => {
  // Requests covering the default order, the account's training settings, order, only/ignore,
  // allow_fallbacks, several models, sort across models and the capabilities step.
  const cases: { name: string; settings?: Record<string, unknown>; body: Record<string, unknown> }[] = [
    { name: "the default: cheapest allowed first", body: { model: "e2e/echo", messages: hello } },
    {
      name: "paid training allowed",
      settings: { allowTrainingPaid: true },
      body: { model: "e2e/echo", messages: hello },
    },
    {
      name: "order and ignore",
      settings: { allowTrainingPaid: true },
      body: { model: "e2e/echo", messages: hello, provider: { order: ["e2e-anthropic"], ignore: ["e2e-unknown"] } },
    },
    {
      name: "allow_fallbacks false",
      body: { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } },
    },
    { name: "models fallback", body: { models: ["e2e/tools", "e2e/echo"], messages: hello } },
    {
      name: "sort across models",
      body: {
        models: ["e2e/echo", "e2e/tools"],
        messages: hello,
        provider: { sort: { by: "price", partition: "none" } },
      },
    },
    { name: "a tools request", body: { model: "e2e/echo", messages: hello, tools } },
  ];

  it.each(cases)("lists the endpoints a chat request then tries, in order: $name", async ({ settings, body }) => {
    const user = await t.h.createUser(settings ?? {});
    const plan = await explain(user.key, body);
    expect(plan.endpoints.length).toBeGreaterThan(0);
    expect(plan.error).toBeNull();

    // Every provider failing: the chat request tries each planned endpoint once, in that order.
    for (const slug of FAILING) t.h.mock.setProvider(slug, { failure: "500" });
    const failed = await t.h.chat(user.key, body);
    expect(failed.status).toBe(502);
    expect(t.h.mock.calls().map((call) => call.provider)).toEqual(plan.endpoints.map((e) => e.provider));

    // Working providers again: the failures moved those endpoints after the others, and /route
    // says so; the first endpoint it now plans serves.
    t.h.mock.reset();
    t.h.mock.clearCalls();
    const replanned = await explain(user.key, body);
    const served = await t.h.chat(user.key, body);
    expect(served.status).toBe(200);
    expect(served.headers.get("x-privet-provider")).toBe(replanned.endpoints[0]!.provider);
    expect(((await served.json()) as { model: string }).model).toBe(replanned.endpoints[0]!.model);
  });

  it("names every endpoint left out with the refusal's step and reason, and not_attempted under allow_fallbacks: false", async () => {
    const user = await t.h.createUser();
    const plan = await explain(user.key, { model: "e2e/echo", tools, provider: { allow_fallbacks: false } });
    expect(plan.features).toEqual(["tools"]);
    expect(plan.endpoints.map((e) => e.provider)).toEqual(["e2e-zdr"]);
    expect(plan.not_attempted).toEqual([
      {
        model: "e2e/echo",
        provider: "e2e-anthropic",
        reason: "provider.allow_fallbacks is false: only the first choice is tried",
      },
    ]);
    expect(plan.excluded.map((e) => [e.provider, e.step])).toEqual([
      ["e2e-trains", "data_policy:training"],
      ["e2e-unknown", "data_policy:training"],
      ["e2e-retain", "capabilities"],
    ]);
    expect(plan.excluded.every((e) => e.model === "e2e/echo" && e.reason.length > 0)).toBe(true);
  });

  it("predicts a refusal exactly: the same error the chat request then gets, nothing sent", async () => {
    const user = await t.h.createUser();
    const body = { model: "e2e/echo:free", messages: hello };
    const plan = await explain(user.key, body);
    expect(plan.endpoints).toEqual([]);
    const res = await t.h.chat(user.key, body);
    expect(res.status).toBe(404);
    expect(plan.error).toEqual(((await res.json()) as { error: unknown }).error);
    expect(plan.excluded.map((e) => e.step)).toEqual(["data_policy:training", "data_policy:training"]);
    expect(t.h.mock.calls()).toEqual([]);
  });

  it("follows the account's settings as they are now", async () => {
    const user = await t.h.createUser();
    expect((await explain(user.key, { model: "e2e/echo" })).endpoints[0]!.provider).toBe("e2e-retain");
    await t.h.updateSettings(user.id, { zdrOnly: true });
    const plan = await explain(user.key, { model: "e2e/echo" });
    expect(plan.endpoints.map((e) => e.provider)).toEqual(["e2e-zdr"]);
    expect(plan.endpoints[0]!.data_policy.summary).toContain("zdr=yes");
  });

  it("keeps what it said with the record: an endpoint excluded by training and one that failed, with their steps and outcomes", async () => {
    const user = await t.h.createUser();
    const marker = "why-this-provider-marker-4471";
    const body = { model: "e2e/echo", messages: [{ role: "user", content: marker }] };
    const plan = await explain(user.key, body);
    expect(plan.endpoints.length).toBeGreaterThan(1);
    // The first choice fails; the next one serves.
    const [first, second] = plan.endpoints;
    t.h.mock.setProvider(first!.provider, { failure: "500" });
    const res = await t.h.chat(user.key, body);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-privet-provider")).toBe(second!.provider);
    await t.h.flush();
    const row = await t.h.db.generation.findUniqueOrThrow({
      where: { id: res.headers.get("x-privet-generation-id")! },
    });
    // Stored as the same words /route used: the candidates in its order, its exclusions exactly.
    expect(row.route).not.toContain(marker);
    const record = recordFromRow(row);
    const route = record.route!;
    expect(route.candidates.map((c) => [c.model, c.provider])).toEqual(
      plan.endpoints.map((e) => [e.model, e.provider]),
    );
    expect(route.excluded).toEqual(plan.excluded);
    expect(route.excluded).toContainEqual(
      expect.objectContaining({ provider: "e2e-trains", step: "data_policy:training" }),
    );
    expect(route.sort).toBe("price");
    // What the activity detail and the receipt say of it.
    const view = toRouteView(route, record.attempts, record.providerSlug, (slug) => slug);
    expect(view.candidates.slice(0, 2).map((c) => [c.provider, c.outcome])).toEqual([
      [first!.provider, "Failed (HTTP 500)"],
      [second!.provider, "Served"],
    ]);
    // Earlier tests' failures may have moved some endpoints back ("healthy" then says so).
    expect(view.summary).toMatch(
      new RegExp(
        `^${first!.provider} was the cheapest (healthy )?eligible endpoint but failed \\(HTTP 500\\); ${second!.provider}, next in order, served it\\.$`,
      ),
    );
    expect(view.excluded.find((e) => e.providerName === "e2e-trains")).toMatchObject({
      label: "Training",
      reason: expect.stringContaining("paid-model training is off"),
    });
  });

  it("keeps a refusal's exclusions with its record, and no candidate", async () => {
    const user = await t.h.createUser();
    const body = { model: "e2e/echo:free", messages: hello };
    const plan = await explain(user.key, body);
    const res = await t.h.chat(user.key, body);
    expect(res.status).toBe(404);
    await t.h.flush();
    const record = recordFromRow(
      await t.h.db.generation.findUniqueOrThrow({ where: { id: res.headers.get("x-privet-generation-id")! } }),
    );
    expect(record.route?.candidates).toEqual([]);
    expect(record.route?.excluded).toEqual(plan.excluded);
    expect(toRouteView(record.route!, record.attempts, null, (slug) => slug).summary).toContain(
      "No endpoint was eligible",
    );
  });

  it("answers bad input like the chat endpoint, records nothing, and needs a key", async () => {
    const user = await t.h.createUser();
    const invalid = await route(user.key, { model: "e2e/echo", temperature: 9 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { metadata: { field: string } } }).error.metadata.field).toBe(
      "temperature",
    );
    expect((await route(user.key, "{not json")).status).toBe(400);
    const unknown = await route(user.key, { model: "e2e/nothing" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { metadata: { code: string } } }).error.metadata.code).toBe(
      "model_not_found",
    );
    expect((await route("not-a-key", { model: "e2e/echo" })).status).toBe(401);
    await explain(user.key, { model: "e2e/echo", messages: [{ role: "user", content: "a secret to explain" }] });
    await t.h.flush();
    expect(await t.h.db.generation.count({ where: { userId: user.id } })).toBe(0);
    expect(t.h.mock.calls()).toEqual([]);
  });
});
