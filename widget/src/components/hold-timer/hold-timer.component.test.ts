import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type ComponentPage,
  mount,
  recordEvents,
  recorded,
  setLocale,
  settled,
  useComponentPage,
  unreachableEndpoint,
  update,
} from "../../../test/component-page.ts";
import type { Hold } from "../../lib/types.ts";

/** hold-timer.component.ts WARN_SECONDS (not imported: that module is for the browser). */
const WARN_SECONDS = 120;

// 10:00 in Berlin (UTC+1 in early March); the page's clock is Playwright's fake one.
const NOW = new Date("2026-03-03T09:00:00.000Z");
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const hold = (expiresAt: string): Hold => ({
  __typename: "Hold",
  id: "hold-1",
  token: "token-1",
  start: "2026-03-05T08:00:00.000Z",
  end: "2026-03-05T08:15:00.000Z",
  expiresAt,
});

const EVENTS = ["tv-announce", "tv-hold-changed", "tv-hold-expired"];

async function openTimer(c: ComponentPage, expiresAt = minutesLater(10)): Promise<Page> {
  const page = await c.open(["src/components/hold-timer/hold-timer.ts", "test/api-provider.ts"], { clock: NOW });
  await recordEvents(page, EVENTS);
  await mount(page, "terminvergabe-hold-timer", { hold: hold(expiresAt), timeZone: "Europe/Berlin" });
  return page;
}

/** Mounts the timer anew inside a provider of the wizard's connection to `endpoint`. */
async function mountWithConnection(page: Page, endpoint: string, expiresAt = minutesLater(10)): Promise<void> {
  await page.evaluate(
    async ({ endpoint, hold }) => {
      const provider = document.createElement("test-api-provider");
      provider.setAttribute("endpoint", endpoint);
      const element = document.createElement("terminvergabe-hold-timer");
      Object.assign(element, { hold, timeZone: "Europe/Berlin" });
      provider.append(element);
      document.getElementById("stage")!.replaceChildren(provider);
      await element.updateComplete;
    },
    { endpoint, hold: hold(expiresAt) },
  );
}

async function runFor(page: Page, ms: number): Promise<void> {
  await page.clock.runFor(ms);
  await settled(page);
}

const timer = (page: Page) => page.locator("terminvergabe-hold-timer");
const remaining = (page: Page) => page.getByRole("timer").textContent().then((t) => t?.replace(/\s+/g, " ").trim());
const urgent = (page: Page) => timer(page).locator(".timer").evaluate((n) => n.classList.contains("urgent"));

describe("<terminvergabe-hold-timer>", () => {
  const component = useComponentPage();

  it("shows until when the time is reserved and counts the remaining time down every second", async () => {
    const page = await openTimer(component());
    expect(await timer(page).locator("p").first().textContent()).toContain("Die Uhrzeit ist für Sie reserviert bis 10:10 Uhr.");
    expect(await remaining(page)).toBe("Noch 10:00 Minuten");
    await runFor(page, 1000);
    expect(await remaining(page)).toBe("Noch 9:59 Minuten");
    await runFor(page, 61_000);
    expect(await remaining(page)).toBe("Noch 8:58 Minuten");
    expect(await urgent(page)).toBe(false);
    expect(await recorded(page)).toEqual([]);
  });

  it("warns once, assertively and across shadow roots, two minutes before the end, then reports the expiry once", async () => {
    const page = await openTimer(component());
    await runFor(page, (600 - WARN_SECONDS - 1) * 1000);
    expect(await urgent(page)).toBe(false);
    expect(await recorded(page, "tv-announce")).toEqual([]);

    await runFor(page, 1000);
    expect(await remaining(page)).toBe("Noch 2:00 Minuten");
    expect(await urgent(page)).toBe(true);
    await runFor(page, 10_000);
    const warnings = await recorded<{ message: string; assertive: boolean }>(page, "tv-announce");
    expect(warnings).toEqual([
      {
        type: "tv-announce",
        detail: {
          message: "Ihre Reservierung läuft in zwei Minuten ab. Wählen Sie „Reservierung verlängern“, wenn Sie mehr Zeit brauchen.",
          assertive: true,
        },
        // The wizard's live region is outside the step's shadow root.
        composed: true,
      },
    ]);
    expect(await recorded(page, "tv-hold-expired")).toEqual([]);

    await runFor(page, 110_000);
    expect(await remaining(page)).toBe("Noch 0:00 Minuten");
    await runFor(page, 5000);
    const expired = await recorded(page, "tv-hold-expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]!.composed).toBe(true);
    expect(await recorded(page, "tv-announce")).toHaveLength(1);
  });

  it("starts over with an extended hold: no longer urgent, and warns again before the new end", async () => {
    const page = await openTimer(component(), minutesLater(1));
    await runFor(page, 1000);
    expect(await urgent(page)).toBe(true);
    expect(await recorded(page, "tv-announce")).toHaveLength(1);

    await update(page, { hold: hold(minutesLater(11)) });
    expect(await urgent(page)).toBe(false);
    expect(await timer(page).locator("p").first().textContent()).toContain("reserviert bis 10:11 Uhr");
    expect(await remaining(page)).toBe("Noch 10:59 Minuten");
    await runFor(page, 9 * 60_000);
    expect(await recorded(page, "tv-announce")).toHaveLength(2);
    expect(await recorded(page, "tv-hold-expired")).toEqual([]);
  });

  it("extend past the agency's cap on a hold's life: says so and keeps the hold (it is still reserved until then)", async () => {
    const page = await openTimer(component());
    const endpoint = "http://127.0.0.1:9/graphql";
    await page.route(endpoint, (route) =>
      route.fulfill({
        contentType: "application/json",
        headers: { "access-control-allow-origin": "*" },
        body: JSON.stringify({
          data: { extendHold: { __typename: "LimitReached", code: "HOLD_LIFETIME_REACHED", message: "Die Reservierung kann nicht weiter verlängert werden." } },
        }),
      }),
    );
    await mountWithConnection(page, endpoint);
    await page.getByRole("button", { name: "Reservierung verlängern" }).click();
    await expect.poll(async () => (await recorded<{ message: string }>(page, "tv-announce")).map((e) => e.detail.message)).toEqual([
      "Die Reservierung kann nicht weiter verlängert werden.",
    ]);
    expect(await recorded(page, "tv-hold-expired")).toEqual([]);
  });

  it("extend: does nothing without the wizard's connection, and alerts when the gateway cannot be reached", async () => {
    const page = await openTimer(component());
    const button = page.getByRole("button", { name: "Reservierung verlängern" });
    expect(await button.count()).toBe(1);
    // Outside the wizard there is no connection: the button does nothing rather than throw.
    await button.click();
    await settled(page);
    expect(await page.getByRole("alert").count()).toBe(0);

    // Inside a provider of the wizard's connection, to a gateway that is down.
    const endpoint = await unreachableEndpoint();
    await mountWithConnection(page, endpoint);
    await page.getByRole("button", { name: "Reservierung verlängern" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("Das hat nicht geklappt. Bitte prüfen Sie Ihre Internetverbindung");
    // The hold is unchanged and still counting: a failed request does not end it.
    expect(await recorded(page, "tv-hold-changed")).toEqual([]);
    expect(await recorded(page, "tv-hold-expired")).toEqual([]);
    expect(await page.getByRole("button", { name: "Reservierung verlängern" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("speaks English", async () => {
    const page = await openTimer(component(), minutesLater(2));
    await setLocale(page, "en");
    expect(await timer(page).locator("p").first().textContent()).toContain("The time is reserved for you until 10:02");
    expect(await remaining(page)).toBe("Time left: 2:00 minutes");
    expect(await page.getByRole("button", { name: "Extend reservation" }).count()).toBe(1);
    await runFor(page, 1000);
    expect((await recorded<{ message: string }>(page, "tv-announce"))[0]?.detail.message).toBe(
      "Your reservation expires in two minutes. Choose “Extend reservation” if you need more time.",
    );
  });
});
