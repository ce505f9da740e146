// A maximum catalog policy age on the real API over the real mock upstream: an account (or the
// instance floor) that treats policies not checked recently as unknown keeps its requests off every
// provider whose promise it no longer believes (the mock's calls prove nothing was sent), /route
// says the same with the reason, and the account cannot loosen the floor's maximum.
// The test catalog's policies were checked on 2026-06-16: a maximum of 1 day makes them stale, one
// of 3650 days keeps them fresh for years.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let instance: typeof import("@/lib/instance/settings");

const KNOWN = {
  providers: new Set(["e2e-zdr", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-anthropic", "e2e-offline"]),
  models: new Set(["e2e/echo", "e2e/echo:free", "e2e/tools"]),
};
const body = { model: "e2e/echo", messages: [{ role: "user", content: "hello there" }] };

beforeAll(async () => {
  h = await startHarness();
  instance = await import("@/lib/instance/settings");
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.mock.reset();
  h.mock.clearCalls();
  await instance.updatePolicyFloor({}, KNOWN);
});

type TRefusalBody = {
  error: { metadata: { code: string; excluded_by: { provider: string; step: string; reason: string }[] } };
};

async function explain(
  key: string,
): Promise<{ endpoints: { provider: string }[]; excluded: { step: string; reason: string }[] }> {
  const res = await fetch(`${h.baseUrl}/api/v1/route`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (
    (await res.json()) as { data: { endpoints: { provider: string }[]; excluded: { step: string; reason: string }[] } }
  ).data;
}

describe("maximum policy age", () => {
  it("off by default and a long maximum: routing as before", async () => {
    for (const settings of [{}, { maxPolicyAgeDays: 3650 }]) {
      const user = await h.createUser(settings);
      const res = await h.chat(user.key, body);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-privet-provider")).toBe("e2e-retain");
    }
  });

  it("an account's short maximum: every policy unknown, so training off refuses, nothing sent, /route agrees", async () => {
    const user = await h.createUser({ maxPolicyAgeDays: 1 });
    const plan = await explain(user.key);
    expect(plan.endpoints).toEqual([]);
    const res = await h.chat(user.key, body);
    expect(res.status).toBe(404);
    const { metadata } = ((await res.json()) as TRefusalBody).error;
    expect(metadata.code).toBe("privacy_restricted");
    const configured = metadata.excluded_by.filter((e) => e.step !== "unavailable");
    expect(configured.length).toBeGreaterThan(0);
    for (const exclusion of configured) {
      expect(exclusion.step).toBe("data_policy:training");
      // e2e-unknown publishes no policy at all: never checked.
      expect(exclusion.reason).toMatch(
        /last checked (2026-06-16|never), more than 1 day ago, so it is treated as unknown$/,
      );
    }
    expect(plan.excluded.map((e) => e.step)).toEqual(metadata.excluded_by.map((e) => e.step));
    expect(h.mock.calls()).toEqual([]);
  });

  it("only the steps that read the policy: with training allowed and nothing else required, a stale policy still serves", async () => {
    const user = await h.createUser({ allowTrainingPaid: true, maxPolicyAgeDays: 1 });
    expect((await h.chat(user.key, body)).status).toBe(200);
    // …but a request asking for ZDR finds no endpoint it can believe.
    h.mock.clearCalls();
    const zdr = await h.chat(user.key, { ...body, provider: { zdr: true } });
    expect(zdr.status).toBe(404);
    expect(h.mock.calls()).toEqual([]);
  });

  it("the floor's maximum holds whatever the account sets, and only tightens", async () => {
    await instance.updatePolicyFloor({ maxPolicyAgeDays: 1 }, KNOWN);
    const user = await h.createUser({ maxPolicyAgeDays: 3650 });
    expect((await h.chat(user.key, body)).status).toBe(404);
    expect(h.mock.calls()).toEqual([]);
    await instance.updatePolicyFloor({ maxPolicyAgeDays: 3650 }, KNOWN);
    const strict = await h.createUser({ maxPolicyAgeDays: 1 });
    expect((await h.chat(strict.key, body)).status).toBe(404);
  });

  it("refuses a maximum out of range with the field named, changing nothing", async () => {
    const user = await h.createUser();
    for (const value of [0, -3, 1.5, 4000, "30"]) {
      await expect(h.updateSettings(user.id, { maxPolicyAgeDays: value })).rejects.toMatchObject({
        metadata: { field: "maxPolicyAgeDays" },
      });
    }
    await expect(instance.updatePolicyFloor({ maxPolicyAgeDays: 0 }, KNOWN)).rejects.toMatchObject({
      metadata: { field: "maxPolicyAgeDays" },
    });
    expect((await h.chat(user.key, body)).status).toBe(200);
  });
});
