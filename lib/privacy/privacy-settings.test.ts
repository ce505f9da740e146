// The privacy page's use cases against a real, migrated SQLite database with the e2e catalog.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startTestDb } from "@/lib/privacy/test-db";

let t: Awaited<ReturnType<typeof startTestDb>>;
let privacy: typeof import("@/lib/privacy/privacy-settings");
let settings: typeof import("@/lib/privacy/settings");

beforeAll(async () => {
  t = await startTestDb();
  const file = path.join(t.dir, "catalog.json");
  fs.writeFileSync(file, JSON.stringify(e2eCatalog("http://127.0.0.1:9")));
  const { loadCatalogIntoDatabase } = await import("@/lib/catalog/load");
  await loadCatalogIntoDatabase(file);
  privacy = await import("@/lib/privacy/privacy-settings");
  settings = await import("@/lib/privacy/settings");
});
afterAll(async () => {
  await t?.close();
});

describe("getPrivacySettingsPage", () => {
  it("gives the account's settings, the catalog for the preview without server details, and the logged count", async () => {
    const user = await t.createUser();
    const page = await privacy.getPrivacySettingsPage(user.id);
    expect(page.settings).toMatchObject({
      promptLogging: false,
      allowTrainingPaid: false,
      allowTrainingFree: false,
      zdrOnly: false,
      ignoredProviders: [],
      allowedDataRegions: null,
      maxRetentionDays: null,
      contentRetentionDays: 30,
      metadataRetentionDays: 365,
    });
    expect(typeof page.settings.updatedAt).toBe("string");
    expect(page.catalog.providers.map((p) => p.slug)).toContain("e2e-trains");
    expect(page.catalog.models.find((m) => m.id === "e2e/echo")?.endpoints).toHaveLength(5);
    // The browser gets policies, not where the providers live.
    expect(JSON.stringify(page.catalog)).not.toContain("127.0.0.1");
    expect(page.loggedContentCount).toBe(0);
  });
});

describe("updatePrivacySettings", () => {
  it("applies every field in one save and the next read sees it", async () => {
    const user = await t.createUser();
    const saved = await privacy.updatePrivacySettings(user.id, {
      promptLogging: true,
      allowTrainingPaid: true,
      zdrOnly: true,
      ignoredProviders: ["e2e-unknown", "e2e-retain"],
      contentRetentionDays: 7,
      metadataRetentionDays: 90,
    });
    expect(saved.settings).toMatchObject({
      promptLogging: true,
      allowTrainingPaid: true,
      allowTrainingFree: false,
      zdrOnly: true,
      ignoredProviders: ["e2e-retain", "e2e-unknown"],
      contentRetentionDays: 7,
      metadataRetentionDays: 90,
    });
    expect(saved.loggedContentCount).toBeNull();
    expect(await settings.getAccountSettings(user.id)).toMatchObject({ zdrOnly: true, contentRetentionDays: 7 });
  });

  it.each([
    [{ contentRetentionDays: 0 }, "contentRetentionDays", "Keep content at least 1 day."],
    [{ contentRetentionDays: 400 }, "contentRetentionDays", "Keep content at most 365 days."],
    [{ metadataRetentionDays: 29 }, "metadataRetentionDays", "Keep metadata at least 30 days."],
    [{ contentRetentionDays: 2.5 }, "contentRetentionDays", "Use a whole number of days."],
    [
      { allowedDataRegions: ["EU", "Europe"] },
      "allowedDataRegions",
      "Data regions are two-letter country codes (DE, US) or EU.",
    ],
    [{ maxRetentionDays: -1 }, "maxRetentionDays", "Use 0 days or more."],
    [{ maxRetentionDays: 1.5 }, "maxRetentionDays", "Use a whole number of days."],
  ])("rejects %o with a field error and changes nothing", async (patch, field, message) => {
    const user = await t.createUser();
    const before = await settings.getAccountSettings(user.id);
    await expect(privacy.updatePrivacySettings(user.id, { zdrOnly: true, ...patch })).rejects.toMatchObject({
      code: "bad_request",
      message,
      metadata: { field },
    });
    settings.forgetCachedSettings(user.id);
    expect(await settings.getAccountSettings(user.id)).toEqual(before);
  });

  it("stores allowed data regions in upper case without repeats; an empty list allows any region again", async () => {
    const user = await t.createUser();
    const saved = await privacy.updatePrivacySettings(user.id, {
      allowedDataRegions: ["eu", " ch ", "EU"],
      maxRetentionDays: 30,
    });
    expect(saved.settings).toMatchObject({ allowedDataRegions: ["CH", "EU"], maxRetentionDays: 30 });
    const cleared = await privacy.updatePrivacySettings(user.id, { allowedDataRegions: [], maxRetentionDays: null });
    expect(cleared.settings).toMatchObject({ allowedDataRegions: null, maxRetentionDays: null });
  });

  it("rejects provider slugs that are not in the catalog, and changes nothing", async () => {
    const user = await t.createUser();
    await expect(
      privacy.updatePrivacySettings(user.id, { zdrOnly: true, ignoredProviders: ["e2e-trains", "no-such-provider"] }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: "Unknown provider: no-such-provider.",
      metadata: { field: "ignoredProviders" },
    });
    settings.forgetCachedSettings(user.id);
    expect(await settings.getAccountSettings(user.id)).toMatchObject({ zdrOnly: false, ignoredProviders: [] });
  });

  it("keeps accepting a slug the account already ignores after it left the catalog", async () => {
    const user = await t.createUser();
    await t.db.user.update({ where: { id: user.id }, data: { ignoredProviders: JSON.stringify(["gone-provider"]) } });
    settings.forgetCachedSettings(user.id);
    const saved = await privacy.updatePrivacySettings(user.id, { ignoredProviders: ["gone-provider", "e2e-trains"] });
    expect(saved.settings.ignoredProviders).toEqual(["e2e-trains", "gone-provider"]);
  });

  it("turning logging off reports how much logged content is stored; deleting removes only this account's", async () => {
    const alice = await t.createUser({ promptLogging: true });
    const bob = await t.createUser({ promptLogging: true });
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000);
    for (const owner of [alice, alice, bob]) {
      const g = await t.createGeneration(owner.id, { createdAt: now });
      await t.storeContent(owner.id, g.id, { createdAt: now, expiresAt: later });
    }

    const saved = await privacy.updatePrivacySettings(alice.id, { promptLogging: false });
    expect(saved.loggedContentCount).toBe(2);
    expect((await privacy.getPrivacySettingsPage(alice.id)).loggedContentCount).toBe(2);
    // Saving again with logging already off does not offer the deletion again.
    expect((await privacy.updatePrivacySettings(alice.id, { promptLogging: false })).loggedContentCount).toBeNull();

    expect(await privacy.deleteLoggedContent(alice.id)).toEqual({ deleted: 2 });
    expect(await t.db.generationContent.count({ where: { userId: alice.id } })).toBe(0);
    expect(await t.db.generation.count({ where: { userId: alice.id, contentStored: true } })).toBe(0);
    expect(await t.db.generation.count({ where: { userId: alice.id } })).toBe(2);
    expect(await t.db.generationContent.count({ where: { userId: bob.id } })).toBe(1);
  });
});
