// The rankings page in a real browser: real API requests show up in the overall ranking once their
// day has closed, the page names the period and says its figures are rounded, the view lives in the
// URL, and nothing on the page belongs to a person.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { databaseDialect } from "@/lib/env";
import { toDialectSql } from "@/lib/db";
import { signUp } from "./support/accounts";
import { createKey, VISIBLE_PREFIX_LENGTH } from "./support/keys";
import { createUserWithKey } from "./support/activity";
import { withE2eDb } from "./support/database";

/**
 * Moves these accounts into the past, as if the test had waited: each was opened ten days ago, its
 * requests happened yesterday and (a copy of its first one) three days ago, a second day of use;
 * then the stored rankings are dropped so the page computes yesterday's anew.
 */
async function ageAccounts(emails: string[]) {
  const url = process.env.PRIVET_E2E_DATABASE_URL!;
  const isPostgres = databaseDialect(url) === "postgresql";
  const ago = (column: string, days: number) =>
    isPostgres
      ? `${column} - INTERVAL '${days} days'`
      : `strftime('%Y-%m-%dT%H:%M:%f', ${column}, '-${days} days') || '+00:00'`;
  const users = `(SELECT "id" FROM "User" WHERE "email" IN (${emails.map(() => "?").join(", ")}))`;
  const statements: [string, unknown[]][] = [
    [
      `UPDATE "User" SET "createdAt" = ${ago('"createdAt"', 10)} WHERE "email" IN (${emails.map(() => "?").join(", ")})`,
      emails,
    ],
    [
      `INSERT INTO "Generation" ("id", "userId", "createdAt", "model", "status", "httpStatus", "promptTokens", "completionTokens")
       SELECT 'earlier-' || "id", "userId", ${ago('"createdAt"', 3)}, "model", "status", "httpStatus", "promptTokens", "completionTokens"
       FROM "Generation" WHERE "userId" IN ${users}`,
      emails,
    ],
    [
      `UPDATE "Generation" SET "createdAt" = ${ago('"createdAt"', 1)} WHERE "userId" IN ${users} AND "id" NOT LIKE 'earlier-%'`,
      emails,
    ],
    [`DELETE FROM "RankingSnapshot"`, []],
  ];
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [sql, params] of statements) await client.query(toDialectSql(sql, "postgresql"), params);
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 5000 });
  try {
    for (const [sql, params] of statements) sqlite.prepare(sql).run(...params);
  } finally {
    sqlite.close();
  }
}

test.describe("rankings", () => {
  test("models used through the API appear in the overall ranking once their day has closed, rounded, with no email, key or request id on the page", async ({
    page,
    request,
  }) => {
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
      ...others.flatMap((other) => [
        [other.key, "e2e/tools", "What is the capital of Spain?"] as const,
        [other.key, "e2e/echo", "Say hello"] as const,
      ]),
    ] as const) {
      const response = await request.post("/api/v1/chat/completions", {
        headers: { Authorization: `Bearer ${bearer}` },
        data: { model, messages: [{ role: "user", content }] },
      });
      expect(response.status()).toBe(200);
      generationIds.push(response.headers()["x-privet-generation-id"]!);
    }

    // Today is still open: nothing of it is published, however many accounts used a model.
    await page.goto("/rankings?period=day");
    await expect(page.getByText(/^Showing .+ \(UTC\), complete days only\. Figures are rounded\.$/)).toBeVisible();
    await expect(page.getByRole("rowheader", { name: /E2E Tools/ })).toHaveCount(0);

    // A day later (the records moved to yesterday, the accounts aged), the three accounts count.
    const emails = [email, ...others.map((o) => o.email)];
    // Records are written just after each response: wait for all of them before moving them.
    await expect(async () => {
      const { n } = await withE2eDb((db) =>
        db.one<{ n: unknown }>(
          `SELECT count(*) AS n FROM "Generation" g JOIN "User" u ON u."id" = g."userId" WHERE u."email" IN (?, ?, ?)`,
          ...emails,
        ),
      );
      expect(Number(n)).toBe(generationIds.length);
    }).toPass({ timeout: 15_000 });
    await ageAccounts(emails);
    const table = page.getByRole("region", { name: "Top models by tokens, yesterday: rounded figures" });
    await page.goto("/rankings?period=day");
    await expect(table.getByRole("rowheader", { name: /E2E Tools/ })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: /E2E Echo/ }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Top models by tokens, yesterday" })).toBeVisible();
    const yesterday = new Date(Date.now() - 86_400_000 - 15 * 60_000);
    const named = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(yesterday);
    await expect(page.getByText(`Showing ${named} (UTC), complete days only. Figures are rounded.`)).toBeVisible();
    const chart = page.getByRole("figure").filter({ hasText: "Total tokens" });
    await expect(chart.getByRole("listitem").filter({ hasText: "E2E Echo" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Last day" })).toHaveAttribute("aria-current", "page");

    // Aggregates only: nothing that identifies an account, a key or a request.
    const main = page.locator("main");
    const text = await main.innerText();
    const html = await main.innerHTML();
    expect(text).not.toMatch(/[^\s@]+@[^\s@]+\.[a-z]{2,}/i);
    for (const secret of [
      email,
      key,
      key.slice(0, VISIBLE_PREFIX_LENGTH),
      "sk-pv-",
      ...generationIds,
      ...others.map((o) => o.email),
    ]) {
      expect(html).not.toContain(secret);
    }
    await expect(page.getByRole("heading", { name: "How these rankings are computed" })).toBeVisible();
    await expect(page.getByText(/anonymous and cannot be linked back to anyone/)).toBeVisible();
    await expect(page.getByText(/a model appears once at least 3 accounts used it/)).toBeVisible();
    await expect(page.getByText(/Every figure is rounded/)).toBeVisible();
  });

  test("the period and the category are in the URL, with an empty state when a category has no samples", async ({
    page,
  }) => {
    await signUp(page, { label: "rankings-url", callbackUrl: "/rankings" });
    await expect(page.getByRole("heading", { level: 1, name: "Rankings" })).toBeVisible();
    // The default view is the last week, overall.
    await expect(page.getByRole("link", { name: "Last week" })).toHaveAttribute("aria-current", "page");
    await expect(
      page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "All models" }),
    ).toHaveAttribute("aria-current", "page");

    await page.getByRole("link", { name: "Last month" }).click();
    await expect(page).toHaveURL(/\/rankings\?period=month$/);
    await expect(page.getByRole("link", { name: "Last month" })).toHaveAttribute("aria-current", "page");

    await page
      .getByRole("navigation", { name: "Category" })
      .getByRole("link", { name: /^Legal/ })
      .click();
    await expect(page).toHaveURL(/\/rankings\?period=month&category=legal$/);
    await expect(
      page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: /^Legal/ }),
    ).toHaveAttribute("aria-current", "page");
    // The e2e server samples at the default rate, so a category is usually empty; either way the
    // page says what it shows.
    await expect(
      page
        .getByRole("heading", { name: "No legal samples in the last 30 days" })
        .or(page.getByRole("heading", { name: "Too few legal samples to rank the last 30 days" }))
        .or(page.getByRole("heading", { name: "Top models for legal, the last 30 days" })),
    ).toBeVisible();

    // Unknown values fall back to the default view instead of failing.
    await page.goto("/rankings?period=decade&category=gossip");
    await expect(page.getByRole("link", { name: "Last week" })).toHaveAttribute("aria-current", "page");
    await expect(
      page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "All models" }),
    ).toHaveAttribute("aria-current", "page");
  });
});
