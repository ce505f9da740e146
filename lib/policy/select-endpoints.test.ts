import { describe, expect, it } from "vitest";
import type { TDataPolicy } from "@/lib/catalog/types";
import {
  ALWAYS_SUPPORTED_PARAMETERS,
  POLICY_STEPS,
  contextWindowToFit,
  findExclusion,
  getEndpointsToAttempt,
  isSortedAcrossModels,
  orderEligible,
  selectEndpoints,
  sortKeyOf,
} from "@/lib/policy/select-endpoints";
import {
  PERMISSIVE_ACCOUNT,
  UNKNOWN_POLICY,
  type TEndpointOverrides,
  ids,
  makeAccount,
  makeEndpoint,
  makeProvider,
  makeRequest,
} from "@/lib/policy/test-factory";
import type { TAccountPolicy, TPolicyStep, TProviderPreferences, TRequestShape } from "@/lib/policy/types";

type TCase = {
  name: string;
  endpoint?: TEndpointOverrides;
  account?: Partial<TAccountPolicy>;
  prefs?: TProviderPreferences;
  request?: Partial<TRequestShape>;
  /** null = eligible. */
  expected: { step: TPolicyStep; reason: string } | null;
};

// Unless a case says otherwise the account allows everything, so each case isolates one step.
function runCase(testCase: TCase) {
  const endpoint = makeEndpoint(testCase.endpoint);
  const account = { ...PERMISSIVE_ACCOUNT, ...testCase.account };
  const decision = selectEndpoints([endpoint], account, testCase.prefs ?? {}, makeRequest(testCase.request));
  return { endpoint, decision };
}

function expectCase(testCase: TCase) {
  const { endpoint, decision } = runCase(testCase);
  if (testCase.expected === null) {
    expect(decision.excluded).toEqual([]);
    expect(ids(decision.eligible)).toEqual([endpoint.id]);
  } else {
    expect(decision.eligible).toEqual([]);
    expect(decision.excluded).toHaveLength(1);
    expect(decision.excluded[0]).toMatchObject({
      endpointId: endpoint.id,
      provider: endpoint.provider.slug,
      step: testCase.expected.step,
      reason: testCase.expected.reason,
    });
  }
}

const STRICT = { allowTrainingPaid: false, allowTrainingFree: false };

describe("step 1: account_ignore", () => {
  it.each<TCase>([
    {
      name: "provider slug in the account's ignored providers",
      account: { ignoredProviders: ["acme"] },
      expected: { step: "account_ignore", reason: "provider is in the account's ignored providers" },
    },
    {
      name: "matched case-insensitively, by display name too",
      account: { ignoredProviders: [" ACME "] },
      expected: { step: "account_ignore", reason: "provider is in the account's ignored providers" },
    },
    {
      name: "matched by display name",
      endpoint: { provider: makeProvider("acme-ai", { name: "Acme AI" }) },
      account: { ignoredProviders: ["acme ai"] },
      expected: { step: "account_ignore", reason: "provider is in the account's ignored providers" },
    },
    { name: "another provider ignored", account: { ignoredProviders: ["other"] }, expected: null },
    { name: "empty list", account: { ignoredProviders: [] }, expected: null },
  ])("$name", expectCase);
});

describe("step 2: training (paid/free split)", () => {
  it.each<TCase>([
    {
      name: "paid endpoint that may train, paid training off",
      endpoint: { dataPolicy: { training: true } },
      account: STRICT,
      expected: { step: "training", reason: "may train on prompts; paid-model training is off" },
    },
    {
      name: "paid endpoint with unknown training policy, paid training off",
      endpoint: { dataPolicy: { training: null } },
      account: STRICT,
      expected: {
        step: "training",
        reason: "training policy unknown (treated as may train); paid-model training is off",
      },
    },
    {
      name: "free endpoint that may train, free training off",
      endpoint: { free: true, dataPolicy: { training: true } },
      account: STRICT,
      expected: { step: "training", reason: "may train on prompts; free-model training is off" },
    },
    {
      name: "free endpoint with unknown training policy, free training off",
      endpoint: { free: true, dataPolicy: { training: null } },
      account: STRICT,
      expected: {
        step: "training",
        reason: "training policy unknown (treated as may train); free-model training is off",
      },
    },
    {
      name: "free endpoint judged by the free setting only (paid allowed, free off)",
      endpoint: { free: true, dataPolicy: { training: true } },
      account: { allowTrainingPaid: true, allowTrainingFree: false },
      expected: { step: "training", reason: "may train on prompts; free-model training is off" },
    },
    {
      name: "paid endpoint judged by the paid setting only (free allowed, paid off)",
      endpoint: { dataPolicy: { training: true } },
      account: { allowTrainingPaid: false, allowTrainingFree: true },
      expected: { step: "training", reason: "may train on prompts; paid-model training is off" },
    },
    {
      name: "free endpoint that may train, free allowed even though paid is off",
      endpoint: { free: true, dataPolicy: { training: true } },
      account: { allowTrainingPaid: false, allowTrainingFree: true },
      expected: null,
    },
    {
      name: "paid endpoint that may train, paid allowed even though free is off",
      endpoint: { dataPolicy: { training: true } },
      account: { allowTrainingPaid: true, allowTrainingFree: false },
      expected: null,
    },
    {
      name: "unknown policy allowed when training is allowed",
      endpoint: { dataPolicy: { training: null } },
      account: { allowTrainingPaid: true },
      expected: null,
    },
    {
      name: "does not train but may publish prompts, paid training off",
      endpoint: { dataPolicy: { training: false, canPublish: true } },
      account: STRICT,
      expected: { step: "training", reason: "may publish prompts; paid-model training is off" },
    },
    {
      name: "does not train, publishing unknown, free training off",
      endpoint: { free: true, dataPolicy: { training: false, canPublish: null } },
      account: STRICT,
      expected: {
        step: "training",
        reason: "publishing policy unknown (treated as may publish); free-model training is off",
      },
    },
    {
      name: "may publish, allowed when training is allowed",
      endpoint: { dataPolicy: { training: false, canPublish: true } },
      account: { allowTrainingPaid: true },
      expected: null,
    },
    {
      name: "does not train, strict account",
      endpoint: { dataPolicy: { training: false } },
      account: STRICT,
      expected: null,
    },
    {
      name: "does not train but retains: retention alone does not affect training",
      endpoint: { dataPolicy: { training: false, retainsPrompts: true, retentionDays: 30, zdr: false } },
      account: STRICT,
      expected: null,
    },
  ])("$name", expectCase);
});

describe("step 3: zdr", () => {
  it.each<TCase>([
    {
      name: "account ZDR-only, endpoint not ZDR",
      endpoint: { dataPolicy: { zdr: false } },
      account: { zdrOnly: true },
      expected: { step: "zdr", reason: "not a zero-data-retention endpoint; ZDR is required by the account settings" },
    },
    {
      name: "account ZDR-only, endpoint ZDR unknown",
      endpoint: { dataPolicy: { zdr: null } },
      account: { zdrOnly: true },
      expected: {
        step: "zdr",
        reason: "zero-data-retention status unknown (treated as not ZDR); ZDR is required by the account settings",
      },
    },
    {
      name: "request zdr: true, endpoint not ZDR",
      endpoint: { dataPolicy: { zdr: false } },
      prefs: { zdr: true },
      expected: {
        step: "zdr",
        reason: "not a zero-data-retention endpoint; ZDR is required by the request (provider.zdr)",
      },
    },
    {
      name: "request zdr: false never loosens the account's ZDR-only",
      endpoint: { dataPolicy: { zdr: false } },
      account: { zdrOnly: true },
      prefs: { zdr: false },
      expected: { step: "zdr", reason: "not a zero-data-retention endpoint; ZDR is required by the account settings" },
    },
    {
      name: "account ZDR-only, ZDR endpoint whose provider may publish",
      endpoint: { dataPolicy: { zdr: true, canPublish: true } },
      account: { zdrOnly: true },
      expected: { step: "zdr", reason: "may publish prompts; ZDR is required by the account settings" },
    },
    {
      name: "request zdr: true, ZDR endpoint whose publishing policy is unknown",
      endpoint: { dataPolicy: { zdr: true, canPublish: null } },
      prefs: { zdr: true },
      expected: {
        step: "zdr",
        reason: "publishing policy unknown (treated as may publish); ZDR is required by the request (provider.zdr)",
      },
    },
    {
      name: "account ZDR-only, endpoint ZDR",
      endpoint: { dataPolicy: { zdr: true } },
      account: { zdrOnly: true },
      expected: null,
    },
    {
      name: "request zdr: true, endpoint ZDR",
      endpoint: { dataPolicy: { zdr: true } },
      prefs: { zdr: true },
      expected: null,
    },
    { name: "no ZDR requirement, endpoint not ZDR", endpoint: { dataPolicy: { zdr: false } }, expected: null },
    {
      name: "request zdr: false, endpoint ZDR unknown",
      endpoint: { dataPolicy: { zdr: null } },
      prefs: { zdr: false },
      expected: null,
    },
  ])("$name", expectCase);
});

describe("step 4: data_collection", () => {
  const deny: TProviderPreferences = { data_collection: "deny" };
  const suffix = '; the request set provider.data_collection to "deny"';
  it.each<TCase>([
    {
      name: "may train",
      endpoint: { dataPolicy: { training: true } },
      prefs: deny,
      expected: { step: "data_collection", reason: `may train on prompts${suffix}` },
    },
    {
      name: "retains prompts for a known period",
      endpoint: { dataPolicy: { retainsPrompts: true, retentionDays: 30, zdr: false } },
      prefs: deny,
      expected: { step: "data_collection", reason: `retains prompts for 30 days${suffix}` },
    },
    {
      name: "retains prompts for an unknown period",
      endpoint: { dataPolicy: { retainsPrompts: true, retentionDays: null, zdr: false } },
      prefs: deny,
      expected: { step: "data_collection", reason: `retains prompts${suffix}` },
    },
    {
      name: "retention unknown",
      endpoint: { dataPolicy: { retainsPrompts: null } },
      prefs: deny,
      expected: { step: "data_collection", reason: `retention policy unknown (unknown is treated as unsafe)${suffix}` },
    },
    {
      name: "training unknown",
      endpoint: { dataPolicy: { training: null } },
      prefs: deny,
      expected: { step: "data_collection", reason: `training policy unknown (unknown is treated as unsafe)${suffix}` },
    },
    {
      name: "fully unknown policy",
      endpoint: { dataPolicy: UNKNOWN_POLICY },
      prefs: deny,
      expected: {
        step: "data_collection",
        reason: `training policy unknown and retention policy unknown and publishing policy unknown (unknown is treated as unsafe)${suffix}`,
      },
    },
    {
      name: "trains and retains",
      endpoint: { dataPolicy: { training: true, retainsPrompts: true, retentionDays: 55 } },
      prefs: deny,
      expected: { step: "data_collection", reason: `may train on prompts and retains prompts for 55 days${suffix}` },
    },
    {
      name: "may publish prompts, though it neither trains nor retains",
      endpoint: { dataPolicy: { training: false, retainsPrompts: false, canPublish: true } },
      prefs: deny,
      expected: { step: "data_collection", reason: `may publish prompts${suffix}` },
    },
    {
      name: "publishing policy unknown",
      endpoint: { dataPolicy: { canPublish: null } },
      prefs: deny,
      expected: {
        step: "data_collection",
        reason: `publishing policy unknown (unknown is treated as unsafe)${suffix}`,
      },
    },
    {
      name: "neither trains nor retains",
      endpoint: { dataPolicy: { training: false, retainsPrompts: false } },
      prefs: deny,
      expected: null,
    },
    {
      name: "data_collection: allow changes nothing",
      endpoint: { dataPolicy: { training: true, retainsPrompts: true } },
      prefs: { data_collection: "allow" },
      expected: null,
    },
    {
      name: "data_collection: allow does not loosen the account's training setting",
      endpoint: { dataPolicy: { training: true } },
      account: STRICT,
      prefs: { data_collection: "allow" },
      expected: { step: "training", reason: "may train on prompts; paid-model training is off" },
    },
  ])("$name", expectCase);
});

describe("step 4b: data_regions", () => {
  const at = (dataRegions: string[] | null) => ({ provider: makeProvider("acme", { dataRegions }) });
  const suffix = "; the request set provider.data_regions";
  it.each<TCase>([
    { name: "no regions asked: anywhere", endpoint: at(null), expected: null },
    {
      name: "inside the allowed countries",
      endpoint: at(["DE", "FR"]),
      prefs: { data_regions: ["DE", "FR"] },
      expected: null,
    },
    {
      name: '"EU" allows each member state',
      endpoint: at(["DE", "IE"]),
      prefs: { data_regions: ["EU"] },
      expected: null,
    },
    {
      name: "one region outside is enough to exclude",
      endpoint: at(["DE", "US"]),
      prefs: { data_regions: ["EU"] },
      expected: { step: "data_regions", reason: `processes prompts in US, outside EU${suffix}` },
    },
    {
      name: 'a provider stating only "EU" is not inside one member state',
      endpoint: at(["EU"]),
      prefs: { data_regions: ["DE"] },
      expected: { step: "data_regions", reason: `processes prompts in EU, outside DE${suffix}` },
    },
    {
      name: "unknown regions are outside every allowed region",
      endpoint: at(null),
      prefs: { data_regions: ["EU", "CH"] },
      expected: { step: "data_regions", reason: `data region unknown (treated as outside EU, CH)${suffix}` },
    },
    { name: "lower case asks the same", endpoint: at(["CH"]), prefs: { data_regions: ["ch"] }, expected: null },
  ])("$name", expectCase);

  const accountSuffix = "; the account's allowed data regions (account settings or instance policy)";
  it.each<TCase>([
    {
      name: "account allows any region (null)",
      endpoint: at(null),
      account: { allowedDataRegions: null },
      expected: null,
    },
    {
      name: "inside the account's regions",
      endpoint: at(["FR"]),
      account: { allowedDataRegions: ["EU"] },
      expected: null,
    },
    {
      name: "outside the account's regions",
      endpoint: at(["US"]),
      account: { allowedDataRegions: ["EU"] },
      expected: { step: "data_regions", reason: `processes prompts in US, outside EU${accountSuffix}` },
    },
    {
      name: "unknown regions are outside the account's regions",
      endpoint: at(null),
      account: { allowedDataRegions: ["US"] },
      expected: { step: "data_regions", reason: `data region unknown (treated as outside US)${accountSuffix}` },
    },
    {
      name: "an empty allowed list (floor and account do not overlap) allows nothing",
      endpoint: at(["US"]),
      account: { allowedDataRegions: [] },
      expected: { step: "data_regions", reason: `no data region is allowed${accountSuffix}` },
    },
    {
      name: "the request cannot widen the account's regions",
      endpoint: at(["US"]),
      account: { allowedDataRegions: ["EU"] },
      prefs: { data_regions: ["US"] },
      expected: { step: "data_regions", reason: `processes prompts in US, outside EU${accountSuffix}` },
    },
    {
      name: "the request narrows inside the account's regions",
      endpoint: at(["FR"]),
      account: { allowedDataRegions: ["EU"] },
      prefs: { data_regions: ["DE"] },
      expected: { step: "data_regions", reason: `processes prompts in FR, outside DE${suffix}` },
    },
  ])("$name", expectCase);
});

describe("step 4c: retention", () => {
  const limit = (days: number) =>
    `the maximum retention is ${days} day${days === 1 ? "" : "s"} (account settings or instance policy)`;
  it.each<TCase>([
    {
      name: "no maximum: any retention",
      endpoint: { dataPolicy: { retainsPrompts: null } },
      account: { maxRetentionDays: null },
      expected: null,
    },
    {
      name: "a provider that retains nothing passes any maximum",
      endpoint: { dataPolicy: { retainsPrompts: false, retentionDays: null } },
      account: { maxRetentionDays: 0 },
      expected: null,
    },
    {
      name: "retention within the maximum passes",
      endpoint: { dataPolicy: { retainsPrompts: true, retentionDays: 30 } },
      account: { maxRetentionDays: 30 },
      expected: null,
    },
    {
      name: "retention over the maximum is excluded",
      endpoint: { dataPolicy: { retainsPrompts: true, retentionDays: 31 } },
      account: { maxRetentionDays: 30 },
      expected: { step: "retention", reason: `retains prompts for 31 days; ${limit(30)}` },
    },
    {
      name: "retention for an unknown period is excluded",
      endpoint: { dataPolicy: { retainsPrompts: true, retentionDays: null } },
      account: { maxRetentionDays: 365 },
      expected: { step: "retention", reason: `retains prompts for an unknown period; ${limit(365)}` },
    },
    {
      name: "unknown retention policy is excluded",
      endpoint: { dataPolicy: UNKNOWN_POLICY, isRoutable: true },
      account: { ...PERMISSIVE_ACCOUNT, maxRetentionDays: 1 },
      expected: { step: "retention", reason: `retention policy unknown (treated as retaining too long); ${limit(1)}` },
    },
  ])("$name", expectCase);
});

describe("step 5: only", () => {
  const reason = "provider is not in the request's provider.only list";
  it.each<TCase>([
    { name: "provider not listed", prefs: { only: ["other"] }, expected: { step: "only", reason } },
    { name: "provider listed", prefs: { only: ["other", "acme"] }, expected: null },
    { name: "listed by name, any case", prefs: { only: ["ACME"] }, expected: null },
    { name: "empty list is no restriction", prefs: { only: [] }, expected: null },
  ])("$name", expectCase);
});

describe("step 6: ignore", () => {
  it.each<TCase>([
    {
      name: "provider ignored by the request",
      prefs: { ignore: ["acme"] },
      expected: { step: "ignore", reason: "provider is in the request's provider.ignore list" },
    },
    { name: "another provider ignored", prefs: { ignore: ["other"] }, expected: null },
    { name: "empty list", prefs: { ignore: [] }, expected: null },
  ])("$name", expectCase);
});

describe("step 7: require_parameters", () => {
  const suffix = "; the request set provider.require_parameters";
  it.each<TCase>([
    {
      name: "one missing parameter",
      endpoint: { supportedParameters: ["temperature"] },
      prefs: { require_parameters: true },
      request: { parameters: ["temperature", "tools"] },
      expected: { step: "require_parameters", reason: `does not support the request parameter tools${suffix}` },
    },
    {
      name: "several missing parameters, listed in request order",
      endpoint: { supportedParameters: ["temperature"] },
      prefs: { require_parameters: true },
      request: { parameters: ["tools", "temperature", "tool_choice", "tools"] },
      expected: {
        step: "require_parameters",
        reason: `does not support the request parameters tools, tool_choice${suffix}`,
      },
    },
    {
      name: "max_tokens is not assumed: it must be listed",
      endpoint: { supportedParameters: [] },
      prefs: { require_parameters: true },
      request: { parameters: ["max_tokens"] },
      expected: { step: "require_parameters", reason: `does not support the request parameter max_tokens${suffix}` },
    },
    {
      name: "always-supported basics never exclude",
      endpoint: { supportedParameters: [] },
      prefs: { require_parameters: true },
      request: { parameters: [...ALWAYS_SUPPORTED_PARAMETERS] },
      expected: null,
    },
    {
      name: "all parameters supported",
      endpoint: { supportedParameters: ["tools", "temperature"] },
      prefs: { require_parameters: true },
      request: { parameters: ["tools", "temperature", "messages"] },
      expected: null,
    },
    {
      name: "without require_parameters, unsupported parameters do not filter",
      endpoint: { supportedParameters: [] },
      request: { parameters: ["tools"] },
      expected: null,
    },
    {
      name: "require_parameters: false does not filter",
      endpoint: { supportedParameters: [] },
      prefs: { require_parameters: false },
      request: { parameters: ["tools"] },
      expected: null,
    },
  ])("$name", expectCase);
});

describe("step 8: capabilities (the features a request uses)", () => {
  const messages = makeProvider("claude", { api: "anthropic" });
  const ALL_PARAMETERS = ["tools", "tool_choice", "response_format", "structured_outputs", "logprobs", "top_logprobs"];
  it.each<TCase>([
    {
      name: "a request without features goes anywhere, even to an endpoint that states nothing",
      endpoint: { supportedParameters: [], inputModalities: null },
      request: { features: [] },
      expected: null,
    },
    {
      name: "tools need tools listed",
      endpoint: { supportedParameters: ["temperature"] },
      request: { features: ["tools"] },
      expected: { step: "capabilities", reason: "does not support tools; the request uses it" },
    },
    {
      name: "an endpoint listing no parameters is unknown, and unknown is unsupported",
      endpoint: { supportedParameters: [] },
      request: { features: ["tools"] },
      expected: {
        step: "capabilities",
        reason: "does not support tools (not stated in the catalog, treated as unsupported); the request uses it",
      },
    },
    {
      name: "a forced tool_choice needs tool_choice as well",
      endpoint: { supportedParameters: ["tools"] },
      request: { features: ["tools", "tool_choice"] },
      expected: { step: "capabilities", reason: "does not support a forced tool_choice; the request uses it" },
    },
    {
      name: "a JSON schema needs structured_outputs, not just response_format",
      endpoint: { supportedParameters: ["response_format"] },
      request: { features: ["structured_outputs"] },
      expected: {
        step: "capabilities",
        reason: "does not support structured outputs (response_format json_schema); the request uses it",
      },
    },
    {
      name: "JSON mode needs response_format",
      endpoint: { supportedParameters: ["response_format"] },
      request: { features: ["response_format"] },
      expected: null,
    },
    {
      name: "an image needs a model stated to read images",
      endpoint: { inputModalities: ["text", "file"] },
      request: { features: ["image_input", "file_input"] },
      expected: { step: "capabilities", reason: "does not support image input; the request uses it" },
    },
    {
      name: "a model without stated modalities reads text only",
      endpoint: { inputModalities: null },
      request: { features: ["audio_input"] },
      expected: {
        step: "capabilities",
        reason: "does not support audio input (not stated in the catalog, treated as unsupported); the request uses it",
      },
    },
    {
      name: "every feature listed: eligible",
      endpoint: { supportedParameters: ALL_PARAMETERS, inputModalities: ["text", "image", "file", "audio"] },
      request: { features: ["tools", "tool_choice", "structured_outputs", "logprobs", "image_input", "audio_input"] },
      expected: null,
    },
    {
      name: "the Messages API cannot carry JSON mode or log probabilities, whatever the catalog lists",
      endpoint: { provider: messages, supportedParameters: ALL_PARAMETERS },
      request: { features: ["response_format", "logprobs"] },
      expected: {
        step: "capabilities",
        reason:
          "Privet cannot send response_format (JSON mode), logprobs to a provider on the Messages API; the request uses them",
      },
    },
    {
      name: "the Messages API takes tools, images and PDFs when the catalog lists them",
      endpoint: { provider: messages, supportedParameters: ALL_PARAMETERS, inputModalities: ["text", "image", "file"] },
      request: { features: ["tools", "tool_choice", "image_input", "file_input"] },
      expected: null,
    },
    {
      name: "both kinds of gap are named",
      endpoint: { provider: messages, supportedParameters: [] },
      request: { features: ["tools", "audio_input"] },
      expected: {
        step: "capabilities",
        reason:
          "does not support tools (not stated in the catalog, treated as unsupported); Privet cannot send audio input to a provider on the Messages API; the request uses them",
      },
    },
  ])("$name", expectCase);

  it("under require_parameters a missing listed parameter is attributed to require_parameters", () => {
    const { decision } = runCase({
      name: "require_parameters first",
      endpoint: { supportedParameters: [] },
      prefs: { require_parameters: true },
      request: { parameters: ["tools"], features: ["tools"] },
      expected: null,
    });
    expect(decision.excluded[0]?.step).toBe("require_parameters");
  });
});

describe("step 9: quantization", () => {
  it.each<TCase>([
    {
      name: "quantization not allowed",
      endpoint: { quantization: "int4" },
      prefs: { quantizations: ["fp8", "bf16"] },
      expected: {
        step: "quantization",
        reason: "quantization int4 is not in the request's provider.quantizations (fp8, bf16)",
      },
    },
    {
      name: "unknown quantization is 'unknown'",
      endpoint: { quantization: null },
      prefs: { quantizations: ["fp8"] },
      expected: {
        step: "quantization",
        reason: "quantization unknown is not in the request's provider.quantizations (fp8)",
      },
    },
    {
      name: "'unknown' can be asked for",
      endpoint: { quantization: null },
      prefs: { quantizations: ["unknown"] },
      expected: null,
    },
    {
      name: "allowed quantization",
      endpoint: { quantization: "fp8" },
      prefs: { quantizations: ["FP8"] },
      expected: null,
    },
    {
      name: "empty list is no restriction",
      endpoint: { quantization: "int4" },
      prefs: { quantizations: [] },
      expected: null,
    },
  ])("$name", expectCase);
});

describe("step 10: max_price", () => {
  it.each<TCase>([
    {
      name: "prompt price above the cap",
      endpoint: { pricing: { prompt: 3, completion: 15 } },
      prefs: { max_price: { prompt: 1 } },
      expected: { step: "max_price", reason: "prompt price $3/M exceeds max_price.prompt $1/M" },
    },
    {
      name: "completion price above the cap",
      endpoint: { pricing: { prompt: 3, completion: 15 } },
      prefs: { max_price: { completion: 10 } },
      expected: { step: "max_price", reason: "completion price $15/M exceeds max_price.completion $10/M" },
    },
    {
      name: "per-request price above the cap",
      endpoint: { pricing: { request: 0.01 } },
      prefs: { max_price: { request: 0 } },
      expected: { step: "max_price", reason: "request price $0.01 exceeds max_price.request $0" },
    },
    {
      name: "several caps exceeded, all named",
      endpoint: { pricing: { prompt: 3, completion: 15 } },
      prefs: { max_price: { prompt: 1, completion: 2 } },
      expected: {
        step: "max_price",
        reason:
          "prompt price $3/M exceeds max_price.prompt $1/M; completion price $15/M exceeds max_price.completion $2/M",
      },
    },
    {
      name: "prices equal to the caps",
      endpoint: { pricing: { prompt: 3, completion: 15, request: 0 } },
      prefs: { max_price: { prompt: 3, completion: 15, request: 0 } },
      expected: null,
    },
    { name: "empty max_price", endpoint: { pricing: { prompt: 300 } }, prefs: { max_price: {} }, expected: null },
  ])("$name", expectCase);
});

describe("step 11: context_length", () => {
  it.each<TCase>([
    {
      name: "request larger than the window",
      endpoint: { contextLength: 8192 },
      request: { estimatedTokens: 8193 },
      expected: {
        step: "context_length",
        reason: "context window of 8192 tokens is smaller than the request's estimated 8193 tokens",
      },
    },
    {
      name: "request exactly the window",
      endpoint: { contextLength: 8192 },
      request: { estimatedTokens: 8192 },
      expected: null,
    },
    {
      name: "request smaller than the window",
      endpoint: { contextLength: 8192 },
      request: { estimatedTokens: 10 },
      expected: null,
    },
  ])("$name", expectCase);
});

describe("step 12: unavailable", () => {
  it.each<TCase>([
    {
      name: "key not configured",
      endpoint: { isRoutable: false },
      expected: { step: "unavailable", reason: "provider is not configured: ACME_API_KEY is not set" },
    },
    {
      name: "keyless provider not routable",
      endpoint: { isRoutable: false, provider: makeProvider("ollama", { apiKeyEnv: null }) },
      expected: { step: "unavailable", reason: "provider is not configured on this server" },
    },
    { name: "routable", endpoint: { isRoutable: true }, expected: null },
  ])("$name", expectCase);
});

describe("order of steps", () => {
  it("POLICY_STEPS is the documented order", () => {
    expect(POLICY_STEPS).toEqual([
      "account_ignore",
      "training",
      "zdr",
      "data_collection",
      "data_regions",
      "retention",
      "only",
      "ignore",
      "require_parameters",
      "capabilities",
      "quantization",
      "max_price",
      "context_length",
      "unavailable",
    ]);
  });

  // One independent ingredient per step that makes exactly that step fail (and no other).
  type TIngredient = {
    dataPolicy?: Partial<TDataPolicy>;
    endpoint?: Omit<TEndpointOverrides, "dataPolicy">;
    account?: Partial<TAccountPolicy>;
    prefs?: TProviderPreferences;
    request?: Partial<TRequestShape>;
  };
  const INGREDIENTS: Record<TPolicyStep, TIngredient> = {
    account_ignore: { account: { ignoredProviders: ["acme"] } },
    training: { dataPolicy: { training: true }, account: { allowTrainingPaid: false } },
    zdr: { dataPolicy: { zdr: false }, account: { zdrOnly: true } },
    data_collection: { dataPolicy: { retainsPrompts: true, retentionDays: 7 }, prefs: { data_collection: "deny" } },
    data_regions: { prefs: { data_regions: ["EU"] } },
    retention: { dataPolicy: { retainsPrompts: true, retentionDays: 30 }, account: { maxRetentionDays: 7 } },
    only: { prefs: { only: ["other"] } },
    ignore: { prefs: { ignore: ["acme"] } },
    require_parameters: {
      endpoint: { supportedParameters: [] },
      prefs: { require_parameters: true },
      request: { parameters: ["tools"] },
    },
    capabilities: { request: { features: ["image_input"] } },
    quantization: { endpoint: { quantization: "int4" }, prefs: { quantizations: ["fp8"] } },
    max_price: { endpoint: { pricing: { prompt: 5 } }, prefs: { max_price: { prompt: 1 } } },
    context_length: { endpoint: { contextLength: 1000 }, request: { estimatedTokens: 2000 } },
    unavailable: { endpoint: { isRoutable: false } },
  };

  function compose(steps: readonly TPolicyStep[]) {
    let dataPolicy: Partial<TDataPolicy> = {};
    let endpoint: TEndpointOverrides = {};
    let account: TAccountPolicy = { ...PERMISSIVE_ACCOUNT };
    let prefs: TProviderPreferences = {};
    let request: Partial<TRequestShape> = {};
    for (const step of steps) {
      const ingredient = INGREDIENTS[step];
      dataPolicy = { ...dataPolicy, ...ingredient.dataPolicy };
      endpoint = { ...endpoint, ...ingredient.endpoint };
      account = { ...account, ...ingredient.account };
      prefs = { ...prefs, ...ingredient.prefs };
      request = { ...request, ...ingredient.request };
    }
    return { endpoint: makeEndpoint({ ...endpoint, dataPolicy }), account, prefs, request: makeRequest(request) };
  }

  it("each ingredient alone fails exactly its own step", () => {
    for (const step of POLICY_STEPS) {
      const { endpoint, account, prefs, request } = compose([step]);
      expect(findExclusion(endpoint, account, prefs, request)?.step).toBe(step);
    }
  });

  it("an endpoint failing any set of steps is attributed to the first of them (all 2^14 subsets)", () => {
    const total = 1 << POLICY_STEPS.length;
    for (let mask = 0; mask < total; mask += 1) {
      const steps = POLICY_STEPS.filter((_, index) => (mask & (1 << index)) !== 0);
      const { endpoint, account, prefs, request } = compose(steps);
      const decision = selectEndpoints([endpoint], account, prefs, request);
      if (steps.length === 0) {
        expect(ids(decision.eligible)).toEqual([endpoint.id]);
      } else {
        expect(decision.excluded.map((exclusion) => exclusion.step)).toEqual([steps[0]]);
      }
    }
  });

  it("loosening restrictions one by one walks the attribution down the pipeline", () => {
    const remaining = [...POLICY_STEPS];
    while (remaining.length > 0) {
      const { endpoint, account, prefs, request } = compose(remaining);
      expect(findExclusion(endpoint, account, prefs, request)?.step).toBe(remaining[0]);
      remaining.shift();
    }
  });

  it("a provider both forbidden and unconfigured shows the policy reason, not 'unavailable'", () => {
    const endpoint = makeEndpoint({ isRoutable: false, dataPolicy: { training: true } });
    const decision = selectEndpoints([endpoint], makeAccount(), {}, makeRequest());
    expect(decision.excluded[0]?.step).toBe("training");
  });

  it("records the tier and key variable on every exclusion", () => {
    const paid = makeEndpoint({ provider: "paid", dataPolicy: { training: true } });
    const free = makeEndpoint({ provider: "free", free: true, isRoutable: false });
    const decision = selectEndpoints([paid, free], makeAccount(), {}, makeRequest());
    expect(decision.excluded).toEqual([
      expect.objectContaining({ provider: "paid", isFree: false, apiKeyEnv: "PAID_API_KEY" }),
      expect.objectContaining({ provider: "free", isFree: true, apiKeyEnv: "FREE_API_KEY", step: "unavailable" }),
    ]);
  });
});

describe("free/paid split over a mixed catalog", () => {
  const catalog = [
    makeEndpoint({ id: "paid-trains", provider: "a", dataPolicy: { training: true } }),
    makeEndpoint({ id: "paid-unknown", provider: "b", dataPolicy: { training: null } }),
    makeEndpoint({ id: "paid-safe", provider: "c", dataPolicy: { training: false } }),
    makeEndpoint({ id: "free-trains", provider: "a", free: true, dataPolicy: { training: true } }),
    makeEndpoint({ id: "free-unknown", provider: "b", free: true, dataPolicy: { training: null } }),
    makeEndpoint({ id: "free-safe", provider: "c", free: true, dataPolicy: { training: false } }),
  ];
  const eligibleIds = (account: TAccountPolicy) =>
    ids(selectEndpoints(catalog, account, {}, makeRequest()).eligible).sort();

  it.each([
    { allowTrainingPaid: false, allowTrainingFree: false, expected: ["free-safe", "paid-safe"] },
    {
      allowTrainingPaid: true,
      allowTrainingFree: false,
      expected: ["free-safe", "paid-safe", "paid-trains", "paid-unknown"],
    },
    {
      allowTrainingPaid: false,
      allowTrainingFree: true,
      expected: ["free-safe", "free-trains", "free-unknown", "paid-safe"],
    },
    {
      allowTrainingPaid: true,
      allowTrainingFree: true,
      expected: ["free-safe", "free-trains", "free-unknown", "paid-safe", "paid-trains", "paid-unknown"],
    },
  ])("paid=$allowTrainingPaid free=$allowTrainingFree", ({ allowTrainingPaid, allowTrainingFree, expected }) => {
    expect(eligibleIds(makeAccount({ allowTrainingPaid, allowTrainingFree }))).toEqual(expected);
  });
});

describe("ordering", () => {
  const priced = (provider: string, prompt: number, completion: number, extra: TEndpointOverrides = {}) =>
    makeEndpoint({ id: provider, provider, pricing: { prompt, completion }, ...extra });
  const order = (endpoints: ReturnType<typeof priced>[], prefs: TProviderPreferences = {}) =>
    ids(selectEndpoints(endpoints, PERMISSIVE_ACCOUNT, prefs, makeRequest()).eligible);

  const catalog = [priced("a", 3, 15), priced("b", 1, 1), priced("c", 0.5, 4), priced("d", 2, 0), priced("e", 1, 1)];

  it("default: cheapest (prompt + completion) first, ties keep catalog order", () => {
    expect(order(catalog)).toEqual(["b", "d", "e", "c", "a"]);
  });

  it("sort: price is the same ordering", () => {
    expect(order(catalog, { sort: "price" })).toEqual(["b", "d", "e", "c", "a"]);
  });

  it("ties keep catalog order whichever way the catalog is listed", () => {
    const tied = [priced("x", 1, 1), priced("y", 1, 1), priced("z", 1, 1)];
    expect(order(tied)).toEqual(["x", "y", "z"]);
    expect(order([...tied].reverse())).toEqual(["z", "y", "x"]);
  });

  it("providers named in order come first, in that order; the rest by price", () => {
    expect(order(catalog, { order: ["c", "a"] })).toEqual(["c", "a", "b", "d", "e"]);
  });

  it("order matches names case-insensitively and skips providers that are absent or excluded", () => {
    expect(order(catalog, { order: ["missing", "A", "c"], ignore: ["c"] })).toEqual(["a", "b", "d", "e"]);
  });

  it("order combined with sort: listed first, the rest by the sort", () => {
    const hinted = [
      priced("a", 1, 1, { throughputTokensPerSecond: 10 }),
      priced("b", 5, 5, { throughputTokensPerSecond: 200 }),
      priced("c", 2, 2, { throughputTokensPerSecond: 50 }),
    ];
    expect(order(hinted, { order: ["a"], sort: "throughput" })).toEqual(["a", "b", "c"]);
  });

  it("sort: throughput uses the hint (higher first); endpoints without one follow, by price", () => {
    const hinted = [
      priced("slow", 1, 1, { throughputTokensPerSecond: 10 }),
      priced("none-expensive", 9, 9),
      priced("fast", 5, 5, { throughputTokensPerSecond: 200 }),
      priced("none-cheap", 0, 0, { throughputTokensPerSecond: null }),
      priced("bad-hint", 0.1, 0, { throughputTokensPerSecond: Number.NaN }),
    ];
    expect(order(hinted, { sort: "throughput" })).toEqual(["fast", "slow", "none-cheap", "bad-hint", "none-expensive"]);
  });

  it("sort: latency uses the hint (lower first); equal hints fall back to price", () => {
    const hinted = [
      priced("a", 5, 5, { latencyMs: 300 }),
      priced("b", 2, 2, { latencyMs: 300 }),
      priced("c", 9, 9, { latencyMs: 100 }),
      priced("d", 0, 0),
    ];
    expect(order(hinted, { sort: "latency" })).toEqual(["c", "b", "a", "d"]);
  });

  it("sort: throughput/latency without any hints falls back to price", () => {
    expect(order(catalog, { sort: "throughput" })).toEqual(["b", "d", "e", "c", "a"]);
    expect(order(catalog, { sort: "latency" })).toEqual(["b", "d", "e", "c", "a"]);
  });

  it("sort as an object sorts by its `by`; without one, by price", () => {
    const hinted = [priced("slow", 1, 1, { latencyMs: 900 }), priced("quick", 5, 5, { latencyMs: 100 })];
    expect(order(hinted, { sort: { by: "latency" } })).toEqual(["quick", "slow"]);
    expect(order(hinted, { sort: { partition: "model" } })).toEqual(["slow", "quick"]);
    expect(sortKeyOf({ sort: { by: "throughput", partition: "none" } })).toBe("throughput");
    expect(sortKeyOf({ sort: "price" })).toBe("price");
    expect(isSortedAcrossModels({ sort: { partition: "none" } })).toBe(true);
    expect(isSortedAcrossModels({ sort: { partition: "model" } })).toBe(false);
    expect(isSortedAcrossModels({ sort: "price" })).toBe(false);
  });

  it("preferred_min_throughput: endpoints known to reach it go first, the rest keep their order after them", () => {
    const hinted = [
      priced("cheap-slow", 1, 1, { throughputTokensPerSecond: 20 }),
      priced("unknown", 2, 2),
      priced("fast", 5, 5, { throughputTokensPerSecond: 120 }),
      priced("dear-fast", 9, 9, { throughputTokensPerSecond: 80 }),
    ];
    expect(order(hinted, { preferred_min_throughput: 50 })).toEqual(["fast", "dear-fast", "cheap-slow", "unknown"]);
    // Every percentile cut-off is compared with the one figure Privet knows; null sets none.
    expect(order(hinted, { preferred_min_throughput: { p50: 50, p90: 100, p99: null } })).toEqual([
      "fast",
      "cheap-slow",
      "unknown",
      "dear-fast",
    ]);
  });

  it("preferred_max_latency is in seconds to the first token; combined with sort, the preferred group is sorted first", () => {
    const hinted = [
      priced("a", 1, 1, { latencyMs: 3000 }),
      priced("b", 4, 4, { latencyMs: 800, throughputTokensPerSecond: 10 }),
      priced("c", 3, 3, { latencyMs: 500, throughputTokensPerSecond: 90 }),
      priced("d", 2, 2),
    ];
    expect(order(hinted, { preferred_max_latency: 1 })).toEqual(["c", "b", "a", "d"]);
    expect(order(hinted, { preferred_max_latency: { p90: 1 }, sort: "throughput" })).toEqual(["c", "b", "a", "d"]);
    expect(order(hinted, { preferred_max_latency: 1, preferred_min_throughput: 50 })).toEqual(["c", "a", "d", "b"]);
    // `order` still comes first; preferences never exclude.
    expect(order(hinted, { order: ["a"], preferred_max_latency: 0.1 })).toEqual(["a", "d", "c", "b"]);
  });

  it("without any figures the preferences change nothing", () => {
    expect(order(catalog, { preferred_min_throughput: 10, preferred_max_latency: { p50: 1 } })).toEqual([
      "b",
      "d",
      "e",
      "c",
      "a",
    ]);
  });

  it("orderEligible sorts several models' endpoints together (partition none), keeping list order on ties", () => {
    const first = [priced("m1-dear", 9, 9), priced("m1-cheap", 2, 2)];
    const second = [priced("m2-cheapest", 1, 0), priced("m2-tied", 2, 2)];
    expect(ids(orderEligible([...first, ...second], { sort: { by: "price", partition: "none" } }))).toEqual([
      "m2-cheapest",
      "m1-cheap",
      "m2-tied",
      "m1-dear",
    ]);
  });

  it("does not mutate its input", () => {
    const input = [...catalog];
    selectEndpoints(input, PERMISSIVE_ACCOUNT, { order: ["e"] }, makeRequest());
    expect(ids(input)).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("contextWindowToFit (what middle-out compresses to)", () => {
  const sized = (provider: string, contextLength: number, extra: TEndpointOverrides = {}) =>
    makeEndpoint({ id: provider, provider, contextLength, ...extra });

  it("is the largest window among endpoints the context length alone excludes", () => {
    const endpoints = [
      sized("small", 1000),
      sized("mid", 4000),
      sized("trains", 100_000, { dataPolicy: { training: true } }),
      sized("off", 50_000, { isRoutable: false }),
    ];
    expect(contextWindowToFit(endpoints, makeAccount(), {}, makeRequest({ estimatedTokens: 9000 }))).toBe(4000);
  });

  it("is null when an endpoint fits, or when none is kept out by the context length alone", () => {
    expect(
      contextWindowToFit([sized("big", 10_000)], makeAccount(), {}, makeRequest({ estimatedTokens: 9000 })),
    ).toBeNull();
    expect(
      contextWindowToFit(
        [sized("small", 1000)],
        makeAccount(),
        { ignore: ["small"] },
        makeRequest({ estimatedTokens: 9000 }),
      ),
    ).toBeNull();
  });
});

describe("allow_fallbacks", () => {
  const catalog = [
    makeEndpoint({ id: "a", provider: "a", pricing: { prompt: 3 } }),
    makeEndpoint({ id: "b", provider: "b", pricing: { prompt: 1 } }),
    makeEndpoint({ id: "c", provider: "c", pricing: { prompt: 2 } }),
  ];

  it("does not filter in selectEndpoints", () => {
    const decision = selectEndpoints(catalog, PERMISSIVE_ACCOUNT, { allow_fallbacks: false }, makeRequest());
    expect(ids(decision.eligible)).toEqual(["b", "c", "a"]);
  });

  it("getEndpointsToAttempt: fallbacks allowed → every eligible endpoint in order", () => {
    const prefs: TProviderPreferences = {};
    expect(
      ids(getEndpointsToAttempt(selectEndpoints(catalog, PERMISSIVE_ACCOUNT, prefs, makeRequest()), prefs)),
    ).toEqual(["b", "c", "a"]);
  });

  it("getEndpointsToAttempt: no fallbacks → the first choice only", () => {
    const prefs: TProviderPreferences = { allow_fallbacks: false };
    expect(
      ids(getEndpointsToAttempt(selectEndpoints(catalog, PERMISSIVE_ACCOUNT, prefs, makeRequest()), prefs)),
    ).toEqual(["b"]);
  });

  it("getEndpointsToAttempt: no fallbacks with order → the ordered providers only", () => {
    const prefs: TProviderPreferences = { allow_fallbacks: false, order: ["a", "c"] };
    expect(
      ids(getEndpointsToAttempt(selectEndpoints(catalog, PERMISSIVE_ACCOUNT, prefs, makeRequest()), prefs)),
    ).toEqual(["a", "c"]);
  });

  it("getEndpointsToAttempt never resurrects an excluded endpoint", () => {
    const prefs: TProviderPreferences = { allow_fallbacks: false, order: ["a"], ignore: ["a"] };
    expect(
      ids(getEndpointsToAttempt(selectEndpoints(catalog, PERMISSIVE_ACCOUNT, prefs, makeRequest()), prefs)),
    ).toEqual(["b"]);
    const none = selectEndpoints(catalog, PERMISSIVE_ACCOUNT, { only: ["zzz"] }, makeRequest());
    expect(getEndpointsToAttempt(none, { allow_fallbacks: false })).toEqual([]);
  });
});
