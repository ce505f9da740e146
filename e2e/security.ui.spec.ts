// The Content-Security-Policy in a real browser (issue 8): every public and signed-in page loads,
// hydrates and works — sign-up, a streamed chat reply, the theme toggle — with no violation
// reported, neither as a `securitypolicyviolation` event nor as a console message. Plus what the
// headers are for: no site can frame Privet, and page scripts cannot read the session cookie.
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";

test.describe.configure({ timeout: 90_000 });

/** Collects CSP violations from the moment the page starts, in every document it loads. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      fromConsole.push(`console ${message.type()}: ${message.text()}`);
  });
  // Injected by the browser driver before any page script runs (a page's CSP does not apply to it).
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.cspViolations.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
}

/**
 * Loads a page and checks it ran under the policy: the response carries the nonce policy, the
 * theme script ran before hydration (it sets the class on <html>), React hydrated (the theme
 * toggle answers), and nothing was blocked.
 */
async function visit(
  page: Page,
  path: string,
  violations: () => Promise<string[]>,
  expectedStatus = 200,
): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(expectedStatus);
  const policy = (await response!.allHeaders())["content-security-policy"] ?? "";
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy, path).toContain("frame-ancestors 'none'");
  await page.waitForLoadState("networkidle");
  await expect(page.locator("html"), path).toHaveClass(/\b(light|dark)\b/);
  // Hydrated: the client-side theme toggle works (it needs React running on the page).
  const html = page.locator("html");
  const wasDark = /\bdark\b/.test((await html.getAttribute("class")) ?? "");
  const toggle = page.getByRole("button", { name: wasDark ? "Light theme" : "Dark theme" }).first();
  if (await toggle.isVisible()) {
    await toggle.click();
    await expect(html, path).toHaveClass(wasDark ? /\blight\b/ : /\bdark\b/);
  }
  expect(await violations(), path).toEqual([]);
}

test("every public page loads and works with no Content-Security-Policy violation", async ({ page }) => {
  const violations = await watchPolicy(page);
  for (const path of [
    "/",
    "/sign-in",
    "/sign-up",
    "/docs",
    "/docs/api",
    "/models",
    "/models/e2e/echo",
    "/providers",
    "/providers/e2e-zdr",
  ]) {
    await visit(page, path, violations);
  }
});

test("signed in, every page loads and works with no violation, a chat reply streams in", async ({ page }) => {
  const violations = await watchPolicy(page);
  // Sign-up and the first sign-in run under the policy too (a server action, then next-auth).
  await signUp(page, { label: "csp" });
  expect(await violations()).toEqual([]);

  await visit(page, "/chat", violations);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("Hello under a strict policy");
  await box.press("Enter");
  const reply = page.getByRole("article", { name: "Reply" }).last();
  await expect(reply).toHaveAttribute("data-status", "complete");
  const receipt = reply.getByRole("region", { name: "Data-handling receipt" });
  const generationId = (await receipt.getByRole("link", { name: /^gen-/ }).textContent())!.trim();
  expect(await violations()).toEqual([]);

  for (const path of [
    "/activity",
    `/activity/${generationId}`,
    "/rankings",
    "/settings/privacy",
    "/settings/keys",
    "/settings/account",
    "/docs",
    "/sign-out",
  ]) {
    await visit(page, path, violations);
  }
  await visit(page, "/this-page-does-not-exist", violations, 404);
});

test("the same pages in the dark theme and at phone width report no violation either", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  const violations = await watchPolicy(page);
  for (const path of ["/", "/docs", "/sign-in"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  }
  expect(await violations()).toEqual([]);
});

test("no other site can frame a Privet page", async ({ page, baseURL }) => {
  // A page from another origin (about:blank) that tries to embed the sign-in page.
  await page.setContent(`<iframe id="embed" src="${baseURL}/sign-in" width="600" height="400"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  expect(frame).toBeTruthy();
  // The browser refused to render it: the frame holds an error page, not Privet's form.
  await expect(frame.locator("input[type=password]")).toHaveCount(0);
  expect(
    await frame
      .locator("body")
      .innerText()
      .catch(() => ""),
  ).not.toContain("Sign in");
});

test("page scripts cannot read the session cookie, which is HttpOnly and SameSite=Lax", async ({ page }) => {
  await signUp(page, { label: "cookie" });
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});
