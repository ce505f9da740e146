// Where data goes, on the real API over the real mock upstream: an account's allowed data regions
// and maximum retention keep its requests off the providers outside them (the mock's calls prove
// nothing was sent there), and the instance floor's cannot be loosened by the account or a request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let instance: typeof import("@/lib/instance/settings");

const KNOWN = {
  providers: new Set(["e2e-zdr", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-anthropic", "e2e-offline"]),
  models: new Set(["e2e/echo", "e2e/echo:free", "e2e/tools"]),
};
const NO_FLOOR = {};
const hello = [{ role: "user", content: "hello there" }];

/**
 * The e2e catalog with regions: e2e-zdr in Germany (keeps nothing), e2e-retain in the US and
 * e2e-anthropic in France (both keep prompts 30 days); e2e-trains keeps prompts for an unstated
 * period and e2e-unknown publishes no policy, both with unknown regions.
 */
function regionsCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const regions: Record<string, string[]> = { "e2e-zdr": ["DE"], "e2e-retain": ["US"], "e2e-anthropic": ["FR"] };
  return {
    ...base,
    providers: base.providers.map((p) => (regions[p.slug] ? { ...p, dataRegions: regions[p.slug] } : p)),
  };
}

beforeAll(async () => {
  h = await startHarness({ catalog: regionsCatalog });
  instance = await import("@/lib/instance/settings");
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.mock.reset();
  h.mock.clearCalls();
  await instance.updatePolicyFloor(NO_FLOOR, KNOWN);
});

const called = () => h.mock.calls().map((c) => c.provider);

async function servedBy(res: Response): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return res.headers.get("x-privet-provider")!;
}

type TRefusal = {
  error: { code: number; message: string; metadata: { excluded_by: { provider: string; step: string }[] } };
};

async function refused(res: Response): Promise<TRefusal["error"]> {
  const body = (await res.json()) as TRefusal;
  expect(res.status, JSON.stringify(body)).toBe(404);
  return body.error;
}

const stepOf = (error: TRefusal["error"]) =>
  Object.fromEntries(error.metadata.excluded_by.map((entry) => [entry.provider, entry.step]));

describe("an account's allowed data regions", () => {
  it("keep its requests on providers inside them; a request cannot widen them", async () => {
    // Training allowed, so the cheapest endpoints (unknown policy, then the trainer) are eligible
    // unless the regions exclude them.
    const user = await h.createUser({ allowTrainingPaid: true, allowedDataRegions: ["eu"] });
    for (let i = 0; i < 3; i += 1) {
      expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-zdr");
    }
    // Neither the US provider nor those with unknown regions was ever called.
    expect(called()).toEqual(["e2e-zdr", "e2e-zdr", "e2e-zdr"]);

    h.mock.clearCalls();
    const error = await refused(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["US"] } }),
    );
    expect(error.message).toMatch(/\(Data regions\)/);
    expect(stepOf(error)).toMatchObject({
      "e2e-retain": "data_policy:data_regions",
      "e2e-unknown": "data_policy:data_regions",
      "e2e-zdr": "data_policy:data_regions",
    });
    expect(called()).toEqual([]);
  });
});

describe("an account's maximum retention", () => {
  it("keeps its requests off providers retaining longer or for an unknown period; one that keeps nothing passes", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    // Without a maximum, the unknown-policy provider is the cheapest.
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-unknown");

    await h.updateSettings(user.id, { maxRetentionDays: 30 });
    h.mock.clearCalls();
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-retain");

    await h.updateSettings(user.id, { maxRetentionDays: 7 });
    h.mock.clearCalls();
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-zdr");
    expect(called()).toEqual(["e2e-zdr"]);

    // The free model has only the trainer (unstated period) and the unknown policy: refused, nothing sent.
    await h.updateSettings(user.id, { allowTrainingFree: true });
    h.mock.clearCalls();
    const error = await refused(await h.chat(user.key, { model: "e2e/echo:free", messages: hello }));
    expect(error.message).toMatch(/\(Maximum retention\)/);
    expect(stepOf(error)).toEqual({ "e2e-trains": "data_policy:retention", "e2e-unknown": "data_policy:retention" });
    expect(called()).toEqual([]);
  });
});

describe("the instance floor's regions and maximum retention", () => {
  it("cannot be loosened by the account or the request", async () => {
    await instance.updatePolicyFloor({ allowedDataRegions: ["EU"], maxRetentionDays: 7 }, KNOWN);
    // An account asking for nothing, one asking for looser limits, and requests naming other regions.
    const plain = await h.createUser({ allowTrainingPaid: true });
    const looser = await h.createUser({ allowTrainingPaid: true, maxRetentionDays: 365, allowedDataRegions: [] });
    for (const user of [plain, looser]) {
      expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-zdr");
      expect(
        await servedBy(
          await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["DE", "US"] } }),
        ),
      ).toBe("e2e-zdr");
    }
    expect(called()).toEqual(["e2e-zdr", "e2e-zdr", "e2e-zdr", "e2e-zdr"]);

    // A request for the US only, or an account allowing only the US, leaves nothing under an EU floor.
    h.mock.clearCalls();
    await refused(await h.chat(plain.key, { model: "e2e/echo", messages: hello, provider: { data_regions: ["US"] } }));
    const usOnly = await h.createUser({ allowTrainingPaid: true, allowedDataRegions: ["US"] });
    const error = await refused(await h.chat(usOnly.key, { model: "e2e/echo", messages: hello }));
    expect(stepOf(error)["e2e-retain"]).toBe("data_policy:data_regions");
    expect(called()).toEqual([]);

    // The floor's maximum holds for an EU provider retaining 30 days (e2e-anthropic, France).
    h.mock.clearCalls();
    const refusedAnthropic = await refused(
      await h.chat(looser.key, { model: "e2e/echo", messages: hello, provider: { only: ["e2e-anthropic"] } }),
    );
    expect(stepOf(refusedAnthropic)["e2e-anthropic"]).toBe("data_policy:retention");
    expect(called()).toEqual([]);
  });
});
