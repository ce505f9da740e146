// A key's provider layer only ever narrows routing: over generated endpoints, accounts and request
// preferences, what is eligible under the layer is eligible without it, is on one of the key's
// providers, and is ZDR when the key requires it — whatever the request's own `only`, `order`,
// `ignore` or `zdr` say.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withKeyProviderLayer } from "@/lib/policy/key-layer";
import { selectEndpoints } from "@/lib/policy/select-endpoints";
import { makeEndpoint, makeProvider } from "@/lib/policy/test-factory";
import type { TAccountPolicy, TProviderPreferences } from "@/lib/policy/types";

const SLUGS = ["alpha", "beta", "gamma", "delta"] as const;
const PROVIDERS = SLUGS.map((slug) => makeProvider(slug));
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
  allowedDataRegions: fc.constant(null),
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
  },
  { requiredKeys: [] },
);

const layerArb = fc.record({
  allowedProviders: fc.subarray([...SLUGS]),
  requireZdr: fc.boolean(),
});

const SHAPE = { parameters: ["model", "messages"], features: [], estimatedTokens: 10 };

describe("withKeyProviderLayer", () => {
  it("only narrows: eligible under the layer ⊆ eligible without it, on the key's providers, ZDR when required", () => {
    fc.assert(
      fc.property(endpointsArb, accountArb, prefsArb, layerArb, (endpoints, account, prefs, layer) => {
        const layered = withKeyProviderLayer(prefs, layer, nameOf);
        if (layered === null) {
          // Refused: the request's `only` names none of the key's providers.
          expect(layer.allowedProviders.length).toBeGreaterThan(0);
          const asked = new Set((prefs.only ?? []).map((n) => n.toLowerCase()));
          expect(layer.allowedProviders.some((s) => asked.has(s) || asked.has(nameOf(s)!.toLowerCase()))).toBe(false);
          return;
        }
        const without = new Set(selectEndpoints(endpoints, account, prefs, SHAPE).eligible.map((e) => e.id));
        for (const endpoint of selectEndpoints(endpoints, account, layered, SHAPE).eligible) {
          expect(without.has(endpoint.id)).toBe(true);
          if (layer.allowedProviders.length > 0) expect(layer.allowedProviders).toContain(endpoint.provider.slug);
          if (layer.requireZdr) expect(endpoint.dataPolicy.zdr).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("without guardrails, the request's preferences are unchanged", () => {
    fc.assert(
      fc.property(prefsArb, (prefs) => {
        expect(withKeyProviderLayer(prefs, { allowedProviders: [], requireZdr: false }, nameOf)).toEqual(prefs);
      }),
    );
  });
});
