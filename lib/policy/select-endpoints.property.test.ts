// Property-based tests of the routing rules over generated catalogs, accounts and preferences.
// The oracle below re-states each rule independently of the implementation, straight from
// PRODUCT.md, so a bug would have to be made twice, the same way, to slip through.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TDataPolicy, TEndpoint } from "@/lib/catalog/types";
import { EXCLUDED_BY_STEP, REFUSAL_LABELS, refusalFor } from "@/lib/policy/refusal";
import { applyPolicyFloor, isModelAllowed, NO_FLOOR, type TPolicyFloor } from "@/lib/policy/floor";
import { getEndpointsToAttempt, selectEndpoints, type TEndpointWithHints } from "@/lib/policy/select-endpoints";
import { ids, makeEndpoint, makeProvider, PERMISSIVE_ACCOUNT } from "@/lib/policy/test-factory";
import type { TAccountPolicy, TPolicyStep, TProviderPreferences, TRequestShape } from "@/lib/policy/types";
import { REQUEST_FEATURES } from "@/lib/policy/capabilities";
import { INPUT_MODALITIES, type TInputModality } from "@/lib/vocabulary";

const RUNS = { numRuns: 400 };

const PROVIDER_SLUGS = ["alpha", "beta", "gamma", "delta", "epsilon"] as const;
// One provider on the Messages API, whose adapter cannot express every feature.
// Where each processes prompts: known countries, "EU" alone, several, or unknown.
const REGIONS: Record<(typeof PROVIDER_SLUGS)[number], string[] | null> = {
  alpha: ["US"],
  beta: ["DE"],
  gamma: null,
  delta: ["EU"],
  epsilon: ["FR", "US"],
};
const PROVIDERS = PROVIDER_SLUGS.map((slug) =>
  makeProvider(slug, { dataRegions: REGIONS[slug], ...(slug === "delta" ? { api: "anthropic" as const } : {}) }),
);
const REGION_CHOICES = ["US", "DE", "EU", "FR", "CH", "de"];
// Clients may name a provider by slug or display name in any case.
const providerNameArb = fc.constantFrom(
  ...PROVIDER_SLUGS.flatMap((slug) => [slug, slug.toUpperCase(), `${slug[0]?.toUpperCase()}${slug.slice(1)}`]),
);
const QUANTIZATIONS = ["int4", "int8", "fp8", "fp16", "bf16"] as const;
const BASIC_PARAMETERS = [
  "model",
  "messages",
  "stream",
  "stream_options",
  "provider",
  "models",
  "user",
  "route",
  "transforms",
];
const OPTIONAL_PARAMETERS = [
  "temperature",
  "top_p",
  "max_tokens",
  "tools",
  "tool_choice",
  "response_format",
  "seed",
  "stop",
  "structured_outputs",
  "logprobs",
  "top_logprobs",
];
const FEATURES = REQUEST_FEATURES;

const triState = fc.constantFrom<boolean | null>(true, false, null);
const RETENTION_LIMIT_ARB = fc.oneof(fc.constantFrom(0, 1, 30, 90, 365), fc.integer({ min: 0, max: 500 }));

const policyArb: fc.Arbitrary<TDataPolicy> = fc.record({
  training: triState,
  retainsPrompts: triState,
  retentionDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  zdr: triState,
  canPublish: triState,
  termsUrl: fc.constant(null),
  privacyUrl: fc.constant(null),
  checkedAt: fc.constant(null),
});

const priceArb = fc.oneof(fc.constantFrom(0, 0.5, 1, 2, 3, 15), fc.double({ min: 0, max: 100, noNaN: true }));
const hintArb = fc.option(fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(Number.NaN)), { nil: undefined });

const endpointSpecArb = fc.record({
  providerIndex: fc.integer({ min: 0, max: PROVIDERS.length - 1 }),
  free: fc.boolean(),
  dataPolicy: policyArb,
  quantization: fc.constantFrom<string | null>(null, ...QUANTIZATIONS),
  prompt: priceArb,
  completion: priceArb,
  request: fc.constantFrom(0, 0, 0.001, 0.01),
  contextLength: fc.constantFrom(4096, 8192, 32_768, 128_000),
  supportedParameters: fc.subarray(OPTIONAL_PARAMETERS),
  inputModalities: fc.option(
    fc.subarray(INPUT_MODALITIES.filter((m) => m !== "text")).map((list): TInputModality[] => ["text", ...list]),
    { nil: null },
  ),
  isRoutable: fc.boolean(),
  throughputTokensPerSecond: hintArb,
  latencyMs: hintArb,
});

const catalogArb: fc.Arbitrary<TEndpointWithHints[]> = fc.array(endpointSpecArb, { maxLength: 14 }).map((specs) =>
  specs.map((spec, index) => {
    const { providerIndex, prompt, completion, request, ...rest } = spec;
    const provider = PROVIDERS[providerIndex] ?? PROVIDERS[0];
    // Unique ids, so set comparisons below are exact.
    return makeEndpoint({
      ...rest,
      id: `e${index}@${provider?.slug}`,
      provider,
      pricing: { prompt, completion, request },
    });
  }),
);

const accountArb: fc.Arbitrary<TAccountPolicy> = fc.record({
  allowTrainingPaid: fc.boolean(),
  allowTrainingFree: fc.boolean(),
  zdrOnly: fc.boolean(),
  ignoredProviders: fc.array(providerNameArb, { maxLength: 3 }),
  allowedDataRegions: fc.option(fc.subarray(REGION_CHOICES), { nil: null }),
  maxRetentionDays: fc.option(RETENTION_LIMIT_ARB, { nil: null }),
  // The oracle below reads the catalog's policies as they are; policy-age.test.ts covers the age.
  maxPolicyAgeDays: fc.constant(null),
});

const MODEL_IDS = ["a/one", "a/two", "b/three", "b/four"] as const;

const floorArb: fc.Arbitrary<TPolicyFloor> = fc.record({
  noTrainingPaid: fc.boolean(),
  noTrainingFree: fc.boolean(),
  zdrOnly: fc.boolean(),
  ignoredProviders: fc.array(fc.constantFrom(...PROVIDER_SLUGS), { maxLength: 3 }),
  allowedModels: fc.option(fc.subarray([...MODEL_IDS]), { nil: null }),
  allowedDataRegions: fc.option(fc.subarray(REGION_CHOICES, { minLength: 1 }), { nil: null }),
  maxRetentionDays: fc.option(RETENTION_LIMIT_ARB, { nil: null }),
  maxPolicyAgeDays: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: null }),
});

const maxPriceArb = fc.record(
  { prompt: priceArb, completion: priceArb, request: fc.constantFrom(0, 0.001, 0.01) },
  { requiredKeys: [] },
);

const prefsArb: fc.Arbitrary<TProviderPreferences> = fc.record(
  {
    order: fc.array(providerNameArb, { maxLength: 4 }),
    allow_fallbacks: fc.boolean(),
    require_parameters: fc.boolean(),
    data_collection: fc.constantFrom<"allow" | "deny">("allow", "deny"),
    zdr: fc.boolean(),
    only: fc.array(providerNameArb, { maxLength: 4 }),
    ignore: fc.array(providerNameArb, { maxLength: 3 }),
    quantizations: fc.array(fc.constantFrom("unknown", "FP8", ...QUANTIZATIONS), { maxLength: 3 }),
    data_regions: fc.subarray(REGION_CHOICES),
    sort: fc.constantFrom<"price" | "throughput" | "latency">("price", "throughput", "latency"),
    max_price: maxPriceArb,
  },
  { requiredKeys: [] },
);

const requestArb: fc.Arbitrary<TRequestShape> = fc.record({
  parameters: fc.subarray([...BASIC_PARAMETERS, ...OPTIONAL_PARAMETERS]),
  features: fc.subarray([...FEATURES]),
  estimatedTokens: fc.oneof(fc.constantFrom(0, 4096, 8192, 8193, 128_000), fc.integer({ min: 0, max: 200_000 })),
});

// ---------------------------------------------------------------------------------------------
// The oracle: every rule, restated on its own.

const lower = (value: string) => value.trim().toLowerCase();
const namesProvider = (list: readonly string[] | undefined, endpoint: TEndpoint) =>
  (list ?? []).some(
    (name) => lower(name) === lower(endpoint.provider.slug) || lower(name) === lower(endpoint.provider.name),
  );

/** Every step this endpoint fails, in pipeline order. */
function violations(
  endpoint: TEndpoint,
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  request: TRequestShape,
): TPolicyStep[] {
  const failed: TPolicyStep[] = [];
  const policy = endpoint.dataPolicy;
  if (namesProvider(account.ignoredProviders, endpoint)) failed.push("account_ignore");
  const isTrainingAllowed = endpoint.free ? account.allowTrainingFree : account.allowTrainingPaid;
  // Publishing counts with training, ZDR and data collection alike (unknown = may publish).
  const mayPublish = policy.canPublish !== false;
  if (!isTrainingAllowed && (policy.training !== false || mayPublish)) failed.push("training");
  if ((account.zdrOnly || prefs.zdr === true) && (policy.zdr !== true || mayPublish)) failed.push("zdr");
  if (
    prefs.data_collection === "deny" &&
    (policy.training !== false || policy.retainsPrompts !== false || mayPublish)
  ) {
    failed.push("data_collection");
  }
  // Restated: every region the provider names must be allowed by the account's list (null: any;
  // []: none) and by the request's (absent or empty: any); "EU" allows the EU countries named
  // here; unknown is outside.
  const isInsideAll = (list: readonly string[]) => {
    const allowed = list.map((r) => r.toUpperCase());
    const inside = (r: string) => allowed.includes(r) || (allowed.includes("EU") && ["DE", "FR"].includes(r));
    const regions = endpoint.provider.dataRegions;
    return regions !== null && regions.length > 0 && regions.every(inside);
  };
  if (
    (account.allowedDataRegions !== null && !isInsideAll(account.allowedDataRegions)) ||
    (prefs.data_regions !== undefined && prefs.data_regions.length > 0 && !isInsideAll(prefs.data_regions))
  ) {
    failed.push("data_regions");
  }
  // Restated: with a maximum, only a provider known to keep nothing, or known to keep prompts for
  // a known period within it, passes.
  if (
    account.maxRetentionDays !== null &&
    policy.retainsPrompts !== false &&
    !(
      policy.retainsPrompts === true &&
      policy.retentionDays !== null &&
      policy.retentionDays <= account.maxRetentionDays
    )
  ) {
    failed.push("retention");
  }
  if (prefs.only !== undefined && prefs.only.length > 0 && !namesProvider(prefs.only, endpoint)) failed.push("only");
  if (namesProvider(prefs.ignore, endpoint)) failed.push("ignore");
  if (
    prefs.require_parameters === true &&
    request.parameters.some((name) => !BASIC_PARAMETERS.includes(name) && !endpoint.supportedParameters.includes(name))
  ) {
    failed.push("require_parameters");
  }
  // Capabilities, restated: a parameter feature needs the parameter of the same name listed, a
  // content feature its modality (none stated: text only), and the Messages API takes tools and
  // image and file parts only.
  const modalityOf: Record<string, string> = { image_input: "image", file_input: "file", audio_input: "audio" };
  const messagesApi = ["tools", "tool_choice", "image_input", "file_input"];
  if (
    request.features.some((feature) => {
      if (endpoint.provider.api === "anthropic" && !messagesApi.includes(feature)) return true;
      const modality = modalityOf[feature];
      return modality === undefined
        ? !endpoint.supportedParameters.includes(feature)
        : !(endpoint.inputModalities ?? ["text"]).includes(modality as TInputModality);
    })
  ) {
    failed.push("capabilities");
  }
  if (
    prefs.quantizations !== undefined &&
    prefs.quantizations.length > 0 &&
    !prefs.quantizations.map(lower).includes(endpoint.quantization ?? "unknown")
  ) {
    failed.push("quantization");
  }
  const cap = prefs.max_price;
  if (
    cap !== undefined &&
    ((cap.prompt !== undefined && endpoint.pricing.prompt > cap.prompt) ||
      (cap.completion !== undefined && endpoint.pricing.completion > cap.completion) ||
      (cap.request !== undefined && endpoint.pricing.request > cap.request))
  ) {
    failed.push("max_price");
  }
  if (request.estimatedTokens > endpoint.contextLength) failed.push("context_length");
  if (!endpoint.isRoutable) failed.push("unavailable");
  return failed;
}

const eligibleIdSet = (
  endpoints: TEndpoint[],
  account: TAccountPolicy,
  prefs: TProviderPreferences,
  request: TRequestShape,
) => new Set(ids(selectEndpoints(endpoints, account, prefs, request).eligible));

function expectSubset(inner: Set<string>, outer: Set<string>) {
  for (const id of inner) expect(outer.has(id), `${id} became eligible`).toBe(true);
}

// ---------------------------------------------------------------------------------------------

describe("selectEndpoints properties", () => {
  it("(a) no eligible endpoint violates any active restriction; every exclusion names the first violated rule", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const decision = selectEndpoints(catalog, account, prefs, request);
        for (const endpoint of decision.eligible) {
          expect(violations(endpoint, account, prefs, request)).toEqual([]);
        }
        for (const exclusion of decision.excluded) {
          const endpoint = catalog.find((candidate) => candidate.id === exclusion.endpointId);
          expect(endpoint).toBeDefined();
          if (endpoint === undefined) continue;
          expect(exclusion.step).toBe(violations(endpoint, account, prefs, request)[0]);
          expect(exclusion.provider).toBe(endpoint.provider.slug);
          expect(exclusion.reason.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  // Each tightening takes the current preferences and returns stricter ones.
  const tighteningArb: fc.Arbitrary<{ name: string; apply: (prefs: TProviderPreferences) => TProviderPreferences }> =
    fc.oneof(
      fc.constant({
        name: "data_collection deny",
        apply: (p: TProviderPreferences) => ({ ...p, data_collection: "deny" as const }),
      }),
      fc.constant({ name: "zdr true", apply: (p: TProviderPreferences) => ({ ...p, zdr: true }) }),
      fc.subarray(REGION_CHOICES, { minLength: 1 }).map((candidates) => ({
        name: "data_regions (narrower)",
        // Narrow an existing region list to a subset; set one when there was none.
        apply: (p: TProviderPreferences) => {
          if (p.data_regions === undefined || p.data_regions.length === 0) return { ...p, data_regions: candidates };
          const narrowed = candidates.filter((r) => p.data_regions!.includes(r));
          return { ...p, data_regions: narrowed.length > 0 ? narrowed : [p.data_regions[0]!] };
        },
      })),
      fc.constant({
        name: "require_parameters",
        apply: (p: TProviderPreferences) => ({ ...p, require_parameters: true }),
      }),
      fc.array(providerNameArb, { minLength: 1, maxLength: 3 }).map((extra) => ({
        name: "ignore more",
        apply: (p: TProviderPreferences) => ({ ...p, ignore: [...(p.ignore ?? []), ...extra] }),
      })),
      fc.array(providerNameArb, { minLength: 1, maxLength: 5 }).map((candidates) => ({
        name: "only (narrower)",
        // Narrow an existing allow-list to its intersection; set one when there was none.
        apply: (p: TProviderPreferences) => {
          if (p.only === undefined || p.only.length === 0) return { ...p, only: candidates };
          const current = new Set(p.only.map(lower));
          const narrowed = candidates.filter((name) => current.has(lower(name)));
          return { ...p, only: narrowed.length > 0 ? narrowed : [p.only[0] ?? "alpha"] };
        },
      })),
      fc.array(fc.constantFrom("unknown", ...QUANTIZATIONS), { minLength: 1, maxLength: 3 }).map((candidates) => ({
        name: "quantizations (narrower)",
        apply: (p: TProviderPreferences) => {
          if (p.quantizations === undefined || p.quantizations.length === 0) return { ...p, quantizations: candidates };
          const current = new Set(p.quantizations.map(lower));
          const narrowed = candidates.filter((name) => current.has(name));
          return { ...p, quantizations: narrowed.length > 0 ? narrowed : [p.quantizations[0] ?? "fp8"] };
        },
      })),
      maxPriceArb.map((cap) => ({
        name: "max_price (lower)",
        apply: (p: TProviderPreferences) => {
          const lowered = (a: number | undefined, b: number | undefined) =>
            a === undefined ? b : b === undefined ? a : Math.min(a, b);
          const current = p.max_price ?? {};
          const next: NonNullable<TProviderPreferences["max_price"]> = {};
          const prompt = lowered(current.prompt, cap.prompt);
          const completion = lowered(current.completion, cap.completion);
          const request = lowered(current.request, cap.request);
          if (prompt !== undefined) next.prompt = prompt;
          if (completion !== undefined) next.completion = completion;
          if (request !== undefined) next.request = request;
          return { ...p, max_price: next };
        },
      })),
    );

  it("(b) tightening any request preference never adds an endpoint", () => {
    fc.assert(
      fc.property(
        catalogArb,
        accountArb,
        prefsArb,
        requestArb,
        fc.array(tighteningArb, { minLength: 1, maxLength: 3 }),
        (catalog, account, prefs, request, tightenings) => {
          let current = prefs;
          let before = eligibleIdSet(catalog, account, current, request);
          for (const tightening of tightenings) {
            current = tightening.apply(current);
            const after = eligibleIdSet(catalog, account, current, request);
            expectSubset(after, before);
            before = after;
          }
        },
      ),
      RUNS,
    );
  });

  it("(b) a request using more features never has more endpoints, and the capabilities step only narrows", () => {
    fc.assert(
      fc.property(
        catalogArb,
        accountArb,
        prefsArb,
        requestArb,
        fc.subarray([...FEATURES], { minLength: 1 }),
        (catalog, account, prefs, request, extra) => {
          const before = eligibleIdSet(catalog, account, prefs, request);
          const more = { ...request, features: [...new Set([...request.features, ...extra])] };
          const after = selectEndpoints(catalog, account, prefs, more);
          expectSubset(new Set(ids(after.eligible)), before);
          // Whatever the capabilities step removed had passed every step before it.
          for (const exclusion of after.excluded.filter((e) => e.step === "capabilities")) {
            const endpoint = catalog.find((candidate) => candidate.id === exclusion.endpointId)!;
            const earlier = violations(endpoint, account, prefs, more);
            expect(earlier[0]).toBe("capabilities");
          }
        },
      ),
      RUNS,
    );
  });

  it("(b) no request preference makes eligible what the account settings alone exclude", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const accountOnly = selectEndpoints(catalog, account, {}, request);
        expectSubset(eligibleIdSet(catalog, account, prefs, request), new Set(ids(accountOnly.eligible)));
        // An account-level exclusion keeps its step and reason whatever the request says.
        const withPrefs = new Map(
          selectEndpoints(catalog, account, prefs, request).excluded.map((e) => [e.endpointId, e]),
        );
        for (const exclusion of accountOnly.excluded) {
          if (exclusion.step === "account_ignore" || exclusion.step === "training" || exclusion.step === "zdr") {
            expect(withPrefs.get(exclusion.endpointId)).toEqual(exclusion);
          }
        }
      }),
      RUNS,
    );
  });

  it("(b) zdr: false and data_collection: allow are no-ops, never waivers", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const rest: TProviderPreferences = { ...prefs };
        delete rest.zdr;
        delete rest.data_collection;
        const baseline = selectEndpoints(catalog, account, rest, request);
        const loosened = selectEndpoints(catalog, account, { ...rest, zdr: false, data_collection: "allow" }, request);
        expect(loosened).toEqual(baseline);
      }),
      RUNS,
    );
  });

  it("(c) unknown policies are excluded whenever training is forbidden, ZDR required, or data collection denied", () => {
    // Bias the catalog towards unknown fields so the property is exercised often.
    const unknownCatalogArb = catalogArb.chain((catalog) =>
      fc
        .array(fc.record({ training: fc.boolean(), retains: fc.boolean(), zdr: fc.boolean(), publish: fc.boolean() }), {
          minLength: catalog.length,
          maxLength: catalog.length,
        })
        .map((flags) =>
          catalog.map((endpoint, index) => {
            const flag = flags[index];
            if (flag === undefined) return endpoint;
            return {
              ...endpoint,
              dataPolicy: {
                ...endpoint.dataPolicy,
                training: flag.training ? null : endpoint.dataPolicy.training,
                retainsPrompts: flag.retains ? null : endpoint.dataPolicy.retainsPrompts,
                zdr: flag.zdr ? null : endpoint.dataPolicy.zdr,
                canPublish: flag.publish ? null : endpoint.dataPolicy.canPublish,
              },
            };
          }),
        ),
    );
    fc.assert(
      fc.property(unknownCatalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const eligible = eligibleIdSet(catalog, account, prefs, request);
        for (const endpoint of catalog) {
          const policy = endpoint.dataPolicy;
          const isTrainingForbidden = endpoint.free ? !account.allowTrainingFree : !account.allowTrainingPaid;
          const isUnknown = policy.training === null || policy.canPublish === null;
          if (isTrainingForbidden && isUnknown) expect(eligible.has(endpoint.id)).toBe(false);
          if ((account.zdrOnly || prefs.zdr === true) && (policy.zdr === null || policy.canPublish === null)) {
            expect(eligible.has(endpoint.id)).toBe(false);
          }
          if (prefs.data_collection === "deny" && (isUnknown || policy.retainsPrompts === null)) {
            expect(eligible.has(endpoint.id)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("(d) every input endpoint is either eligible or excluded, exactly once", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const decision = selectEndpoints(catalog, account, prefs, request);
        const seen = [...ids(decision.eligible), ...decision.excluded.map((exclusion) => exclusion.endpointId)];
        expect([...seen].sort()).toEqual(ids(catalog).sort());
        expect(new Set(seen).size).toBe(seen.length);
        // Eligible is exactly the set with no violations.
        const expected = catalog.filter((endpoint) => violations(endpoint, account, prefs, request).length === 0);
        expect(new Set(ids(decision.eligible))).toEqual(new Set(ids(expected)));
      }),
      RUNS,
    );
  });

  it("ordering: ordered providers first by rank, then cheapest first with stable ties (default and sort=price)", () => {
    const noHintPrefsArb = prefsArb.map((prefs) => ({
      ...prefs,
      sort: prefs.sort === "price" ? ("price" as const) : undefined,
    }));
    fc.assert(
      fc.property(catalogArb, accountArb, noHintPrefsArb, requestArb, (catalog, account, prefs, request) => {
        const { eligible } = selectEndpoints(catalog, account, prefs, request);
        const orderNames = (prefs.order ?? []).map(lower);
        const rank = (endpoint: TEndpoint) => {
          const ranks = [
            orderNames.indexOf(endpoint.provider.slug),
            orderNames.indexOf(lower(endpoint.provider.name)),
          ].filter((value) => value >= 0);
          return ranks.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ranks);
        };
        const position = (endpoint: TEndpoint) => catalog.indexOf(endpoint as TEndpointWithHints);
        for (let index = 1; index < eligible.length; index += 1) {
          const previous = eligible[index - 1];
          const current = eligible[index];
          if (previous === undefined || current === undefined) continue;
          expect(rank(previous)).toBeLessThanOrEqual(rank(current));
          if (rank(previous) !== rank(current)) continue;
          const pricePrevious = previous.pricing.prompt + previous.pricing.completion;
          const priceCurrent = current.pricing.prompt + current.pricing.completion;
          expect(pricePrevious).toBeLessThanOrEqual(priceCurrent);
          if (pricePrevious === priceCurrent) expect(position(previous)).toBeLessThan(position(current));
        }
      }),
      RUNS,
    );
  });

  it("getEndpointsToAttempt only ever returns eligible endpoints, in their order", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const decision = selectEndpoints(catalog, account, prefs, request);
        const attempts = ids(getEndpointsToAttempt(decision, prefs));
        const eligible = ids(decision.eligible);
        expect(attempts).toEqual(eligible.filter((id) => attempts.includes(id)));
        if (prefs.allow_fallbacks !== false) {
          expect(attempts).toEqual(eligible);
          return;
        }
        const ordered = decision.eligible.filter((endpoint) => namesProvider(prefs.order, endpoint));
        expect(attempts).toEqual(ordered.length > 0 ? ids(ordered) : eligible.slice(0, 1));
      }),
      RUNS,
    );
  });

  it("refusalFor is null exactly when something is eligible; 503 exactly when only keys are missing", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, requestArb, (catalog, account, prefs, request) => {
        const decision = selectEndpoints(catalog, account, prefs, request);
        const refusal = refusalFor(decision, "test/model", "https://privet.example/settings/privacy");
        if (decision.eligible.length > 0) {
          expect(refusal).toBeNull();
          return;
        }
        expect(refusal).not.toBeNull();
        if (refusal === null) return;
        expect(refusal.metadata.excluded_by).toHaveLength(catalog.length);
        const isOnlyUnconfigured = catalog.length > 0 && decision.excluded.every((e) => e.step === "unavailable");
        expect(refusal.status).toBe(isOnlyUnconfigured ? 503 : 404);
        if (!isOnlyUnconfigured && catalog.length > 0) {
          expect(refusal.message.startsWith("No endpoints found matching your data policy (")).toBe(true);
        }
        // excluded_by reads in pipeline order, and the message's labels in REFUSAL_LABELS order.
        const stepIndices = refusal.metadata.excluded_by.map((entry) =>
          Object.values(EXCLUDED_BY_STEP).indexOf(entry.step),
        );
        expect(stepIndices).toEqual([...stepIndices].sort((a, b) => a - b));
        const labelIndices = REFUSAL_LABELS.map((label) => refusal.message.indexOf(label)).filter((at) => at >= 0);
        expect(labelIndices).toEqual([...labelIndices].sort((a, b) => a - b));
      }),
      RUNS,
    );
  });

  // The instance floor (lib/policy/floor.ts), restated on its own: what it forbids, no account
  // setting and no request preference can allow.
  function breaksFloor(endpoint: TEndpoint, floor: TPolicyFloor): string | null {
    const policy = endpoint.dataPolicy;
    const mayPublish = policy.canPublish !== false;
    if (floor.ignoredProviders.includes(endpoint.provider.slug)) return "ignored by the floor";
    const noTraining = endpoint.free ? floor.noTrainingFree : floor.noTrainingPaid;
    if (noTraining && (policy.training !== false || mayPublish)) return "may train, the floor forbids it";
    if (floor.zdrOnly && (policy.zdr !== true || mayPublish)) return "not ZDR, the floor requires it";
    return null;
  }

  // The general arbitraries leave few endpoints eligible (random preferences rarely all pass): here
  // every endpoint is configured and half the requests carry no preferences, so the floor is what
  // decides and a floor that let something through would be seen.
  const floorCatalogArb = catalogArb.map((catalog) => catalog.map((endpoint) => ({ ...endpoint, isRoutable: true })));
  const floorPrefsArb = fc.oneof(fc.constant<TProviderPreferences>({}), prefsArb);
  const floorRequestArb = fc.oneof(
    fc.constant<TRequestShape>({ parameters: [], features: [], estimatedTokens: 0 }),
    requestArb,
  );

  it("(floor) nothing the floor forbids is ever eligible, whatever the account settings and the request", () => {
    fc.assert(
      fc.property(
        floorCatalogArb,
        floorArb,
        accountArb,
        floorPrefsArb,
        floorRequestArb,
        (catalog, floor, account, prefs, request) => {
          const { eligible } = selectEndpoints(catalog, applyPolicyFloor(floor, account), prefs, request);
          for (const endpoint of eligible) expect(breaksFloor(endpoint, floor), endpoint.id).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it("(floor) floor → account → request: each level only narrows what the one before allows", () => {
    const loosest: TAccountPolicy = {
      allowTrainingPaid: true,
      allowTrainingFree: true,
      zdrOnly: false,
      ignoredProviders: [],
      allowedDataRegions: null,
      maxRetentionDays: null,
      maxPolicyAgeDays: null,
    };
    fc.assert(
      fc.property(
        floorCatalogArb,
        floorArb,
        accountArb,
        floorPrefsArb,
        floorRequestArb,
        (catalog, floor, account, prefs, request) => {
          const floorOnly = eligibleIdSet(catalog, applyPolicyFloor(floor, loosest), {}, request);
          const withAccount = eligibleIdSet(catalog, applyPolicyFloor(floor, account), {}, request);
          const withRequest = eligibleIdSet(catalog, applyPolicyFloor(floor, account), prefs, request);
          expectSubset(withAccount, floorOnly);
          expectSubset(withRequest, withAccount);
          // And the floor never loosens the account: its own settings still hold under any floor.
          expectSubset(withAccount, eligibleIdSet(catalog, account, {}, request));
        },
      ),
      RUNS,
    );
  });

  it("(account) narrower allowed data regions or a lower maximum retention only remove endpoints", () => {
    fc.assert(
      fc.property(
        catalogArb,
        accountArb,
        prefsArb,
        requestArb,
        fc.subarray(REGION_CHOICES),
        RETENTION_LIMIT_ARB,
        (catalog, account, prefs, request, regions, days) => {
          const before = eligibleIdSet(catalog, account, prefs, request);
          // Narrowed regions: a subset of the current list (or any list when there was none).
          const narrowed =
            account.allowedDataRegions === null
              ? regions
              : regions.filter((region) => account.allowedDataRegions!.includes(region));
          const lowered = account.maxRetentionDays === null ? days : Math.min(days, account.maxRetentionDays);
          expectSubset(eligibleIdSet(catalog, { ...account, allowedDataRegions: narrowed }, prefs, request), before);
          expectSubset(eligibleIdSet(catalog, { ...account, maxRetentionDays: lowered }, prefs, request), before);
        },
      ),
      RUNS,
    );
  });

  it("(account) unknown regions and unknown retention never pass a limit", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, requestArb, (catalog, account, request) => {
        for (const endpoint of selectEndpoints(catalog, account, {}, request).eligible) {
          if (account.allowedDataRegions !== null) expect(endpoint.provider.dataRegions).not.toBeNull();
          if (account.maxRetentionDays !== null) {
            const { retainsPrompts, retentionDays } = endpoint.dataPolicy;
            expect(retainsPrompts === false || (retainsPrompts === true && retentionDays !== null)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it("(floor) allowed data regions and maximum retention combine as the stricter of floor and account", () => {
    fc.assert(
      fc.property(floorCatalogArb, floorArb, accountArb, floorRequestArb, (catalog, floor, settings, request) => {
        // Only these two fields of the floor and of the account, so the comparison is exact.
        const { allowedDataRegions, maxRetentionDays } = floor;
        const account: TAccountPolicy = {
          ...PERMISSIVE_ACCOUNT,
          allowedDataRegions: settings.allowedDataRegions,
          maxRetentionDays: settings.maxRetentionDays,
        };
        const combined = applyPolicyFloor({ ...NO_FLOOR, allowedDataRegions, maxRetentionDays }, account);
        const effective = eligibleIdSet(catalog, combined, {}, request);
        // An endpoint passes iff it passes the floor's limits and the account's, each on its own.
        const underFloor = eligibleIdSet(catalog, { ...account, allowedDataRegions, maxRetentionDays }, {}, request);
        const underAccount = eligibleIdSet(catalog, account, {}, request);
        expect([...effective].sort()).toEqual([...underFloor].filter((id) => underAccount.has(id)).sort());
      }),
      RUNS,
    );
  });

  it("(floor) a model outside the floor's allow-list is never allowed, whatever the account", () => {
    fc.assert(
      fc.property(floorArb, accountArb, fc.constantFrom(...MODEL_IDS), (floor, account, model) => {
        const allowed = isModelAllowed(applyPolicyFloor(floor, account), model);
        expect(allowed).toBe(floor.allowedModels === null || floor.allowedModels.includes(model));
      }),
      RUNS,
    );
  });
});
