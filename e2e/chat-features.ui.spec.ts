// The chat's conversation features in a real browser against the real server and the mock
// upstream: a system prompt, temperature and max tokens per conversation (with a default system
// prompt for new chats kept in this browser), searching and pinning conversations, regenerating a
// reply and editing a sent message (branches that stay reachable), and importing a version 1 export;
// on a touch phone, the same settings, versions, search and pin by tapping, every control in reach.
//
// The mock upstream is shared with other spec files: these tests only read its calls, and find
// their own by a unique word in the request body.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { storeOlderChat, waitUntilRepliesSaved } from "./support/chat-store";

const MOCK_URL = process.env.PRIVET_E2E_MOCK_URL!;

test.describe.configure({ timeout: 60_000 });

type TMockCall = { provider: string; body: unknown };

const uniqueWord = (label: string) => `${label}${randomBytes(4).toString("hex")}`;

async function callsWith(request: APIRequestContext, word: string): Promise<TMockCall[]> {
  const response = await request.get(`${MOCK_URL}/__mock/calls`);
  const calls = (await response.json()) as TMockCall[];
  return calls.filter((call) => JSON.stringify(call.body).includes(word));
}

function messageBox(page: Page): Locator {
  return page.getByRole("textbox", { name: "Message" });
}

function lastReply(page: Page): Locator {
  return page.getByRole("article", { name: "Reply" }).last();
}

async function generationIdOf(reply: Locator): Promise<string> {
  const link = reply.getByRole("region", { name: "Data-handling receipt" }).getByRole("link", { name: /^gen-/ });
  return (await link.textContent())!.trim();
}

async function openChat(page: Page): Promise<void> {
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
}

async function sendAndWait(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press("Enter");
  await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
  await waitUntilRepliesSaved(page);
}

function settingsPanel(page: Page): Locator {
  return page.getByRole("form", { name: "Model settings for this conversation" });
}

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: /^Model settings/ }).click();
  const panel = settingsPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

/** The page itself cannot be scrolled (the chat scrolls inside), and no footer shows below it. */
async function expectNoPageScroll(page: Page): Promise<void> {
  await page.mouse.wheel(0, 2000);
  await page.evaluate(() => window.scrollTo(0, 10_000));
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(messageBox(page)).toBeInViewport();
}

function historyList(page: Page): Locator {
  return page.getByRole("navigation", { name: "Conversation history" });
}

test.describe("chat options", () => {
  test("a conversation's system prompt, temperature and max tokens are checked, sent, and kept; a default starts new chats", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-system" });
    await openChat(page);
    const word = uniqueWord("parrot");
    const prompt = `Talk like a pirate ${word}.`;

    let panel = await openSettings(page);
    await panel.getByRole("textbox", { name: "System prompt" }).fill(prompt);
    const temperature = panel.getByRole("textbox", { name: "Temperature" });
    const maxTokens = panel.getByRole("textbox", { name: "Max tokens" });
    // Out of range: refused with a reason, nothing saved.
    await temperature.fill("3");
    await maxTokens.fill("1.5");
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(temperature).toHaveAccessibleDescription("Temperature must be between 0 and 2.");
    await expect(maxTokens).toHaveAccessibleDescription("Max tokens must be a whole number.");
    await expect(page.getByRole("button", { name: "Model settings", exact: true })).toBeVisible();
    await temperature.fill("0.4");
    await maxTokens.fill("64");
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByRole("button", { name: "Model settings (3 set)" })).toBeFocused();

    await sendAndWait(page, `ahoy ${word}`);
    const [call] = await callsWith(request, `ahoy ${word}`);
    expect(call?.body).toMatchObject({
      messages: [
        { role: "system", content: prompt },
        { role: "user", content: `ahoy ${word}` },
      ],
      temperature: 0.4,
      max_tokens: 64,
    });

    // Kept with the conversation, in this browser.
    await page.reload();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    panel = await openSettings(page);
    await expect(panel.getByRole("textbox", { name: "System prompt" })).toHaveValue(prompt);
    await expect(panel.getByRole("textbox", { name: "Temperature" })).toHaveValue("0.4");
    await expect(panel.getByRole("textbox", { name: "Max tokens" })).toHaveValue("64");

    // The default for new chats: a new chat starts with it, also after a reload.
    await panel.getByRole("button", { name: "Use for new chats" }).click();
    await expect(panel.getByRole("button", { name: "The default for new chats" })).toBeDisabled();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New chat", exact: true }).click();
    await page.reload();
    await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
    panel = await openSettings(page);
    await expect(panel.getByRole("textbox", { name: "System prompt" })).toHaveValue(prompt);
    // The temperature and max tokens belong to the other conversation.
    await expect(panel.getByRole("textbox", { name: "Temperature" })).toHaveValue("");
    await page.keyboard.press("Escape");
    const second = uniqueWord("again");
    await sendAndWait(page, `hello ${second}`);
    const [secondCall] = await callsWith(request, `hello ${second}`);
    expect(secondCall?.body).toMatchObject({ messages: [{ role: "system", content: prompt }, { role: "user" }] });
    expect(secondCall?.body).not.toHaveProperty("temperature");

    // Cleared, a new chat has none.
    panel = await openSettings(page);
    await panel.getByRole("button", { name: "Clear the default" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New chat", exact: true }).click();
    panel = await openSettings(page);
    await expect(panel.getByRole("textbox", { name: "System prompt" })).toHaveValue("");
  });
});

test.describe("chat history", () => {
  test("search finds conversations by title and message text; pinned ones come first and stay first", async ({
    page,
  }) => {
    await signUp(page, { label: "chat-search" });
    await openChat(page);
    const word = uniqueWord("walrus");
    await sendAndWait(page, `Planning a trip to Oslo`);
    await page.getByRole("button", { name: "New chat", exact: true }).click();
    await sendAndWait(page, `Baking bread\nthe dough needs ${word}`);
    await page.getByRole("button", { name: "New chat", exact: true }).click();
    await sendAndWait(page, `Fixing my bicycle`);

    const list = historyList(page);
    const titles = () => list.getByRole("button", { name: /^(Planning|Baking|Fixing)/ });
    await expect(titles()).toHaveText([/^Fixing my bicycle/, /^Baking bread/, /^Planning a trip to Oslo/]);

    // By message text (not in the title), then by title; case does not matter.
    const search = page.getByRole("searchbox", { name: "Search conversations" });
    await search.fill(word.toUpperCase());
    await expect(titles()).toHaveText([/^Baking bread/]);
    await search.fill("oslo");
    await expect(titles()).toHaveText([/^Planning a trip to Oslo/]);
    await search.fill("nothing like this");
    await expect(list.getByRole("status")).toHaveText("No conversation mentions “nothing like this”.");
    await search.press("Escape");
    await expect(search).toHaveValue("");
    await expect(titles()).toHaveCount(3);

    // Pinning the oldest puts it first; it stays first after a reload and a newer message elsewhere.
    await list.getByRole("button", { name: "Pin “Planning a trip to Oslo”" }).click();
    await expect(titles()).toHaveText([/Planning a trip to Oslo/, /^Fixing my bicycle/, /^Baking bread/]);
    await page.reload();
    await expect(titles()).toHaveText([/Planning a trip to Oslo/, /^Fixing my bicycle/, /^Baking bread/]);
    await list.getByRole("button", { name: /^Baking bread/ }).click();
    await sendAndWait(page, "and the oven?");
    await expect(titles()).toHaveText([/Planning a trip to Oslo/, /^Baking bread/, /^Fixing my bicycle/]);
    await list.getByRole("button", { name: "Unpin “Planning a trip to Oslo”" }).click();
    await expect(titles()).toHaveText([/^Baking bread/, /^Fixing my bicycle/, /^Planning a trip to Oslo/]);

    // On a desktop too, the chat fills the window: the page does not scroll into a footer, and the
    // receipt shows in full.
    await expectNoPageScroll(page);
    await expect(lastReply(page).getByTestId("receipt-details")).toBeVisible();
    await expect(lastReply(page).getByRole("button", { name: /show the whole receipt/ })).toBeHidden();
  });
});

function thread(page: Page): Locator {
  return page.getByRole("list", { name: "Messages" });
}

test.describe("chat branches", () => {
  test("regenerate and edit keep every earlier version reachable with ‹ n/m ›, also after a reload", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-branch" });
    await openChat(page);
    const word = uniqueWord("heron");
    await sendAndWait(page, `first ${word}`);
    const firstId = await generationIdOf(lastReply(page));
    // One version so far: no switcher.
    await expect(page.getByRole("group", { name: /^Versions of this/ })).toHaveCount(0);

    // Regenerate: a new reply to the same message, from a new request; the first is version 1 of 2.
    await lastReply(page).getByRole("button", { name: "Regenerate" }).click();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    const secondId = await generationIdOf(lastReply(page));
    expect(secondId).not.toBe(firstId);
    expect(await callsWith(request, `first ${word}`)).toHaveLength(2);
    const replyVersions = lastReply(page).getByRole("group", { name: "Versions of this reply" });
    await expect(replyVersions).toContainText("2/2");
    await replyVersions.getByRole("button", { name: "Previous version of this reply" }).click();
    await expect(replyVersions).toContainText("1/2");
    expect(await generationIdOf(lastReply(page))).toBe(firstId);
    await expect(thread(page).getByRole("article", { name: "Reply" })).toHaveCount(1);

    // Edit the sent message: the edited text is sent (without the old one) and gets its own reply.
    await thread(page).getByRole("button", { name: "Edit message" }).click();
    const editor = thread(page).getByRole("textbox", { name: "Edit message" });
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue(`first ${word}`);
    await editor.fill(`second ${word}`);
    await thread(page).getByRole("button", { name: "Send", exact: true }).click();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(thread(page).getByText(`second ${word}`)).toBeVisible();
    await expect(thread(page).getByText(`first ${word}`)).toHaveCount(0);
    const [edited] = await callsWith(request, `second ${word}`);
    expect(JSON.stringify(edited?.body)).not.toContain(`first ${word}`);
    const messageVersions = thread(page).getByRole("group", { name: "Versions of this message" });
    await expect(messageVersions).toContainText("2/2");

    // Kept in the browser: after a reload, the first version is one click away, with its reply.
    await page.reload();
    await expect(messageVersions).toContainText("2/2");
    await messageVersions.getByRole("button", { name: "Previous version of this message" }).click();
    await expect(thread(page).getByText(`first ${word}`)).toBeVisible();
    await expect(messageVersions).toContainText("1/2");
    expect(await generationIdOf(lastReply(page))).toBe(firstId);
    await expect(lastReply(page).getByRole("group", { name: "Versions of this reply" })).toContainText("1/2");
    await messageVersions.getByRole("button", { name: "Next version of this message" }).click();
    await expect(thread(page).getByText(`second ${word}`)).toBeVisible();
  });

  test("a conversation this browser stored before branches still opens, rewritten in today's format", async ({
    page,
  }) => {
    await signUp(page, { label: "chat-idb1" });
    await openChat(page);
    const word = uniqueWord("amber");
    // Put the account's database back to version 1, holding one version 1 record.
    const at = new Date().toISOString();
    await storeOlderChat(page, 1, [
      {
        id: `v1-${word}`,
        title: `Stored ${word}`,
        createdAt: at,
        updatedAt: at,
        model: "e2e/echo",
        options: { denyDataCollection: false, zdr: false, order: [] },
        messages: [{ id: "u1", role: "user", content: `stored long ago ${word}`, createdAt: at }],
      },
    ]);
    await page.reload();
    await historyList(page)
      .getByRole("button", { name: new RegExp(`^Stored ${word}`) })
      .click();
    await expect(thread(page).getByText(`stored long ago ${word}`)).toBeVisible();
    const record = await page.evaluate(async (id) => {
      const [info] = (await indexedDB.databases()).filter((d) => d.name?.startsWith("privet-chat:"));
      return new Promise<{ version: number; record: unknown }>((resolve, reject) => {
        const open = indexedDB.open(info!.name!);
        open.onsuccess = () => {
          const get = open.result.transaction("conversations").objectStore("conversations").get(id);
          get.onsuccess = () => resolve({ version: open.result.version, record: get.result });
          get.onerror = () => reject(get.error);
        };
      });
    }, `v1-${word}`);
    expect(record).toMatchObject({ version: 3, record: { id: `v1-${word}`, alternatives: [] } });
  });

  test("an export from before branches still imports", async ({ page }) => {
    await signUp(page, { label: "chat-v1" });
    await openChat(page);
    const word = uniqueWord("fossil");
    const at = new Date().toISOString();
    const v1 = {
      format: "privet-chat",
      version: 1,
      exportedAt: at,
      conversations: [
        {
          id: `old-${word}`,
          title: `Old ${word}`,
          createdAt: at,
          updatedAt: at,
          model: "e2e/echo",
          options: { denyDataCollection: false, zdr: false, order: [] },
          messages: [
            { id: "u1", role: "user", content: `kept since ${word}`, createdAt: at },
            {
              id: "a1",
              role: "assistant",
              content: `an old answer ${word}`,
              createdAt: at,
              model: "e2e/echo",
              status: "complete",
              receipt: null,
              outcome: null,
              error: null,
              clientFirstTokenMs: null,
            },
          ],
        },
      ],
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privet-chat-")), "old.json");
    fs.writeFileSync(file, JSON.stringify(v1));
    await page.getByLabel("Import conversations from a JSON file").setInputFiles(file);
    await expect(historyList(page).getByRole("button", { name: new RegExp(`^Old ${word}`) })).toBeVisible();
    await expect(thread(page).getByText(`an old answer ${word}`)).toBeVisible();
    // It can be continued and regenerated like any other.
    await lastReply(page).getByRole("button", { name: "Regenerate" }).click();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(lastReply(page).getByRole("group", { name: "Versions of this reply" })).toContainText("2/2");
  });
});

test.describe("chat on a touch phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("Enter is a new line and the button sends; the model name is whole; receipts are one line until tapped; no footer to scroll into", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-touch" });
    await openChat(page);

    // Enter starts a new line; nothing is sent until the button is tapped.
    const word = uniqueWord("tap");
    await messageBox(page).tap();
    await messageBox(page).fill(`line one ${word}`);
    await messageBox(page).press("Enter");
    await messageBox(page).pressSequentially("line two");
    await expect(messageBox(page)).toHaveValue(`line one ${word}\nline two`);
    await expect(page.getByRole("article", { name: "Reply" })).toHaveCount(0);
    expect(await callsWith(request, word)).toHaveLength(0);
    await page.getByRole("button", { name: "Send message" }).tap();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(messageBox(page)).toHaveValue("");

    // With the saved conversation's buttons in the toolbar too, the model's name is shown whole.
    await expect(page.getByRole("button", { name: "Delete conversation" })).toBeVisible();
    const picker = page.getByRole("button", { name: /^Model: / });
    const name = ((await picker.getAttribute("aria-label")) ?? "").replace(/^Model: /, "");
    const shown = picker.locator("span").first();
    await expect(shown).toHaveText(name);
    expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // The receipt is one line until tapped, then whole; tapped again, one line.
    const receipt = lastReply(page).getByRole("region", { name: "Data-handling receipt" });
    const toggle = receipt.getByRole("button", { name: /show the whole receipt/ });
    await expect(toggle).toBeVisible();
    await expect(toggle).toContainText("Served by");
    await expect(receipt.getByTestId("receipt-details")).toBeHidden();
    await toggle.tap();
    await expect(receipt.getByTestId("receipt-details")).toBeVisible();
    await expect(receipt.getByRole("link", { name: /^gen-/ })).toBeVisible();
    await receipt.getByRole("button", { name: /hide the receipt/ }).tap();
    await expect(receipt.getByTestId("receipt-details")).toBeHidden();

    // The page does not scroll past the chat into the footer.
    await expectNoPageScroll(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test.describe("chat features on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  /** Whole on the 390 px screen (scrolled to if need be), and shown without a hover. */
  async function expectInReach(control: Locator): Promise<void> {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport({ ratio: 1 });
    await expect(control).not.toHaveCSS("opacity", "0");
  }

  async function sendByTap(page: Page, text: string): Promise<void> {
    await messageBox(page).fill(text);
    await page.getByRole("button", { name: "Send message" }).tap();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
  }

  async function openDrawer(page: Page): Promise<Locator> {
    await page.getByRole("button", { name: "Conversations", exact: true }).tap();
    const list = historyList(page);
    await expect(list).toBeInViewport();
    return list;
  }

  test("by tapping: a system prompt, regenerate and edit with their versions, then search and pin in the drawer", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-phone-features" });
    await openChat(page);
    const word = uniqueWord("gull");
    const prompt = `Answer briefly ${word}.`;

    // The conversation's settings: the panel fits the screen and Apply is in reach.
    const trigger = page.getByRole("button", { name: "Model settings", exact: true });
    await expectInReach(trigger);
    await trigger.tap();
    const panel = settingsPanel(page);
    await expectInReach(panel.getByRole("textbox", { name: "System prompt" }));
    await panel.getByRole("textbox", { name: "System prompt" }).fill(prompt);
    const apply = panel.getByRole("button", { name: "Apply" });
    await expectInReach(apply);
    await apply.tap();
    await expect(panel).toBeHidden();
    await expect(page.getByRole("button", { name: "Model settings (1 set)" })).toBeVisible();
    await sendByTap(page, `first ${word}`);
    const [call] = await callsWith(request, `first ${word}`);
    expect(call?.body).toMatchObject({
      messages: [
        { role: "system", content: prompt },
        { role: "user", content: `first ${word}` },
      ],
    });

    // Regenerate (a second request), then back to the first version, by tapping.
    const regenerate = lastReply(page).getByRole("button", { name: "Regenerate" });
    await expectInReach(regenerate);
    await regenerate.tap();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    const replyVersions = lastReply(page).getByRole("group", { name: "Versions of this reply" });
    await expect(replyVersions).toContainText("2/2");
    expect(await callsWith(request, `first ${word}`)).toHaveLength(2);
    const previousReply = replyVersions.getByRole("button", { name: "Previous version of this reply" });
    await expectInReach(previousReply);
    await previousReply.tap();
    await expect(replyVersions).toContainText("1/2");

    // Edit the sent message: the Edit button shows without a hover, the editor and its Send fit.
    const edit = thread(page).getByRole("button", { name: "Edit message" });
    await expectInReach(edit);
    await edit.tap();
    const editor = thread(page).getByRole("textbox", { name: "Edit message" });
    await expectInReach(editor);
    await editor.fill(`second ${word}`);
    const send = thread(page).getByRole("button", { name: "Send", exact: true });
    await expectInReach(send);
    await send.tap();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(thread(page).getByText(`second ${word}`)).toBeVisible();
    const messageVersions = thread(page).getByRole("group", { name: "Versions of this message" });
    await expect(messageVersions).toContainText("2/2");
    const previousMessage = messageVersions.getByRole("button", { name: "Previous version of this message" });
    await expectInReach(previousMessage);
    await previousMessage.tap();
    await expect(thread(page).getByText(`first ${word}`)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The drawer: a new chat, then search and pin, all in reach.
    let list = await openDrawer(page);
    await page.getByRole("button", { name: "New chat", exact: true }).tap();
    await expect(list).toBeHidden();
    await sendByTap(page, `Another topic ${word}`);
    list = await openDrawer(page);
    const titles = () => list.getByRole("button", { name: new RegExp(`^(first|Another topic) ${word}`) });
    await expect(titles()).toHaveText([new RegExp(`^Another topic`), new RegExp(`^first`)]);
    const search = page.getByRole("searchbox", { name: "Search conversations" });
    await expectInReach(search);
    await search.tap();
    await search.fill("another TOPIC");
    await expect(titles()).toHaveText([new RegExp(`^Another topic`)]);
    await search.fill("");
    // The pin button shows without a hover, beside the title, inside the drawer.
    const pin = list.getByRole("button", { name: `Pin “first ${word}”` });
    await expectInReach(pin);
    await pin.tap();
    await expect(titles()).toHaveText([new RegExp(`^first`), new RegExp(`^Another topic`)]);
    await expect(list.getByRole("button", { name: `Unpin “first ${word}”` })).toBeVisible();
    // Choosing a conversation closes the drawer and opens it.
    await titles().first().tap();
    await expect(list).toBeHidden();
    await expect(thread(page).getByText(`first ${word}`)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
