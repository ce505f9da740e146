import { describe, expect, it } from "vitest";
import { makeEndpoint, makeModel, makePolicy, makeProvider, UNKNOWN_POLICY } from "@/lib/policy/test-factory";
import {
  formatCheckedAt,
  modelHref,
  modelIdFromSegments,
  toModelDetail,
  toModelSummary,
  toPolicyView,
  toProviderDetail,
  toProviderPolicyRow,
} from "@/lib/docs/views";

describe("toPolicyView", () => {
  it("reads a zero-retention, no-training policy in the table's words", () => {
    const view = toPolicyView(makePolicy({ retainsPrompts: false, training: false, zdr: true }));
    expect(view).toMatchObject({
      retention: "Zero retention",
      training: "Does not train",
      isTrainingUnknown: false,
      zdr: "Yes",
    });
    expect(view.isZeroRetention).toBe(true);
    expect(view.isNoTraining).toBe(true);
  });

  it("shows an unknown policy as unknown retention and as may train (rule 5), flagged unknown", () => {
    const view = toPolicyView(UNKNOWN_POLICY);
    expect(view).toMatchObject({
      retention: "Unknown policy",
      training: "May train",
      isTrainingUnknown: true,
      zdr: "Unknown",
    });
    expect(view.isZeroRetention).toBe(false);
    expect(view.isNoTraining).toBe(false);
    expect(view.header).toBe("training=unknown; retention=unknown; zdr=unknown; publish=unknown");
  });

  it("ranks retention from safest to least known", () => {
    const ranks = [
      makePolicy({ retainsPrompts: false }),
      makePolicy({ retainsPrompts: true, retentionDays: 1 }),
      makePolicy({ retainsPrompts: true, retentionDays: 30 }),
      makePolicy({ retainsPrompts: true, retentionDays: null }),
      makePolicy({ retainsPrompts: null }),
    ].map((p) => toPolicyView(p).retentionRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it("ranks known training before unknown", () => {
    const rank = (training: boolean | null) => toPolicyView(makePolicy({ training })).trainingRank;
    expect(rank(false)).toBeLessThan(rank(true));
    expect(rank(true)).toBeLessThan(rank(null));
  });
});

describe("formatCheckedAt", () => {
  it("spells dates and periods out the same on server and browser", () => {
    expect(formatCheckedAt("2026-06-16")).toBe("16 Jun 2026");
    expect(formatCheckedAt("late-2025")).toBe("Late 2025");
    expect(formatCheckedAt(null)).toBeNull();
  });
});

describe("model links", () => {
  it("encodes the :free slug so the link resolves to the same model", () => {
    expect(modelHref("e2e/echo:free")).toBe("/models/e2e/echo%3Afree");
    expect(modelIdFromSegments("e2e", "echo%3Afree")).toBe("e2e/echo:free");
    expect(modelIdFromSegments("e2e", "echo:free")).toBe("e2e/echo:free");
    expect(modelIdFromSegments("meta-llama", "llama-3.3-70b-instruct")).toBe("meta-llama/llama-3.3-70b-instruct");
  });

  it("does not throw on a malformed escape", () => {
    expect(modelIdFromSegments("a", "%E0%A4%A")).toBe("a/%E0%A4%A");
  });
});

describe("rows and pages", () => {
  const safe = makeProvider("safe", { headquarters: "US" });
  const trains = makeProvider("trains", {
    dataPolicy: makePolicy({ training: true, retainsPrompts: true, retentionDays: 30, zdr: false }),
  });

  it("gives each provider row its anchor, link and country name", () => {
    const row = toProviderPolicyRow(safe);
    expect(row.anchorId).toBe("provider-safe");
    expect(row.href).toBe("/providers/safe");
    expect(row.headquarters).toEqual({ code: "US", name: "United States" });
    expect(toProviderPolicyRow(trains).headquarters).toBeNull();
  });

  it("summarizes a model's price range and routable endpoints", () => {
    const model = makeModel("test/model", [
      makeEndpoint({ provider: safe, pricing: { prompt: 1, completion: 2 } }),
      makeEndpoint({ provider: trains, pricing: { prompt: 0.5, completion: 4 }, isRoutable: false }),
    ]);
    expect(toModelSummary(model)).toMatchObject({
      prompt: { min: 0.5, max: 1 },
      completion: { min: 2, max: 4 },
      endpointCount: 2,
      routableCount: 1,
      isFree: false,
      providerNames: ["Safe", "Trains"],
    });
  });

  it("shows each endpoint's effective policy and says when it differs from the provider's", () => {
    const overridden = makeEndpoint({ provider: safe, dataPolicy: { training: true } });
    const model = makeModel("test/model", [
      overridden,
      makeEndpoint({ provider: trains, dataPolicy: trains.dataPolicy }),
    ]);
    const detail = toModelDetail(model, new Map([[model.id, model]]));
    const bySlug = new Map(detail.endpoints.map((e) => [e.provider.slug, e]));
    expect(bySlug.get("safe")).toMatchObject({ isPolicyOverridden: true, policy: { training: "May train" } });
    expect(bySlug.get("trains")).toMatchObject({
      isPolicyOverridden: false,
      policy: { retention: "Retained for 30 days" },
    });
    expect(bySlug.get("safe")?.provider.tableHref).toBe("/docs#provider-safe");
  });

  it("links a model to its :free variant and back", () => {
    const paid = makeModel("test/model", [makeEndpoint({ provider: safe })]);
    const free = makeModel("test/model:free", [
      makeEndpoint({ provider: safe, free: true, modelId: "test/model:free" }),
    ]);
    const byId = new Map([paid, free].map((m) => [m.id, m]));
    expect(toModelDetail(paid, byId).counterpart?.href).toBe("/models/test/model%3Afree");
    expect(toModelDetail(free, byId).counterpart?.id).toBe("test/model");
    expect(toModelDetail(free, byId).isFree).toBe(true);
  });

  it("lists only the models a provider serves", () => {
    const a = makeModel("test/a", [makeEndpoint({ provider: safe })]);
    const b = makeModel("test/b", [makeEndpoint({ provider: trains })]);
    const detail = toProviderDetail(safe, [a, b], true);
    expect(detail.models.map((m) => m.id)).toEqual(["test/a"]);
    expect(detail.isConfigured).toBe(true);
  });
});
