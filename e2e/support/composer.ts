// The chat composer's Send (or Stop) button, checked the way a user meets it: whole on screen, the
// topmost thing at its centre and corners (no toast, banner or notice over it), and clickable.
import { expect, type Page } from "@playwright/test";

/** The points of the button where something else is on top, as "x,y: <tag>" (none when uncovered). */
async function coveredPoints(page: Page): Promise<string[]> {
  const button = page.getByRole("button", { name: /^(Send message|Stop)$/ });
  return button.evaluate((element) => {
    // A disabled button lets clicks through (pointer-events: none): for this hit test it takes them.
    const pointerEvents = (element as HTMLElement).style.pointerEvents;
    (element as HTMLElement).style.pointerEvents = "auto";
    const rect = element.getBoundingClientRect();
    const inset = 3;
    const points: [number, number][] = [
      [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2],
      [rect.left + inset, rect.top + inset],
      [rect.right - inset, rect.top + inset],
      [rect.left + inset, rect.bottom - inset],
      [rect.right - inset, rect.bottom - inset],
    ];
    const covered = points.flatMap(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top && element.contains(top) ? [] : [`${Math.round(x)},${Math.round(y)}: ${top?.outerHTML.slice(0, 80)}`];
    });
    (element as HTMLElement).style.pointerEvents = pointerEvents;
    return covered;
  });
}

/**
 * Asserts that the composer's button is on screen, not covered anywhere, and — when it is an
 * enabled Send — that a click would land on it (Playwright's hit test, without clicking).
 */
export async function expectSendButtonUncovered(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: /^(Send message|Stop)$/ });
  await expect(button).toBeInViewport({ ratio: 1 });
  expect(await coveredPoints(page)).toEqual([]);
  // Stop turns back into Send when the reply ends: only Send, once enabled, is clicked on trial.
  if ((await button.getAttribute("aria-label")) === "Send message" && (await button.isEnabled()))
    await button.click({ trial: true, timeout: 2_000 });
}
