// The keys page's guardrail fields as typed: empty means "no limit", bad text is named per field.
import { describe, expect, it } from "vitest";
import { guardrailsFromForm, splitList, type TGuardrailsForm } from "@/lib/keys/guardrails-schema";

const EMPTY: TGuardrailsForm = {
  spendLimit: "",
  limitReset: "",
  allowedModels: "",
  allowedProviders: "",
  requireZdr: false,
  expiresAt: "",
  rateLimitPerMinute: "",
  allowedDataRegions: "",
};

describe("guardrailsFromForm", () => {
  it("reads empty fields as no guardrails", () => {
    expect(guardrailsFromForm(EMPTY)).toEqual({
      ok: true,
      guardrails: {
        spendLimit: null,
        limitReset: null,
        allowedModels: [],
        allowedProviders: [],
        requireZdr: false,
        expiresAt: null,
        rateLimitPerMinute: null,
        allowedDataRegions: [],
      },
    });
  });

  it("reads every field as typed", () => {
    const result = guardrailsFromForm({
      spendLimit: " 12.50 ",
      limitReset: "weekly",
      allowedModels: "a/b, c/d\nc/d",
      allowedProviders: "x,,y",
      requireZdr: true,
      expiresAt: "2099-06-30",
      rateLimitPerMinute: "30",
      allowedDataRegions: "eu, us,EU",
    });
    expect(result).toEqual({
      ok: true,
      guardrails: {
        spendLimit: 12.5,
        limitReset: "weekly",
        allowedModels: ["a/b", "c/d"],
        allowedProviders: ["x", "y"],
        requireZdr: true,
        expiresAt: new Date("2099-06-30T00:00:00Z"),
        rateLimitPerMinute: 30,
        allowedDataRegions: ["EU", "US"],
      },
    });
  });

  it("names each field it cannot read", () => {
    const result = guardrailsFromForm({
      ...EMPTY,
      spendLimit: "five",
      limitReset: "hourly",
      expiresAt: "tomorrow",
      rateLimitPerMinute: "1.5",
      allowedProviders: "Not A Slug",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["expiresAt", "limitReset", "spendLimit"]);
    const second = guardrailsFromForm({ ...EMPTY, rateLimitPerMinute: "1.5", allowedProviders: "Not-A-Slug" });
    expect(second.ok === false && Object.keys(second.fieldErrors).sort()).toEqual([
      "allowedProviders",
      "rateLimitPerMinute",
    ]);
  });
});

describe("splitList", () => {
  it("splits on commas and whitespace, dropping empties and repeats", () => {
    expect(splitList(" a, b  c,,a\n")).toEqual(["a", "b", "c"]);
    expect(splitList("")).toEqual([]);
  });
});
