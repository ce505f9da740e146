// Attachments in the chat, in a real browser against the real server and the mock upstream: images
// and PDFs chosen, dropped or pasted show as chips with the limits; they leave as content parts to
// a model that reads them (the picker marks it), show in the message bubble and the receipt, and
// stay with the conversation after a reload; a file over the limit, of another type, or for a model
// no allowed provider of which reads it is refused before anything is sent; and all of it on a phone.
//
// The mock upstream is shared with other spec files: these tests only read its calls, and find
// their own by a unique word in the request body.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { storedChat, storeOlderChat, waitUntilRepliesSaved } from "./support/chat-store";

const MOCK_URL = process.env.PRIVET_E2E_MOCK_URL!;

test.describe.configure({ timeout: 60_000 });

type TMockCall = { provider: string; body: { messages: { role: string; content: unknown }[] } };

const uniqueWord = (label: string) => `${label}${randomBytes(4).toString("hex")}`;

async function callsWith(request: APIRequestContext, word: string): Promise<TMockCall[]> {
  const response = await request.get(`${MOCK_URL}/__mock/calls`);
  const calls = (await response.json()) as TMockCall[];
  return calls.filter((call) => JSON.stringify(call.body).includes(word));
}

/** A real (1×1) PNG, so the browser can draw its thumbnail. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
/** A PDF of 3 MB, as real reports weigh: well over a megabyte in one request, well under the limits. */
const REPORT = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024 - PDF.length, "%")]);

const messageBox = (page: Page) => page.getByRole("textbox", { name: "Message" });
const chips = (page: Page) => page.getByRole("list", { name: "Attachments" });
const lastReply = (page: Page) => page.getByRole("article", { name: "Reply" }).last();

async function openChat(page: Page): Promise<void> {
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();
}

async function chooseModel(page: Page, name: string, id: string): Promise<void> {
  await page.getByRole("button", { name: /^Model:/ }).click();
  const picker = page.getByRole("dialog", { name: "Choose a model" });
  await picker
    .locator("button[data-model-option]")
    .filter({ has: page.getByText(id, { exact: true }) })
    .click();
  await expect(page.getByRole("button", { name: `Model: ${name}` })).toBeVisible();
}

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach images or PDFs" }).click();
  await (await chooser).setFiles(files);
}

/** Drops a file on the composer, as dragging it from the desktop does. */
async function drop(page: Page, target: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") },
  );
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

/** Pastes an image into the message box, as pasting a screenshot does. */
async function pasteImage(page: Page, name: string): Promise<void> {
  await messageBox(page).evaluate(
    (box, { name, base64 }) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: "image/png" }));
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { name, base64: PNG.toString("base64") },
  );
}

test.describe("chat attachments", () => {
  test("an image and a PDF are attached, sent as content parts, shown in the bubble and the receipt, and kept", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-attach" });
    await openChat(page);

    // The picker marks the model that reads images and PDFs, and not the one that does not.
    await page.getByRole("button", { name: /^Model:/ }).click();
    const picker = page.getByRole("dialog", { name: "Choose a model" });
    const tools = picker.getByRole("listitem").filter({ hasText: "e2e/tools" });
    await expect(tools.getByText("Images", { exact: true })).toBeVisible();
    await expect(tools.getByText("PDFs", { exact: true })).toBeVisible();
    const echo = picker.getByRole("listitem").filter({ hasText: "e2e/echo" }).filter({ hasNotText: "e2e/echo:free" });
    await expect(echo.getByText("Images", { exact: true })).toHaveCount(0);
    await picker.locator("button[data-model-option]").filter({ hasText: "e2e/tools" }).click();

    // Chosen, dropped and pasted: each a chip with its name and size; the limits are said.
    await attach(page, [
      { name: "photo.png", mimeType: "image/png", buffer: PNG },
      { name: "report.pdf", mimeType: "application/pdf", buffer: REPORT },
    ]);
    await drop(page, messageBox(page), { name: "dropped.png", mimeType: "image/png", buffer: PNG });
    await pasteImage(page, "pasted.png");
    await expect(chips(page).getByRole("listitem")).toHaveCount(4);
    await expect(chips(page)).toContainText("report.pdf");
    await expect(chips(page)).toContainText("PDF · 3 MB");
    await expect(
      page.getByText(
        /Attachments: .* of 10 MB for this conversation\. Images \(PNG, JPEG, WebP, GIF\) and PDFs, up to 5 MB each/,
      ),
    ).toBeVisible();

    // Removed by keyboard: the chip's own button.
    await chips(page).getByRole("button", { name: "Remove dropped.png" }).focus();
    await page.keyboard.press("Enter");
    await chips(page).getByRole("button", { name: "Remove pasted.png" }).click();
    await expect(chips(page).getByRole("listitem")).toHaveCount(2);

    const word = uniqueWord("attach");
    await messageBox(page).fill(`What is in these? ${word}`);
    await messageBox(page).press("Enter");
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(page.getByRole("list", { name: "Attachments" })).toHaveCount(0);

    // The bubble shows the picture and the PDF by name; the receipt says what was sent.
    const sent = page.getByRole("list", { name: "Attached files" });
    await expect(sent.getByRole("img", { name: /^Attached image photo\.png/ })).toBeVisible();
    await expect(sent).toContainText("report.pdf");
    const receipt = lastReply(page).getByRole("region", { name: "Data-handling receipt" });
    await expect(receipt).toContainText(/Attachments sent\s*1 image and 1 PDF/);

    // The provider received OpenRouter's content parts: image_url and file, with the bytes.
    const [call] = await callsWith(request, word);
    expect(call?.body.messages.at(-1)?.content).toEqual([
      { type: "text", text: `What is in these? ${word}` },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG.toString("base64")}` } },
      {
        type: "file",
        file: { filename: "report.pdf", file_data: `data:application/pdf;base64,${REPORT.toString("base64")}` },
      },
    ]);

    // Kept with the conversation in this browser.
    await page.reload();
    await page
      .getByRole("navigation", { name: "Conversation history" })
      .getByRole("button", { name: new RegExp(`^What is in these\\? ${word}`) })
      .click();
    await expect(page.getByRole("list", { name: "Attached files" }).getByRole("img")).toBeVisible();
    await expect(page.getByRole("list", { name: "Attached files" })).toContainText("report.pdf");
  });

  test("a file is stored once, apart from the conversations that refer to it, and goes with the last of them", async ({
    page,
  }) => {
    await signUp(page, { label: "chat-attach-store" });
    await openChat(page);
    await page.getByRole("button", { name: /^Model:/ }).click();
    await page
      .getByRole("dialog", { name: "Choose a model" })
      .locator("button[data-model-option]")
      .filter({ hasText: "e2e/tools" })
      .click();
    const history = page.getByRole("navigation", { name: "Conversation history" });
    const dataUrl = `data:image/png;base64,${PNG.toString("base64")}`;

    // The same picture in two conversations.
    const first = uniqueWord("first");
    const second = uniqueWord("second");
    for (const word of [first, second]) {
      if (word === second)
        await page
          .getByRole("complementary", { name: "Conversations" })
          .getByRole("button", { name: "New chat", exact: true })
          .click();
      await attach(page, [{ name: "photo.png", mimeType: "image/png", buffer: PNG }]);
      await messageBox(page).fill(`Look ${word}`);
      await messageBox(page).press("Enter");
      await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
      await waitUntilRepliesSaved(page);
    }
    let stored = await storedChat(page);
    expect(stored.version).toBe(3);
    expect(stored.conversations).toHaveLength(2);
    // Kept once, under its hash; the records refer to it and hold no bytes.
    expect(stored.files).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{64}$/), data: dataUrl }]);
    const hash = stored.files[0]!.hash;
    for (const record of stored.conversations) {
      expect(JSON.stringify(record)).not.toContain(PNG.toString("base64"));
      expect(record.messages[0]?.attachments).toEqual([
        { name: "photo.png", type: "image/png", size: PNG.length, ref: hash },
      ]);
    }

    // Read back whole after a reload.
    await page.reload();
    await history.getByRole("button", { name: new RegExp(`^Look ${first}`) }).click();
    await expect(page.getByRole("list", { name: "Attached files" }).getByRole("img")).toBeVisible();

    // Deleting one conversation keeps the file the other still shows; deleting that one too erases it.
    for (const [word, remaining] of [
      [first, 1],
      [second, 0],
    ] as const) {
      await history.getByRole("button", { name: new RegExp(`^Look ${word}`) }).click();
      await page.getByRole("button", { name: "Delete conversation" }).click();
      await page
        .getByRole("dialog", { name: `Delete “Look ${word}”?` })
        .getByRole("button", { name: "Delete conversation" })
        .click();
      await expect(page.getByText(`Deleted “Look ${word}”.`)).toBeVisible();
      stored = await storedChat(page);
      expect(stored.conversations).toHaveLength(remaining);
      expect(stored.files).toHaveLength(remaining);
    }
  });

  test("attachments a conversation stored before the attachments store are moved there, and still show", async ({
    page,
  }) => {
    await signUp(page, { label: "chat-attach-v2" });
    await openChat(page);
    const word = uniqueWord("inline");
    const dataUrl = `data:image/png;base64,${PNG.toString("base64")}`;
    // Put the account's database back to version 2, holding one record with its picture inline.
    const at = new Date().toISOString();
    const picture = { name: "old.png", type: "image/png", size: PNG.length, data: dataUrl };
    const asked = { id: "u1", role: "user", content: `stored before ${word}`, createdAt: at, attachments: [picture] };
    await storeOlderChat(page, 2, [
      {
        id: `v2-${word}`,
        title: `Inline ${word}`,
        createdAt: at,
        updatedAt: at,
        model: "e2e/tools",
        options: { denyDataCollection: false, zdr: false, order: [] },
        messages: [asked],
        // A branch repeating the same picture: stored once after the move.
        alternatives: [[{ ...asked, id: "u1b", content: `edited ${word}` }]],
      },
    ]);
    await page.reload();
    await page
      .getByRole("navigation", { name: "Conversation history" })
      .getByRole("button", { name: new RegExp(`^Inline ${word}`) })
      .click();
    await expect(page.getByText(`stored before ${word}`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Attached files" }).getByRole("img")).toBeVisible();

    await expect.poll(async () => (await storedChat(page)).files.length).toBe(1);
    const stored = await storedChat(page);
    expect(stored.version).toBe(3);
    expect(stored.files[0]?.data).toBe(dataUrl);
    const ref = { name: "old.png", type: "image/png", size: PNG.length, ref: stored.files[0]!.hash };
    expect(stored.conversations).toEqual([
      expect.objectContaining({
        id: `v2-${word}`,
        messages: [expect.objectContaining({ content: `stored before ${word}`, attachments: [ref] })],
        alternatives: [[expect.objectContaining({ content: `edited ${word}`, attachments: [ref] })]],
      }),
    ]);
  });

  test("a file too large, of another type, or for a model that cannot read it is refused before sending", async ({
    page,
    request,
  }) => {
    await signUp(page, { label: "chat-attach-refused" });
    await openChat(page);
    await chooseModel(page, "E2E Tools", "e2e/tools");

    await attach(page, [{ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(6 * 1024 * 1024, 1) }]);
    await expect(
      page.getByRole("alert").filter({ hasText: "“huge.png” is 6 MB: a file can be at most 5 MB." }),
    ).toBeVisible();
    await attach(page, [{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") }]);
    await expect(page.getByRole("alert").filter({ hasText: "“notes.txt” cannot be attached" })).toBeVisible();
    await expect(chips(page)).toHaveCount(0);

    // An image for a model whose providers read text only: said before sending, and Send is off.
    await attach(page, [{ name: "photo.png", mimeType: "image/png", buffer: PNG }]);
    await chooseModel(page, "E2E Echo", "e2e/echo");
    const word = uniqueWord("blocked");
    await messageBox(page).fill(`describe ${word}`);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: /No provider your settings allow for E2E Echo takes this \(1 image\)/ }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
    await messageBox(page).press("Enter");
    await expect(page.getByRole("article", { name: "Reply" })).toHaveCount(0);

    // Without the image the message goes.
    await chips(page).getByRole("button", { name: "Remove photo.png" }).click();
    await expect(page.getByRole("button", { name: "Send message" })).toBeEnabled();
    expect(await callsWith(request, word)).toHaveLength(0);
  });
});

test.describe("chat attachments on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("attach, remove and send with taps; chips and the picture fit the screen", async ({ page, request }) => {
    await signUp(page, { label: "chat-attach-phone" });
    await openChat(page);
    await chooseModel(page, "E2E Tools", "e2e/tools");
    await attach(page, [
      { name: "a-photo-with-a-rather-long-name-from-a-phone-camera.png", mimeType: "image/png", buffer: PNG },
      { name: "scan.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await expect(chips(page).getByRole("listitem")).toHaveCount(2);
    await chips(page).getByRole("button", { name: "Remove scan.pdf" }).tap();
    await expect(chips(page).getByRole("listitem")).toHaveCount(1);
    await expect(chips(page)).toBeInViewport();
    await expect(page.getByRole("button", { name: "Send message" })).toBeInViewport();

    const word = uniqueWord("phoneattach");
    await messageBox(page).fill(word);
    await page.getByRole("button", { name: "Send message" }).tap();
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
    await expect(page.getByRole("list", { name: "Attached files" }).getByRole("img")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await callsWith(request, word)).toHaveLength(1);
  });
});
