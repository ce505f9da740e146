// The chat in a real browser against the real server and the mock upstream: replies stream with a
// data-handling receipt naming the provider the upstream actually saw, the conversation's privacy
// options change routing, blocked models say why and where to change it, Stop cancels the upstream
// call (the metadata record says so), and history lives in this browser, per account.
//
// Other spec files share the mock upstream. These tests only ever set `tokensPerSecond` (and, for
// the few seconds of one test, `ttftMs`) on a provider (never the reply), put it back to the
// default themselves, and find their own upstream calls by a unique word in the request body.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signOut, signUp } from "./support/accounts";
import { createKey } from "./support/keys";
import { MOCK_THOUGHT } from "../scripts/mock-upstream/server";

const MOCK_URL = process.env.PRIVET_E2E_MOCK_URL!;

// Each test signs up one or two accounts (password hashing is deliberately slow) on a shared machine.
test.describe.configure({ timeout: 60_000 });

type TMockCall = { provider: string; body: unknown };

const uniqueWord = (label: string) => `${label}${randomBytes(4).toString("hex")}`;

async function setPace(request: APIRequestContext, slug: string, tokensPerSecond: number | null): Promise<void> {
  const response = await request.put(`${MOCK_URL}/__mock/providers/${slug}`, { data: { tokensPerSecond } });
  expect(response.ok()).toBe(true);
}

/** The upstream calls whose request body contains `word` (each test's messages carry a unique one). */
async function callsWith(request: APIRequestContext, word: string): Promise<TMockCall[]> {
  const response = await request.get(`${MOCK_URL}/__mock/calls`);
  const calls = (await response.json()) as TMockCall[];
  return calls.filter((call) => JSON.stringify(call.body).includes(word));
}

function messageBox(page: Page): Locator {
  return page.getByRole("textbox", { name: "Message" });
}

/** The open conversation's messages (titles also appear in the list and in dialogs). */
function thread(page: Page): Locator {
  return page.getByRole("list", { name: "Messages" });
}

function lastReply(page: Page): Locator {
  return page.getByRole("article", { name: "Reply" }).last();
}

function receiptOf(reply: Locator): Locator {
  return reply.getByRole("region", { name: "Data-handling receipt" });
}

async function openChat(page: Page): Promise<void> {
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press("Enter");
}

/** Sends a message and waits until its reply has finished, with the record's figures in the receipt. */
async function sendAndWait(page: Page, text: string): Promise<Locator> {
  await send(page, text);
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute("data-status", "complete");
  await expect(receiptOf(reply)).toContainText(/Tokens\s*\d+ in/);
  return reply;
}

/** Routes the open conversation to the Messages-API provider first (its privacy options). */
async function preferMessagesProvider(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Privacy options/ }).click();
  const options = page.getByRole("region", { name: "Privacy for this conversation" });
  await options.getByRole("combobox", { name: "Add a preferred provider" }).selectOption({ label: "E2E Messages" });
  await expect(options.getByRole("listitem").filter({ hasText: "1. E2E Messages" })).toBeVisible();
  await page.keyboard.press("Escape");
}

async function generationIdOf(reply: Locator): Promise<string> {
  const link = receiptOf(reply).getByRole("link", { name: /^gen-/ });
  return (await link.textContent())!.trim();
}

test.describe("chat", () => {
  test("a reply streams in token by token, with a receipt naming the provider the upstream saw", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-stream" });
    await openChat(page);

    // Record every text the newest reply shows while it streams.
    await page.evaluate(() => {
      const state = window as unknown as { replyTexts: string[] };
      state.replyTexts = [];
      new MutationObserver(() => {
        const texts = document.querySelectorAll('article[aria-label="Reply"] [data-testid="reply-text"]');
        const text = texts[texts.length - 1]?.textContent ?? "";
        if (text && state.replyTexts.at(-1) !== text) state.replyTexts.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    // The mock is shared with other spec files, and one of them may reset its knobs between our
    // setting the pace and the call; a reply that arrives unpaced is then sent again (up to 3 times).
    let streamed: { word: string; slug: string; finalText: string; seen: string[] } | null = null;
    for (let attempt = 1; attempt <= 3 && streamed === null; attempt++) {
      const word = uniqueWord("otter");
      // Shift+Enter is a new line, Enter sends.
      await messageBox(page).fill(`first line ${word}`);
      await messageBox(page).press("Shift+Enter");
      await messageBox(page).pressSequentially("second line");
      await expect(messageBox(page)).toHaveValue(`first line ${word}\nsecond line`);
      await page.evaluate(() => {
        (window as unknown as { replyTexts: string[] }).replyTexts = [];
      });
      await setPace(request, "e2e-retain", 2);
      try {
        await messageBox(page).press("Enter");
        await expect(messageBox(page)).toHaveValue("");
        await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
      } finally {
        await setPace(request, "e2e-retain", null);
      }
      expect(await thread(page).getByText(`first line ${word}`).innerText()).toContain(
        `first line ${word}\nsecond line`,
      );

      // The upstream saw exactly one call for this message; the reply is what that provider said.
      const calls = await callsWith(request, word);
      expect(calls).toHaveLength(1);
      const slug = calls[0]!.provider;
      const finalText = `Hello from ${slug}.`;
      await expect(lastReply(page).getByTestId("reply-text")).toHaveText(finalText);
      const seen = await page.evaluate(() => (window as unknown as { replyTexts: string[] }).replyTexts);
      if (slug === "e2e-retain" && seen.some((text) => text !== finalText && finalText.startsWith(text)))
        streamed = { word, slug, finalText, seen };
    }
    expect(streamed, "a paced reply showed partial text before the whole").not.toBeNull();
    const { slug } = streamed!;
    await expect(page.getByRole("button", { name: "Send message" })).toBeVisible();

    const reply = lastReply(page);
    const receipt = receiptOf(reply);
    await expect(receipt).toContainText("Served by E2E Retain (e2e-retain)");
    await expect(receipt).toContainText(/Retention\s*Retained for 30 days/);
    await expect(receipt).toContainText(/Training\s*Does not train/);
    await expect(receipt).toContainText(/Content stored\s*No/);
    await expect(receipt).toContainText(/Tokens\s*\d+ in · 3 out/);
    await expect(receipt).toContainText(/Cost\s*\$0\.0000/);
    await expect(receipt).toContainText(/Latency\s*\d/);
    await expect(receipt.getByRole("link", { name: /data policy$/ })).toHaveAttribute("href", `/docs#provider-${slug}`);
    const generationId = await generationIdOf(reply);
    expect(generationId).toMatch(/^gen-/);
    await expect(receipt.getByRole("link", { name: generationId })).toHaveAttribute(
      "href",
      `/activity/${generationId}`,
    );
    await expect(reply.getByRole("button", { name: "Copy reply" })).toBeVisible();
  });

  test("with Think on, the model's thinking shows folded above the reply and stays after a reload", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-think" });
    await openChat(page);
    // The Messages-API provider is the one the mock answers with thinking.
    await page.getByRole("button", { name: /^Privacy options/ }).click();
    await page
      .getByRole("region", { name: "Privacy for this conversation" })
      .getByLabel("Add a preferred provider")
      .selectOption({ label: "E2E Messages" });
    await page.keyboard.press("Escape");
    const think = page.getByRole("button", { name: "Think before answering" });
    await expect(think).toHaveAttribute("aria-pressed", "false");
    await think.click();
    await expect(think).toHaveAttribute("aria-pressed", "true");

    const word = uniqueWord("think");
    const reply = await sendAndWait(page, `why is the sea salty ${word}`);
    await expect(receiptOf(reply)).toContainText("E2E Messages");
    const [call] = await callsWith(request, word);
    expect(call).toMatchObject({ provider: "e2e-anthropic", body: { thinking: { type: "enabled" } } });
    // The reply is the answer alone; the thinking is kept apart from it.
    await expect(reply.getByTestId("reply-text")).toHaveText("Hello from e2e-anthropic.");
    const thought = reply.getByTestId("reply-reasoning");
    await expect(thought.getByText(MOCK_THOUGHT)).toBeHidden();
    await thought.getByText("Thought process").click();
    await expect(thought.getByText(MOCK_THOUGHT)).toBeVisible();

    // Both the thinking and the option belong to the conversation in this browser.
    await page.reload();
    await expect(page.getByRole("button", { name: "Think before answering" })).toHaveAttribute("aria-pressed", "true");
    await lastReply(page).getByText("Thought process").click();
    await expect(lastReply(page).getByText(MOCK_THOUGHT)).toBeVisible();

    // Under "Zero data retention only" the one provider that reasons is not allowed: Think is
    // offered no longer, and says why.
    await page.getByRole("button", { name: /^Privacy options/ }).click();
    await page
      .getByRole("region", { name: "Privacy for this conversation" })
      .getByRole("checkbox", { name: "Zero data retention only" })
      .check();
    await page.keyboard.press("Escape");
    const unavailable = page.getByRole("button", { name: "Think before answering" });
    await expect(unavailable).toBeDisabled();
    await expect(unavailable).toHaveAttribute("aria-pressed", "false");
    await expect(unavailable).toHaveAccessibleDescription(
      "E2E Echo cannot think before answering at the providers your settings allow.",
    );
  });

  test("turning on “Zero data retention only” makes the next reply come from a ZDR provider", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-zdr" });
    await openChat(page);
    const before = uniqueWord("before");
    await sendAndWait(page, `hello ${before}`);

    await page.getByRole("button", { name: /^Privacy options/ }).click();
    const options = page.getByRole("region", { name: "Privacy for this conversation" });
    await expect(options).toContainText("can only tighten your account settings");
    await expect(options).toContainText(/Zero data retention only\s*Off/);
    await options.getByRole("checkbox", { name: "Zero data retention only" }).check();
    await expect(options).toContainText("1 of 5 providers allowed: E2E ZDR");
    await page.keyboard.press("Escape");
    await expect(options).toBeHidden();
    await expect(page.getByRole("button", { name: "Privacy options (1 active)" })).toBeVisible();

    const after = uniqueWord("after");
    const reply = await sendAndWait(page, `hello again ${after}`);
    const receipt = receiptOf(reply);
    await expect(receipt).toContainText("E2E ZDR");
    await expect(receipt).toContainText("(e2e-zdr)");
    await expect(receipt).toContainText(/Retention\s*Zero retention/);
    await expect(receipt.getByText("Zero data retention", { exact: true })).toBeVisible();
    expect((await callsWith(request, after)).map((call) => call.provider)).toEqual(["e2e-zdr"]);

    // The option belongs to the conversation and survives a reload.
    await page.reload();
    await expect(page.getByRole("button", { name: "Privacy options (1 active)" })).toBeVisible();
  });

  test("a model the settings block says why, links to the setting, and refuses without losing the message", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-blocked" });
    await openChat(page);

    await page.getByRole("button", { name: /^Model:/ }).click();
    const picker = page.getByRole("dialog", { name: "Choose a model" });
    await expect(picker.getByRole("searchbox", { name: "Search models" })).toBeFocused();
    await page.keyboard.type("free");
    await expect(picker.getByRole("button", { name: /e2e\// })).toHaveCount(1);
    const item = picker.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^E2E Echo \(free\)/ }) });
    await expect(item).toContainText("E2E Echo (free)");
    await expect(item).toContainText("Free");
    await expect(item).toContainText("No provider allowed");
    await expect(item).toContainText(/Why:\s*Free model training/);
    const link = item.getByRole("link", { name: "Change “Free model training” in your privacy settings" });
    await expect(link).toHaveAttribute("href", "/settings/privacy#train-free");

    // An allowed model shows its price and how many providers the settings leave.
    await picker.getByRole("searchbox", { name: "Search models" }).fill("");
    const echo = picker.getByRole("listitem").filter({ hasText: "e2e/echo" }).filter({ hasNotText: "e2e/echo:free" });
    await expect(echo).toContainText("$0.50 in · $0.50 out per 1M tokens");
    await expect(echo).toContainText("3 of 5 providers allowed: E2E Retain, E2E ZDR, E2E Messages");

    // Choose it anyway (by keyboard): the composer warns, and sending shows the router's refusal inline.
    await picker.getByRole("searchbox", { name: "Search models" }).fill("free");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(picker).toBeHidden();
    await expect(page.getByRole("button", { name: "Model: E2E Echo (free)" })).toBeFocused();
    await expect(
      page.getByText(/No provider can serve E2E Echo \(free\) under your settings: Free model training/),
    ).toBeVisible();

    const word = uniqueWord("refused");
    await send(page, `free model please ${word}`);
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute("data-status", "error");
    await expect(reply).toContainText("Your privacy settings leave no provider for this model");
    await expect(reply).toContainText(/Blocked by:\s*Free model training/);
    await expect(reply).toContainText("E2E Trains — may train on prompts; free-model training is off");
    await expect(
      reply.getByRole("link", { name: "Change “Free model training” in your privacy settings" }),
    ).toHaveAttribute("href", "/settings/privacy#train-free");
    await expect(reply).toContainText("Your message is back in the input box.");
    await expect(messageBox(page)).toHaveValue(`free model please ${word}`);
    expect(await callsWith(request, word)).toHaveLength(0);
  });

  test("Stop ends the stream, cancels the upstream call, and the metadata record says cancelled", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-stop" });
    await page.goto("/settings/keys");
    const key = await createKey(page, "chat stop test");
    await openChat(page);

    // Route this conversation to the Messages-API provider first (only this test slows it down).
    await preferMessagesProvider(page);

    // As above, a reply that arrives unpaced (another spec reset the shared mock) is sent again, and
    // so is one whose last token beat the click on a loaded machine (the server then says success).
    let stopped: { reply: Locator; word: string } | null = null;
    for (let attempt = 1; attempt <= 3 && stopped === null; attempt++) {
      const word = uniqueWord("stopme");
      await setPace(request, "e2e-anthropic", 0.5);
      try {
        await send(page, `a slow one ${word}`);
        const reply = lastReply(page);
        await expect(reply.getByTestId("reply-text")).toContainText("Hello");
        // The click finds no button when the whole reply is already there.
        await page
          .getByRole("button", { name: "Stop", exact: true })
          .click({ timeout: 3_000 })
          .catch(() => undefined);
        await expect(reply).toHaveAttribute("data-status", /^(stopped|complete)$/);
        if ((await reply.getAttribute("data-status")) === "stopped") {
          // The record's figures arrive once the server has ended the call either way.
          await expect(receiptOf(reply)).toContainText(/Tokens\s*\d+ in|Cancelled \(stopped\)/);
          if (/Cancelled \(stopped\)/.test((await receiptOf(reply).textContent()) ?? "")) stopped = { reply, word };
        }
      } finally {
        await setPace(request, "e2e-anthropic", null);
      }
    }
    expect(stopped, "Stop was pressed while a paced reply streamed").not.toBeNull();
    const { reply, word } = stopped!;
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeHidden();
    await expect(reply).toContainText("You stopped this reply.");
    await expect(receiptOf(reply)).toContainText(/Status\s*Cancelled \(stopped\)/);
    // The stream has ended for good: the rest of the reply never arrives.
    await expect(reply.getByTestId("reply-text")).not.toContainText("e2e-anthropic.");
    expect((await callsWith(request, word)).map((call) => call.provider)).toEqual(["e2e-anthropic"]);

    const generationId = await generationIdOf(reply);
    const response = await request.get(`/api/v1/generation?id=${generationId}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status()).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({
      id: generationId,
      status: "cancelled",
      cancelled: true,
      finish_reason: "cancelled",
      origin: "chat",
      app_title: "Privet Chat",
      provider_slug: "e2e-anthropic",
      streamed: true,
      content_stored: false,
    });
    expect(await reply.getByTestId("reply-text").textContent()).not.toContain("e2e-anthropic.");
  });

  test("a reply stopped before its first word names the provider that received it, with its policy, here, after a reload and in the activity detail", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-sent" });
    await openChat(page);
    await preferMessagesProvider(page);

    const word = uniqueWord("sentbefore");
    const slow = await request.put(`${MOCK_URL}/__mock/providers/e2e-anthropic`, { data: { ttftMs: 15_000 } });
    expect(slow.ok()).toBe(true);
    try {
      await send(page, `stop this before a word ${word}`);
      // The provider has the conversation before any word of a reply exists.
      await expect
        .poll(async () => (await callsWith(request, word)).map((call) => call.provider))
        .toEqual(["e2e-anthropic"]);
      await page.getByRole("button", { name: "Stop", exact: true }).click();
    } finally {
      await request.put(`${MOCK_URL}/__mock/providers/e2e-anthropic`, { data: { ttftMs: null } });
    }
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute("data-status", "stopped");
    const receipt = receiptOf(reply);
    await expect(receipt).toContainText("Sent to E2E Messages");
    await expect(receipt).toContainText(/Retention\s*Retained for 30 days/);
    await expect(receipt).toContainText("no reply came from it");

    // The saved conversation keeps what it knew.
    await page.reload();
    await expect(receiptOf(lastReply(page))).toContainText("Sent to E2E Messages");

    // The activity detail names it too, with its policy at the time.
    await receiptOf(lastReply(page)).getByRole("link", { name: /^gen-/ }).click();
    const received = page.getByRole("list", { name: "Providers that received this request" });
    await expect(received).toContainText("E2E Messages");
    await expect(received).toContainText("received the request, no answer from it");
    await expect(received).toContainText("Retained for 30 days");
    await expect(page.getByText("No provider served this request")).toHaveCount(0);
  });

  test("reloading keeps the conversation, and the list opens it again", async ({ page }) => {
    await signUp(page, { label: "chat-reload" });
    await openChat(page);
    const word = uniqueWord("remember");
    const reply = await sendAndWait(page, `keep this ${word}`);
    const generationId = await generationIdOf(reply);
    await expect(page).toHaveURL(/\/chat\?c=/);

    await page.reload();
    await expect(thread(page).getByText(`keep this ${word}`)).toBeVisible();
    await expect(receiptOf(lastReply(page))).toContainText(generationId);

    // A fresh visit starts a new chat; the conversation waits in the list.
    await page.goto("/chat");
    await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
    await expect(thread(page).getByText(`keep this ${word}`)).toHaveCount(0);
    await page
      .getByRole("navigation", { name: "Conversation history" })
      .getByRole("button", { name: new RegExp(`^keep this ${word}`) })
      .click();
    await expect(thread(page).getByText(`keep this ${word}`)).toBeVisible();
    await expect(receiptOf(lastReply(page))).toContainText(generationId);
  });

  test("another account sees none of it, in another browser or in this one", async ({ page, browser }) => {
    await signUp(page, { label: "chat-owner" });
    await openChat(page);
    const word = uniqueWord("private");
    const reply = await sendAndWait(page, `my secret ${word}`);
    const generationId = await generationIdOf(reply);
    const conversationUrl = page.url();

    // Another person in another browser: no history, and the conversation link opens nothing.
    const otherContext = await browser.newContext();
    try {
      const other = await otherContext.newPage();
      await signUp(other, { label: "chat-other" });
      await other.goto("/settings/keys");
      const otherKey = await createKey(other, "snoop");
      await other.goto(conversationUrl.replace(/^https?:\/\/[^/]+/, ""));
      await expect(other.getByRole("heading", { name: /^Chat with / })).toBeVisible();
      await expect(other.getByText("No conversations yet.", { exact: false })).toBeVisible();
      await expect(other.getByText(word)).toHaveCount(0);
      expect(await other.content()).not.toContain(word);
      // The reply's metadata record is not theirs: 404, as for an id that does not exist.
      const snoop = await other.request.get(`/api/v1/generation?id=${generationId}`, {
        headers: { Authorization: `Bearer ${otherKey}` },
      });
      expect(snoop.status()).toBe(404);
    } finally {
      await otherContext.close();
    }

    // Another account signed in on this same browser does not see this account's history either.
    await signOut(page);
    await signUp(page, { label: "chat-same-browser" });
    await page.goto(conversationUrl.replace(/^https?:\/\/[^/]+/, ""));
    await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
    await expect(page.getByText("No conversations yet.", { exact: false })).toBeVisible();
    expect(await page.content()).not.toContain(word);
  });

  test("export then import restores a conversation; a bad file gets a clear error", async ({ page }) => {
    await signUp(page, { label: "chat-export" });
    await openChat(page);
    const word = uniqueWord("export");
    const reply = await sendAndWait(page, `export me ${word}`);
    const generationId = await generationIdOf(reply);

    // Rename it, so the restored copy can be recognised by its name.
    await page.getByRole("button", { name: "Rename conversation" }).click();
    const rename = page.getByRole("dialog", { name: "Rename conversation" });
    await rename.getByLabel("Name").fill(`Saved ${word}`);
    await rename.getByRole("button", { name: "Save" }).click();
    const history = page.getByRole("navigation", { name: "Conversation history" });
    await expect(history.getByRole("button", { name: new RegExp(`^Saved ${word}`) })).toBeVisible();

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export conversation" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^privet-chat-saved-export[0-9a-f]+-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privet-chat-")), download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(exported).toMatchObject({ format: "privet-chat", version: 2, conversations: [{ title: `Saved ${word}` }] });

    // Delete asks first, then the conversation is gone from the list and the page.
    await page.getByRole("button", { name: "Delete conversation" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete “Saved ${word}”?` });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete conversation" }).click();
    await expect(history.getByRole("button", { name: new RegExp(`^Saved ${word}`) })).toHaveCount(0);
    await expect(thread(page).getByText(`export me ${word}`)).toHaveCount(0);
    // The toast comes once the browser's storage has committed the removal, so a reload cannot bring it back.
    await expect(page.getByText(`Deleted “Saved ${word}”.`)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
    await expect(history.getByRole("button", { name: new RegExp(`^Saved ${word}`) })).toHaveCount(0);
    await expect(thread(page).getByText(`export me ${word}`)).toHaveCount(0);

    // A file that is not an export is refused with a reason, and nothing is imported.
    const bad = path.join(path.dirname(file), "not-an-export.json");
    fs.writeFileSync(bad, JSON.stringify({ hello: "world" }));
    await page.getByLabel("Import conversations from a JSON file").setInputFiles(bad);
    await expect(page.getByRole("alert").filter({ hasText: "not a Privet Chat export" })).toBeVisible();

    // Importing the export brings the conversation back, receipt included.
    await page.getByLabel("Import conversations from a JSON file").setInputFiles(file);
    await expect(history.getByRole("button", { name: new RegExp(`^Saved ${word}`) })).toBeVisible();
    await expect(thread(page).getByText(`export me ${word}`)).toBeVisible();
    await expect(receiptOf(lastReply(page))).toContainText(generationId);
    await page.reload();
    await expect(thread(page).getByText(`export me ${word}`)).toBeVisible();
  });
});

test.describe("chat replies", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("render Markdown with highlighted code and a copy button", async ({ page }) => {
    await signUp(page, { label: "chat-markdown" });
    await openChat(page);
    // An imported conversation carries a reply with Markdown in it (the mock upstream only says hello).
    const now = new Date().toISOString();
    const conversation = {
      id: "markdown-demo",
      title: "Markdown demo",
      createdAt: now,
      updatedAt: now,
      model: "e2e/echo",
      options: { denyDataCollection: false, zdr: false, order: [] },
      messages: [
        { id: "u1", role: "user", content: "show me code", createdAt: now },
        {
          id: "a1",
          role: "assistant",
          content:
            "Here is **bold**, a [link](https://example.com) and code:\n\n```js\nconst answer = 42;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
          createdAt: now,
          model: "e2e/echo",
          status: "complete",
          receipt: null,
          outcome: null,
          error: null,
          clientFirstTokenMs: null,
        },
      ],
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privet-chat-")), "markdown.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ format: "privet-chat", version: 1, exportedAt: now, conversations: [conversation] }),
    );
    await page.getByLabel("Import conversations from a JSON file").setInputFiles(file);

    const reply = lastReply(page);
    await expect(reply.locator("strong")).toHaveText("bold");
    await expect(reply.getByRole("link", { name: "link" })).toHaveAttribute("href", "https://example.com");
    await expect(reply.getByRole("table")).toBeVisible();
    const code = reply.locator("figure.chat-code");
    await expect(code).toContainText("js");
    await expect(code.locator(".hljs-keyword")).toHaveText("const");
    await code.getByRole("button", { name: "Copy code" }).click();
    await expect(code.getByRole("button", { name: "Copied" })).toBeVisible();
  });
});

test.describe("chat on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the conversation list is a drawer, and a reply with its receipt fits the width", async ({ page }) => {
    await signUp(page, { label: "chat-phone" });
    await openChat(page);
    const list = page.getByRole("complementary", { name: "Conversations" });
    await expect(list).toBeHidden();

    const word = uniqueWord("phone");
    const reply = await sendAndWait(page, `from my phone ${word}`);
    await expect(receiptOf(reply)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByRole("button", { name: "Conversations", exact: true }).click();
    await expect(list).toBeVisible();
    await expect(list.getByRole("button", { name: "Close conversations" })).toBeFocused();
    await expect(list.getByRole("button", { name: new RegExp(`^from my phone ${word}`) })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();

    await page.getByRole("button", { name: "Conversations", exact: true }).click();
    await list.getByRole("button", { name: "New chat" }).click();
    await expect(list).toBeHidden();
    await expect(thread(page).getByText(`from my phone ${word}`)).toHaveCount(0);
    await expect(messageBox(page)).toBeFocused();
  });
});
