// Sign-up, sign-in and sign-out in a real browser, including every way they should fail.
import { expect, test } from "@playwright/test";
import {
  fillSignUp,
  hasSessionCookie,
  PASSWORD,
  signIn,
  signOut,
  signUp,
  submitSignIn,
  uniqueEmail,
} from "./support/accounts";

test.describe("sign-up", () => {
  test("creates the account and lands signed in on the chat page", async ({ page }) => {
    const { email } = await signUp(page, { label: "signup" });
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
    expect(await hasSessionCookie(page)).toBe(true);
    await page.getByRole("button", { name: "Account menu" }).click();
    await expect(page.getByText(email, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "API keys" })).toBeVisible();
  });

  test("an email that already has an account: no takeover, and an answer that does not say whether it exists", async ({
    page,
  }) => {
    const { email } = await signUp(page, { label: "taken" });
    await page.context().clearCookies();
    await page.goto("/sign-up");
    await fillSignUp(page, { email: email.toUpperCase(), password: "another password" });
    await expect(
      page.getByText("Could not sign you in. If this email already has an account, sign in with its password."),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);
    expect(await hasSessionCookie(page)).toBe(false);
    // The owner's password still opens the account.
    await signIn(page, { email, password: PASSWORD });
  });

  test("refuses an invalid email", async ({ page }) => {
    await page.goto("/sign-up");
    await fillSignUp(page, { email: "not-an-email", password: PASSWORD });
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address." })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);
    expect(await hasSessionCookie(page)).toBe(false);
  });

  test("refuses a password under 8 characters", async ({ page }) => {
    await page.goto("/sign-up");
    const email = uniqueEmail("short");
    await fillSignUp(page, { email, password: "seven77" });
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription(
      "Use at least 8 characters for your password.",
    );
    await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);
    expect(await hasSessionCookie(page)).toBe(false);
    // Nothing was created: the same email can still sign up.
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/chat");
  });
});

test.describe("sign-in and sign-out", () => {
  test("signs out after confirming, then signs back in", async ({ page }) => {
    const credentials = await signUp(page, { label: "inout" });
    await signOut(page);
    expect(await hasSessionCookie(page)).toBe(false);
    await expect(page.getByRole("button", { name: "Account menu" })).toHaveCount(0);
    await signIn(page, credentials);
    await expect(page.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
    expect(await hasSessionCookie(page)).toBe(true);
  });

  test("gives one generic message for a wrong password and for an unknown email", async ({ page }) => {
    const credentials = await signUp(page, { label: "wrongpw" });
    await page.context().clearCookies();
    await page.goto("/sign-in");
    await submitSignIn(page, { email: credentials.email, password: "not the password" });
    const alert = page.getByRole("alert").filter({ hasText: "Wrong email or password." });
    await expect(alert).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.goto("/sign-in");
    await submitSignIn(page, { email: uniqueEmail("nobody"), password: PASSWORD });
    await expect(alert).toBeVisible();
    expect(await hasSessionCookie(page)).toBe(false);
  });

  test("a protected page sends you to sign in, then back to it", async ({ page }) => {
    const credentials = await signUp(page, { label: "callback" });
    await page.context().clearCookies();
    await page.goto("/settings/keys");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fkeys$/);
    await submitSignIn(page, credentials);
    await page.waitForURL((url) => url.pathname === "/settings/keys");
    await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  });

  test("never redirects off the site after signing in", async ({ page }) => {
    const credentials = await signUp(page, { label: "openredirect" });
    await page.context().clearCookies();
    for (const target of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
      await submitSignIn(page, credentials);
      await page.waitForURL((url) => url.pathname === "/chat");
      expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
      await page.context().clearCookies();
    }
  });

  test("a forged server-action header opens no protected page", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "next-action": "0123456789abcdef" });
    await page.goto("/settings/keys");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fkeys$/);
  });

  test("signed-out visitors can open the public pages", async ({ page }) => {
    for (const path of ["/", "/docs", "/sign-in", "/sign-up"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}$`));
    }
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  });
});
