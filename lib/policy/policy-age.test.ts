// A maximum catalog policy age: a policy last checked too long before the request counts as unknown
// in every step it affects, fails the safe side there, and only ever narrows routing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TDataPolicy } from "@/lib/catalog/types";
import { applyPolicyFloor, NO_FLOOR } from "@/lib/policy/floor";
import { checkedAtTime, isPolicyStale } from "@/lib/policy/policy-age";
import { selectEndpoints } from "@/lib/policy/select-endpoints";
import {
  ids,
  makeAccount,
  makeEndpoint,
  makeRequest,
  PERMISSIVE_ACCOUNT,
  UNKNOWN_POLICY,
} from "@/lib/policy/test-factory";
import type { TAccountPolicy, TProviderPreferences } from "@/lib/policy/types";

const NOW = Date.UTC(2026, 11, 4);
const at = makeRequest({ routedAt: NOW });

describe("checkedAtTime", () => {
  it.each([
    ["2026-06-16", Date.UTC(2026, 5, 16)],
    ["early-2025", Date.UTC(2025, 0, 1)],
    ["mid-2025", Date.UTC(2025, 4, 1)],
    // A period counts from its first day: the oldest it can be.
    ["late-2025", Date.UTC(2025, 8, 1)],
    [null, null],
    ["someday", null],
  ])("%s", (checkedAt, expected) => {
    expect(checkedAtTime(checkedAt)).toBe(expected);
  });
});

describe("isPolicyStale", () => {
  it.each<[string | null, number | null, number | undefined, boolean]>([
    ["2026-06-16", null, NOW, false],
    ["2026-06-16", null, undefined, false],
    ["2026-06-16", 365, NOW, false],
    ["2026-06-16", 171, NOW, false],
    ["2026-06-16", 170, NOW, true],
    ["late-2025", 500, NOW, false],
    ["late-2025", 30, NOW, true],
    // Never checked, or no time to measure to: unknown age, so stale (rule 5).
    [null, 3650, NOW, true],
    ["2026-12-01", 30, undefined, true],
  ])("checked %s, maximum %s days, routed at %s → stale: %s", (checkedAt, maxAge, routedAt, expected) => {
    expect(isPolicyStale(checkedAt, maxAge, routedAt)).toBe(expected);
  });
});

// A provider that keeps nothing and trains on nothing, checked on 16 June 2026.
const fresh = makeEndpoint({ provider: "fresh", dataPolicy: { checkedAt: "2026-06-16" } });
// The same promises, checked in late 2025.
const old = makeEndpoint({ provider: "old", dataPolicy: { checkedAt: "late-2025" } });
// The same, never checked.
const unchecked = makeEndpoint({ provider: "unchecked", dataPolicy: { checkedAt: null } });
const catalog = [fresh, old, unchecked];

describe("selectEndpoints with a maximum policy age", () => {
  it.each<[string, Partial<TAccountPolicy>, TProviderPreferences, string[], string]>([
    ["no maximum: every policy trusted", {}, {}, ["fresh", "old", "unchecked"], ""],
    ["training off: a stale policy may train", { maxPolicyAgeDays: 200 }, {}, ["fresh"], "training"],
    [
      "training allowed, ZDR required: a stale policy is not ZDR",
      { ...PERMISSIVE_ACCOUNT, zdrOnly: true, maxPolicyAgeDays: 200 },
      {},
      ["fresh"],
      "zdr",
    ],
    [
      "training allowed, a maximum retention: a stale policy's retention is unknown",
      { ...PERMISSIVE_ACCOUNT, maxRetentionDays: 30, maxPolicyAgeDays: 200 },
      {},
      ["fresh"],
      "retention",
    ],
    [
      "training allowed, data collection denied by the request",
      { ...PERMISSIVE_ACCOUNT, maxPolicyAgeDays: 200 },
      { data_collection: "deny" },
      ["fresh"],
      "data_collection",
    ],
    [
      "training allowed and nothing else asked: a stale policy still serves",
      { ...PERMISSIVE_ACCOUNT, maxPolicyAgeDays: 200 },
      {},
      ["fresh", "old", "unchecked"],
      "",
    ],
    [
      "a long maximum keeps late-2025, not the unchecked one",
      { maxPolicyAgeDays: 500 },
      {},
      ["fresh", "old"],
      "training",
    ],
  ])("%s", (_name, account, prefs, eligible, step) => {
    const decision = selectEndpoints(catalog, makeAccount(account), prefs, at);
    expect(decision.eligible.map((e) => e.provider.slug).sort()).toEqual([...eligible].sort());
    for (const exclusion of decision.excluded) {
      expect(exclusion.step).toBe(step);
      // The reason says why a promise the catalog records was not believed.
      expect(exclusion.reason).toMatch(
        /last checked (late-2025|never), more than \d+ days ago, so it is treated as unknown$/,
      );
    }
  });

  it("without the request's time, a maximum treats every policy as unknown", () => {
    const decision = selectEndpoints(catalog, makeAccount({ maxPolicyAgeDays: 3650 }), {}, makeRequest());
    expect(decision.eligible).toEqual([]);
  });

  it("the floor's maximum and the account's combine as the smaller", () => {
    const floor = { ...NO_FLOOR, maxPolicyAgeDays: 500 };
    expect(applyPolicyFloor(floor, makeAccount()).maxPolicyAgeDays).toBe(500);
    expect(applyPolicyFloor(floor, makeAccount({ maxPolicyAgeDays: 90 })).maxPolicyAgeDays).toBe(90);
    expect(applyPolicyFloor(floor, makeAccount({ maxPolicyAgeDays: 900 })).maxPolicyAgeDays).toBe(500);
    expect(applyPolicyFloor(NO_FLOOR, makeAccount()).maxPolicyAgeDays).toBeNull();
  });
});

const CHECKED_AT = ["2026-12-01", "2026-06-16", "2025-12-31", "late-2025", "mid-2025", "early-2024", null];
const triState = fc.constantFrom<boolean | null>(true, false, null);
const policyArb: fc.Arbitrary<Partial<TDataPolicy>> = fc.record({
  training: triState,
  retainsPrompts: triState,
  retentionDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  zdr: triState,
  canPublish: triState,
  checkedAt: fc.constantFrom(...CHECKED_AT),
});
const catalogArb = fc
  .array(fc.record({ policy: policyArb, free: fc.boolean() }), { maxLength: 10 })
  .map((specs) =>
    specs.map(({ policy, free }, index) =>
      makeEndpoint({ id: `e${index}`, provider: `p${index}`, free, dataPolicy: policy }),
    ),
  );
const accountArb: fc.Arbitrary<TAccountPolicy> = fc.record({
  allowTrainingPaid: fc.boolean(),
  allowTrainingFree: fc.boolean(),
  zdrOnly: fc.boolean(),
  ignoredProviders: fc.constant([]),
  allowedDataRegions: fc.constant(null),
  maxRetentionDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  maxPolicyAgeDays: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: null }),
});
const prefsArb = fc.record(
  { zdr: fc.boolean(), data_collection: fc.constantFrom("allow" as const, "deny" as const) },
  { requiredKeys: [] },
);
const ageArb = fc.integer({ min: 1, max: 2000 });

describe("properties", () => {
  it("setting or lowering the maximum policy age only removes endpoints", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, ageArb, (endpoints, account, prefs, age) => {
        const before = new Set(ids(selectEndpoints(endpoints, account, prefs, at).eligible));
        const lowered = account.maxPolicyAgeDays === null ? age : Math.min(age, account.maxPolicyAgeDays);
        const after = ids(selectEndpoints(endpoints, { ...account, maxPolicyAgeDays: lowered }, prefs, at).eligible);
        for (const id of after) expect(before.has(id)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("a stale policy is routed exactly as an unknown one", () => {
    fc.assert(
      fc.property(catalogArb, accountArb, prefsArb, (endpoints, account, prefs) => {
        const maxAge = account.maxPolicyAgeDays;
        // The oracle: replace every stale policy by the unknown one, and route with no maximum.
        const asUnknown = endpoints.map((endpoint) =>
          isPolicyStale(endpoint.dataPolicy.checkedAt, maxAge, NOW)
            ? { ...endpoint, dataPolicy: { ...UNKNOWN_POLICY, checkedAt: endpoint.dataPolicy.checkedAt } }
            : endpoint,
        );
        const expected = selectEndpoints(asUnknown, { ...account, maxPolicyAgeDays: null }, prefs, at);
        const actual = selectEndpoints(endpoints, account, prefs, at);
        expect(ids(actual.eligible)).toEqual(ids(expected.eligible));
        expect(actual.excluded.map((e) => [e.endpointId, e.step])).toEqual(
          expected.excluded.map((e) => [e.endpointId, e.step]),
        );
      }),
      { numRuns: 400 },
    );
  });
});
