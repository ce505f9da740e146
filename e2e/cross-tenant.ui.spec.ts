// Attacker/victim in a real browser (issue 8): the attacker uses Privet's own UI on its own data and
// tampers with what the browser sends — the delete buttons of its own request's detail page and
// the revoke form of its own key — so that they name the victim's request and key. The dialogs say
// "not found", and the victim, in its own browser, finds its request, its logged prompt and its key
// as they were. The full inventory of pages, actions and routes, attacked over HTTP, is in
// e2e/cross-tenant.api.spec.ts.
import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { PASSWORD } from "./support/accounts";
import { chatRequest, createUserWithKey, signInRequest, type TCliUser } from "./support/activity";
import { keyRow } from "./support/keys";

test.describe.configure({ mode: "serial" });

const MARKER = `xtenant-ui-victim-${randomBytes(5).toString("hex")}`;

let victim: TCliUser;
let attacker: TCliUser;
let victimGen = "";
let victimKeyId = "";
let attackerGen = "";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Signing in over HTTP sets the session cookie in the browser context (the sign-in form has its own specs).
  await signInRequest(page.request, email, PASSWORD);
  return page;
}

/** Opens a confirmation dialog; retried, for a click that lands before the page has hydrated. */
async function openDialog(page: Page, trigger: string, title: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(async () => {
    await page.getByRole("button", { name: trigger }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  return dialog;
}

/** The victim, in its own browser and with its own key, finds its request, prompt and key as they were. */
async function expectVictimIntact(browser: Browser): Promise<void> {
  const page = await signedIn(browser, victim.email);
  try {
    const key = await page.request.get("/api/v1/key", { headers: { authorization: `Bearer ${victim.key}` } });
    expect(key.status(), "the victim's key still works").toBe(200);
    await page.goto(`/activity/${victimGen}`);
    await expect(page.getByRole("heading", { level: 1, name: "e2e/tools" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Prompt" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toContainText(MARKER);
    await page.goto("/settings/keys");
    await expect(keyRow(page, "xt-ui-victim key")).toContainText("Active");
  } finally {
    await page.context().close();
  }
}

test.beforeAll(async ({ request }) => {
  victim = createUserWithKey("xt-ui-victim", { promptLogging: true });
  attacker = createUserWithKey("xt-ui-attacker", { promptLogging: true });
  const mine = await chatRequest(request, victim.key, {
    model: "e2e/tools",
    messages: [{ role: "user", content: `${MARKER} keep this` }],
  });
  expect(mine.status).toBe(200);
  victimGen = mine.id;
  const theirs = await chatRequest(request, attacker.key, {
    model: "e2e/echo",
    messages: [{ role: "user", content: "the attacker's own prompt" }],
  });
  expect(theirs.status).toBe(200);
  attackerGen = theirs.id;
  const session = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await signInRequest(session, victim.email);
    const exported = (await (await session.get("/api/export/account")).json()) as {
      api_keys: { id: string; name: string }[];
    };
    expect(exported.api_keys.map((k) => k.name)).toEqual(["xt-ui-victim key"]);
    victimKeyId = exported.api_keys[0]!.id;
  } finally {
    await session.dispose();
  }
});

test("the detail page's delete buttons, aimed at the victim's request, say it is not found and delete nothing", async ({
  browser,
}) => {
  const page = await signedIn(browser, attacker.email);
  try {
    await page.goto(`/activity/${attackerGen}`);
    await expect(page.getByRole("tabpanel")).toContainText("the attacker's own prompt");

    // The attacker's browser swaps its own request's id for the victim's in every action it sends.
    const tampered: string[] = [];
    await page.route(
      (url) => url.pathname === `/activity/${attackerGen}`,
      async (route) => {
        const request = route.request();
        const body = request.postData() ?? "";
        if (request.method() === "POST" && request.headers()["next-action"] && body.includes(attackerGen)) {
          tampered.push(request.headers()["next-action"]!);
          await route.continue({ postData: body.replaceAll(attackerGen, victimGen) });
          return;
        }
        await route.continue();
      },
    );

    const contentDialog = await openDialog(page, "Delete content", "Delete this prompt and completion?");
    await contentDialog.getByRole("button", { name: "Delete content" }).click();
    await expect(contentDialog.getByRole("alert")).toHaveText(/no stored content for this request/i);
    await contentDialog.getByRole("button", { name: "Cancel" }).click();

    const logDialog = await openDialog(page, "Delete this log", "Delete this request's log?");
    await logDialog.getByRole("button", { name: "Delete log" }).click();
    await expect(logDialog.getByRole("alert")).toHaveText(/not in your activity/);
    await logDialog.getByRole("button", { name: "Cancel" }).click();
    expect(tampered, "both deletions went out with the victim's id").toHaveLength(2);
    expect(await page.content()).not.toContain(MARKER);

    // The swap took the attacker's own request out of harm's way too: it is still there.
    await page.unrouteAll();
    await page.reload();
    await expect(page.getByRole("tabpanel")).toContainText("the attacker's own prompt");
  } finally {
    await page.context().close();
  }
  await expectVictimIntact(browser);
});

test("the revoke form, pointed at the victim's key, says it is not found and revokes nothing", async ({ browser }) => {
  const page = await signedIn(browser, attacker.email);
  try {
    await page.goto("/settings/keys");
    const dialog = await openDialog(page, "Revoke xt-ui-attacker key", "Revoke “xt-ui-attacker key”?");
    await dialog
      .locator('input[name="keyId"]')
      .evaluate((input, id) => ((input as HTMLInputElement).value = id), victimKeyId);
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("API key not found.");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await page.content()).not.toContain("xt-ui-victim key");
    await page.reload();
    await expect(keyRow(page, "xt-ui-attacker key")).toContainText("Active");
  } finally {
    await page.context().close();
  }
  await expectVictimIntact(browser);
});
