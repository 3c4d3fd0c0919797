import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, focusOutline, screenshot, type Stack, startStack, tabTo } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

async function expectVisibleFocus(page: Page): Promise<void> {
  const outline = await focusOutline(page);
  expect(outline.style, `focus indicator of ${await focusedText(page)}`).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

/** The widget's content does not scroll sideways (WCAG 1.4.10 Reflow). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const widget = document.querySelector("terminvergabe-booking")!;
    const base = widget.shadowRoot!.querySelector(".base") as HTMLElement;
    return { scroll: base.scrollWidth, client: base.clientWidth, host: widget.getBoundingClientRect().width, viewport: innerWidth };
  });
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client + 1);
  expect(overflow.host).toBeLessThanOrEqual(overflow.viewport);
}

describe("keyboard only", () => {
  it("books a complete appointment without a pointer, with focus on each step's heading and always visible", async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor();

    // Step 1: office (radio), concern (checkbox), quantity (select), next.
    await tabTo(page, /^input#office-.*Bürgerbüro Rathaus/);
    await expectVisibleFocus(page);
    await page.keyboard.press("Space");
    await tabTo(page, /^input#service-.*:Beglaubigungen$/);
    await page.keyboard.press("Space");
    await tabTo(page, /^select#service-.*-quantity/);
    await page.keyboard.press("ArrowDown");
    await tabTo(page, /^button#:Weiter/);
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");

    // Step 2: focus on the heading, then the calendar grid with arrow keys.
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    await expect.poll(() => focusedText(page)).toMatch(/^h2#heading:Tag und Uhrzeit wählen/);
    await widget.locator("td.AVAILABLE").first().waitFor();
    await tabTo(page, /^td#:/);
    await expectVisibleFocus(page);
    const date = () => page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute("data-date");
    });
    const start = await date();
    await page.keyboard.press("ArrowDown");
    const weekLater = await date();
    expect(new Date(weekLater!).getTime() - new Date(start!).getTime()).toBe(7 * 86_400_000);
    await page.keyboard.press("ArrowUp");
    expect(await date()).toBe(start);
    // Home/End within a whole week: the first week of a month may begin before today,
    // where Home stops at the first selectable day instead of Monday.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    expect(new Date(`${await date()}T12:00:00Z`).getUTCDay()).toBe(0);
    await page.keyboard.press("Home");
    expect(new Date(`${await date()}T12:00:00Z`).getUTCDay()).toBe(1);
    await page.keyboard.press("PageDown");
    await widget.getByRole("heading", { name: /Dezember|Januar/ }).first().waitFor();
    await page.keyboard.press("PageUp");
    // Back on a day of the first month: find a free day with the arrow keys.
    for (let i = 0; i < 31; i++) {
      const free = await page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a?.classList.contains("AVAILABLE");
      });
      if (free) break;
      await page.keyboard.press("ArrowRight");
    }
    await page.keyboard.press("Enter");
    await widget.locator("input[name=time]").first().waitFor();
    await tabTo(page, /^input#t-/);
    await expectVisibleFocus(page);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Space");
    await tabTo(page, /^button#:Weiter/);
    await page.keyboard.press("Enter");

    // Step 3: contact form; Enter submits.
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    await expect.poll(() => focusedText(page)).toMatch(/^h2#heading:Kontaktdaten angeben/);
    await tabTo(page, /^input#name:/);
    await page.keyboard.type("Max Tastatur");
    await page.keyboard.press("Tab");
    await page.keyboard.type("max.tastatur@example.org");
    await tabTo(page, /^input#consent:/);
    await expectVisibleFocus(page);
    await page.keyboard.press("Space");
    await tabTo(page, /^button#:Weiter/);
    await page.keyboard.press("Enter");

    // Step 4: extend the hold, then book.
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
    await expect.poll(() => focusedText(page)).toMatch(/^h2#heading:Angaben prüfen/);
    await tabTo(page, /^button#:Reservierung verlängern/);
    await page.keyboard.press("Enter");
    await tabTo(page, /^button#:Verbindlich buchen/);
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");

    await widget.getByRole("heading", { name: "Ihr Termin ist gebucht" }).waitFor();
    await expect.poll(() => focusedText(page)).toMatch(/^h2#heading:Ihr Termin ist gebucht/);
    await stack.mailbox.waitFor("max.tastatur@example.org");
  });
});

describe("small screens and zoom", () => {
  for (const [label, width, height] of [
    ["320 px wide", 320, 720],
    ["200 % zoom (1280 × 900 at 200 %)", 640, 450],
  ] as const) {
    it(`is usable ${label}`, async () => {
      const page = await stack.newPage({ viewport: { width, height } });
      await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
      const widget = page.locator("terminvergabe-booking");
      await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor();
      await expectNoHorizontalScroll(page);
      await widget.getByLabel("Bürgerbüro Rathaus").check();
      await widget.getByLabel("Bescheinigungen").check();
      await widget.getByRole("button", { name: "Weiter" }).click();
      await widget.locator("td.AVAILABLE").first().click();
      await widget.locator("input[name=time]").first().waitFor();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, `step 2 at ${width} px`);
      await screenshot(page, `2-datetime-${width}px`);
      await widget.locator("input[name=time]").first().check();
      await widget.getByRole("button", { name: "Weiter" }).click();
      await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `3-contact-${width}px`);
      await widget.getByRole("button", { name: "Zurück" }).click();
      await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    });
  }
});
