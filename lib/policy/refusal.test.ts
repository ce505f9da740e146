import { describe, expect, it } from "vitest";
import { EXCLUDED_BY_STEP, REFUSAL_LABELS, labelForExclusion, refusalFor } from "@/lib/policy/refusal";
import { POLICY_STEPS, selectEndpoints } from "@/lib/policy/select-endpoints";
import { PERMISSIVE_ACCOUNT, makeAccount, makeEndpoint, makeProvider, makeRequest } from "@/lib/policy/test-factory";
import type { TPolicyStep, TRoutingDecision } from "@/lib/policy/types";

const SETTINGS_URL = "https://privet.example/settings/privacy";
const MODEL = "meta-llama/llama-3.3-70b-instruct";

describe("refusalFor", () => {
  it("returns null when something is eligible", () => {
    const decision = selectEndpoints(
      [makeEndpoint({ provider: "a" }), makeEndpoint({ provider: "b", isRoutable: false })],
      PERMISSIVE_ACCOUNT,
      {},
      makeRequest(),
    );
    expect(refusalFor(decision, MODEL, SETTINGS_URL)).toBeNull();
  });

  it("names missing tool support, not ZDR, when that is the true reason", () => {
    // ZDR-capable endpoints that lack tools, under an account that requires ZDR: the only thing
    // that removed them is require_parameters, and the message must say so.
    const endpoints = [
      makeEndpoint({ provider: "a", supportedParameters: ["temperature"], dataPolicy: { zdr: true } }),
      makeEndpoint({ provider: "b", supportedParameters: [], dataPolicy: { zdr: true } }),
    ];
    const decision = selectEndpoints(
      endpoints,
      makeAccount({ zdrOnly: true }),
      { require_parameters: true, zdr: true },
      makeRequest({ parameters: ["messages", "tools"] }),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal?.status).toBe(404);
    expect(refusal?.message).toBe(
      `No endpoints found matching your data policy (Required parameters). Configure: ${SETTINGS_URL}`,
    );
    expect(refusal?.message).not.toContain("Zero data retention");
    expect(refusal?.metadata.code).toBe("no_eligible_endpoint");
    expect(refusal?.metadata.excluded_by.map((entry) => entry.step)).toEqual([
      "require_parameters",
      "require_parameters",
    ]);
    expect(refusal?.metadata.excluded_by[0]?.reason).toContain("tools");
  });

  it("says Zero data retention when ZDR is what removed the endpoints", () => {
    const decision = selectEndpoints(
      [
        makeEndpoint({ provider: "a", dataPolicy: { zdr: false } }),
        makeEndpoint({ provider: "b", dataPolicy: { zdr: null } }),
      ],
      makeAccount({ zdrOnly: true }),
      {},
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal).toMatchObject({
      status: 404,
      message: `No endpoints found matching your data policy (Zero data retention). Configure: ${SETTINGS_URL}`,
      metadata: {
        code: "privacy_restricted",
        model: MODEL,
        excluded_by: [
          {
            provider: "a",
            step: "data_policy:zdr",
            reason: expect.stringContaining("not a zero-data-retention endpoint"),
          },
          { provider: "b", step: "data_policy:zdr", reason: expect.stringContaining("unknown") },
        ],
      },
    });
  });

  it("distinguishes Free model training from Paid model training", () => {
    const free = selectEndpoints(
      [makeEndpoint({ provider: "a", free: true, dataPolicy: { training: true } })],
      makeAccount({ allowTrainingPaid: true, allowTrainingFree: false }),
      {},
      makeRequest(),
    );
    expect(refusalFor(free, `${MODEL}:free`, SETTINGS_URL)?.message).toBe(
      `No endpoints found matching your data policy (Free model training). Configure: ${SETTINGS_URL}`,
    );
    const paid = selectEndpoints(
      [makeEndpoint({ provider: "a", dataPolicy: { training: null } })],
      makeAccount({ allowTrainingPaid: false, allowTrainingFree: true }),
      {},
      makeRequest(),
    );
    const refusal = refusalFor(paid, MODEL, SETTINGS_URL);
    expect(refusal?.message).toBe(
      `No endpoints found matching your data policy (Paid model training). Configure: ${SETTINGS_URL}`,
    );
    expect(refusal?.metadata.excluded_by).toEqual([
      {
        provider: "a",
        step: "data_policy:training",
        reason: "training policy unknown (treated as may train); paid-model training is off",
      },
    ]);
  });

  it("lists every label in step order, once, whatever order the endpoints came in", () => {
    // One endpoint per step, deliberately listed in reverse pipeline order.
    const endpoints = [
      makeEndpoint({ provider: "k", isRoutable: false, quantization: "fp8", inputModalities: ["text", "image"] }),
      makeEndpoint({ provider: "j", contextLength: 10, quantization: "fp8", inputModalities: ["text", "image"] }),
      makeEndpoint({ provider: "i", pricing: { prompt: 99 }, quantization: "fp8", inputModalities: ["text", "image"] }),
      makeEndpoint({ provider: "h", quantization: "int4", inputModalities: ["text", "image"] }),
      makeEndpoint({ provider: "g3", quantization: "fp8", inputModalities: ["text"] }),
      makeEndpoint({ provider: "g", supportedParameters: [] }),
      makeEndpoint({ provider: "g2", supportedParameters: [] }),
      makeEndpoint({ provider: "f" }),
      makeEndpoint({ provider: "e-outside-only" }),
      makeEndpoint({ provider: makeProvider("d2", { dataRegions: ["CN"] }) }),
      makeEndpoint({ provider: "d", dataPolicy: { retainsPrompts: true } }),
      makeEndpoint({ provider: "c", dataPolicy: { zdr: false } }),
      makeEndpoint({ provider: "b-free", free: true, dataPolicy: { training: true } }),
      makeEndpoint({ provider: "b-paid", dataPolicy: { training: true } }),
      makeEndpoint({ provider: "a" }),
    ];
    const everyoneButE = ["a", "b-free", "b-paid", "c", "d", "d2", "f", "g", "g2", "g3", "h", "i", "j", "k"];
    const decision = selectEndpoints(
      endpoints,
      makeAccount({ ignoredProviders: ["a"] }),
      {
        zdr: true,
        data_collection: "deny",
        data_regions: ["US"],
        only: everyoneButE,
        ignore: ["f"],
        require_parameters: true,
        quantizations: ["fp8"],
        max_price: { prompt: 10 },
      },
      makeRequest({ parameters: ["tools"], features: ["image_input"], estimatedTokens: 100 }),
    );
    // Each endpoint fails exactly one step: the factory default is a ZDR, non-training, no-retention endpoint.
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal?.status).toBe(404);
    // Under data_collection "deny" every endpoint the retention step could exclude is excluded one
    // step earlier, so that one label is proven on its own below.
    const labels = REFUSAL_LABELS.filter((label) => label !== "Maximum retention");
    expect(refusal?.message).toBe(
      `No endpoints found matching your data policy (${labels.join(", ")}). Configure: ${SETTINGS_URL}`,
    );
    expect(refusal?.metadata.code).toBe("privacy_restricted");
    expect(refusal?.metadata.excluded_by.map((entry) => [entry.provider, entry.step])).toEqual([
      ["a", "ignored_providers"],
      ["b-free", "data_policy:training"],
      ["b-paid", "data_policy:training"],
      ["c", "data_policy:zdr"],
      ["d", "data_policy:data_collection"],
      ["d2", "data_policy:data_regions"],
      ["e-outside-only", "allowed_providers"],
      ["f", "ignore"],
      ["g", "require_parameters"],
      ["g2", "require_parameters"],
      ["g3", "capabilities"],
      ["h", "quantization"],
      ["i", "max_price"],
      ["j", "context_length"],
      ["k", "unavailable"],
    ]);
  });

  it("includes 'No provider configured' alongside policy labels when some keys are missing too", () => {
    const decision = selectEndpoints(
      [
        makeEndpoint({ provider: "a", isRoutable: false, quantization: "fp16" }),
        makeEndpoint({ provider: "b", quantization: "int8" }),
      ],
      PERMISSIVE_ACCOUNT,
      { quantizations: ["fp16"] },
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal?.status).toBe(404);
    expect(refusal?.message).toBe(
      `No endpoints found matching your data policy (Quantization, No provider configured). Configure: ${SETTINGS_URL}`,
    );
    expect(refusal?.metadata.code).toBe("no_eligible_endpoint");
  });

  it("code is privacy_restricted when an account ignore list is among the causes", () => {
    const decision = selectEndpoints(
      [makeEndpoint({ provider: "a" }), makeEndpoint({ provider: "b", contextLength: 10 })],
      makeAccount({ ignoredProviders: ["a"] }),
      {},
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal?.message).toContain("(Ignored providers, Context length)");
    expect(refusal?.metadata.code).toBe("privacy_restricted");
  });

  it("503 when every endpoint is merely unconfigured, naming the variables to set", () => {
    const decision = selectEndpoints(
      [
        makeEndpoint({ provider: "openai", isRoutable: false }),
        makeEndpoint({ provider: makeProvider("together", { apiKeyEnv: "TOGETHER_API_KEY" }), isRoutable: false }),
        makeEndpoint({ provider: makeProvider("together-2", { apiKeyEnv: "TOGETHER_API_KEY" }), isRoutable: false }),
      ],
      PERMISSIVE_ACCOUNT,
      {},
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal).toEqual({
      status: 503,
      message: `No provider is configured for ${MODEL}: set one of OPENAI_API_KEY, TOGETHER_API_KEY or run a local model`,
      metadata: {
        code: "no_provider_configured",
        model: MODEL,
        excluded_by: [
          { provider: "openai", step: "unavailable", reason: "provider is not configured: OPENAI_API_KEY is not set" },
          {
            provider: "together",
            step: "unavailable",
            reason: "provider is not configured: TOGETHER_API_KEY is not set",
          },
          {
            provider: "together-2",
            step: "unavailable",
            reason: "provider is not configured: TOGETHER_API_KEY is not set",
          },
        ],
      },
    });
  });

  it("a forbidden and unconfigured provider yields the policy 404, not the 503", () => {
    const decision = selectEndpoints(
      [makeEndpoint({ provider: "a", isRoutable: false, dataPolicy: { training: true } })],
      makeAccount(),
      {},
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal?.status).toBe(404);
    expect(refusal?.message).toBe(
      `No endpoints found matching your data policy (Paid model training). Configure: ${SETTINGS_URL}`,
    );
  });

  it("a model with no endpoints at all is a plain 404", () => {
    const refusal = refusalFor({ eligible: [], excluded: [] }, MODEL, SETTINGS_URL);
    expect(refusal).toEqual({
      status: 404,
      message: `No endpoints found for ${MODEL}`,
      metadata: { code: "no_endpoints", model: MODEL, excluded_by: [] },
    });
  });

  it("hand-built exclusions without isFree fall back to the model's :free suffix", () => {
    const decision: TRoutingDecision = {
      eligible: [],
      excluded: [
        {
          endpointId: "m:free@a",
          provider: "a",
          step: "training",
          reason: "may train on prompts; free-model training is off",
        },
      ],
    };
    expect(refusalFor(decision, "m:free", SETTINGS_URL)?.message).toContain("(Free model training)");
    expect(refusalFor(decision, "m", SETTINGS_URL)?.message).toContain("(Paid model training)");
  });
});

describe("the retention refusal", () => {
  it("names the maximum retention and counts as a privacy refusal", () => {
    const decision = selectEndpoints(
      [
        makeEndpoint({ provider: "keeper", dataPolicy: { retainsPrompts: true, retentionDays: 90 } }),
        makeEndpoint({ provider: "vague", dataPolicy: { retainsPrompts: true, retentionDays: null } }),
      ],
      makeAccount({ maxRetentionDays: 30 }),
      {},
      makeRequest(),
    );
    const refusal = refusalFor(decision, MODEL, SETTINGS_URL);
    expect(refusal).toMatchObject({
      status: 404,
      message: `No endpoints found matching your data policy (Maximum retention). Configure: ${SETTINGS_URL}`,
      metadata: { code: "privacy_restricted" },
    });
    expect(refusal?.metadata.excluded_by.map((entry) => [entry.provider, entry.step])).toEqual([
      ["keeper", "data_policy:retention"],
      ["vague", "data_policy:retention"],
    ]);
  });
});

describe("labels and excluded_by values", () => {
  it("every step has a documented excluded_by value", () => {
    expect(POLICY_STEPS.map((step) => EXCLUDED_BY_STEP[step])).toEqual([
      "ignored_providers",
      "data_policy:training",
      "data_policy:zdr",
      "data_policy:data_collection",
      "data_policy:data_regions",
      "data_policy:retention",
      "allowed_providers",
      "ignore",
      "require_parameters",
      "capabilities",
      "quantization",
      "max_price",
      "context_length",
      "unavailable",
    ]);
  });

  it("labels follow the pipeline order", () => {
    const labelOf = (step: TPolicyStep, isFree: boolean) =>
      labelForExclusion({ endpointId: "x", provider: "p", step, reason: "r", isFree }, "m");
    const inOrder = POLICY_STEPS.flatMap((step) =>
      step === "training" ? [labelOf(step, false), labelOf(step, true)] : [labelOf(step, false)],
    );
    expect(inOrder).toEqual([...REFUSAL_LABELS]);
  });
});
