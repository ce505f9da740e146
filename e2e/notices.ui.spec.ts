// Notices never cover the chat's Send button, on a desktop and on a touch phone: toasts, the
// notice over the composer (a model the settings block), a refusal and a lost connection in the
// thread, the "Waiting for <provider>…" status while a reply starts, and the size limit's warning.
// (The demo's banner is checked in e2e/first-run.ui.spec.ts, on a demo instance.)
//
// The mock upstream is shared with other spec files: one test slows E2E Retain's first token for a
// few seconds and puts it back itself.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { expectSendButtonUncovered } from "./support/composer";

const MOCK_URL = process.env.PRIVET_E2E_MOCK_URL!;

test.describe.configure({ timeout: 60_000 });

function messageBox(page: Page) {
  return page.getByRole("textbox", { name: "Message" });
}

function lastReply(page: Page) {
  return page.getByRole("article", { name: "Reply" }).last();
}

/** Sends with the button, as on either screen. */
async function sendWithButton(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
}

async function everyNotice(page: Page, label: string): Promise<void> {
  const word = `${label}${randomBytes(4).toString("hex")}`;
  await signUp(page, { label });
  await page.goto("/chat");
  await expect(page.getByRole("heading", { name: /^Chat with / })).toBeVisible();

  // Toasts, three at once (the copy shortcut with no reply yet), with a message ready to send.
  await messageBox(page).fill(`ready ${word}`);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("Control+Shift+C");
  await expect(page.getByText("There is no reply to copy yet.").first()).toBeVisible();
  await expectSendButtonUncovered(page);

  // The size limit's warning under the box.
  await messageBox(page).fill(`${word} ${"x".repeat(100_000)}`);
  await expect(page.getByText(/too long to send/)).toBeVisible();
  await expectSendButtonUncovered(page);

  // "Waiting for <provider>…" while the provider holds its first token, then the reply.
  await page.request.put(`${MOCK_URL}/__mock/providers/e2e-retain`, { data: { ttftMs: 2_500 } });
  try {
    await sendWithButton(page, `wait ${word}`);
    await expect(lastReply(page)).toContainText("Waiting for E2E Retain…");
    await expectSendButtonUncovered(page);
    await expect(lastReply(page)).toHaveAttribute("data-status", "complete");
  } finally {
    await page.request.put(`${MOCK_URL}/__mock/providers/e2e-retain`, { data: { ttftMs: null } });
  }

  // A lost connection: the error in the thread, and a toast on top.
  const isAction = (url: URL) => url.pathname === "/chat";
  await page.route(isAction, (route) =>
    route.request().method() === "POST" ? route.abort("failed") : route.fallback(),
  );
  await sendWithButton(page, `lost ${word}`);
  await expect(lastReply(page)).toContainText("Privet could not be reached");
  await page.unroute(isAction);
  await page.keyboard.press("Control+Shift+C");
  await expect(
    page.getByText("Copied the last reply.").or(page.getByText("The browser did not allow copying.")),
  ).toBeVisible();
  await messageBox(page).fill(`again ${word}`);
  await expectSendButtonUncovered(page);

  // A model the settings block: the notice over the composer, then the refusal in the thread.
  await page.goto("/chat?model=e2e%2Fecho%3Afree");
  await expect(page.getByText(/No provider can serve/)).toBeVisible();
  await messageBox(page).fill(`refused ${word}`);
  await expectSendButtonUncovered(page);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(lastReply(page)).toHaveAttribute("data-status", "error");
  await expectSendButtonUncovered(page);
}

test.describe("notices on a desktop", () => {
  test("never cover the Send button", async ({ page }) => {
    await everyNotice(page, "notices-desktop");
  });
});

test.describe("notices on a touch phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test("never cover the Send button", async ({ page }) => {
    await everyNotice(page, "notices-phone");
  });
});
