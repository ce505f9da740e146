// The public docs in a real browser, signed out: the provider data-retention table rendered from the
// catalog in the database (every provider, the right words, sorting, filters, a catalog reload),
// the links between the table, provider pages and model pages (`:free` ids included), and every
// docs page at phone width.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { e2eCatalog } from "./fixtures/catalog";

const mockUrl = process.env.PRIVET_E2E_MOCK_URL!;
const dataDir = process.env.PRIVET_E2E_DATA_DIR!;
const catalog = e2eCatalog(mockUrl);

type TFixturePolicy =
  { training?: boolean | null; retainsPrompts?: boolean | null; retentionDays?: number | null } | undefined;

// The table's words, worked out here from the fixture on purpose rather than with the code under test.
function expectedRetention(policy: TFixturePolicy): string {
  if (policy?.retainsPrompts === undefined || policy.retainsPrompts === null) return "Unknown policy";
  if (!policy.retainsPrompts) return "Zero retention";
  return typeof policy.retentionDays === "number"
    ? `Retained for ${policy.retentionDays} days`
    : "Retained for an unknown period";
}

function expectedTraining(policy: TFixturePolicy): string {
  return policy?.training === false ? "Does not train" : "May train";
}

/** Safest first: zero retention, then fewer days, an unknown period, an unknown policy. */
function retentionRank(text: string): number {
  if (text === "Zero retention") return 0;
  const days = /^Retained for (\d+) days?$/.exec(text);
  if (days) return 1 + Number(days[1]);
  return text === "Retained for an unknown period" ? 1e6 : 2e6;
}

function providerTable(page: Page): Locator {
  return page.getByRole("table", { name: /^Provider data policies/ });
}

function providerRows(page: Page): Locator {
  return providerTable(page).locator("tbody tr");
}

/** The slugs of the rows on screen, in order (each row's id is `provider-<slug>`). */
async function shownSlugs(page: Page): Promise<string[]> {
  const ids = await providerRows(page).evaluateAll((rows) => rows.map((row) => row.id));
  return ids.map((id) => id.replace(/^provider-/, ""));
}

async function openTable(page: Page): Promise<void> {
  await page.goto("/docs#provider-policies");
  await expect(page.getByRole("heading", { level: 1, name: "Privacy, logging and data collection" })).toBeVisible();
  await expect(providerRows(page)).toHaveCount(catalog.providers.length);
}

function sortButton(page: Page, name: string): Locator {
  return providerTable(page).getByRole("button", { name, exact: true });
}

function columnHeader(page: Page, name: string): Locator {
  return providerTable(page)
    .getByRole("columnheader")
    .filter({ has: page.getByRole("button", { name, exact: true }) });
}

function runCli(args: string[]): string {
  return execFileSync(process.execPath, ["bin/privet.mjs", ...args], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, PRIVET_DATA_DIR: dataDir, DATABASE_URL: process.env.PRIVET_E2E_DATABASE_URL! },
  });
}

test.describe("provider data-retention table", () => {
  test("lists every catalog provider with its retention and training, unknown policies included", async ({ page }) => {
    await openTable(page);
    expect((await shownSlugs(page)).sort()).toEqual(catalog.providers.map((p) => p.slug).sort());
    await expect(page.getByRole("status").filter({ hasText: "providers" })).toHaveText(
      `${catalog.providers.length} of ${catalog.providers.length} providers`,
    );

    for (const provider of catalog.providers) {
      const row = page.locator(`#provider-${provider.slug}`);
      const policy = provider.dataPolicy as TFixturePolicy;
      await expect(row.getByRole("rowheader")).toContainText(provider.name);
      await expect(row.getByText(expectedRetention(policy), { exact: true })).toBeVisible();
      await expect(row.getByText(expectedTraining(policy), { exact: true })).toBeVisible();
    }
    // The provider that publishes no policy at all reads as unknown and, for training, as what routing assumes.
    const unknown = page.locator("#provider-e2e-unknown");
    await expect(unknown.getByText("Unknown policy", { exact: true })).toBeVisible();
    await expect(unknown.getByText("May train", { exact: true })).toBeVisible();
    await expect(unknown.getByText("Policy unknown", { exact: true })).toBeVisible();
    await expect(page.locator("#provider-e2e-zdr").getByRole("cell").nth(2)).toHaveText("Yes");

    // Terms open in a new tab without handing this page over to the provider's site.
    const terms = page.locator("#provider-e2e-retain").getByRole("link", { name: /Terms/ });
    await expect(terms).toHaveAttribute("href", "https://example.com/terms");
    await expect(terms).toHaveAttribute("target", "_blank");
    const rel = (await terms.getAttribute("rel")) ?? "";
    expect(rel.split(/\s+/)).toEqual(expect.arrayContaining(["noopener", "noreferrer"]));
  });

  test("sorting by a column reorders the rows and says so with aria-sort", async ({ page }) => {
    await openTable(page);
    const initial = await shownSlugs(page);
    const retentionTexts = async () =>
      providerRows(page).evaluateAll((rows) =>
        rows.map((row) => row.querySelectorAll("td")[0]?.textContent?.trim() ?? ""),
      );

    await expect(columnHeader(page, "Retention")).toHaveAttribute("aria-sort", "none");
    await sortButton(page, "Retention").click();
    await expect(columnHeader(page, "Retention")).toHaveAttribute("aria-sort", "ascending");
    const ascending = (await retentionTexts()).map(retentionRank);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await shownSlugs(page)).not.toEqual(initial);
    expect((await shownSlugs(page)).at(-1)).toBe("e2e-unknown");

    await sortButton(page, "Retention").click();
    await expect(columnHeader(page, "Retention")).toHaveAttribute("aria-sort", "descending");
    const descending = (await retentionTexts()).map(retentionRank);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect((await shownSlugs(page))[0]).toBe("e2e-unknown");

    await sortButton(page, "Provider").click();
    await expect(columnHeader(page, "Provider")).toHaveAttribute("aria-sort", "ascending");
    await expect(columnHeader(page, "Retention")).toHaveAttribute("aria-sort", "none");
    const names = await providerRows(page).evaluateAll((rows) =>
      rows.map((row) => row.querySelector("th a")?.textContent ?? ""),
    );
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  });

  test("the text filter and the two quick filters narrow the rows, and an empty result says so", async ({ page }) => {
    await openTable(page);
    const total = catalog.providers.length;
    const count = page.getByRole("status").filter({ hasText: "providers" });
    const zeroRetention = page.getByRole("button", { name: "Zero retention", exact: true });
    const doesNotTrain = page.getByRole("button", { name: "Does not train", exact: true });
    const slugsWhere = (test: (policy: TFixturePolicy) => boolean) =>
      catalog.providers
        .filter((p) => test(p.dataPolicy as TFixturePolicy))
        .map((p) => p.slug)
        .sort();

    await page.getByLabel("Filter providers").fill("retain");
    await expect(count).toHaveText(`1 of ${total} providers`);
    expect(await shownSlugs(page)).toEqual(["e2e-retain"]);
    await page.getByLabel("Filter providers").fill("MESSAGES");
    expect(await shownSlugs(page)).toEqual(["e2e-anthropic"]);
    await page.getByLabel("Filter providers").press("Escape");
    await expect(count).toHaveText(`${total} of ${total} providers`);

    await expect(zeroRetention).toHaveAttribute("aria-pressed", "false");
    await zeroRetention.click();
    await expect(zeroRetention).toHaveAttribute("aria-pressed", "true");
    const zero = slugsWhere((p) => p?.retainsPrompts === false);
    await expect(count).toHaveText(`${zero.length} of ${total} providers`);
    expect((await shownSlugs(page)).sort()).toEqual(zero);

    await doesNotTrain.click();
    await expect(doesNotTrain).toHaveAttribute("aria-pressed", "true");
    const both = slugsWhere((p) => p?.retainsPrompts === false && p?.training === false);
    await expect(count).toHaveText(`${both.length} of ${total} providers`);
    expect((await shownSlugs(page)).sort()).toEqual(both);

    await zeroRetention.click();
    await expect(zeroRetention).toHaveAttribute("aria-pressed", "false");
    const noTraining = slugsWhere((p) => p?.training === false);
    await expect(count).toHaveText(`${noTraining.length} of ${total} providers`);
    expect((await shownSlugs(page)).sort()).toEqual(noTraining);
    expect(noTraining).not.toContain("e2e-unknown");
    expect(noTraining).not.toContain("e2e-trains");

    await page.getByLabel("Filter providers").fill("no provider is called this");
    await expect(count).toHaveText(`0 of ${total} providers`);
    await expect(page.getByText("No provider matches")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(count).toHaveText(`${total} of ${total} providers`);
    await expect(doesNotTrain).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByLabel("Filter providers")).toHaveValue("");
  });

  test("a catalog loaded with the CLI shows up on the next page load", async ({ page }) => {
    test.setTimeout(180_000);
    const probe = {
      slug: "e2e-docs-probe",
      name: "E2E Docs Probe",
      api: "openai",
      baseUrl: `${mockUrl}/e2e-docs-probe/v1`,
      apiKeyEnv: null,
      headquarters: "DE",
      dataPolicy: {
        training: true,
        retainsPrompts: true,
        retentionDays: 7,
        zdr: false,
        termsUrl: "https://example.com/probe-terms",
        checkedAt: "2026-06-01",
      },
    };
    // A provider with no model: other test files running meanwhile route exactly as before.
    const changed = { ...catalog, providers: [...catalog.providers, probe] };
    const changedFile = path.join(dataDir, "docs-probe-catalog.json");
    fs.writeFileSync(changedFile, JSON.stringify(changed, null, 2));
    const row = page.locator("#provider-e2e-docs-probe");

    await openTable(page);
    await expect(row).toHaveCount(0);
    try {
      expect(runCli(["catalog", "load", changedFile])).toContain(`loaded ${changed.providers.length} providers`);
      await expect(async () => {
        await page.reload();
        await expect(row).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(row.getByText("Retained for 7 days", { exact: true })).toBeVisible();
      await expect(row.getByText("May train", { exact: true })).toBeVisible();
      await expect(row.getByText("Germany")).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "providers" })).toHaveText(
        `${changed.providers.length} of ${changed.providers.length} providers`,
      );
    } finally {
      runCli(["catalog", "load", path.join(dataDir, "catalog.json")]);
    }
    await expect(async () => {
      await page.reload();
      await expect(providerRows(page)).toHaveCount(catalog.providers.length, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(row).toHaveCount(0);
  });
});

test.describe("links between the table, providers and models", () => {
  test("a provider's name opens its page, with its policy and its models", async ({ page }) => {
    await openTable(page);
    await page.locator("#provider-e2e-retain").getByRole("link", { name: "E2E Retain" }).click();
    await expect(page).toHaveURL(/\/providers\/e2e-retain$/);
    await expect(page.getByRole("heading", { level: 1, name: "E2E Retain" })).toBeVisible();
    await expect(page.getByText("Retained for 30 days").first()).toBeVisible();
    const served = catalog.models.filter((m) => m.endpoints.some((e) => e.provider === "e2e-retain"));
    for (const model of served) {
      await expect(page.getByRole("link", { name: model.name, exact: true })).toBeVisible();
    }
    await page.getByRole("link", { name: "Compare with other providers" }).click();
    await expect(page).toHaveURL(/\/docs#provider-e2e-retain$/);
    await expect(page.locator("#provider-e2e-retain")).toBeInViewport();
  });

  test("the models list finds a :free model, whose page shows each endpoint's own policy", async ({ page }) => {
    await page.goto("/models");
    await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "models" })).toHaveText(
      `${catalog.models.length} of ${catalog.models.length} models`,
    );
    await page.getByLabel("Search models").fill("free");
    await expect(page.getByRole("status").filter({ hasText: "models" })).toHaveText(
      `1 of ${catalog.models.length} models`,
    );
    await page.getByRole("link", { name: "E2E Echo (free)" }).click();

    await expect(page).toHaveURL(/\/models\/e2e\/echo%3Afree$/);
    await expect(page.getByRole("heading", { level: 1, name: "E2E Echo (free)" })).toBeVisible();
    await expect(page.getByText("e2e/echo:free", { exact: true })).toBeVisible();
    const free = catalog.models.find((m) => m.id === "e2e/echo:free")!;
    const cards = page
      .getByRole("list", { name: "Providers" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect(cards).toHaveCount(free.endpoints.length);
    const unknownCard = cards.filter({ has: page.getByRole("heading", { level: 3, name: "E2E Unknown" }) });
    await expect(unknownCard.getByText("Unknown policy", { exact: true })).toBeVisible();
    await expect(unknownCard.getByText("May train", { exact: true })).toBeVisible();
    const trainsCard = cards.filter({ has: page.getByRole("heading", { level: 3, name: "E2E Trains" }) });
    await expect(trainsCard.getByText("Retained for an unknown period", { exact: true })).toBeVisible();

    await unknownCard.getByRole("link", { name: "E2E Unknown in the provider table" }).click();
    await expect(page).toHaveURL(/\/docs#provider-e2e-unknown$/);
    await expect(page.locator("#provider-e2e-unknown")).toBeInViewport();
  });

  test("model pages resolve with the :free id written either way, and unknown ids are 404", async ({ page }) => {
    for (const url of ["/models/e2e/echo:free", "/models/e2e/echo%3Afree"]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "E2E Echo (free)" })).toBeVisible();
    }
    await page.getByRole("link", { name: /The paid model/ }).click();
    await expect(page).toHaveURL(/\/models\/e2e\/echo$/);
    await expect(page.getByRole("heading", { level: 1, name: "E2E Echo" })).toBeVisible();

    for (const url of ["/models/e2e/does-not-exist", "/models/e2e/echo%3Apaid", "/providers/no-such-provider"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    }
  });

  test("the API reference uses this install's address and names the receipt headers", async ({ page }) => {
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    const base = `${process.env.PRIVET_E2E_BASE_URL}/api/v1`;
    await expect(page.getByText(`curl ${base}/chat/completions`).first()).toBeVisible();
    // The other API surfaces, each with its request, and the clients' base URLs.
    for (const route of ["messages", "responses", "embeddings"])
      await expect(page.getByText(`curl ${base}/${route}`).first()).toBeVisible();
    await expect(page.getByText(`ANTHROPIC_BASE_URL="${process.env.PRIVET_E2E_BASE_URL}/api"`)).toBeVisible();
    for (const header of [
      "X-Privet-Generation-Id",
      "X-Privet-Provider",
      "X-Privet-Data-Policy",
      "X-Privet-Content-Stored",
    ]) {
      await expect(page.getByRole("rowheader", { name: header })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Copy" }).first()).toBeEnabled();
  });
});

test.describe("on a phone, signed out", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  const pages = [
    { url: "/docs", heading: "Privacy, logging and data collection" },
    { url: "/docs/api", heading: "API reference" },
    { url: "/models", heading: "Models" },
    { url: "/models/e2e/echo", heading: "E2E Echo" },
    { url: "/models/e2e/echo%3Afree", heading: "E2E Echo (free)" },
    { url: "/providers/e2e-unknown", heading: "E2E Unknown" },
  ];

  test("every docs page opens without signing in and fits the screen", async ({ page }) => {
    for (const { url, heading } of pages) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(new URL(page.url()).pathname + new URL(page.url()).search, url).not.toContain("/sign-in");
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });

  test("the provider table scrolls inside its own box and keeps each provider's name in view", async ({ page }) => {
    await openTable(page);
    await page.locator("#provider-e2e-zdr").scrollIntoViewIfNeeded();
    const box = providerTable(page).locator("xpath=..");
    const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await box.evaluate((el) => el.scrollBy({ left: 400 }));
    await expect(page.locator("#provider-e2e-zdr").getByRole("rowheader")).toBeInViewport();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
});
