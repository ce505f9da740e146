// The privacy page's preview: the policy engine's answer over the catalog, per tier, computed from
// the slimmed-down catalog the browser receives.
import { describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { buildCatalog } from "@/lib/catalog/build";
import { parseCatalog } from "@/lib/catalog/schema";
import { previewAccountPolicy } from "@/lib/policy/preview";
import { makeAccount } from "@/lib/policy/test-factory";
import { buildPrivacyPreview, fromPreviewCatalog, toPreviewCatalog } from "@/lib/privacy/preview";

const catalog = buildCatalog(parseCatalog(e2eCatalog("http://127.0.0.1:9"), "e2e"), {});
const models = fromPreviewCatalog(toPreviewCatalog(catalog));
const DEFAULTS = makeAccount();

function provider(preview: ReturnType<typeof buildPrivacyPreview>, slug: string) {
  const found = preview.providers.find((p) => p.slug === slug);
  if (!found) throw new Error(`no ${slug} in the preview`);
  return found;
}

describe("buildPrivacyPreview", () => {
  it("gives the same answer on the browser's slim catalog as on the full one", () => {
    for (const account of [
      DEFAULTS,
      { ...DEFAULTS, zdrOnly: true },
      { ...DEFAULTS, allowTrainingFree: true, ignoredProviders: ["e2e-retain"] },
      { ...DEFAULTS, allowedDataRegions: ["EU"] },
      { ...DEFAULTS, allowTrainingPaid: true, maxRetentionDays: 7 },
    ]) {
      expect(previewAccountPolicy(models, account)).toEqual(previewAccountPolicy(catalog.models, account));
    }
  });

  it("blocks a provider that may train, in each tier, with the router's reason", () => {
    const preview = buildPrivacyPreview(models, DEFAULTS);
    expect(provider(preview, "e2e-trains")).toMatchObject({
      name: "E2E Trains",
      isAllowed: false,
      paid: { status: "blocked", reasons: ["may train on prompts; paid-model training is off"] },
      free: { status: "blocked", reasons: ["may train on prompts; free-model training is off"] },
    });
    expect(provider(preview, "e2e-unknown").paid).toEqual({
      status: "blocked",
      reasons: ["training policy unknown (treated as may train); paid-model training is off"],
    });
    expect(provider(preview, "e2e-retain")).toMatchObject({
      isAllowed: true,
      paid: { status: "allowed" },
      free: { status: "none" },
    });
    // e2e/echo (paid) stays; both free endpoints may train.
    expect(preview.paid).toMatchObject({ models: 2, totalModels: 2 });
    expect(preview.free).toEqual({ providers: 0, models: 0, totalProviders: 2, totalModels: 1 });
  });

  it("splits the tiers: allowing free-model training frees the free tier only", () => {
    const preview = buildPrivacyPreview(models, { ...DEFAULTS, allowTrainingFree: true });
    expect(provider(preview, "e2e-trains")).toMatchObject({
      isAllowed: true,
      paid: { status: "blocked" },
      free: { status: "allowed" },
    });
    expect(preview.free).toMatchObject({ providers: 2, models: 1 });
  });

  it("with ZDR only, leaves just the zero-retention providers and says why for the rest", () => {
    const preview = buildPrivacyPreview(models, { ...DEFAULTS, zdrOnly: true });
    expect(preview.providers.filter((p) => p.isAllowed).map((p) => p.slug)).toEqual(["e2e-zdr"]);
    expect(provider(preview, "e2e-retain").paid).toEqual({
      status: "blocked",
      reasons: ["not a zero-data-retention endpoint; ZDR is required by the account settings"],
    });
    expect(preview.allowedProviders + preview.blockedProviders).toBe(preview.providers.length);
  });

  it("reports ignored providers as ignored", () => {
    const preview = buildPrivacyPreview(models, { ...DEFAULTS, ignoredProviders: ["e2e-zdr"] });
    expect(provider(preview, "e2e-zdr").paid).toEqual({
      status: "blocked",
      reasons: ["provider is in the account's ignored providers"],
    });
  });
});
