// The model picker judges every model exactly as the router would: allowed providers per option
// combination, the price to show, and for a blocked model the true reason and the setting to change.
import { describe, expect, it } from "vitest";
import { buildChatModelViews, defaultModelId, setupHelpFor } from "@/lib/chat/model-views";
import { makeAccount, makeEndpoint, makeModel, makeProvider } from "@/lib/policy/test-factory";

const SETTINGS_URL = "http://privet.test/settings/privacy";

const zdr = makeProvider("zdr-co", { name: "ZDR Co" });
const retain = makeProvider("retain-co", {
  name: "Retain Co",
  dataPolicy: { ...zdr.dataPolicy, zdr: false, retainsPrompts: true, retentionDays: 30 },
});
const trains = makeProvider("trains-co", {
  name: "Trains Co",
  dataPolicy: { ...zdr.dataPolicy, zdr: false, training: true, retainsPrompts: true },
});

const paid = makeModel("acme/paid", [
  makeEndpoint({
    provider: trains,
    modelId: "acme/paid",
    pricing: { prompt: 0.1, completion: 0.1 },
    dataPolicy: trains.dataPolicy,
  }),
  makeEndpoint({
    provider: retain,
    modelId: "acme/paid",
    pricing: { prompt: 0.5, completion: 1.5 },
    dataPolicy: retain.dataPolicy,
  }),
  makeEndpoint({ provider: zdr, modelId: "acme/paid", pricing: { prompt: 2, completion: 4 } }),
]);
const free = makeModel("acme/paid:free", [
  makeEndpoint({
    provider: trains,
    modelId: "acme/paid:free",
    free: true,
    pricing: { prompt: 0, completion: 0 },
    dataPolicy: trains.dataPolicy,
  }),
]);

describe("buildChatModelViews", () => {
  it("counts the providers the account allows and prices the cheapest of them", () => {
    const [view] = buildChatModelViews([paid], makeAccount(), SETTINGS_URL);
    expect(view!.providers.map((p) => p.slug)).toEqual(["trains-co", "retain-co", "zdr-co"]);
    expect(view!.availability.none.allowed.map((p) => p.slug)).toEqual(["retain-co", "zdr-co"]);
    expect(view!.availability.none.price).toEqual({ prompt: 0.5, completion: 1.5 });
    expect(view!.availability.none.refusal).toBeNull();
    // The conversation's options narrow it further, never widen it.
    expect(view!.availability.zdr.allowed.map((p) => p.slug)).toEqual(["zdr-co"]);
    expect(view!.availability.deny.allowed.map((p) => p.slug)).toEqual(["zdr-co"]);
    expect(view!.availability["deny+zdr"].price).toEqual({ prompt: 2, completion: 4 });
  });

  it("marks what a model reads besides text, and whether an allowed provider would take an image or a PDF", () => {
    const modalities = ["text", "image", "file"] as const;
    const reader = (provider: typeof zdr, api: "openai" | "anthropic" = "openai") =>
      makeEndpoint({
        provider: { ...provider, api },
        modelId: "acme/sees",
        dataPolicy: provider.dataPolicy,
        inputModalities: [...modalities],
      });
    const model = {
      ...makeModel("acme/sees", [reader(trains), reader(retain, "anthropic")]),
      inputModalities: [...modalities],
    };
    const [view] = buildChatModelViews([model], makeAccount(), SETTINGS_URL);
    expect(view!.reads).toEqual({ image: true, pdf: true });
    expect(view!.availability.none.accepts).toEqual({ image: true, pdf: true });
    // ZDR leaves no provider: then no provider takes an attachment either, whatever the model reads.
    expect(view!.availability.zdr.accepts).toEqual({ image: false, pdf: false });
    // A model whose catalog entry states no modalities reads text only.
    const [plain] = buildChatModelViews([paid], makeAccount(), SETTINGS_URL);
    expect(plain!.reads).toEqual({ image: false, pdf: false });
    expect(plain!.availability.none.accepts).toEqual({ image: false, pdf: false });
  });

  it("tells whether the providers allowed can think before answering: all, some or none", () => {
    const thinker = (provider: typeof zdr, supportedParameters: string[]) =>
      makeEndpoint({ provider, modelId: "acme/thinks", dataPolicy: provider.dataPolicy, supportedParameters });
    const model = makeModel("acme/thinks", [
      thinker(retain, ["max_tokens", "reasoning"]),
      thinker(zdr, ["max_tokens"]),
    ]);
    const [view] = buildChatModelViews([model], makeAccount(), SETTINGS_URL);
    expect(view!.availability.none.reasoning).toBe("some");
    // Only the ZDR provider is left, and it does not list reasoning.
    expect(view!.availability.zdr.reasoning).toBe("none");
    const [reasons] = buildChatModelViews(
      [makeModel("acme/thinks", [thinker(zdr, ["reasoning"])])],
      makeAccount(),
      SETTINGS_URL,
    );
    expect(reasons!.availability.zdr.reasoning).toBe("all");
    // An endpoint that lists no parameters is sent the reasoning fields, as the router does.
    const [unlisted] = buildChatModelViews([makeModel("acme/thinks", [thinker(zdr, [])])], makeAccount(), SETTINGS_URL);
    expect(unlisted!.availability.none.reasoning).toBe("all");
  });

  it("follows the account settings: allowing paid training brings the trainer back", () => {
    const [view] = buildChatModelViews([paid], makeAccount({ allowTrainingPaid: true }), SETTINGS_URL);
    expect(view!.availability.none.allowed.map((p) => p.slug)).toEqual(["trains-co", "retain-co", "zdr-co"]);
    expect(view!.availability.none.price).toEqual({ prompt: 0.1, completion: 0.1 });
  });

  it("marks a blocked model with the reason and a link to the exact setting", () => {
    const [view] = buildChatModelViews([free], makeAccount(), SETTINGS_URL);
    const { refusal, allowed, price } = view!.availability.none;
    expect(allowed).toEqual([]);
    expect(view!.isFree).toBe(true);
    // No provider allowed: the price shown is the cheapest overall.
    expect(price).toEqual({ prompt: 0, completion: 0 });
    expect(refusal?.status).toBe(404);
    expect(refusal?.code).toBe("privacy_restricted");
    expect(refusal?.labels).toEqual(["Free model training"]);
    expect(refusal?.excluded).toEqual([
      {
        provider: "trains-co",
        providerName: "Trains Co",
        label: "Free model training",
        reason: "may train on prompts; free-model training is off",
      },
    ]);
    expect(refusal?.fixes).toEqual([
      { kind: "setting", label: "Free model training", href: "/settings/privacy#train-free", anchor: "train-free" },
    ]);
  });

  it("points a ZDR refusal at the conversation option unless the account requires ZDR", () => {
    const [byOption] = buildChatModelViews([free], makeAccount({ allowTrainingFree: true }), SETTINGS_URL);
    expect(byOption!.availability.none.refusal).toBeNull();
    expect(byOption!.availability.zdr.refusal?.fixes).toEqual([
      { kind: "conversation", label: "Zero data retention only (this conversation)", option: "zdr" },
    ]);
    expect(byOption!.availability.deny.refusal?.fixes).toEqual([
      { kind: "conversation", label: "Deny data collection (this conversation)", option: "denyDataCollection" },
    ]);

    const [byAccount] = buildChatModelViews(
      [free],
      makeAccount({ allowTrainingFree: true, zdrOnly: true }),
      SETTINGS_URL,
    );
    expect(byAccount!.availability.none.refusal?.fixes).toEqual([
      { kind: "setting", label: "Zero data retention only", href: "/settings/privacy#zdr-only", anchor: "zdr-only" },
    ]);
  });

  it("names ignored providers and unconfigured providers with their own fixes", () => {
    const unconfigured = makeModel("acme/local", [
      makeEndpoint({ provider: zdr, modelId: "acme/local", isRoutable: false }),
    ]);
    const ignored = makeModel("acme/ignored", [
      makeEndpoint({ provider: retain, modelId: "acme/ignored", dataPolicy: retain.dataPolicy }),
    ]);
    const views = buildChatModelViews(
      [unconfigured, ignored],
      makeAccount({ ignoredProviders: ["retain-co"] }),
      SETTINGS_URL,
    );
    expect(views[0]!.availability.none.refusal).toMatchObject({
      status: 503,
      code: "no_provider_configured",
      fixes: [{ kind: "docs", href: "/models/acme/local" }],
    });
    expect(views[1]!.availability.none.refusal).toMatchObject({
      labels: ["Ignored providers"],
      fixes: [{ kind: "setting", anchor: "ignored-providers" }],
    });
  });

  it("points a region or retention refusal at the privacy setting that caused it", () => {
    const retained = makeModel("acme/retained", [
      makeEndpoint({ provider: retain, modelId: "acme/retained", dataPolicy: retain.dataPolicy }),
    ]);
    const byRegion = buildChatModelViews([retained], makeAccount({ allowedDataRegions: ["CH"] }), SETTINGS_URL);
    expect(byRegion[0]!.availability.none.refusal).toMatchObject({
      labels: ["Data regions"],
      fixes: [{ kind: "setting", anchor: "data-regions" }],
    });
    const byRetention = buildChatModelViews([retained], makeAccount({ maxRetentionDays: 0 }), SETTINGS_URL);
    expect(byRetention[0]!.availability.none.refusal).toMatchObject({
      labels: ["Maximum retention"],
      fixes: [{ kind: "setting", anchor: "max-retention" }],
    });
  });
});

describe("setupHelpFor and defaultModelId", () => {
  it("asks for setup only when nothing at all can be called", () => {
    const offline = makeModel("acme/offline", [
      makeEndpoint({ provider: makeProvider("openai"), modelId: "acme/offline", isRoutable: false }),
    ]);
    expect(setupHelpFor([offline], [makeProvider("openai"), makeProvider("anthropic")])).toEqual({
      envVars: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"],
      hasModels: true,
    });
    expect(setupHelpFor([], [])).toEqual({ envVars: [], hasModels: false });
    // Blocked by the privacy settings is not a setup problem.
    expect(setupHelpFor([free], [trains])).toBeNull();
  });

  it("starts on the first model the settings leave a provider for", () => {
    const views = buildChatModelViews([free, paid], makeAccount(), SETTINGS_URL);
    expect(defaultModelId(views)).toBe("acme/paid");
    expect(defaultModelId(buildChatModelViews([free], makeAccount(), SETTINGS_URL))).toBe("acme/paid:free");
    expect(defaultModelId([])).toBeNull();
  });
});
