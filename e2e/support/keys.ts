// API key helpers for browser tests.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const KEY_PATTERN = /^sk-pv-[A-Za-z0-9_-]{43}$/;
export const VISIBLE_PREFIX_LENGTH = 14;

/** Creates a key on /settings/keys and returns the plaintext from the one-time panel. */
export async function createKey(page: Page, name: string): Promise<string> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  // Wait for this key's panel: the previous key's panel may still be on screen.
  await expect(page.getByRole("heading", { name: `Your new key “${name}”` })).toBeVisible();
  const field = page.getByLabel("Your new API key");
  const key = await field.inputValue();
  expect(key).toMatch(KEY_PATTERN);
  return key;
}

/** The table row of the key with this name. */
export function keyRow(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

export async function revokeKey(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(keyRow(page, name).getByText("Revoked", { exact: true })).toBeVisible();
}

export function getKeyInfo(request: APIRequestContext, key: string) {
  return request.get("/api/v1/key", { headers: { Authorization: `Bearer ${key}` } });
}
