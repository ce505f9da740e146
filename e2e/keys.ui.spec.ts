// API keys in a real browser: shown once, copyable, usable against /api/v1, revocable, and
// invisible and untouchable for every other account.
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey, getKeyInfo, keyRow, revokeKey, VISIBLE_PREFIX_LENGTH } from "./support/keys";

const uniqueName = (label: string) => `${label} ${randomBytes(2).toString("hex")}`;

test.describe("API keys", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("a new key is shown once, copies, authenticates, and stops working when revoked", async ({
    page,
    request,
    baseURL,
  }) => {
    await signUp(page, { label: "keys" });
    await page.goto("/settings/keys");

    // Empty state explains keys with a curl example for this install.
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
    await expect(page.getByText(`curl ${baseURL}/api/v1/chat/completions`)).toBeVisible();

    const name = uniqueName("CI runner");
    const key = await createKey(page, name);
    const prefix = key.slice(0, VISIBLE_PREFIX_LENGTH);
    await expect(page.getByText("it will not be shown again")).toBeVisible();
    await expect(page.getByRole("heading", { name: `Your new key “${name}”` })).toBeFocused();

    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const row = keyRow(page, name);
    await expect(row).toContainText(`${prefix}…`);
    await expect(row).toContainText("Never");
    await expect(row).toContainText("Active");

    const info = await getKeyInfo(request, key);
    expect(info.status()).toBe(200);
    const body = await info.json();
    // OpenRouter's key object (its label is the prefix), with the key's name; never the secret part.
    expect(body).toMatchObject({ data: { label: prefix, name, prefix, created_at: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain(key.slice(VISIBLE_PREFIX_LENGTH));
    expect(Number.isNaN(Date.parse(body.data.created_at))).toBe(false);

    // After a reload the key is gone for good: only its prefix remains.
    await page.reload();
    await expect(page.getByLabel("Your new API key")).toHaveCount(0);
    await expect(keyRow(page, name)).toContainText(`${prefix}…`);
    const html = await page.content();
    expect(html).not.toContain(key);
    expect(html).not.toContain(key.slice(VISIBLE_PREFIX_LENGTH));

    // The API call is recorded as the key's last use (written off the request path).
    await expect(async () => {
      await page.reload();
      await expect(keyRow(page, name)).not.toContainText("Never", { timeout: 500 });
    }).toPass({ timeout: 10_000 });

    await revokeKey(page, name);
    await expect(page.getByText(`Revoked “${name}”`)).toBeVisible();
    await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

    const refused = await getKeyInfo(request, key);
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 401, message: expect.any(String) } });
  });

  test("guardrails set on the create form and edited later are what the API enforces and reports", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "guardrails" });
    await page.goto("/settings/keys");
    const name = uniqueName("Budgeted");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByText("Guardrails (optional)").click();
    const form = page.locator("form").filter({ has: page.getByLabel("Spending limit (USD)") });

    // A limit that is not a number is refused beside its field, and no key is made.
    await form.getByLabel("Spending limit (USD)").fill("five");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(form.getByText("Give the limit in US dollars, e.g. 5 or 12.50.")).toBeVisible();
    await expect(form.getByLabel("Spending limit (USD)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

    await form.getByLabel("Spending limit (USD)").fill("5");
    await form.getByLabel("Limit resets").selectOption("daily");
    await form.getByLabel("Allowed models").fill("e2e/echo");
    await form.getByLabel("Expires on").fill("2099-06-30");
    await form.getByLabel("Requests per minute").fill("30");
    await form.getByLabel("Zero-data-retention providers only").check();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByRole("heading", { name: `Your new key “${name}”` })).toBeVisible();
    const key = await page.getByLabel("Your new API key").inputValue();

    const info = (await (await getKeyInfo(request, key)).json()) as { data: Record<string, unknown> };
    expect(info.data).toMatchObject({
      limit: 5,
      limit_remaining: 5,
      limit_reset: "daily",
      expires_at: "2099-06-30T00:00:00.000Z",
      allowed_models: ["e2e/echo"],
      require_zdr: true,
      rate_limit: { requests: 30 },
    });
    await expect(keyRow(page, name)).toContainText("$5.00 a day · e2e/echo · ZDR only · 30/min · expires 30 Jun 2099");

    // Edited: a model the catalog does not know is refused in the dialog; a zero limit is saved and enforced.
    await page.getByRole("button", { name: `Edit guardrails of ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Guardrails of “${name}”` });
    await expect(dialog.getByLabel("Spending limit (USD)")).toHaveValue("5");
    await dialog.getByLabel("Allowed models").fill("e2e/echo, no/such-model");
    await dialog.getByRole("button", { name: "Save guardrails" }).click();
    await expect(dialog.getByText("Unknown model: no/such-model.")).toBeVisible();
    await dialog.getByLabel("Allowed models").fill("e2e/echo");
    await dialog.getByLabel("Spending limit (USD)").fill("0");
    await dialog.getByRole("button", { name: "Save guardrails" }).click();
    await expect(dialog).toBeHidden();
    await expect(keyRow(page, name)).toContainText("$0 a day");
    const refused = await request.post("/api/v1/chat/completions", {
      headers: { Authorization: `Bearer ${key}` },
      data: { model: "e2e/echo", messages: [{ role: "user", content: "hello" }] },
    });
    expect(refused.status()).toBe(402);
    expect((await refused.json()).error.metadata.code).toBe("key_limit_exceeded");

    // Turned off from the same dialog: 401 at once; turned on again, it answers.
    await page.getByRole("button", { name: `Edit guardrails of ${name}` }).click();
    await dialog.getByLabel("Turned off").check();
    await dialog.getByRole("button", { name: "Save guardrails" }).click();
    await expect(dialog).toBeHidden();
    await expect(keyRow(page, name).getByText("Disabled", { exact: true })).toBeVisible();
    expect((await getKeyInfo(request, key)).status()).toBe(401);
    await page.getByRole("button", { name: `Edit guardrails of ${name}` }).click();
    await dialog.getByLabel("Turned off").uncheck();
    await dialog.getByRole("button", { name: "Save guardrails" }).click();
    await expect(dialog).toBeHidden();
    await expect(keyRow(page, name).getByText("Active", { exact: true })).toBeVisible();
    expect((await getKeyInfo(request, key)).status()).toBe(200);
  });

  test("revoking asks first, and cancelling keeps the key", async ({ page, request }) => {
    await signUp(page, { label: "cancel" });
    await page.goto("/settings/keys");
    const name = uniqueName("Keep me");
    const key = await createKey(page, name);

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await expect(keyRow(page, name)).toContainText("Active");
    expect((await getKeyInfo(request, key)).status()).toBe(200);
  });

  test("a key needs a name", async ({ page }) => {
    await signUp(page, { label: "noname" });
    await page.goto("/settings/keys");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Give the key a name.");
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  });

  test("a form sent after the session ended says so instead of failing", async ({ page }) => {
    await signUp(page, { label: "expired" });
    await page.goto("/settings/keys");
    await page.context().clearCookies();
    await page.getByLabel("Name", { exact: true }).fill("Too late");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Your session has ended. Sign in again to continue." }),
    ).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fkeys$/);
  });

  test("another account sees none of the keys and cannot revoke them", async ({ page, browser, request }) => {
    await signUp(page, { label: "victim" });
    await page.goto("/settings/keys");
    const victimName = uniqueName("Victim key");
    const victimKey = await createKey(page, victimName);
    const victimKeyId = await keyRow(page, victimName).locator('input[name="keyId"]').inputValue();
    expect(victimKeyId).not.toBe("");

    const attackerContext = await browser.newContext();
    try {
      const attacker = await attackerContext.newPage();
      await signUp(attacker, { label: "attacker" });
      await attacker.goto("/settings/keys");
      await expect(attacker.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
      const emptyHtml = await attacker.content();
      for (const secret of [victimName, victimKeyId, victimKey.slice(0, VISIBLE_PREFIX_LENGTH)])
        expect(emptyHtml).not.toContain(secret);

      // The attacker points their own revoke form at the victim's key id.
      const attackerName = uniqueName("Attacker key");
      const attackerKey = await createKey(attacker, attackerName);
      await attacker.getByRole("button", { name: `Revoke ${attackerName}` }).click();
      const dialog = attacker.getByRole("dialog", { name: `Revoke “${attackerName}”?` });
      await dialog
        .locator('input[name="keyId"]')
        .evaluate((input, id) => ((input as HTMLInputElement).value = id), victimKeyId);
      await dialog.getByRole("button", { name: "Revoke key" }).click();
      await expect(dialog.getByRole("alert")).toHaveText("API key not found.");
      await dialog.getByRole("button", { name: "Cancel" }).click();

      // Nothing changed for either account.
      expect((await getKeyInfo(request, victimKey)).status()).toBe(200);
      expect((await getKeyInfo(request, attackerKey)).status()).toBe(200);
      await attacker.reload();
      await expect(keyRow(attacker, attackerName)).toContainText("Active");
      await expect(attacker.getByRole("rowheader")).toHaveCount(1);
      await page.reload();
      await expect(keyRow(page, victimName)).toContainText("Active");
    } finally {
      await attackerContext.close();
    }
  });

  test("screenshot of the keys page for the README", async ({ page, request }) => {
    // A tool, not a check: it rewrites a committed file, so it runs only through `npm run screenshots`.
    test.skip(process.env.PRIVET_SCREENSHOTS !== "1", "run with npm run screenshots");
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: "light" });
    await signUp(page, { label: "ada" });
    await page.goto("/settings/keys");
    await createKey(page, "Old staging server");
    await revokeKey(page, "Old staging server");
    await createKey(page, "CI pipeline");
    const laptopKey = await createKey(page, "Laptop scripts");
    expect((await getKeyInfo(request, laptopKey)).status()).toBe(200);
    await expect(async () => {
      await page.reload();
      await expect(keyRow(page, "Laptop scripts")).not.toContainText("Never", { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await page.mouse.move(0, 0);
    const file = path.join(test.info().project.testDir, "..", "public", "screenshots", "keys.png");
    await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  });
});
