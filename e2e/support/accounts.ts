// Account helpers for browser tests: every test signs up its own fresh account, so tests never
// share state and can run in parallel.
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export type TCredentials = { email: string; password: string };

export function uniqueEmail(label = "user"): string {
  return `${label}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}@example.com`;
}

function withCallback(path: string, callbackUrl?: string): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}

export async function fillSignUp(page: Page, { email, password }: TCredentials): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs up a new account through the UI and waits until it lands signed in. */
export async function signUp(
  page: Page,
  options: { label?: string; callbackUrl?: string } = {},
): Promise<TCredentials> {
  const credentials = { email: uniqueEmail(options.label), password: PASSWORD };
  await page.goto(withCallback("/sign-up", options.callbackUrl));
  await fillSignUp(page, credentials);
  const landing = options.callbackUrl ?? "/chat";
  await page.waitForURL((url) => url.pathname === landing);
  // The account menu exists on every width (hidden in the phone layout), so look past visibility.
  await expect(page.getByRole("button", { name: "Account menu", includeHidden: true })).toBeAttached();
  return credentials;
}

/** Fills the sign-in form and submits it with Enter (which the form must support). */
export async function submitSignIn(page: Page, { email, password }: TCredentials): Promise<void> {
  await page.getByLabel("Email").fill(email);
  const passwordField = page.getByLabel("Password");
  await passwordField.fill(password);
  await passwordField.press("Enter");
}

export async function signIn(
  page: Page,
  credentials: TCredentials,
  options: { callbackUrl?: string } = {},
): Promise<void> {
  await page.goto(withCallback("/sign-in", options.callbackUrl));
  await submitSignIn(page, credentials);
  const landing = options.callbackUrl ?? "/chat";
  await page.waitForURL((url) => url.pathname === landing);
}

export async function signOut(page: Page): Promise<void> {
  await page.goto("/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeAttached();
}

export async function hasSessionCookie(page: Page): Promise<boolean> {
  const cookies = await page.context().cookies();
  return cookies.some((cookie) => cookie.name.endsWith("next-auth.session-token"));
}
