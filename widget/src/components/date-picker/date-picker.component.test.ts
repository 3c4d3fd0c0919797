import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type ComponentPage,
  focused,
  mount,
  recordEvents,
  recorded,
  setLocale,
  settled,
  useComponentPage,
  update,
} from "../../../test/component-page.ts";
import { addDays, weekday } from "../../lib/dates.ts";
import type { AvailabilityDay } from "../../lib/types.ts";

// March 2026 starts on a Sunday: the grid has six weeks, Monday first.
const MIN = "2026-03-02";
const MAX = "2026-04-30";

function availability(): AvailabilityDay[] {
  const days: AvailabilityDay[] = [
    // Before `min` (yesterday, say): never bookable, whatever the data says.
    { date: "2026-03-01", status: "AVAILABLE", freeSlots: 3, walkInWindows: [] },
    { date: "2026-03-02", status: "CLOSED", freeSlots: 0, holiday: null, walkInWindows: [] },
    { date: "2026-03-03", status: "AVAILABLE", freeSlots: 1, walkInWindows: [] },
    { date: "2026-03-04", status: "FULL", freeSlots: 0, walkInWindows: [] },
    {
      date: "2026-03-05",
      status: "WALK_IN_ONLY",
      freeSlots: 0,
      walkInWindows: [{ start: "2026-03-05T07:00:00.000Z", end: "2026-03-05T11:00:00.000Z" }],
    },
    { date: "2026-03-06", status: "AVAILABLE", freeSlots: 5, walkInWindows: [] },
  ];
  for (let date = "2026-03-07"; date <= MAX; date = addDays(date, 1)) {
    days.push(weekday(date) >= 5
      ? { date, status: "CLOSED", freeSlots: 0, walkInWindows: [] }
      : { date, status: "AVAILABLE", freeSlots: 4, walkInWindows: [] });
  }
  return days;
}

const cell = (page: Page, date: string) => page.locator(`terminvergabe-date-picker td[data-date="${date}"]`);

/** The date picker as step 2 uses it: it asks for another month, the step shows it. */
async function openPicker(c: ComponentPage, properties: Record<string, unknown> = {}): Promise<Page> {
  const page = await c.open(["src/components/date-picker/date-picker.ts"]);
  await recordEvents(page, ["tv-date", "tv-month"]);
  await mount(page, "terminvergabe-date-picker", { month: "2026-03-01", min: MIN, max: MAX, days: availability(), ...properties });
  await page.evaluate(() => {
    const picker = document.querySelector("terminvergabe-date-picker")!;
    picker.addEventListener("tv-month", (event) => {
      picker.month = (event as CustomEvent<{ month: string }>).detail.month;
    });
  });
  return page;
}

async function press(page: Page, key: string): Promise<string> {
  await page.keyboard.press(key);
  await settled(page);
  return focused(page);
}

/** Dates whose cell is in the tab sequence (tabindex 0). */
const tabStops = (page: Page) =>
  page.locator('terminvergabe-date-picker td[tabindex="0"]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-date")));

describe("<terminvergabe-date-picker>", () => {
  const component = useComponentPage();

  it("renders the month as a WAI-ARIA grid labelled by its heading, Monday first", async () => {
    const page = await openPicker(component());
    const grid = page.getByRole("grid", { name: "März 2026", exact: true });
    expect(await grid.count()).toBe(1);
    const headers = grid.getByRole("columnheader");
    expect(await headers.count()).toBe(7);
    expect(await headers.first().getAttribute("abbr")).toBe("Montag");
    expect(await headers.last().getAttribute("abbr")).toBe("Sonntag");
    // One header row and six weeks; the first week has only its Sunday in March.
    const rows = grid.getByRole("row");
    expect(await rows.count()).toBe(7);
    const firstWeek = await rows.nth(1).locator("td").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-date")));
    expect(firstWeek).toEqual([null, null, null, null, null, null, "2026-03-01"]);
    expect(await grid.locator("td[data-date]").count()).toBe(31);
    // The month heading is a polite live region: paging months is announced.
    expect(await page.locator("terminvergabe-date-picker h3#month").getAttribute("aria-live")).toBe("polite");
  });

  it("colours and labels each day by its status; only days with times or walk-in hours are enabled", async () => {
    const page = await openPicker(component());
    const expected: [string, string, string, boolean][] = [
      ["2026-03-01", "Sonntag, 1. März 2026, nicht buchbar", "", false],
      ["2026-03-02", "Montag, 2. März 2026, geschlossen", "CLOSED", false],
      ["2026-03-03", "Dienstag, 3. März 2026, 1 freier Termin", "AVAILABLE", true],
      ["2026-03-04", "Mittwoch, 4. März 2026, ausgebucht", "FULL", false],
      ["2026-03-05", "Donnerstag, 5. März 2026, nur offene Sprechstunde ohne Termin", "WALK_IN_ONLY", true],
      ["2026-03-06", "Freitag, 6. März 2026, 5 freie Termine", "AVAILABLE", true],
    ];
    for (const [date, name, status, enabled] of expected) {
      const byName = page.getByRole("gridcell", { name, exact: true });
      expect(await byName.getAttribute("data-date"), name).toBe(date);
      const classes = (await byName.getAttribute("class"))!.split(/\s+/).filter(Boolean);
      expect(classes.sort(), date).toEqual(["day", status].filter(Boolean).sort());
      expect(await byName.getAttribute("aria-disabled"), date).toBe(enabled ? null : "true");
    }
    // `min` is today: marked as the current date, and nothing else is.
    expect(await page.locator('terminvergabe-date-picker td[aria-current="date"]').evaluateAll((t) => t.map((c) => c.getAttribute("data-date")))).toEqual([MIN]);
    // The status colours reach the cells (FULL is struck through, whatever the theme).
    expect(await cell(page, "2026-03-04").evaluate((td) => getComputedStyle(td).textDecorationLine)).toBe("line-through");
    expect(await cell(page, "2026-03-03").evaluate((td) => getComputedStyle(td).fontWeight)).toBe("700");
  });

  it("is one tab stop (roving tabindex) on the selected day, else the first bookable day", async () => {
    const page = await openPicker(component());
    expect(await tabStops(page)).toEqual(["2026-03-03"]);
    await page.getByRole("button", { name: "Nächster Monat" }).focus();
    expect(await press(page, "Tab")).toBe("2026-03-03");
    // Tab leaves the grid rather than walking its 31 days.
    expect(await press(page, "Tab")).not.toMatch(/^2026-/);
    expect(await press(page, "Shift+Tab")).toBe("2026-03-03");

    await mount(page, "terminvergabe-date-picker", { month: "2026-03-01", min: MIN, max: MAX, days: availability(), selected: "2026-03-06" });
    expect(await tabStops(page)).toEqual(["2026-03-06"]);
    expect(await cell(page, "2026-03-06").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator('terminvergabe-date-picker td[aria-selected="true"]').count()).toBe(1);
  });

  it("moves by day and week with the arrows, to the week's ends with Home/End, by month with Page Up/Down", async () => {
    const page = await openPicker(component());
    await cell(page, "2026-03-03").focus();
    const moves: [string, string][] = [
      ["ArrowRight", "2026-03-04"],
      ["ArrowLeft", "2026-03-03"],
      ["ArrowDown", "2026-03-10"],
      ["ArrowUp", "2026-03-03"],
      ["End", "2026-03-08"],
      ["Home", "2026-03-02"],
      ["ArrowLeft", "2026-03-01"],
      // February is before `min`'s month: the focus stays.
      ["ArrowLeft", "2026-03-01"],
      ["ArrowRight", "2026-03-02"],
    ];
    for (const [key, date] of moves) {
      expect(await press(page, key), key).toBe(date);
      expect(await tabStops(page), key).toEqual([date]);
    }
    expect(await recorded(page, "tv-month")).toEqual([]);

    // Page Down asks for April and keeps the focus on the same day there once it is shown.
    expect(await press(page, "PageDown")).toBe("2026-04-02");
    expect(await page.getByRole("grid", { name: "April 2026", exact: true }).count()).toBe(1);
    expect(await press(page, "PageUp")).toBe("2026-03-02");
    // A year ahead is after `max`: nothing happens.
    expect(await press(page, "Shift+PageDown")).toBe("2026-03-02");
    expect((await recorded<{ month: string }>(page, "tv-month")).map((e) => e.detail.month)).toEqual(["2026-04-01", "2026-03-01"]);
    expect(await page.getByRole("grid", { name: "März 2026", exact: true }).count()).toBe(1);
  });

  it("fires tv-date with the date for Enter, Space and click on bookable days only", async () => {
    const page = await openPicker(component());
    await cell(page, "2026-03-03").focus();
    await press(page, "Enter"); // 3 March, available
    await press(page, "ArrowRight");
    await press(page, "Enter"); // 4 March, full
    await press(page, "ArrowRight");
    await press(page, " "); // 5 March, walk-in hours to read about
    // Playwright would wait for aria-disabled cells to become enabled; a pointer just clicks.
    await cell(page, "2026-03-02").click({ force: true }); // closed
    await cell(page, "2026-03-01").click({ force: true }); // before min
    await cell(page, "2026-03-06").click(); // available
    const events = await recorded<{ date: string }>(page, "tv-date");
    expect(events.map((e) => e.detail)).toEqual([{ date: "2026-03-03" }, { date: "2026-03-05" }, { date: "2026-03-06" }]);
    // An internal event: it bubbles to the step and does not leave the widget's shadow root.
    expect(events.every((e) => !e.composed)).toBe(true);
    // A click also moves the roving tab stop, even onto a day that cannot be picked.
    await cell(page, "2026-03-02").click({ force: true });
    await settled(page);
    expect(await tabStops(page)).toEqual(["2026-03-02"]);
  });

  it("pages months with its buttons within min and max", async () => {
    const page = await openPicker(component());
    const previous = page.getByRole("button", { name: "Vorheriger Monat" });
    const next = page.getByRole("button", { name: "Nächster Monat" });
    expect(await previous.getAttribute("aria-disabled")).toBe("true");
    await previous.click({ force: true }); // aria-disabled: Playwright would wait for it
    expect(await recorded(page, "tv-month")).toEqual([]);
    await next.click();
    await settled(page);
    expect(await page.locator("terminvergabe-date-picker h3#month").textContent()).toBe("April 2026");
    expect(await next.getAttribute("aria-disabled")).toBe("true");
    await next.click({ force: true });
    expect((await recorded<{ month: string }>(page, "tv-month")).map((e) => e.detail.month)).toEqual(["2026-04-01"]);
    // In a newly shown month the tab stop is its first bookable day.
    expect(await tabStops(page)).toEqual(["2026-04-01"]);
  });

  it("says that days are loading while the availability is on its way", async () => {
    const page = await openPicker(component(), { loading: true, days: [] });
    expect(await page.getByRole("grid").getAttribute("aria-busy")).toBe("true");
    expect(await page.getByRole("gridcell", { name: "Dienstag, 10. März 2026, wird geladen", exact: true }).count()).toBe(1);
    expect(await page.getByRole("gridcell", { name: "Sonntag, 1. März 2026, nicht buchbar", exact: true }).count()).toBe(1);
    await update(page, { loading: false, days: availability() });
    expect(await page.getByRole("grid").getAttribute("aria-busy")).toBe("false");
    expect(await page.getByRole("gridcell", { name: "Dienstag, 10. März 2026, 4 freie Termine", exact: true }).count()).toBe(1);
  });

  it("exposes the calendar and day parts to the host page's CSS", async () => {
    const page = await openPicker(component());
    await page.addStyleTag({
      content: `terminvergabe-date-picker::part(calendar) { word-spacing: 9px; }
        terminvergabe-date-picker::part(day) { letter-spacing: 3px; }`,
    });
    expect(await page.getByRole("grid").evaluate((t) => getComputedStyle(t).wordSpacing)).toBe("9px");
    expect(await cell(page, "2026-03-03").evaluate((td) => getComputedStyle(td).letterSpacing)).toBe("3px");
    // The header cells are not days.
    expect(await page.getByRole("columnheader").first().evaluate((th) => getComputedStyle(th).letterSpacing)).not.toBe("3px");
  });

  it("speaks English, with English dates and weekdays", async () => {
    const page = await openPicker(component());
    await setLocale(page, "en");
    expect(await page.getByRole("grid", { name: "March 2026", exact: true }).count()).toBe(1);
    expect(await page.getByRole("columnheader").first().getAttribute("abbr")).toBe("Monday");
    expect(await page.getByRole("gridcell", { name: "Tuesday, March 3, 2026, 1 free appointment", exact: true }).count()).toBe(1);
    expect(await page.getByRole("gridcell", { name: "Wednesday, March 4, 2026, fully booked", exact: true }).count()).toBe(1);
    expect(await page.getByRole("gridcell", { name: "Monday, March 2, 2026, closed", exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Next month" }).count()).toBe(1);
    expect(await page.getByRole("list", { name: "Legend" }).textContent()).toContain("walk-in only");
  });
});
