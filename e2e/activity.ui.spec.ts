// The activity pages in a real browser: requests made through the API show up with their values;
// the table sorts, filters and pages on the server with the state in the URL; the CSV download
// holds the filtered rows; the detail view shows a fallback's attempts and content only when it
// was stored; every deletion removes what it says and nothing else; other accounts see nothing.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "./support/accounts";
import { createKey } from "./support/keys";
import { chatRequest, parseCsv, privetCli, type TChatResult } from "./support/activity";

async function newAccountWithKey(page: Page, label: string, options: { promptLogging?: boolean } = {}) {
  const credentials = await signUp(page, { label, callbackUrl: "/settings/keys" });
  const key = await createKey(page, `${label} key`);
  if (options.promptLogging) privetCli(["settings", "set", "--email", credentials.email, "--prompt-logging", "on"]);
  return { ...credentials, key };
}

function rowFor(page: Page, id: string) {
  return page.getByRole("row").filter({ has: page.locator(`a[href="/activity/${id}"]`) });
}

/** Picks a filter. Retried, because a choice made before the page has hydrated has no handler yet. */
async function chooseFilter(page: Page, label: string, value: string, param: string) {
  await expect(async () => {
    await page.getByLabel(label, { exact: true }).selectOption(value);
    await expect(page).toHaveURL(new RegExp(`[?&]${param}=`), { timeout: 2_000 });
  }).toPass();
}

/** Opens a confirmation dialog; retried like chooseFilter, for a click that lands before hydration. */
async function openDialog(page: Page, trigger: string, title: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(async () => {
    await page.getByRole("button", { name: trigger }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  return dialog;
}

function tableRows(page: Page) {
  return page.getByRole("region", { name: /Requests table/ }).locator("tbody tr");
}

test("the table filters by the API a request came through", async ({ page }) => {
  const { key } = await newAccountWithKey(page, "act-kind");
  const chat = await chatRequest(page.request, key, { model: "e2e/echo" });
  const res = await page.request.post("/api/v1/messages", {
    headers: { "x-api-key": key },
    data: { model: "e2e/echo", max_tokens: 50, messages: [{ role: "user", content: "Hello from the Messages API." }] },
  });
  expect(res.status()).toBe(200);
  const messagesId = res.headers()["x-privet-generation-id"]!;
  await page.goto("/activity");
  await expect(tableRows(page)).toHaveCount(2);
  await chooseFilter(page, "API", "messages", "kind");
  await expect(tableRows(page)).toHaveCount(1);
  await expect(rowFor(page, messagesId)).toBeVisible();
  await expect(rowFor(page, chat.id)).toHaveCount(0);
  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel("API", { exact: true })).toHaveValue("messages");
  await expect(tableRows(page)).toHaveCount(1);
});

test("requests made through the API appear with their model, provider, tokens and cost", async ({ page }) => {
  const { key } = await newAccountWithKey(page, "act-values");
  const made: TChatResult[] = [];
  made.push(
    await chatRequest(
      page.request,
      key,
      { model: "e2e/echo" },
      { "http-referer": "https://values.example", "x-title": "Values App" },
    ),
  );
  made.push(await chatRequest(page.request, key, { model: "e2e/tools" }));
  made.push(await chatRequest(page.request, key, { model: "e2e/echo", provider: { order: ["e2e-zdr"] } }));
  await page.goto("/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  await expect(tableRows(page)).toHaveCount(3);
  for (const m of made) {
    const row = rowFor(page, m.id);
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(4)).toHaveText(String(m.usage!.prompt_tokens));
    await expect(row.getByRole("cell").nth(5)).toHaveText(String(m.usage!.completion_tokens));
    await expect(row.getByText("Success")).toBeVisible();
  }
  await expect(rowFor(page, made[0]!.id).getByRole("cell").nth(3)).toHaveText("Values App");
  await expect(rowFor(page, made[1]!.id).getByRole("cell").nth(3)).toHaveText("Unknown");
  await expect(rowFor(page, made[1]!.id).getByRole("cell").nth(1)).toHaveText("e2e/tools");
  await expect(rowFor(page, made[2]!.id).getByRole("cell").nth(2)).toHaveText("E2E ZDR");
  // The summary counts the same three requests.
  await expect(
    page.getByRole("group", { name: "Requests", exact: true }).getByText("3", { exact: true }),
  ).toBeVisible();
});

test("a reasoning request shows its reasoning tokens in its row, the summary and the detail view", async ({ page }) => {
  const { key } = await newAccountWithKey(page, "act-reasoning");
  const made = await chatRequest(page.request, key, {
    model: "e2e/echo",
    provider: { only: ["e2e-anthropic"] },
    max_tokens: 4000,
    reasoning: { max_tokens: 2000 },
  });
  const reasoning = made.usage!.completion_tokens_details!.reasoning_tokens;
  expect(reasoning).toBeGreaterThan(0);
  await page.goto("/activity");
  const output = rowFor(page, made.id).getByRole("cell").nth(5);
  await expect(output).toContainText(String(made.usage!.completion_tokens));
  await expect(output).toContainText(`${reasoning} reasoning`);
  await expect(page.getByRole("group", { name: "Tokens", exact: true })).toContainText(`${reasoning} reasoning`);
  await page.goto(`/activity/${made.id}`);
  const fact = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: "Reasoning tokens" }) });
  await expect(fact.locator("dd")).toHaveText(String(reasoning));
});

test("each request names the API it came through: a Messages request is labelled in the table and the detail", async ({
  page,
}) => {
  const { key } = await newAccountWithKey(page, "act-kind");
  const chat = await chatRequest(page.request, key, { model: "e2e/echo" });
  const messages = await page.request.post("/api/v1/messages", {
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
    data: { model: "e2e/echo", max_tokens: 50, messages: [{ role: "user", content: "hi" }] },
  });
  expect(messages.status()).toBe(200);
  const id = messages.headers()["x-privet-generation-id"]!;
  await page.goto("/activity");
  await expect(rowFor(page, id).getByRole("cell").nth(1)).toHaveText("e2e/echoMessages (Anthropic)");
  await expect(rowFor(page, chat.id).getByRole("cell").nth(1)).toHaveText("e2e/echo");
  await rowFor(page, id).getByRole("link").click();
  await expect(page).toHaveURL(`/activity/${id}`);
  await expect(page.getByText("Messages (Anthropic)")).toBeVisible();
});

test("sorting, filters and paging run on the server, live in the URL and survive a reload", async ({ page }) => {
  test.setTimeout(120_000); // 53 requests to fill more than one page
  const { key } = await newAccountWithKey(page, "act-paging");
  const tools: string[] = [];
  for (let i = 0; i < 53; i++) {
    const model = i % 9 === 0 ? "e2e/tools" : "e2e/echo";
    // Longer prompts cost more, so a sort by cost has something to order.
    const result = await chatRequest(page.request, key, {
      model,
      messages: [{ role: "user", content: "word ".repeat(1 + (i % 7)) }],
    });
    if (model === "e2e/tools") tools.push(result.id);
  }
  await page.goto("/activity");
  await expect(tableRows(page)).toHaveCount(50);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(tableRows(page)).toHaveCount(3);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(tableRows(page)).toHaveCount(50);

  // Filter by model: only those rows, and the URL says so.
  await chooseFilter(page, "Model", "e2e/tools", "model");
  await expect(page).toHaveURL(/model=e2e%2Ftools/);
  await expect(tableRows(page)).toHaveCount(tools.length);
  for (const id of tools) await expect(rowFor(page, id)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("e2e/tools");
  await expect(tableRows(page)).toHaveCount(tools.length);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/model=/);
  await expect(tableRows(page)).toHaveCount(50);

  // Sort by cost: the largest first, across the page.
  await page.getByRole("button", { name: "Cost" }).click();
  await expect(page).toHaveURL(/sort=cost/);
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute("aria-sort", "descending");
  const costs = async () =>
    (await tableRows(page).locator("td:nth-child(7)").allTextContents()).map((text) =>
      Number(text.replace(/[$,]/g, "")),
    );
  const descending = await costs();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await page.getByRole("button", { name: "Cost" }).click();
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute("aria-sort", "ascending");
  const ascending = await costs();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute("aria-sort", "ascending");

  // A date range that ends before today leaves nothing, and says so.
  await page.goto("/activity?to=2020-01-01");
  await expect(page.getByText("No requests match these filters")).toBeVisible();
});

test("the CSV download holds exactly the filtered rows", async ({ page }) => {
  const { key } = await newAccountWithKey(page, "act-csv");
  const tools: string[] = [];
  for (const model of ["e2e/echo", "e2e/tools", "e2e/echo", "e2e/tools", "e2e/tools"]) {
    const result = await chatRequest(page.request, key, { model });
    if (model === "e2e/tools") tools.push(result.id);
  }
  await page.goto("/activity");
  await chooseFilter(page, "Model", "e2e/tools", "model");
  await expect(tableRows(page)).toHaveCount(3);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export matching rows (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^privet-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(rows.map((r) => r.id).sort()).toEqual([...tools].sort());
  expect(rows.every((r) => r.model === "e2e/tools")).toBe(true);
});

test("the detail view lists the providers that received the request, and no content tabs when nothing was stored", async ({
  page,
}) => {
  const { key } = await newAccountWithKey(page, "act-fallback");
  // The Messages-API provider cannot take a conversation with no user turn: Privet never sends it
  // there and goes on to the next provider in the order (no upstream knobs touched: other specs
  // share the mock). A provider that was never sent the request is not an attempt.
  const result = await chatRequest(page.request, key, {
    model: "e2e/echo",
    messages: [{ role: "system", content: "Answer briefly." }],
    provider: { order: ["e2e-anthropic", "e2e-zdr"] },
  });
  expect(result.status).toBe(200);
  await page.goto("/activity");
  await rowFor(page, result.id).getByRole("link").click();
  await expect(page).toHaveURL(`/activity/${result.id}`);
  await expect(page.getByText(result.id, { exact: true })).toBeVisible();
  const attempts = page.getByRole("list", { name: "Provider attempts, in order" }).getByRole("listitem");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.nth(0)).toContainText("E2E ZDR");
  await expect(attempts.nth(0)).toContainText("Served the request");
  await expect(page.getByRole("list", { name: "Provider attempts, in order" })).not.toContainText("E2E Messages");
  await expect(page.getByText("Zero retention")).toBeVisible();
  await expect(page.getByText(/^No prompt or completion is stored for this request/)).toBeVisible();
  await expect(page.getByRole("tab")).toHaveCount(0);
});

test("content tabs appear only when content was stored, and each deletion removes only what it says", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { key, email } = await newAccountWithKey(page, "act-delete", { promptLogging: true });
  const first = await chatRequest(page.request, key, {
    model: "e2e/echo",
    messages: [{ role: "user", content: "First logged prompt, please." }],
  });
  const second = await chatRequest(page.request, key, {
    model: "e2e/echo",
    messages: [{ role: "user", content: "Second logged prompt, please." }],
  });
  const third = await chatRequest(page.request, key, {
    model: "e2e/tools",
    messages: [{ role: "user", content: "Third logged prompt, please." }],
  });

  // Stored content: Prompt and Completion tabs.
  await page.goto(`/activity/${first.id}`);
  await expect(page.getByRole("tab", { name: "Prompt" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("First logged prompt, please.");
  await page.getByRole("tab", { name: "Prompt" }).press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Completion" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("Hello from");

  // Delete content: the tabs go, the record stays.
  await (
    await openDialog(page, "Delete content", "Delete this prompt and completion?")
  )
    .getByRole("button", { name: "Delete content" })
    .click();
  await expect(page.getByRole("tab")).toHaveCount(0);
  await expect(page.getByText(/^No prompt or completion is stored for this request/)).toBeVisible();
  await page.goto("/activity");
  await expect(tableRows(page)).toHaveCount(3);
  await expect(rowFor(page, first.id).getByText("Stored", { exact: true })).toHaveCount(0);
  await expect(rowFor(page, second.id).getByText("Stored", { exact: true })).toBeVisible();

  // Delete one log: that row goes, the others and their content stay, the totals follow.
  await page.goto(`/activity/${second.id}`);
  await (
    await openDialog(page, "Delete this log", "Delete this request's log?")
  )
    .getByRole("button", { name: "Delete log" })
    .click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(tableRows(page)).toHaveCount(2);
  await expect(rowFor(page, second.id)).toHaveCount(0);
  await expect(rowFor(page, third.id).getByText("Stored", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Requests", exact: true }).getByText("2", { exact: true }),
  ).toBeVisible();
  expect((await page.goto(`/activity/${second.id}`))?.status()).toBe(404);

  // Delete all logged content: records stay, nothing is marked stored.
  await page.goto("/activity");
  await (
    await openDialog(page, "Delete all logged content", "Delete all logged content?")
  )
    .getByRole("button", { name: "Delete all content" })
    .click();
  await expect(page.getByText("Deleted the content of 1 request.")).toBeVisible();
  await expect(tableRows(page)).toHaveCount(2);
  await expect(page.getByRole("region", { name: /Requests table/ }).getByText("Stored", { exact: true })).toHaveCount(
    0,
  );

  // Delete all activity: the page is empty again; the key still works.
  await (
    await openDialog(page, "Delete all activity", "Delete all your activity?")
  )
    .getByRole("button", { name: "Delete all activity" })
    .click();
  await expect(page.getByRole("heading", { name: "No requests yet" })).toBeVisible();
  const after = await chatRequest(page.request, key, { model: "e2e/echo" });
  expect(after.status).toBe(200);

  // Delete the account: the wrong password changes nothing; the right one signs out and ends it.
  await page.goto("/settings/account");
  const dialog = await openDialog(page, "Delete account…", "Delete your account?");
  await dialog.getByLabel("Your password").fill("not my password");
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(dialog.getByText("That password is not right.")).toBeVisible();
  await dialog.getByLabel("Your password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("button", { name: "Account menu" })).toHaveCount(0);
  const gone = await page.request.get("/api/v1/key", { headers: { authorization: `Bearer ${key}` } });
  expect(gone.status()).toBe(401);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
});

test("another account gets 404 for a request that is not theirs and sees none of its rows", async ({
  page,
  browser,
}) => {
  const { key } = await newAccountWithKey(page, "act-owner");
  const mine = await chatRequest(page.request, key, { model: "e2e/tools" });
  await page.goto(`/activity/${mine.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "e2e/tools" })).toBeVisible();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUp(other, { label: "act-intruder", callbackUrl: "/activity" });
  const response = await other.goto(`/activity/${mine.id}`);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "This request is not in your activity" })).toBeVisible();
  await other.goto("/activity");
  await expect(other.getByRole("heading", { name: "No requests yet" })).toBeVisible();
  expect(await other.content()).not.toContain(mine.id);
  await otherContext.close();
});

test("works at phone width without sideways scrolling of the page", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const { key } = await newAccountWithKey(page, "act-phone", { promptLogging: true });
  const made = await chatRequest(page.request, key, { model: "e2e/echo", provider: { order: ["e2e-retain"] } });
  for (const path of ["/activity", `/activity/${made.id}`, "/settings/account"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // The table scrolls inside its own region instead.
  await page.goto("/activity");
  await expect(page.getByRole("region", { name: /Requests table/ })).toBeVisible();
});
