// The site header: current-page marking, the theme toggle, the chat and the activity lined up with
// it on wide screens, and the phone menu by keyboard.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey } from "./support/keys";

test.describe("header on wide screens", () => {
  test("marks the current section and the current settings page", async ({ page }) => {
    await signUp(page, { label: "nav" });
    await page.goto("/settings/keys");
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(main.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await expect(main.getByRole("link", { name: "Chat" })).not.toHaveAttribute("aria-current", /.*/);
    await expect(
      page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }),
    ).toHaveAttribute("aria-current", "page");

    await main.getByRole("link", { name: "Rankings" }).click();
    await expect(page).toHaveURL(/\/rankings$/);
    await expect(main.getByRole("link", { name: "Rankings" })).toHaveAttribute("aria-current", "page");

    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/privacy$/);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
    await expect(page).toHaveURL(/\/settings\/keys$/);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Privacy" }).click();
    await expect(page).toHaveURL(/\/settings\/privacy$/);
  });

  test("the chat and the activity line up with the header's content, on a laptop and a wide screen", async ({
    page,
  }) => {
    /** The left and right edges of the header's content: the wordmark's left, the account menu's right. */
    const headerEdges = async (p: Page) => {
      const left = (await p.getByRole("banner").getByRole("link").first().boundingBox())!.x;
      const menu = (await p.getByRole("button", { name: "Account menu" }).boundingBox())!;
      return { left, right: menu.x + menu.width };
    };
    const edgesOf = async (locator: Locator) => {
      const box = (await locator.boundingBox())!;
      return { left: box.x, right: box.x + box.width };
    };
    await signUp(page, { label: "align" });
    for (const width of [1280, 1680]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/chat");
      await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
      const header = await headerEdges(page);
      // The conversation list starts where the wordmark does; the chat column ends where the menu does.
      const list = await edgesOf(page.getByRole("complementary", { name: "Conversations" }));
      const column = await edgesOf(
        page.locator("[data-fills-window] > div").filter({ has: page.getByRole("textbox", { name: "Message" }) }),
      );
      expect(Math.abs(list.left - header.left), `chat at ${width}px`).toBeLessThanOrEqual(1);
      expect(Math.abs(column.right - header.right), `chat at ${width}px`).toBeLessThanOrEqual(1);

      await page.goto("/activity");
      const title = await edgesOf(page.getByRole("heading", { level: 1, name: "Activity" }));
      expect(Math.abs(title.left - header.left), `activity at ${width}px`).toBeLessThanOrEqual(1);
      const body = await edgesOf(page.getByRole("main").locator("> div").first());
      // The page's content box: its padding matches the header's.
      const padding = await page
        .getByRole("main")
        .locator("> div")
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).paddingRight));
      expect(Math.abs(body.right - padding - header.right), `activity at ${width}px`).toBeLessThanOrEqual(1);
    }
  });

  test("the theme toggle switches to dark and remembers it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.getByRole("button", { name: "Light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  });

  test("spinners and skeletons hold still for visitors who ask for less motion", async ({ page }) => {
    // The classes the loading states use, measured on the real stylesheet.
    const durations = async () => {
      await page.goto("/sign-in");
      return page.evaluate(() =>
        ["animate-spin", "animate-pulse"].map((name) => {
          const probe = document.createElement("div");
          probe.className = name;
          document.body.append(probe);
          const { animationName, animationDuration, animationIterationCount } = getComputedStyle(probe);
          probe.remove();
          return { animationName, animationDuration, animationIterationCount };
        }),
      );
    };
    await page.emulateMedia({ reducedMotion: "no-preference" });
    for (const style of await durations()) expect(style).toMatchObject({ animationIterationCount: "infinite" });
    await page.emulateMedia({ reducedMotion: "reduce" });
    for (const style of await durations())
      expect(style).toEqual({
        animationName: expect.any(String),
        animationDuration: "1e-05s",
        animationIterationCount: "1",
      });
  });

  test("unknown pages get a helpful 404", async ({ page }) => {
    // Signed in, so the proxy lets the request through (signed out, it would go to sign-in first).
    await signUp(page, { label: "missing" });
    const response = await page.goto("/this-page-does-not-exist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  });
});

test.describe("header on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the menu opens with the keyboard, navigates, and closes with Escape", async ({ page }) => {
    await signUp(page, { label: "phone" });
    const menuButton = page.getByRole("button", { name: "Menu" });
    await expect(menuButton).toBeVisible();
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "Activity" })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await menuButton.focus();
    await page.keyboard.press("Enter");
    await expect(menuButton).toHaveAttribute("aria-expanded", "true");
    const menu = page.getByRole("navigation", { name: "Main" });
    await expect(menu.getByRole("link", { name: "Chat" })).toHaveAttribute("aria-current", "page");

    await page.keyboard.press("Escape");
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");
    await expect(menuButton).toBeFocused();
    await expect(menu).toBeHidden();

    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(menu.getByRole("link", { name: "Chat" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(menu.getByRole("link", { name: "Activity" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/activity");
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");

    await menuButton.click();
    await expect(menu.getByRole("link", { name: "Activity" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: "Sign out" })).toBeVisible();

    // The widest page (a table of keys) scrolls inside its box, not the whole page.
    await menu.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL((url) => url.pathname === "/settings/privacy");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto("/settings/keys");
    await createKey(page, "Phone key");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
