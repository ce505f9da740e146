// Ending sessions (issue 14, item 13): a password change signs out every other browser, "Sign out
// everywhere" signs out every browser, and the operator's `privet user set-password` ends every
// session — each checked with a second, real browser context holding a session signed in before.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { hasSessionCookie, PASSWORD, signIn, signUp, type TCredentials } from "./support/accounts";
import { privetCli } from "./support/activity";

/** A second browser (its own cookies) signed in to the account. */
async function otherBrowser(
  browser: Browser,
  credentials: TCredentials,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, credentials, { callbackUrl: "/settings/account" });
  return { context, page };
}

/** The page sends a signed-out browser to sign in; a signed-in one sees its settings. */
async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Faccount$/);
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user).toBeUndefined();
}

async function expectSignedIn(page: Page, email: string): Promise<void> {
  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { name: "Password and sessions" })).toBeVisible();
  await expect(page.getByText(email, { exact: true }).first()).toBeAttached();
}

test("changing the password signs out every other browser; this one stays signed in, and the new password works", async ({
  page,
  browser,
}) => {
  const credentials = await signUp(page, { label: "chpw" });
  const other = await otherBrowser(browser, credentials);
  try {
    await expectSignedIn(other.page, credentials.email);
    await page.goto("/settings/account");

    // A wrong current password changes nothing.
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("Current password")).toHaveAccessibleDescription("That password is not right.");
    await expectSignedIn(other.page, credentials.email);

    await page.goto("/settings/account");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Every other session was signed out.")).toBeVisible();

    await expectSignedOut(other.page);
    await expectSignedIn(page, credentials.email);
    // The old password no longer signs in; the new one does.
    const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      const freshPage = await fresh.newPage();
      await freshPage.goto("/sign-in");
      await freshPage.getByLabel("Email").fill(credentials.email);
      await freshPage.getByLabel("Password").fill(PASSWORD);
      await freshPage.getByLabel("Password").press("Enter");
      await expect(freshPage.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
      await signIn(freshPage, { email: credentials.email, password: "a brand new password" });
    } finally {
      await fresh.close();
    }
  } finally {
    await other.context.close();
  }
});

test("Sign out everywhere ends every session, this browser's too", async ({ page, browser }) => {
  const credentials = await signUp(page, { label: "everywhere" });
  const other = await otherBrowser(browser, credentials);
  try {
    await page.goto("/settings/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(await hasSessionCookie(page)).toBe(false);
    await expectSignedOut(other.page);
    // The old cookie, kept by the other browser, opens nothing: not a page, not a server action's data.
    expect(await hasSessionCookie(other.page)).toBe(true);
    const exported = await other.page.request.get("/api/export/account", { maxRedirects: 0 });
    expect(exported.status()).not.toBe(200);
    // Signing in again works.
    await signIn(page, credentials);
  } finally {
    await other.context.close();
  }
});

test("privet user set-password ends every session; the old password stops working and the new one signs in", async ({
  page,
}) => {
  const credentials = await signUp(page, { label: "setpw" });
  await expectSignedIn(page, credentials.email);
  // The password comes on stdin, never on the command line.
  const output = privetCli(["user", "set-password", "--email", credentials.email], "set by the operator\n");
  expect(output).toBe(`set a new password for ${credentials.email}; every session signed in before has ended`);
  expect(output).not.toContain("set by the operator");
  await expectSignedOut(page);
  await signIn(page, { email: credentials.email, password: "set by the operator" });
  await expectSignedIn(page, credentials.email);
});
