import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Computed styles of some of the host page's own elements. */
function hostStyles(page: Page) {
  return page.evaluate(() =>
    ["body", "main h1", "main p", "aside h2", "#copy", "pre"].map((selector) => {
      const element = document.querySelector(selector)!;
      const s = getComputedStyle(element);
      return [selector, s.color, s.backgroundColor, s.fontFamily, s.fontSize, s.margin, s.padding, s.display, s.borderTopWidth].join("|");
    }),
  );
}

describe("isolation", () => {
  it("works on a hostile page: aggressive global CSS, another framework, the snippet twice (ES module and classic)", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero/haertetest`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor();
    // The other framework ran: it rewrote the page's own button, not the widget's.
    await expect.poll(() => page.locator("#host-button").textContent()).toBe("FRAMEWORK");
    expect(await page.evaluate(() => typeof customElements.get("x-shell"))).toBe("function");

    const next = widget.getByRole("button", { name: "Weiter" });
    expect(await next.isVisible()).toBe(true);
    const style = await next.evaluate((b) => {
      const s = getComputedStyle(b);
      return { display: s.display, border: s.borderTopStyle, minHeight: parseFloat(s.minHeight), font: s.fontFamily };
    });
    expect(style.display).toMatch(/flex$/);
    expect(style.border).toBe("solid");
    // The host's font is inherited on purpose; its other rules stay outside.
    expect(style.font).toContain("Comic Sans");
    // Sizes follow the widget's own font size (em), not the page's root (html { font-size: 10px }).
    expect(style.minHeight).toBeGreaterThanOrEqual(44);

    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Führungszeugnis").check();
    await next.click();
    await widget.locator("td.AVAILABLE").first().click();
    await widget.locator("input[name=time]").first().waitFor();
    expect(await widget.getByRole("grid").isVisible()).toBe(true);
    await expectAccessible(page, "step 2 on the hostile page");
    await screenshot(page, "isolation-hostile-page");
    expect(errors).toEqual([]);
  });

  it("leaks no styles out: the host page looks the same with and without the widget", async () => {
    const without = await stack.newPage();
    await without.route("**/widget.js", (route) => route.abort());
    await without.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const plain = await hostStyles(without);

    const page = await stack.newPage();
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    await page.locator("terminvergabe-booking").getByRole("heading", { name: "Anliegen wählen" }).waitFor();
    expect(await hostStyles(page)).toEqual(plain);
  });
});

describe("theming", () => {
  it("applies the tenant's theme, lets the host page override --tv-* properties, and exposes ::part", async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const next = page.locator("terminvergabe-booking").getByRole("button", { name: "Weiter" });
    await next.waitFor();
    // demo-buergerbuero's theme: --tv-color-primary #00695c.
    expect(await next.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(0, 105, 92)");
    await page.addStyleTag({
      content: `terminvergabe-booking { --tv-color-primary: rgb(1, 2, 3); }
        terminvergabe-booking::part(button-primary) { text-transform: uppercase; }`,
    });
    expect(await next.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(1, 2, 3)");
    expect(await next.evaluate((b) => getComputedStyle(b).textTransform)).toBe("uppercase");
  });
});

describe("languages and embeds", () => {
  it("speaks English with lang=en, loading the locale module from the gateway, with dates in English", async () => {
    const page = await stack.newPage();
    const locales: string[] = [];
    page.on("request", (r) => r.url().includes("/locales/") && locales.push(r.url()));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero?lang=en`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByRole("heading", { name: "Choose your concerns" }).waitFor();
    expect(locales).toEqual([`${stack.gatewayUrl}/widget/locales/en.js`]);
    // Texts from the API follow the language too.
    await widget.getByLabel("Citizens' Office at the Town Hall").check();
    await widget.getByLabel("Certificates").check();
    await widget.getByRole("button", { name: "Next" }).click();
    await widget.getByRole("heading", { name: "Choose a day and time" }).waitFor();
    await widget.getByRole("heading", { name: /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/ }).waitFor();
    await widget.locator("td.AVAILABLE").first().click();
    await widget.getByText(/^Free times on \w+day, /).waitFor();
    await expectAccessible(page, "step 2 in English");
    await screenshot(page, "2-datetime-en");
  });

  it("works from the classic script tag (widget.iife.js), finding its locale files next to the script", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerservice/klassisch?lang=en`);
    await page.locator("terminvergabe-booking").getByRole("heading", { name: "Choose your concerns" }).waitFor();
    await expectAccessible(page, "step 1 (classic embed, English, second tenant)");
    expect(errors).toEqual([]);
  });
});
