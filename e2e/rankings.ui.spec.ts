// The rankings page in a real browser: real API requests show up in the overall ranking, the view
// lives in the URL, and nothing on the page belongs to a person.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey, VISIBLE_PREFIX_LENGTH } from "./support/keys";
import { createUserWithKey } from "./support/activity";

test.describe("rankings", () => {
  test("models used through the API appear in the overall ranking, with no email, key or request id on the page", async ({ page, request }) => {
    const { email } = await signUp(page, { label: "rankings" });
    await page.goto("/settings/keys");
    const key = await createKey(page, `rankings ${randomBytes(2).toString("hex")}`);

    // A model is ranked once three accounts used it (the default threshold): two more accounts join in.
    const others = [createUserWithKey("rankings-second"), createUserWithKey("rankings-third")];
    const generationIds: string[] = [];
    for (const [bearer, model, content] of [
      [key, "e2e/echo", "Explain what a closure is in javascript"],
      [key, "e2e/echo", "Write a short poem about the sea"],
      [key, "e2e/tools", "What is the capital of France?"],
      ...others.flatMap((other) => [[other.key, "e2e/tools", "What is the capital of Spain?"] as const, [other.key, "e2e/echo", "Say hello"] as const]),
    ] as const) {
      const response = await request.post("/api/v1/chat/completions", {
        headers: { Authorization: `Bearer ${bearer}` },
        data: { model, messages: [{ role: "user", content }] },
      });
      expect(response.status()).toBe(200);
      generationIds.push(response.headers()["x-privet-generation-id"]!);
    }

    // Records are written just after the response; the ranking shows them once they are.
    const table = page.getByRole("region", { name: "Top models by tokens, the last 24 hours: exact numbers" });
    await expect(async () => {
      await page.goto("/rankings?period=day");
      await expect(table.getByRole("rowheader", { name: /E2E Tools/ })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(table.getByRole("rowheader", { name: /E2E Echo/ }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Top models by tokens, the last 24 hours" })).toBeVisible();
    const chart = page.getByRole("figure").filter({ hasText: "Total tokens" });
    await expect(chart.getByRole("listitem").filter({ hasText: "E2E Echo" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Last day" })).toHaveAttribute("aria-current", "page");

    // Aggregates only: nothing that identifies an account, a key or a request.
    const main = page.locator("main");
    const text = await main.innerText();
    const html = await main.innerHTML();
    expect(text).not.toMatch(/[^\s@]+@[^\s@]+\.[a-z]{2,}/i);
    for (const secret of [email, key, key.slice(0, VISIBLE_PREFIX_LENGTH), "sk-pv-", ...generationIds, ...others.map((o) => o.email)]) {
      expect(html).not.toContain(secret);
    }
    await expect(page.getByRole("heading", { name: "How these rankings are computed" })).toBeVisible();
    await expect(page.getByText(/anonymous and cannot be linked back to anyone/)).toBeVisible();
    await expect(page.getByText(/a model appears once at least 3 accounts used it/)).toBeVisible();
  });

  test("the period and the category are in the URL, with an empty state when a category has no samples", async ({ page }) => {
    await signUp(page, { label: "rankings-url", callbackUrl: "/rankings" });
    await expect(page.getByRole("heading", { level: 1, name: "Rankings" })).toBeVisible();
    // The default view is the last week, overall.
    await expect(page.getByRole("link", { name: "Last week" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "All models" })).toHaveAttribute("aria-current", "page");

    await page.getByRole("link", { name: "Last month" }).click();
    await expect(page).toHaveURL(/\/rankings\?period=month$/);
    await expect(page.getByRole("link", { name: "Last month" })).toHaveAttribute("aria-current", "page");

    await page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: /^Legal/ }).click();
    await expect(page).toHaveURL(/\/rankings\?period=month&category=legal$/);
    await expect(page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: /^Legal/ })).toHaveAttribute("aria-current", "page");
    // The e2e server samples at the default rate, so a category is usually empty; either way the
    // page says what it shows.
    await expect(
      page.getByRole("heading", { name: "No legal samples in the last 30 days" }).or(page.getByRole("heading", { name: "Top models for legal, the last 30 days" })),
    ).toBeVisible();

    // Unknown values fall back to the default view instead of failing.
    await page.goto("/rankings?period=decade&category=gossip");
    await expect(page.getByRole("link", { name: "Last week" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "All models" })).toHaveAttribute("aria-current", "page");
  });
});
