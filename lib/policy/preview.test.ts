import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { previewAccountPolicy } from "@/lib/policy/preview";
import { selectEndpoints } from "@/lib/policy/select-endpoints";
import {
  PERMISSIVE_ACCOUNT,
  makeAccount,
  makeEndpoint,
  makeModel,
  makeProvider,
  makeRequest,
} from "@/lib/policy/test-factory";

const trainer = makeProvider("trainer", { name: "Trainer" });
const retainer = makeProvider("retainer", { name: "Retainer" });
const mystery = makeProvider("mystery", { name: "Mystery" });
const clean = makeProvider("clean", { name: "Clean" });

const paidModel = makeModel("test/chat", [
  makeEndpoint({
    modelId: "test/chat",
    id: "test/chat@trainer",
    provider: trainer,
    dataPolicy: { training: true, zdr: false },
  }),
  makeEndpoint({
    modelId: "test/chat",
    id: "test/chat@retainer",
    provider: retainer,
    dataPolicy: { training: false, retainsPrompts: true, retentionDays: 30, zdr: false },
  }),
  // Not routable on this server: the preview must still count it (it is about policy).
  makeEndpoint({ modelId: "test/chat", id: "test/chat@clean", provider: clean, isRoutable: false }),
]);
const freeModel = makeModel("test/chat:free", [
  makeEndpoint({
    modelId: "test/chat:free",
    id: "test/chat:free@trainer",
    provider: trainer,
    free: true,
    dataPolicy: { training: true, zdr: false },
  }),
  makeEndpoint({
    modelId: "test/chat:free",
    id: "test/chat:free@mystery",
    provider: mystery,
    free: true,
    dataPolicy: { training: null, retainsPrompts: null, zdr: null },
  }),
]);
const otherPaid = makeModel("test/other", [
  makeEndpoint({
    modelId: "test/other",
    id: "test/other@mystery",
    provider: mystery,
    dataPolicy: { training: null, retainsPrompts: null, zdr: null },
  }),
]);
const CATALOG = [paidModel, freeModel, otherPaid];

describe("previewAccountPolicy", () => {
  it("strictest account: only non-training providers remain; counts split paid/free", () => {
    const preview = previewAccountPolicy(CATALOG, makeAccount());
    expect(preview.paid).toEqual({ providers: 2, models: 1, totalProviders: 4, totalModels: 2 });
    expect(preview.free).toEqual({ providers: 0, models: 0, totalProviders: 2, totalModels: 1 });
    expect(preview.providers).toEqual([
      { slug: "clean", name: "Clean", allowed: true, reasons: [] },
      {
        slug: "mystery",
        name: "Mystery",
        allowed: false,
        reasons: [
          "training policy unknown (treated as may train); free-model training is off",
          "training policy unknown (treated as may train); paid-model training is off",
        ],
      },
      { slug: "retainer", name: "Retainer", allowed: true, reasons: [] },
      {
        slug: "trainer",
        name: "Trainer",
        allowed: false,
        reasons: [
          "may train on prompts; paid-model training is off",
          "may train on prompts; free-model training is off",
        ],
      },
    ]);
  });

  it("allowing free-model training only opens free endpoints", () => {
    const preview = previewAccountPolicy(CATALOG, makeAccount({ allowTrainingFree: true }));
    expect(preview.free).toMatchObject({ providers: 2, models: 1 });
    expect(preview.paid).toMatchObject({ providers: 2, models: 1 });
    // Trainer is allowed thanks to its free endpoint.
    expect(preview.providers.find((provider) => provider.slug === "trainer")).toEqual({
      slug: "trainer",
      name: "Trainer",
      allowed: true,
      reasons: [],
    });
  });

  it("ZDR-only leaves only ZDR providers and says why the others are out", () => {
    const preview = previewAccountPolicy(CATALOG, { ...PERMISSIVE_ACCOUNT, zdrOnly: true });
    expect(preview.providers.filter((provider) => provider.allowed).map((provider) => provider.slug)).toEqual([
      "clean",
    ]);
    expect(preview.providers.find((provider) => provider.slug === "retainer")?.reasons).toEqual([
      "not a zero-data-retention endpoint; ZDR is required by the account settings",
    ]);
  });

  it("ignored providers are reported as such", () => {
    const preview = previewAccountPolicy(CATALOG, { ...PERMISSIVE_ACCOUNT, ignoredProviders: ["clean"] });
    expect(preview.providers.find((provider) => provider.slug === "clean")).toEqual({
      slug: "clean",
      name: "Clean",
      allowed: false,
      reasons: ["provider is in the account's ignored providers"],
    });
  });

  it("ignores routability and never reports 'unavailable'", () => {
    const unroutable = CATALOG.map((model) => ({
      ...model,
      endpoints: model.endpoints.map((endpoint) => ({ ...endpoint, isRoutable: false })),
    }));
    expect(previewAccountPolicy(unroutable, PERMISSIVE_ACCOUNT)).toEqual(
      previewAccountPolicy(CATALOG, PERMISSIVE_ACCOUNT),
    );
    expect(previewAccountPolicy(unroutable, PERMISSIVE_ACCOUNT).providers.every((provider) => provider.allowed)).toBe(
      true,
    );
  });

  it("empty catalog", () => {
    expect(previewAccountPolicy([], makeAccount())).toEqual({
      paid: { providers: 0, models: 0, totalProviders: 0, totalModels: 0 },
      free: { providers: 0, models: 0, totalProviders: 0, totalModels: 0 },
      providers: [],
    });
  });

  it("agrees with selectEndpoints: a provider is allowed iff one of its endpoints routes under the account", () => {
    fc.assert(
      fc.property(
        fc.record({ allowTrainingPaid: fc.boolean(), allowTrainingFree: fc.boolean(), zdrOnly: fc.boolean() }),
        fc.subarray(["trainer", "retainer", "mystery", "clean"]),
        (flags, ignoredProviders) => {
          const account = {
            ...flags,
            ignoredProviders,
            allowedDataRegions: null,
            maxRetentionDays: null,
            maxPolicyAgeDays: null,
          };
          const preview = previewAccountPolicy(CATALOG, account);
          for (const provider of preview.providers) {
            const routes = CATALOG.some((model) =>
              selectEndpoints(
                model.endpoints.map((endpoint) => ({ ...endpoint, isRoutable: true })),
                account,
                {},
                makeRequest({ estimatedTokens: 0 }),
              ).eligible.some((endpoint) => endpoint.provider.slug === provider.slug),
            );
            expect(provider.allowed).toBe(routes);
            expect(provider.reasons.length > 0).toBe(!routes);
          }
        },
      ),
    );
  });
});
