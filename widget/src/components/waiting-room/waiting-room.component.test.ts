import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type ComponentPage, mount, recordEvents, recorded, setLocale, settled, update, useComponentPage } from "../../../test/component-page.ts";
import type { WaitingRoom, WaitingRoomTicket } from "../../lib/types.ts";

// 07:50 in Berlin (UTC+1 in early March); the page's clock is Playwright's fake one.
const NOW = new Date("2026-03-03T06:50:00.000Z");
const RELEASE = "2026-03-03T07:00:00.000Z";
const room = (phase: WaitingRoom["phase"]): WaitingRoom => ({ releaseAt: RELEASE, opensAt: "2026-03-03T06:45:00.000Z", phase });
const ticket: WaitingRoomTicket = { ticket: "t-1", admitAt: "2026-03-03T07:00:37.000Z", releaseAt: RELEASE };

async function open(c: ComponentPage, properties: Record<string, unknown>): Promise<Page> {
  const page = await c.open(["src/components/waiting-room/waiting-room.ts"], { clock: NOW });
  await recordEvents(page, ["tv-room-due", "tv-announce"]);
  await mount(page, "terminvergabe-waiting-room", { timeZone: "Europe/Berlin", ...properties });
  return page;
}

async function runFor(page: Page, ms: number): Promise<void> {
  await page.clock.runFor(ms);
  await settled(page);
}

const text = (page: Page) => page.locator("terminvergabe-waiting-room").evaluate((e) => e.shadowRoot!.textContent!.replace(/\s+/g, " ").trim());
const timer = (page: Page) => page.getByRole("timer").textContent().then((t) => t?.replace(/\s+/g, " ").trim());

describe("<terminvergabe-waiting-room>", () => {
  const component = useComponentPage();

  it("in the room: the release and admission time, drawn by lot, and a countdown that is a timer, not a live region", async () => {
    const page = await open(component(), { room: room("WAITING"), ticket, at: Date.parse(ticket.admitAt) });
    expect(await page.getByRole("heading", { name: "Warteraum" }).count()).toBe(1);
    expect(await text(page)).toBe(
      "Warteraum Die Termine werden um 08:00 Uhr freigegeben. Sie sind im Warteraum. Die Reihenfolge wird ausgelost – " +
        "wann Sie gekommen sind, spielt keine Rolle. Ihre Einlasszeit: 08:00:37 Uhr. Noch 10:37 Minuten",
    );
    expect(await timer(page)).toBe("Noch 10:37 Minuten");
    // Nothing in it is read out on its own: no live region, no announcement per second.
    const live = await page.locator("terminvergabe-waiting-room").evaluate((e) => e.shadowRoot!.querySelectorAll("[aria-live], [role=status], [role=alert]").length);
    expect(live).toBe(0);
    await runFor(page, 1000);
    expect(await timer(page)).toBe("Noch 10:36 Minuten");
    await runFor(page, 60_000);
    expect(await timer(page)).toBe("Noch 9:36 Minuten");
    expect(await recorded(page)).toEqual([]);
  });

  it("reports once, across shadow roots, that the admission time has come", async () => {
    const page = await open(component(), { room: room("ADMITTING"), ticket, at: Date.parse(ticket.admitAt) });
    await runFor(page, 636_000);
    expect(await recorded(page, "tv-room-due")).toEqual([]);
    await runFor(page, 1000);
    expect(await timer(page)).toBe("Noch 0:00 Minuten");
    await runFor(page, 5000);
    expect(await recorded(page, "tv-room-due")).toEqual([{ type: "tv-room-due", detail: null, composed: true }]);
    // A later time (the gateway said "not yet"): reported again when that comes.
    await update(page, { at: Date.parse(ticket.admitAt) + 10_000 });
    await runFor(page, 10_000);
    expect(await recorded(page, "tv-room-due")).toHaveLength(2);
  });

  it("before it opens: the release's date and time and when the room opens; due when it opens", async () => {
    const page = await open(component(), { room: room("UPCOMING"), at: Date.parse("2026-03-03T06:55:00Z") });
    expect(await text(page)).toBe(
      "Die Termine werden am Dienstag, 3. März 2026 um 08:00 Uhr freigegeben; der Warteraum öffnet um 07:45 Uhr.",
    );
    expect(await page.getByRole("timer").count()).toBe(0);
    await runFor(page, 5 * 60_000);
    expect(await recorded(page, "tv-room-due")).toHaveLength(1);
  });

  it("while the ticket is being taken, and when that failed", async () => {
    const page = await open(component(), { room: room("WAITING"), at: 0 });
    expect(await text(page)).toBe("Warteraum Die Termine werden um 08:00 Uhr freigegeben. Sie betreten den Warteraum …");
    await update(page, { failed: true, at: NOW.getTime() + 5000 });
    expect(await text(page)).toContain("Bitte prüfen Sie Ihre Internetverbindung");
    await runFor(page, 5000);
    expect(await recorded(page, "tv-room-due")).toHaveLength(1);
  });

  it("before the release the lots are not drawn yet: no admission time, a countdown to the release", async () => {
    const page = await open(component(), { room: room("WAITING"), ticket: { ...ticket, admitAt: RELEASE, admitAtFinal: false }, at: Date.parse(RELEASE) });
    expect(await text(page)).toBe(
      "Warteraum Die Termine werden um 08:00 Uhr freigegeben. Sie sind im Warteraum. Die Reihenfolge wird ausgelost – " +
        "wann Sie gekommen sind, spielt keine Rolle. Ihre Einlasszeit steht mit der Freigabe fest. Noch 10:00 Minuten",
    );
  });

  it("sold out: says so, with the next release if announced, and nothing counts down", async () => {
    const soldOut = { ...room("ADMITTING"), soldOut: true, nextReleaseAt: "2026-04-07T06:00:00.000Z" };
    const page = await open(component(), { room: soldOut, ticket, at: 0 });
    expect(await page.getByRole("heading", { name: "Alle Termine dieser Freigabe sind vergeben" }).count()).toBe(1);
    expect(await text(page)).toBe("Alle Termine dieser Freigabe sind vergeben Die nächste Freigabe: Dienstag, 7. April 2026 um 08:00 Uhr.");
    expect(await page.getByRole("timer").count()).toBe(0);
    await update(page, { room: { ...soldOut, nextReleaseAt: null } });
    expect(await text(page)).toBe("Alle Termine dieser Freigabe sind vergeben Eine weitere Freigabe ist noch nicht angekündigt.");
    await setLocale(page, "en");
    await update(page, { room: soldOut });
    expect(await text(page)).toBe("All appointments of this release are taken The next release: Tuesday, April 7, 2026 at 08:00 AM.");
  });

  it("speaks English", async () => {
    const page = await open(component(), { room: room("WAITING"), ticket, at: Date.parse(ticket.admitAt) });
    await setLocale(page, "en");
    expect(await text(page)).toBe(
      "Waiting room Appointments will be released at 08:00 AM. You are in the waiting room. The order is drawn by lot – " +
        "when you arrived does not matter. Your admission time: 08:00:37 AM. Time left: 10:37 minutes",
    );
    await update(page, { room: room("UPCOMING"), ticket: undefined, at: Date.parse("2026-03-03T06:55:00Z") });
    expect(await text(page)).toBe(
      "Appointments will be released on Tuesday, March 3, 2026 at 08:00 AM; the waiting room opens at 07:45 AM.",
    );
  });
});
