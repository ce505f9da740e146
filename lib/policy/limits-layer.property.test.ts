// A limits layer — an account's limits set by an admin, an API key's guardrails — only ever narrows
// routing, and so do two of them stacked (the account's, then the key's): over generated endpoints,
// accounts and request preferences, what is eligible under the layers is eligible without them (and
// under the account's layer alone), is on every layer's providers, is ZDR when a layer requires it
// and processes prompts only in every layer's data regions — whatever the request's own `only`,
// `order`, `ignore`, `zdr` or `data_regions` say.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withLimitsLayer, type TLimitsProviderLayer } from "@/lib/policy/limits-layer";
import { isWithinRegions, selectEndpoints } from "@/lib/policy/select-endpoints";
import { makeEndpoint, makeProvider } from "@/lib/policy/test-factory";
import type { TAccountPolicy, TProviderPreferences } from "@/lib/policy/types";

const SLUGS = ["alpha", "beta", "gamma", "delta"] as const;
const REGIONS = ["DE", "FR", "US", "CH", "EU"] as const;
const REGIONS_OF: Record<(typeof SLUGS)[number], string[] | null> = {
  alpha: ["DE"],
  beta: ["US"],
  gamma: ["FR", "US"],
  delta: null,
};
const PROVIDERS = SLUGS.map((slug) => makeProvider(slug, { dataRegions: REGIONS_OF[slug] }));
const nameOf = (slug: string) => PROVIDERS.find((p) => p.slug === slug)?.name;
const nameArb = fc.constantFrom(...SLUGS.flatMap((slug) => [slug, nameOf(slug)!, slug.toUpperCase()]));
const triState = fc.constantFrom<boolean | null>(true, false, null);

const endpointsArb = fc
  .array(
    fc.record({ providerIndex: fc.integer({ min: 0, max: SLUGS.length - 1 }), zdr: triState, training: triState }),
    { maxLength: 10 },
  )
  .map((specs) =>
    specs.map((spec, index) =>
      makeEndpoint({
        id: `e${index}`,
        provider: PROVIDERS[spec.providerIndex]!,
        dataPolicy: { zdr: spec.zdr, training: spec.training },
      }),
    ),
  );

const accountArb: fc.Arbitrary<TAccountPolicy> = fc.record({
  allowTrainingPaid: fc.boolean(),
  allowTrainingFree: fc.boolean(),
  zdrOnly: fc.boolean(),
  ignoredProviders: fc.array(nameArb, { maxLength: 2 }),
  allowedDataRegions: fc.option(fc.subarray([...REGIONS]), { nil: null }),
  maxRetentionDays: fc.constant(null),
  maxPolicyAgeDays: fc.constant(null),
});

const prefsArb: fc.Arbitrary<TProviderPreferences> = fc.record(
  {
    only: fc.array(nameArb, { maxLength: 3 }),
    order: fc.array(nameArb, { maxLength: 3 }),
    ignore: fc.array(nameArb, { maxLength: 2 }),
    zdr: fc.boolean(),
    allow_fallbacks: fc.boolean(),
    data_regions: fc.subarray([...REGIONS]),
  },
  { requiredKeys: [] },
);

const accountLayerArb: fc.Arbitrary<TLimitsProviderLayer> = fc.record({
  allowedProviders: fc.subarray([...SLUGS]),
  requireZdr: fc.boolean(),
  allowedDataRegions: fc.constant([]),
});
const keyLayerArb: fc.Arbitrary<TLimitsProviderLayer> = fc.record({
  allowedProviders: fc.subarray([...SLUGS]),
  requireZdr: fc.boolean(),
  allowedDataRegions: fc.subarray([...REGIONS]),
});

const SHAPE = { parameters: ["model", "messages"], features: [], estimatedTokens: 10 };

const eligibleIds = (
  endpoints: ReturnType<typeof makeEndpoint>[],
  account: TAccountPolicy,
  prefs: TProviderPreferences,
) => new Set(selectEndpoints(endpoints, account, prefs, SHAPE).eligible.map((e) => e.id));

describe("withLimitsLayer", () => {
  it("only narrows: eligible under the layer ⊆ eligible without it, on its providers, ZDR when required, in its regions", () => {
    fc.assert(
      fc.property(endpointsArb, accountArb, prefsArb, keyLayerArb, (endpoints, account, prefs, layer) => {
        const layered = withLimitsLayer(prefs, layer, nameOf);
        if (layered === null) {
          // Refused: the request's `only` names none of the layer's providers, or its regions none of the layer's.
          const asked = new Set((prefs.only ?? []).map((n) => n.toLowerCase()));
          const noProvider =
            layer.allowedProviders.length > 0 &&
            (prefs.only ?? []).length > 0 &&
            !layer.allowedProviders.some((s) => asked.has(s) || asked.has(nameOf(s)!.toLowerCase()));
          const noRegion = layer.allowedDataRegions.length > 0 && (prefs.data_regions ?? []).length > 0;
          expect(noProvider || noRegion).toBe(true);
          return;
        }
        const without = eligibleIds(endpoints, account, prefs);
        for (const endpoint of selectEndpoints(endpoints, account, layered, SHAPE).eligible) {
          expect(without.has(endpoint.id)).toBe(true);
          if (layer.allowedProviders.length > 0) expect(layer.allowedProviders).toContain(endpoint.provider.slug);
          if (layer.requireZdr) expect(endpoint.dataPolicy.zdr).toBe(true);
          if (layer.allowedDataRegions.length > 0) {
            const allowed = new Set(layer.allowedDataRegions);
            expect(endpoint.provider.dataRegions).not.toBeNull();
            for (const region of endpoint.provider.dataRegions!) expect(isWithinRegions(region, allowed)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("an account's limits and a key's stacked only narrow: key ∘ account ⊆ account ⊆ the request alone", () => {
    fc.assert(
      fc.property(
        endpointsArb,
        accountArb,
        prefsArb,
        accountLayerArb,
        keyLayerArb,
        (endpoints, account, prefs, accountLayer, keyLayer) => {
          const underAccount = withLimitsLayer(prefs, accountLayer, nameOf);
          if (underAccount === null) return;
          const underBoth = withLimitsLayer(underAccount, keyLayer, nameOf);
          if (underBoth === null) return;
          const alone = eligibleIds(endpoints, account, prefs);
          const withAccount = eligibleIds(endpoints, account, underAccount);
          for (const id of withAccount) expect(alone.has(id)).toBe(true);
          for (const endpoint of selectEndpoints(endpoints, account, underBoth, SHAPE).eligible) {
            expect(withAccount.has(endpoint.id)).toBe(true);
            if (accountLayer.allowedProviders.length > 0)
              expect(accountLayer.allowedProviders).toContain(endpoint.provider.slug);
            if (accountLayer.requireZdr || keyLayer.requireZdr) expect(endpoint.dataPolicy.zdr).toBe(true);
          }
          // No key can widen what the account's limits allow: a key with no limits changes nothing.
          expect(
            withLimitsLayer(underAccount, { allowedProviders: [], requireZdr: false, allowedDataRegions: [] }, nameOf),
          ).toEqual(underAccount);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("without limits, the request's preferences are unchanged", () => {
    fc.assert(
      fc.property(prefsArb, (prefs) => {
        expect(
          withLimitsLayer(prefs, { allowedProviders: [], requireZdr: false, allowedDataRegions: [] }, nameOf),
        ).toEqual(prefs);
      }),
    );
  });
});
