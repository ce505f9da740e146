// "Why this provider" in a real browser: after a request, the activity detail and the chat's
// receipt show the endpoints Privet considered in order, which one served and why, and every
// endpoint a routing step left out with that step — the same steps and reasons POST /api/v1/route
// gives. Collapsed until opened (a button with aria-expanded), and whole on a phone's width.
// The shared mock upstream is never changed here.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey } from "./support/keys";

test.describe.configure({ timeout: 60_000 });

type TRoute = {
  data: {
    endpoints: { provider: string; provider_name: string }[];
    excluded: { model: string; provider: string; step: string; reason: string }[];
  };
};

const hello = [{ role: "user", content: "hello from the why-this-provider spec" }];

async function explain(page: Page, key: string): Promise<TRoute["data"]> {
  const res = await page.request.post("/api/v1/route", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: "e2e/echo", messages: hello },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as TRoute).data;
}

/** Opens the section's details and checks they say what /route said of the exclusions. */
async function expectExplained(section: Locator, route: TRoute["data"]): Promise<void> {
  const toggle = section.getByRole("button", { name: "Why this provider" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(section.getByText("Excluded by routing steps")).toBeHidden();
  await expect(async () => {
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true", { timeout: 2_000 });
  }).toPass();
  await expect(section.getByText("Excluded by routing steps")).toBeVisible();
  const served = section.getByRole("listitem").filter({ hasText: "Served" });
  await expect(served).toHaveCount(1);
  const excluded = route.excluded.filter((entry) => entry.step !== "unavailable");
  expect(excluded.length).toBeGreaterThan(0);
  for (const entry of excluded) {
    const item = section.getByRole("listitem").filter({ hasText: entry.reason });
    await expect(item).toBeVisible();
    await expect(item.getByText(entry.step, { exact: true })).toBeVisible();
  }
  // Closed again with the keyboard.
  await toggle.focus();
  await toggle.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
}

async function apiRequestAndDetail(page: Page, label: string): Promise<void> {
  await signUp(page, { label, callbackUrl: "/settings/keys" });
  const key = await createKey(page, `${label} key`);
  const route = await explain(page, key);
  const res = await page.request.post("/api/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: "e2e/echo", messages: hello },
  });
  expect(res.status()).toBe(200);
  const id = res.headers()["x-privet-generation-id"]!;
  const served = res.headers()["x-privet-provider"]!;
  await page.goto(`/activity/${id}`);
  const section = page.getByRole("region", { name: "Why this provider" });
  await expect(section).toBeVisible();
  const name = route.endpoints.find((e) => e.provider === served)!.provider_name;
  await expect(
    section.getByText(new RegExp(`^${name} was .*and it served the request\\.$|${name}, next in order`)),
  ).toBeVisible();
  await expectExplained(section, route);
}

async function chatReplyReceipt(page: Page, label: string, isPhone: boolean): Promise<void> {
  await signUp(page, { label, callbackUrl: "/settings/keys" });
  const key = await createKey(page, `${label} key`);
  const route = await explain(page, key);
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(hello[0]!.content);
  await box.press("Enter");
  const reply = page.getByRole("article", { name: "Reply" }).last();
  await expect(reply).toHaveAttribute("data-status", "complete");
  const receipt = reply.getByRole("region", { name: "Data-handling receipt" });
  if (isPhone) {
    // One line until tapped open.
    await expect(receipt.getByTestId("receipt-details")).toBeHidden();
    await receipt.getByRole("button", { name: /Served by/ }).click();
  }
  const section = receipt.getByRole("region", { name: "Why this provider" });
  await expect(section).toBeVisible();
  await expectExplained(section, route);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => window.innerWidth);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("why this provider", () => {
  test("the activity detail of an API request shows the candidates, the one that served and each exclusion's step", async ({
    page,
  }) => {
    await apiRequestAndDetail(page, "why-detail");
  });

  test("the chat's receipt shows it too, collapsed until opened", async ({ page }) => {
    await chatReplyReceipt(page, "why-chat", false);
  });
});

test.describe("why this provider on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the activity detail's explanation opens and fits the width", async ({ page }) => {
    await apiRequestAndDetail(page, "why-detail-phone");
    await page.getByRole("region", { name: "Why this provider" }).getByRole("button").click();
    await expectNoSidewaysScroll(page);
  });

  test("the receipt opens, then its explanation, and both fit the width", async ({ page }) => {
    await chatReplyReceipt(page, "why-chat-phone", true);
    await page
      .getByRole("article", { name: "Reply" })
      .last()
      .getByRole("region", { name: "Why this provider" })
      .getByRole("button")
      .click();
    await expectNoSidewaysScroll(page);
  });
});
