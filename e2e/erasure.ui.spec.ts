// Chat history is kept in the browser only (IndexedDB), so deleting on the server cannot reach it
// (issue 14, item 10): deleting the account clears this browser's copy, and signing out offers
// "Also clear this browser's chats" (a labelled checkbox, used here by keyboard). What the browser
// holds is read straight from IndexedDB.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "./support/accounts";

// Each test signs up an account (password hashing is deliberately slow) on a shared machine.
test.describe.configure({ timeout: 60_000 });

/** How many conversations this browser's Privet chat databases hold, over all of them. */
async function storedConversations(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    let total = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith("privet-chat:")) continue;
      const db = await request(indexedDB.open(name));
      if (db.objectStoreNames.contains("conversations"))
        total += await request(db.transaction("conversations").objectStore("conversations").count());
      db.close();
    }
    return total;
  });
}

/** Signs up and has one chat, saved in this browser. */
async function accountWithAChat(page: Page, label: string): Promise<void> {
  await signUp(page, { label });
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`remember ${label}${randomBytes(4).toString("hex")}`);
  await box.press("Enter");
  await expect(page.getByRole("article", { name: "Reply" }).last()).toHaveAttribute("data-status", "complete");
  await expect.poll(() => storedConversations(page)).toBe(1);
}

test("signing out keeps this browser's chats unless asked to clear them", async ({ page }) => {
  await accountWithAChat(page, "erase-keep");
  await page.goto("/sign-out");
  const clear = page.getByRole("checkbox", { name: "Also clear this browser's chats" });
  await expect(clear).not.toBeChecked();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(await storedConversations(page)).toBe(1);
});

test("signing out with “Also clear this browser's chats” leaves no conversation in IndexedDB", async ({ page }) => {
  await accountWithAChat(page, "erase-signout");
  // From the account menu; the option by keyboard.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-out");
  const clear = page.getByRole("checkbox", { name: "Also clear this browser's chats" });
  await expect(clear).toHaveAccessibleDescription(/kept in this browser only/);
  await clear.focus();
  await page.keyboard.press("Space");
  await expect(clear).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Clear chats and sign out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/");
  expect(await storedConversations(page)).toBe(0);
});

test("deleting the account leaves no conversation in this browser's IndexedDB", async ({ page }) => {
  await accountWithAChat(page, "erase-account");
  await page.goto("/settings/account");
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await expect(async () => {
    await page.getByRole("button", { name: "Delete account…" }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await dialog.getByLabel("Your password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(await storedConversations(page)).toBe(0);
});
