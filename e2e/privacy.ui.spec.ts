// The privacy settings page in a real browser, against the real server and mock upstream: saving,
// the live preview, validation, routing on the very next API request, deleting logged content,
// and one account never seeing another's settings.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey } from "./support/keys";

const SWITCH = {
  logging: "Prompt logging",
  paid: "Paid models: allow providers that may train on my data",
  free: "Free models: allow providers that may train on my data",
  zdr: "Zero data retention only",
} as const;

function setting(page: Page, name: keyof typeof SWITCH): Locator {
  return page.getByRole("switch", { name: SWITCH[name], exact: true });
}

async function openPrivacy(page: Page): Promise<void> {
  await page.goto("/settings/privacy");
  await expect(page.getByRole("heading", { level: 2, name: "Privacy" })).toBeVisible();
  // Hydrated: the form reports its state only once it is interactive.
  await expect(page.getByRole("status").filter({ hasText: "All changes saved." })).toBeVisible();
}

async function save(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Privacy settings saved. They apply from your next request.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "All changes saved." })).toBeVisible();
}

/** A fresh account that lands on the privacy page. */
async function signUpToPrivacy(page: Page, label: string) {
  const credentials = await signUp(page, { label, callbackUrl: "/settings/privacy" });
  await openPrivacy(page);
  return credentials;
}

async function newKey(page: Page): Promise<string> {
  await page.goto("/settings/keys");
  return createKey(page, `privacy e2e ${randomBytes(2).toString("hex")}`);
}

function chat(request: APIRequestContext, key: string, content: string) {
  return request.post("/api/v1/chat/completions", {
    headers: { Authorization: `Bearer ${key}` },
    data: { model: "e2e/echo", messages: [{ role: "user", content }] },
  });
}

function blockedProvider(page: Page, name: string): Locator {
  return page
    .getByRole("region", { name: "Live preview" })
    .getByRole("list", { name: "Blocked providers" })
    .locator(":scope > li")
    .filter({ has: page.getByText(name, { exact: true }) });
}

test.describe("privacy settings", () => {
  // Each test signs up (a deliberately slow password hash) and saves several times.
  test.describe.configure({ timeout: 60_000 });

  test("starts private, saves every kind of setting with a toast, and shows them saved after a reload", async ({
    page,
  }) => {
    await signUpToPrivacy(page, "privacy-save");
    for (const name of ["logging", "paid", "free", "zdr"] as const)
      await expect(setting(page, name)).toHaveAttribute("aria-checked", "false");
    await expect(page.getByLabel("Content retention")).toHaveValue("30");
    await expect(page.getByLabel("Metadata retention")).toHaveValue("365");
    await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
    // Each switch says what it does in one sentence.
    await expect(setting(page, "logging")).toHaveAccessibleDescription(
      /Store my prompts and completions.*off by default/,
    );

    await setting(page, "zdr").click();
    await page.getByText(SWITCH.free, { exact: true }).click(); // the label toggles its switch too
    await expect(setting(page, "zdr")).toHaveAttribute("aria-checked", "true");
    await expect(setting(page, "free")).toHaveAttribute("aria-checked", "true");
    await page.getByPlaceholder("Find a provider to ignore").fill("retain");
    await expect(page.getByRole("checkbox", { name: "E2E Trains" })).toHaveCount(0);
    await page.getByRole("checkbox", { name: "E2E Retain" }).check();
    await expect(page.getByRole("button", { name: "Stop ignoring E2E Retain" })).toBeVisible();
    await page.getByLabel("Content retention").fill("7");
    await page.getByLabel("Metadata retention").fill("90");
    await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toContainText("5 settings changed");

    await save(page);

    await page.reload();
    await expect(setting(page, "zdr")).toHaveAttribute("aria-checked", "true");
    await expect(setting(page, "free")).toHaveAttribute("aria-checked", "true");
    await expect(setting(page, "paid")).toHaveAttribute("aria-checked", "false");
    await expect(setting(page, "logging")).toHaveAttribute("aria-checked", "false");
    await expect(page.getByLabel("Content retention")).toHaveValue("7");
    await expect(page.getByLabel("Metadata retention")).toHaveValue("90");
    await expect(page.getByRole("list", { name: "Providers you ignore" }).getByRole("listitem")).toHaveText([
      "E2E Retain",
    ]);

    // Removing the chip and saving clears the list again.
    await page.getByRole("button", { name: "Stop ignoring E2E Retain" }).click();
    await expect(page.getByText("You ignore no provider.")).toBeVisible();
    await save(page);
    await page.reload();
    await expect(page.getByText("You ignore no provider.")).toBeVisible();
  });

  test("a saved setting decides routing for the very next API request", async ({ page, request }) => {
    await signUpToPrivacy(page, "privacy-routing");
    const key = await newKey(page);

    // Training is off by default: the cheapest provider that does not train serves it.
    const before = await chat(request, key, "hello before");
    expect(before.status()).toBe(200);
    expect(before.headers()["x-privet-provider"]).toBe("e2e-retain");

    await openPrivacy(page);
    await setting(page, "zdr").click();
    await save(page);

    const after = await chat(request, key, "hello after");
    expect(after.status()).toBe(200);
    expect(after.headers()["x-privet-provider"]).toBe("e2e-zdr");
    expect(after.headers()["x-privet-data-policy"]).toContain("zdr=yes");
  });

  test("the preview explains why a provider is blocked and follows the switches before saving", async ({
    page,
    context,
  }) => {
    await signUpToPrivacy(page, "privacy-preview");
    const preview = page.getByRole("region", { name: "Live preview" });
    await expect(preview.getByText("Saved settings")).toBeVisible();

    const trains = blockedProvider(page, "E2E Trains");
    await expect(trains).toContainText("Blocked");
    await expect(trains).toContainText("Paid models: blocked — may train on prompts; paid-model training is off");
    await expect(trains).toContainText("Free models: blocked — may train on prompts; free-model training is off");
    await expect(blockedProvider(page, "E2E Unknown")).toContainText("training policy unknown (treated as may train)");
    await expect(preview.getByText("Paid models", { exact: true }).locator("..")).toContainText(
      "3 of 5 providers · 2 of 2 models",
    );
    await expect(preview.getByText("Free models", { exact: true }).locator("..")).toContainText(
      "0 of 2 providers · 0 of 1 model",
    );

    await setting(page, "paid").click();
    await expect(preview.getByText("Unsaved changes")).toBeVisible();
    await expect(trains).toContainText("Partly blocked");
    await expect(trains).toContainText("Paid models: allowed");
    await expect(trains).toContainText("Free models: blocked — may train on prompts; free-model training is off");
    await expect(preview.getByText("Paid models", { exact: true }).locator("..")).toContainText("5 of 5 providers");

    await setting(page, "zdr").click();
    await expect(blockedProvider(page, "E2E Retain")).toContainText(
      "Paid models: blocked — not a zero-data-retention endpoint; ZDR is required by the account settings",
    );
    await expect(preview.getByRole("list", { name: "Allowed providers" }).getByRole("listitem")).toHaveText([
      "E2E ZDR",
    ]);

    // Nothing was saved: the same account in another tab still has the saved settings.
    const other = await context.newPage();
    await openPrivacy(other);
    await expect(setting(other, "paid")).toHaveAttribute("aria-checked", "false");
    await expect(setting(other, "zdr")).toHaveAttribute("aria-checked", "false");
    await other.close();

    await page.getByRole("button", { name: "Discard" }).click();
    await expect(preview.getByText("Saved settings")).toBeVisible();
    await expect(trains).toContainText("Paid models: blocked — may train on prompts; paid-model training is off");
  });

  test("allowed data regions and a maximum retention drive the preview, are validated, and route the next request", async ({
    page,
    request,
  }) => {
    await signUpToPrivacy(page, "privacy-regions");
    const key = await newKey(page);
    await openPrivacy(page);
    const preview = page.getByRole("region", { name: "Live preview" });
    const allowed = preview.getByRole("list", { name: "Allowed providers" }).getByRole("listitem");
    const regions = page.getByLabel("Allowed data regions", { exact: true });
    const maxRetention = page.getByLabel("Maximum retention", { exact: true });

    // The e2e catalog states no provider's regions: under any list, every provider is outside.
    await regions.fill("eu");
    await expect(blockedProvider(page, "E2E ZDR")).toContainText("data region unknown (treated as outside EU)");
    await expect(allowed).toHaveCount(0);
    await regions.fill("");

    // E2E Retain and E2E Messages keep prompts 30 days; E2E ZDR keeps nothing.
    await maxRetention.fill("7");
    await expect(blockedProvider(page, "E2E Retain")).toContainText(
      "retains prompts for 30 days; the maximum retention is 7 days",
    );
    await expect(allowed).toHaveText(["E2E ZDR"]);

    await regions.fill("EU, Europe");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(regions).toHaveAttribute("aria-invalid", "true");
    await expect(regions).toHaveAccessibleDescription("Data regions are two-letter country codes (DE, US) or EU.");
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved." })).toBeVisible();

    await regions.fill("");
    await save(page);
    await expect(maxRetention).toHaveValue("7");
    const res = await chat(request, key, "hello kept short");
    expect(res.status()).toBe(200);
    expect(res.headers()["x-privet-provider"]).toBe("e2e-zdr");
  });

  test("a maximum policy age drives the preview, is validated, and routes the next request", async ({
    page,
    request,
  }) => {
    await signUpToPrivacy(page, "privacy-policy-age");
    const key = await newKey(page);
    await openPrivacy(page);
    const preview = page.getByRole("region", { name: "Live preview" });
    const allowed = preview.getByRole("list", { name: "Allowed providers" }).getByRole("listitem");
    const maxAge = page.getByLabel("Maximum policy age", { exact: true });

    // The e2e catalog's policies were checked on 2026-06-16: a day's maximum makes every one unknown.
    await maxAge.fill("1");
    await expect(blockedProvider(page, "E2E ZDR")).toContainText(
      "last checked 2026-06-16, more than 1 day ago, so it is treated as unknown",
    );
    await expect(allowed).toHaveCount(0);
    // Ten years keeps them.
    await maxAge.fill("3650");
    await expect(allowed).not.toHaveCount(0);

    await maxAge.fill("0");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(maxAge).toHaveAttribute("aria-invalid", "true");
    await expect(maxAge).toHaveAccessibleDescription("Use 1 day or more.");

    await maxAge.fill("1");
    await save(page);
    await expect(maxAge).toHaveValue("1");
    const res = await chat(request, key, "hello from an account that trusts no old policy");
    expect(res.status()).toBe(404);
  });

  test("an invalid retention gets a field error and changes nothing", async ({ page, context }) => {
    await signUpToPrivacy(page, "privacy-invalid");
    const retention = page.getByLabel("Content retention");

    await setting(page, "zdr").click();
    await retention.fill("0");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(retention).toHaveAttribute("aria-invalid", "true");
    await expect(retention).toHaveAccessibleDescription("Keep content at least 1 day.");
    await expect(retention).toBeFocused();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved." })).toBeVisible();

    await retention.fill("400");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(retention).toHaveAccessibleDescription("Keep content at most 365 days.");

    await retention.fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(retention).toHaveAccessibleDescription("Enter a number of days.");
    await expect(page.getByText("Privacy settings saved.")).toHaveCount(0);

    // Neither the retention nor the switch saved with it was changed.
    const other = await context.newPage();
    await openPrivacy(other);
    await expect(other.getByLabel("Content retention")).toHaveValue("30");
    await expect(setting(other, "zdr")).toHaveAttribute("aria-checked", "false");
    await other.close();

    // Fixing the value saves both.
    await retention.fill("14");
    await save(page);
    await expect(retention).not.toHaveAttribute("aria-invalid", "true");
  });

  test("turning logging off offers to delete what was logged, and deleting removes it", async ({ page, request }) => {
    await signUpToPrivacy(page, "privacy-delete");
    const key = await newKey(page);
    await openPrivacy(page);
    await setting(page, "logging").click();
    await save(page);

    const response = await chat(request, key, "remember this for me");
    expect(response.status()).toBe(200);
    expect(response.headers()["x-privet-content-stored"]).toBe("yes");
    const id = response.headers()["x-privet-generation-id"]!;
    const auth = { Authorization: `Bearer ${key}` };
    const stored = await request.get(`/api/v1/generation/content?id=${encodeURIComponent(id)}`, { headers: auth });
    expect(stored.status()).toBe(200);

    await page.reload();
    await setting(page, "logging").click();
    await save(page);
    const dialog = page.getByRole("dialog", { name: "Delete the 1 logged item too?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete 1 logged item" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Deleted 1 logged item.")).toBeVisible();

    const gone = await request.get(`/api/v1/generation/content?id=${encodeURIComponent(id)}`, { headers: auth });
    expect(gone.status()).toBe(404);
    // The metadata record stays, now saying it holds no content.
    const meta = await request.get(`/api/v1/generation?id=${encodeURIComponent(id)}`, { headers: auth });
    expect(meta.status()).toBe(200);
    expect((await meta.json()).data.content_stored).toBe(false);
    // And with logging off, the next request stores nothing.
    const next = await chat(request, key, "not this one");
    expect(next.headers()["x-privet-content-stored"]).toBe("no");
  });

  test("keeping logged content leaves a way to delete it later", async ({ page, request }) => {
    await signUpToPrivacy(page, "privacy-keep");
    const key = await newKey(page);
    await openPrivacy(page);
    await setting(page, "logging").click();
    await save(page);
    for (const content of ["first", "second"]) expect((await chat(request, key, content)).status()).toBe(200);

    await page.reload();
    await setting(page, "logging").click();
    await save(page);
    const dialog = page.getByRole("dialog", { name: "Delete the 2 logged items too?" });
    await dialog.getByRole("button", { name: "Keep them" }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    await expect(page.getByText("2 items logged earlier are still stored")).toBeVisible();
    await page.getByRole("button", { name: "Delete them now" }).click();
    await page
      .getByRole("dialog", { name: "Delete the 2 logged items too?" })
      .getByRole("button", { name: "Delete 2 logged items" })
      .click();
    await expect(page.getByText("Deleted 2 logged items.")).toBeVisible();
    await expect(page.getByText("logged earlier are still stored")).toHaveCount(0);
  });

  test("another account sees none of the first account's settings", async ({ page, browser }) => {
    const first = await signUpToPrivacy(page, "privacy-owner");
    await setting(page, "zdr").click();
    await setting(page, "logging").click();
    await page.getByPlaceholder("Find a provider to ignore").fill("E2E Messages");
    await page.getByRole("checkbox", { name: "E2E Messages" }).check();
    await page.getByLabel("Content retention").fill("3");
    await save(page);

    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    try {
      await signUpToPrivacy(other, "privacy-other");
      for (const name of ["logging", "paid", "free", "zdr"] as const)
        await expect(setting(other, name)).toHaveAttribute("aria-checked", "false");
      await expect(other.getByText("You ignore no provider.")).toBeVisible();
      await expect(other.getByLabel("Content retention")).toHaveValue("30");
      expect(await other.content()).not.toContain(first.email);

      // The second account saving its own settings leaves the first one's alone.
      await setting(other, "paid").click();
      await save(other);
    } finally {
      await otherContext.close();
    }
    await page.reload();
    await expect(setting(page, "zdr")).toHaveAttribute("aria-checked", "true");
    await expect(setting(page, "paid")).toHaveAttribute("aria-checked", "false");
    await expect(page.getByRole("list", { name: "Providers you ignore" }).getByRole("listitem")).toHaveText([
      "E2E Messages",
    ]);
  });
});
