import { describe, expect, it } from "vitest";
import { describeRetention, describeTraining, formatDataPolicyHeader } from "@/lib/policy/describe";
import { UNKNOWN_POLICY, makePolicy } from "@/lib/policy/test-factory";

describe("formatDataPolicyHeader", () => {
  it.each([
    {
      policy: makePolicy({ training: false, retainsPrompts: true, retentionDays: 30, zdr: false }),
      expected: "training=no; retention=30d; zdr=no; publish=no",
    },
    { policy: UNKNOWN_POLICY, expected: "training=unknown; retention=unknown; zdr=unknown; publish=unknown" },
    {
      policy: makePolicy({ training: true, retainsPrompts: true, retentionDays: null, zdr: false }),
      expected: "training=yes; retention=unknown-period; zdr=no; publish=no",
    },
    {
      policy: makePolicy({ training: false, retainsPrompts: false, retentionDays: null, zdr: true }),
      expected: "training=no; retention=none; zdr=yes; publish=no",
    },
    // Days are only meaningful when prompts are retained; a stray value does not invent retention.
    {
      policy: makePolicy({ retainsPrompts: false, retentionDays: 30 }),
      expected: "training=no; retention=none; zdr=yes; publish=no",
    },
    {
      policy: makePolicy({ retainsPrompts: null, retentionDays: 30 }),
      expected: "training=no; retention=unknown; zdr=yes; publish=no",
    },
  ])("$expected", ({ policy, expected }) => {
    expect(formatDataPolicyHeader(policy)).toBe(expected);
  });

  it("is a single header-safe line", () => {
    expect(formatDataPolicyHeader(UNKNOWN_POLICY)).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("describeRetention", () => {
  it.each([
    { policy: makePolicy({ retainsPrompts: false }), expected: "Zero retention" },
    { policy: makePolicy({ retainsPrompts: true, retentionDays: 30 }), expected: "Retained for 30 days" },
    { policy: makePolicy({ retainsPrompts: true, retentionDays: 1 }), expected: "Retained for 1 day" },
    { policy: makePolicy({ retainsPrompts: true, retentionDays: null }), expected: "Retained for an unknown period" },
    { policy: makePolicy({ retainsPrompts: null }), expected: "Unknown policy" },
    { policy: UNKNOWN_POLICY, expected: "Unknown policy" },
  ])("$expected", ({ policy, expected }) => {
    expect(describeRetention(policy)).toBe(expected);
  });
});

describe("describeTraining", () => {
  it.each([
    { training: false, expected: "Does not train" },
    { training: true, expected: "May train" },
    { training: null, expected: "Unknown (treated as may train)" },
  ])("$expected", ({ training, expected }) => {
    expect(describeTraining(makePolicy({ training }))).toBe(expected);
  });
});
