// Around the chat, as a newcomer finds it: Models in the main navigation, /providers as a list of
// providers with their policies, a model page that opens a chat on the model and says what the
// reader's settings allow, activity that names the chat page's requests, policy refusals and
// stopped replies in words, privacy settings that warn before unsaved changes are lost, a
// conversation too large to send refused in words, and on a phone the activity and API-key tables
// as cards with Revoke in reach, and the model page and the unsaved-changes warning by tapping.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { createKey } from "./support/keys";

test.describe.configure({ timeout: 60_000 });

const MOCK_URL = process.env.PRIVET_E2E_MOCK_URL!;

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  // The chat sends once it has loaded this browser's history: Send is enabled then.
  await expect(page.getByRole("button", { name: "Send message" })).toBeEnabled();
  await box.press("Enter");
}

test.describe("pages around the chat", () => {
  test("Models is in the main navigation, and /providers lists every provider with its policy", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
    await expect(page).toHaveURL(/\/models$/);
    await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();

    const response = await page.goto("/providers");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/providers$/);
    await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();
    const zdr = page.getByRole("row").filter({ has: page.getByRole("link", { name: "E2E ZDR", exact: true }) });
    await expect(zdr).toContainText("Set up on this server");
    await zdr.getByRole("link", { name: "E2E ZDR", exact: true }).click();
    await expect(page).toHaveURL(/\/providers\/e2e-zdr$/);
  });

  test("a model page opens a chat on the model and says which providers the reader's settings allow", async ({
    page,
  }) => {
    await page.goto("/models/e2e/echo");
    await expect(page.getByRole("link", { name: "Chat with this model" })).toBeVisible();
    await expect(page.getByText(/Your privacy settings allow/)).toHaveCount(0);

    await signUp(page, { label: "model-page" });
    await page.goto("/models/e2e/echo");
    await expect(page.getByLabel("Your settings")).toContainText(
      "Your privacy settings allow 3 of 5 of its providers: E2E Retain, E2E ZDR, E2E Messages.",
    );
    await page.goto("/models/e2e/echo:free");
    await expect(page.getByLabel("Your settings")).toContainText(
      "No provider is allowed for you (Free model training)",
    );

    await page.goto("/models/e2e/tools");
    await page.getByRole("link", { name: "Chat with this model" }).click();
    await expect(page).toHaveURL(/\/chat/);
    await expect(page.getByRole("button", { name: /^Model:/ })).toHaveAccessibleName("Model: E2E Tools");
    await expect(page).not.toHaveURL(/model=/);
  });

  test("activity names the chat's app, a refusal by the policy and a stopped reply in words", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "activity-words" });
    // Refused: the free variant's providers may train, which the default settings forbid.
    await page.goto("/chat?model=e2e%2Fecho%3Afree");
    await expect(page.getByRole("button", { name: /^Model:/ })).toHaveAccessibleName(/E2E Echo \(free\)/);
    await send(page, "a refused message");
    await expect(page.getByRole("article", { name: "Reply" }).last()).toHaveAttribute("data-status", "error");

    // Stopped: a slow provider, stopped after its first words.
    await page.goto("/chat?model=e2e%2Fecho");
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"])
      await request.put(`${MOCK_URL}/__mock/providers/${slug}`, { data: { tokensPerSecond: 0.5, ttftMs: 2_000 } });
    try {
      await send(page, "tell me a long story about a lighthouse keeper and the sea");
      const reply = page.getByRole("article", { name: "Reply" }).last();
      // The cheapest provider the settings allow has the request: the wait names it.
      await expect(reply).toContainText("Waiting for E2E Retain…");
      await expect(reply).toHaveAttribute("data-status", "streaming");
      await expect(reply.getByTestId("reply-text")).toContainText(/\w/);
      await page.getByRole("button", { name: "Stop" }).click();
      await expect(reply.getByRole("region", { name: "Data-handling receipt" })).toContainText("Cancelled (stopped)");
    } finally {
      for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"])
        await request.put(`${MOCK_URL}/__mock/providers/${slug}`, { data: { tokensPerSecond: null, ttftMs: null } });
    }

    await page.goto("/activity?range=day");
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByText("Refused by your policy")).toBeVisible();
    await expect(table.getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(table.getByText(/^Error /)).toHaveCount(0);
    await expect(table.getByRole("cell", { name: "Chat", exact: true })).toHaveCount(2);
    await expect(page.getByText("1 failed · 1 cancelled")).toBeVisible();
  });

  test("privacy settings ask before unsaved changes are lost to a link", async ({ page }) => {
    await signUp(page, { label: "unsaved" });
    await page.goto("/settings/privacy");
    await expect(page.getByRole("status").filter({ hasText: "All changes saved." })).toBeVisible();
    await page.getByRole("switch", { name: "Zero data retention only", exact: true }).click();

    let message = "";
    page.once("dialog", (dialog) => {
      message = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await expect.poll(() => message).toContain("unsaved changes");
    await expect(page).toHaveURL(/\/settings\/privacy$/);
    await expect(page.getByRole("switch", { name: "Zero data retention only", exact: true })).toBeChecked();

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await expect(page).toHaveURL(/\/activity/);
  });
});

test.describe("the chat's keyboard and composer", () => {
  test("the message box has the focus, shortcuts work and are listed, and an oversized message is refused before sending", async ({
    page,
    context,
    request,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page, { label: "keyboard" });
    await page.goto("/chat");
    const box = page.getByRole("textbox", { name: "Message" });
    await expect(box).toBeFocused();

    await page.keyboard.press("Control+/");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("New chat");
    await expect(help).toContainText("Ctrl+Shift+O");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // Over the limit: the length shows, Send is off and Enter sends nothing.
    const word = `oversized${Date.now().toString(36)}`;
    await box.fill(`${word} ${"x".repeat(100_000)}`);
    await expect(page.getByText(/100,0\d\d \/ 100,000 characters: too long to send/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
    await box.press("Enter");
    await expect(page.getByRole("article", { name: "Reply" })).toHaveCount(0);
    const calls = (await (await request.get(`${MOCK_URL}/__mock/calls`)).json()) as { body: unknown }[];
    expect(calls.filter((call) => JSON.stringify(call.body).includes(word))).toHaveLength(0);

    await box.fill("hello keyboard");
    await box.press("Enter");
    await expect(page.getByRole("article", { name: "Reply" }).last()).toHaveAttribute("data-status", "complete");
    await box.evaluate((element) => (element as HTMLElement).blur());
    await expect(box).not.toBeFocused();
    await page.keyboard.press("Shift+Escape");
    await expect(box).toBeFocused();
    await page.keyboard.press("Control+Shift+C");
    await expect(page.getByText("Copied the last reply.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Hello from");
    await page.keyboard.press("Control+Shift+O");
    await expect(page.getByRole("article", { name: "Reply" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
  });
});

test.describe("a conversation too large to send", () => {
  test("is refused in words before anything is sent, and the message stays in the box", async ({ page, request }) => {
    await signUp(page, { label: "too-large" });
    await page.goto("/chat");
    // An imported conversation over the 24 MiB one request may carry: five 5 MB PDFs on its first
    // message (an import is not held to the composer's 10 MB per conversation, a request is).
    const now = new Date().toISOString();
    const size = 5 * 1024 * 1024;
    const pdf = Buffer.alloc(size, "a");
    pdf.write("%PDF-1.4\n");
    const data = `data:application/pdf;base64,${pdf.toString("base64")}`;
    const messages = [
      {
        id: "u0",
        role: "user",
        content: "read these",
        createdAt: now,
        attachments: Array.from({ length: 5 }, (_, i) => ({
          name: `part-${i}.pdf`,
          type: "application/pdf",
          size,
          data,
        })),
      },
      {
        id: "a1",
        role: "assistant",
        content: "I read them.",
        createdAt: now,
        model: "e2e/tools",
        status: "complete",
        receipt: null,
        outcome: null,
        error: null,
        clientFirstTokenMs: null,
      },
    ];
    const conversation = {
      id: "too-large",
      title: "A long one",
      createdAt: now,
      updatedAt: now,
      model: "e2e/tools",
      options: { denyDataCollection: false, zdr: false, order: [] },
      messages,
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privet-large-")), "large.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ format: "privet-chat", version: 1, exportedAt: now, conversations: [conversation] }),
    );
    await page.getByLabel("Import conversations from a JSON file").setInputFiles(file);
    await expect(page.getByRole("article", { name: "Reply" })).toHaveCount(1);

    const word = `toolarge${Date.now().toString(36)}`;
    await send(page, `one more ${word}`);
    const reply = page.getByRole("article", { name: "Reply" }).last();
    await expect(reply).toHaveAttribute("data-status", "error");
    await expect(reply).toContainText("This conversation is too large to send");
    await expect(reply).toContainText(/comes to 3\d MB, over the 24 MB Privet takes in one request/);
    await expect(reply).not.toContainText("could not be reached");
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue(`one more ${word}`);
    const calls = (await (await request.get(`${MOCK_URL}/__mock/calls`)).json()) as { body: unknown }[];
    expect(calls.filter((call) => JSON.stringify(call.body).includes(word))).toHaveLength(0);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the API keys and the activity are cards, with Revoke in reach and nothing scrolling sideways", async ({
    page,
  }) => {
    await signUp(page, { label: "phone-cards" });
    await page.goto("/settings/keys");
    await createKey(page, "phone key");
    await page.reload();
    const revoke = page.getByRole("button", { name: "Revoke phone key" });
    // Below the create form on a phone: scrolled to vertically, it must be whole on screen, no sideways scroll.
    await revoke.scrollIntoViewIfNeeded();
    await expect(revoke).toBeInViewport({ ratio: 1 });
    const box = await revoke.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.goto("/chat");
    // On a touch screen Enter is a new line: the Send button sends.
    await page.getByRole("textbox", { name: "Message" }).fill("hello from a phone");
    await page.getByRole("button", { name: "Send message" }).tap();
    await expect(page.getByRole("article", { name: "Reply" }).last()).toHaveAttribute("data-status", "complete");
    await page.goto("/activity?range=day");
    const row = page.getByRole("table").getByRole("row").filter({ hasText: "e2e/echo" });
    await expect(row).toBeVisible();
    const rowBox = await row.boundingBox();
    expect(rowBox!.width).toBeLessThanOrEqual(390);
    await expect(row).toContainText("Chat");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
  test("a model page's settings line and Chat with this model, and privacy's unsaved-changes warning, by tapping", async ({
    page,
  }) => {
    await signUp(page, { label: "phone-pages" });
    await page.goto("/models/e2e/echo");
    await expect(page.getByLabel("Your settings")).toContainText(
      "Your privacy settings allow 3 of 5 of its providers: E2E Retain, E2E ZDR, E2E Messages.",
    );
    const chatLink = page.getByRole("link", { name: "Chat with this model" });
    await chatLink.scrollIntoViewIfNeeded();
    await expect(chatLink).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto("/models/e2e/tools");
    await page.getByRole("link", { name: "Chat with this model" }).tap();
    await expect(page).toHaveURL(/\/chat/);
    await expect(page.getByRole("button", { name: /^Model:/ })).toHaveAccessibleName("Model: E2E Tools");

    // The warning holds on a phone too, where the way out is the header's menu.
    await page.goto("/settings/privacy");
    await expect(page.getByRole("status").filter({ hasText: "All changes saved." })).toBeVisible();
    const zdr = page.getByRole("switch", { name: "Zero data retention only", exact: true });
    await zdr.scrollIntoViewIfNeeded();
    await expect(zdr).toBeInViewport({ ratio: 1 });
    await zdr.tap();
    await expect(zdr).toBeChecked();
    let message = "";
    page.once("dialog", (dialog) => {
      message = dialog.message();
      void dialog.dismiss();
    });
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.tap();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).tap();
    await expect.poll(() => message).toContain("unsaved changes");
    await expect(page).toHaveURL(/\/settings\/privacy$/);
    await expect(zdr).toBeChecked();
    // Save is in reach; once saved, the menu's link leaves without asking.
    const save = page.getByRole("button", { name: "Save changes" });
    await save.scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport({ ratio: 1 });
    await save.tap();
    await expect(page.getByRole("status").filter({ hasText: "All changes saved." })).toBeVisible();
    let asked = false;
    page.once("dialog", (dialog) => {
      asked = true;
      void dialog.dismiss();
    });
    await menu.tap();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).tap();
    await expect(page).toHaveURL(/\/activity/);
    expect(asked).toBe(false);
  });
});
