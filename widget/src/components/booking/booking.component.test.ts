import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { importModule, type PageGlobals, settled, useComponentPage } from "../../../test/component-page.ts";

const ELEMENTS = [
  "booking",
  "confirmation",
  "date-picker",
  "hold-timer",
  "manage",
  "step-concerns",
  "step-contact",
  "step-datetime",
  "step-review",
  "waiting-room",
];
const TAGS = ELEMENTS.map((e) => (e === "booking" ? "terminvergabe-booking" : `terminvergabe-${e}`));

const constructors = (page: Page) =>
  page.evaluate((tags) => tags.map((t) => customElements.get(t)?.name ?? null), TAGS);

/** The wizard's text when it has no tenant to show: its one state without a gateway. */
const bookingText = (page: Page, selector = "terminvergabe-booking") =>
  page.locator(`${selector} .notice`).textContent().then((t) => t?.trim());

describe("<terminvergabe-booking> and its elements", () => {
  const component = useComponentPage();

  it("registers every element once; registering again, as a second snippet does, does not throw", async () => {
    const page = await component().open(["src/index.ts"]);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const first = await constructors(page);
    expect(first.every((name) => name?.startsWith("Terminvergabe")), JSON.stringify(first)).toBe(true);

    // Each element module evaluated a second time (another URL): its define() runs again.
    for (const element of ELEMENTS) await importModule(page, `src/components/${element}/${element}.ts?second-snippet`);
    const replaced = await page.evaluate(async () => {
      const { define } = (await (window as unknown as PageGlobals).importModule("/src/lib/define.ts")) as unknown as {
        define(name: string, constructor: CustomElementConstructor): void;
      };
      const before = customElements.get("terminvergabe-booking");
      define("terminvergabe-booking", class Other extends HTMLElement {});
      return customElements.get("terminvergabe-booking") !== before;
    });
    expect(replaced).toBe(false);
    expect(await constructors(page)).toEqual(first);
    expect(errors).toEqual([]);

    // What define() guards against: the platform itself throws.
    const bare = await page.evaluate(() => {
      try {
        customElements.define("terminvergabe-date-picker", class extends HTMLElement {});
        return "no error";
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(bare).toBe("NotSupportedError");
  });

  it('switches every element on the page to English with lang="en", and back with lang="de"', async () => {
    const page = await component().open(["src/index.ts"]);
    await page.evaluate(async () => {
      const booking = document.createElement("terminvergabe-booking");
      booking.setAttribute("lang", "en");
      const picker = Object.assign(document.createElement("terminvergabe-date-picker"), {
        month: "2026-03-01",
        min: "2026-03-02",
        days: [],
      });
      document.getElementById("stage")!.replaceChildren(booking, picker);
    });
    await page.getByText("This appointment booking is not available.").waitFor();
    await settled(page);
    expect(await bookingText(page)).toBe("This appointment booking is not available.");
    // The locale is the page's: the calendar next to it speaks English too.
    expect(await page.getByRole("grid", { name: "March 2026", exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Previous month" }).count()).toBe(1);

    await page.locator("terminvergabe-booking").evaluate((b) => b.setAttribute("lang", "de"));
    await page.getByText("Diese Terminbuchung ist nicht verfügbar.").waitFor();
    await settled(page);
    expect(await page.getByRole("grid", { name: "März 2026", exact: true }).count()).toBe(1);
  });

  it("without a lang attribute speaks the language of the page around it, German for languages it does not speak", async () => {
    const page = await component().open(["src/index.ts"]);
    await page.evaluate(() => {
      const section = document.createElement("section");
      section.lang = "en-GB";
      section.append(document.createElement("terminvergabe-booking"));
      document.getElementById("stage")!.replaceChildren(section);
    });
    await page.getByText("This appointment booking is not available.").waitFor();

    await page.locator("section").evaluate((s) => s.setAttribute("lang", "fr"));
    // The attribute on an ancestor is not observed: the element is put on the page again.
    await page.locator("section").evaluate((s) => s.replaceChildren(document.createElement("terminvergabe-booking")));
    await page.getByText("Diese Terminbuchung ist nicht verfügbar.").waitFor();
    expect(await bookingText(page)).toBe("Diese Terminbuchung ist nicht verfügbar.");
  });
});
