/**
 * Issue 17, item 4 in the browser: the fair waiting room of an announced release. The
 * gateway under test has no release announced (its policy lives in the PGlite data dir its
 * process owns), so the room's answers — the tenant's `waitingRoom`, `enterWaitingRoom`
 * and a holdSlot refused as NOT_YET_ADMITTED — come from `page.route` in the gateway's own
 * answer shapes; everything else, the admitted hold included, is the real gateway.
 */
import type { Page, Request, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, screenshot, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const TICKET = "e2e-waiting-room-ticket";
const operation = (request: Request): string | undefined =>
  request.method() === "POST" ? request.postDataJSON()?.operationName : undefined;
const iso = (ms: number) => new Date(ms).toISOString();
const berlin = (ms: number, second = false) =>
  new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", ...(second && { second: "2-digit" }), timeZone: "Europe/Berlin" }).format(ms);

/** A GraphQL answer from "the gateway" (CORS for the demo page, as the real one sends). */
const answer = (route: Route, data: unknown) =>
  route.fulfill({
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": stack.demoUrl },
    body: JSON.stringify({ data }),
  });

/** The real tenant with an announced release's room. */
async function tenantWithRoom(route: Route, waitingRoom: unknown) {
  const response = await route.fetch();
  const body = await response.json();
  body.data.tenant.waitingRoom = waitingRoom;
  return route.fulfill({ response, json: body });
}

const polite = (page: Page) => page.locator("terminvergabe-booking").locator(".vh[role=status]").textContent();

describe("the waiting room of an announced release", () => {
  it("enters once (a reload keeps the place), waits calmly with a countdown, then books with the ticket on every hold", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const t0 = Date.now();
    const releaseAt = t0 + 8_000;
    const admitAt = t0 + 30_000;
    const room = { releaseAt: iso(releaseAt), opensAt: iso(t0 - 10 * 60_000), phase: "WAITING" };
    let entered = 0;
    const holds: Record<string, unknown>[] = [];
    await page.route(`${stack.gatewayUrl}/graphql`, async (route) => {
      const request = route.request();
      switch (operation(request)) {
        case "Tenant":
          return tenantWithRoom(route, room);
        case "EnterWaitingRoom":
          entered++;
          expect(request.postDataJSON().variables).toEqual({ tenant: "demo-buergerbuero" });
          return answer(route, { enterWaitingRoom: { __typename: "WaitingRoomTicket", ticket: TICKET, admitAt: iso(admitAt), releaseAt: room.releaseAt } });
        case "HoldSlot":
          holds.push(request.postDataJSON().variables.input);
          // The first hold comes a moment early by the gateway's clock; the next one goes through.
          if (holds.length === 1) {
            return answer(route, {
              holdSlot: {
                __typename: "WaitingRoomRequired",
                code: "NOT_YET_ADMITTED",
                message: "Sie sind gleich an der Reihe. Bitte warten Sie bis zu Ihrer Einlasszeit.",
                releaseAt: room.releaseAt,
                admitAt: iso(Date.now() + 3_000),
              },
            });
          }
          return route.continue();
        default:
          return route.continue();
      }
    });

    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    const heading = widget.getByRole("heading", { name: "Warteraum" });
    await heading.waitFor();
    const roomText = widget.locator("terminvergabe-waiting-room section");
    const expected = [
      `Die Termine werden um ${berlin(releaseAt)} Uhr freigegeben.`,
      "Sie sind im Warteraum. Die Reihenfolge wird ausgelost – wann Sie gekommen sind, spielt keine Rolle.",
      `Ihre Einlasszeit: ${berlin(admitAt, true)} Uhr.`,
    ];
    await expect.poll(async () => (await roomText.textContent())?.replace(/\s+/g, " ")).toContain(expected.join(" "));
    // The wizard waits: no step is shown while the room is open and the time has not come.
    expect(await widget.getByRole("heading", { name: "Anliegen wählen" }).count()).toBe(0);
    // Announced once, politely; the countdown is a timer, which is not read out.
    await expect.poll(() => polite(page)).toBe(expected[1]);
    const timer = widget.getByRole("timer");
    const seconds = async () => {
      const [, m, s] = /(\d+):(\d\d)/.exec((await timer.textContent()) ?? "")!;
      return Number(m) * 60 + Number(s);
    };
    const first = await seconds();
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThanOrEqual(30);
    expect(await timer.textContent()).toMatch(/^\s*Noch\s+\d+:\d\d\s+Minuten\s*$/);
    await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(first);
    expect(await polite(page)).toBe(expected[1]);
    await expectAccessible(page, "waiting room (waiting for the admission time)");
    await screenshot(page, "0-waiting-room");

    // A reload keeps the place: no second draw, the same admission time.
    await page.reload();
    await heading.waitFor();
    await expect.poll(async () => (await roomText.textContent())?.replace(/\s+/g, " ")).toContain(expected[2]);
    expect(entered).toBe(1);

    // Admitted: step 1, announced.
    await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor({ timeout: 40_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(admitAt - 1_000);
    expect(await heading.count()).toBe(0);
    await expect.poll(() => polite(page)).toBe("Sie sind an der Reihe. Bitte wählen Sie jetzt Ihren Termin.");
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Bescheinigungen").check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    const pickTime = async () => {
      await widget.locator("td.AVAILABLE").first().click();
      await widget.locator("input[name=time]").nth(2).check();
      await widget.getByRole("button", { name: "Weiter" }).click();
    };
    await pickTime();

    // "Not yet" from the gateway: back into the room until its admission time, focus with it.
    await heading.waitFor();
    await expect.poll(() => focusedText(page)).toBe("h2#heading:Warteraum");
    expect(await timer.isVisible()).toBe(true);
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor({ timeout: 15_000 });
    await expect.poll(() => focusedText(page)).toBe("h2#heading:Tag und Uhrzeit wählen");
    await pickTime();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();

    expect(holds).toHaveLength(2);
    for (const hold of holds) expect(hold).toMatchObject({ tenant: "demo-buergerbuero", waitingRoomTicket: TICKET });
    expect(entered).toBe(1);
    expect(errors).toEqual([]);
  });

  it("announced but not open: shows when the appointments are released and the room opens, then enters when it opens", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const t0 = Date.now();
    const opensAt = t0 + 6_000;
    const releaseAt = t0 + 15 * 60_000;
    const room = { releaseAt: iso(releaseAt), opensAt: iso(opensAt), phase: "UPCOMING" };
    const asked: string[] = [];
    await page.route(`${stack.gatewayUrl}/graphql`, async (route) => {
      const name = operation(route.request());
      if (name) asked.push(name);
      switch (name) {
        case "Tenant":
          return tenantWithRoom(route, room);
        case "WaitingRoom":
          return answer(route, { tenant: { waitingRoom: { ...room, phase: Date.now() >= opensAt ? "WAITING" : "UPCOMING" } } });
        case "EnterWaitingRoom":
          return answer(route, {
            enterWaitingRoom: { __typename: "WaitingRoomTicket", ticket: TICKET, admitAt: iso(releaseAt + 12_000), releaseAt: room.releaseAt },
          });
        default:
          return route.continue();
      }
    });

    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    const date = new Intl.DateTimeFormat("de-DE", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Berlin" }).format(releaseAt);
    const notice = `Die Termine werden am ${date} um ${berlin(releaseAt)} Uhr freigegeben; der Warteraum öffnet um ${berlin(opensAt)} Uhr.`;
    await widget.getByText(notice).waitFor();
    // Until the room opens, holds need no ticket: the wizard can be used as always.
    await expect(widget.getByRole("heading", { name: "Anliegen wählen" }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, "waiting room announced (not open yet)");
    await screenshot(page, "0-waiting-room-announced");
    expect(asked).not.toContain("EnterWaitingRoom");

    // The room opens: asked again, entered, and the citizen waits in it.
    await widget.getByRole("heading", { name: "Warteraum" }).waitFor({ timeout: 20_000 });
    await widget.getByText(`Ihre Einlasszeit: ${berlin(releaseAt + 12_000, true)} Uhr.`).waitFor();
    expect(asked.filter((n) => n === "WaitingRoom").length).toBeGreaterThanOrEqual(1);
    expect(asked.filter((n) => n === "EnterWaitingRoom")).toHaveLength(1);
    expect(await widget.getByRole("heading", { name: "Anliegen wählen" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("waits paced by the gateway (asks when told, marks its mutations) and says so when the release is sold out, with the next one", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const t0 = Date.now();
    const releaseAt = t0 - 5_000;
    const nextRelease = Date.parse("2031-04-01T06:00:00Z");
    const room = { releaseAt: iso(releaseAt), opensAt: iso(t0 - 20 * 60_000), phase: "ADMITTING", soldOut: false, nextReleaseAt: null };
    const polls: number[] = [];
    let enterHeader: string | null = null;
    await page.route(`${stack.gatewayUrl}/graphql`, async (route) => {
      const request = route.request();
      switch (operation(request)) {
        case "Tenant":
          return tenantWithRoom(route, room);
        case "EnterWaitingRoom":
          enterHeader = await request.headerValue("x-tv-operation");
          return answer(route, {
            enterWaitingRoom: {
              __typename: "WaitingRoomTicket", ticket: TICKET, admitAt: iso(t0 + 60_000), releaseAt: room.releaseAt, admitAtFinal: true, pollAfterSeconds: 2,
            },
          });
        case "WaitingRoomStatus":
          polls.push(Date.now());
          expect(request.postDataJSON().variables).toEqual({ tenant: "demo-buergerbuero", ticket: TICKET });
          expect(await request.headerValue("x-tv-operation")).toBeNull();
          // First still waiting (ask again in 2 s), then everything is taken.
          return answer(route, {
            waitingRoomStatus:
              polls.length === 1
                ? { __typename: "WaitingRoomStatus", state: "WAITING", admitAt: iso(t0 + 60_000), admitAtFinal: true, pollAfterSeconds: 2, nextReleaseAt: null }
                : { __typename: "WaitingRoomStatus", state: "SOLD_OUT", admitAt: null, admitAtFinal: false, pollAfterSeconds: null, nextReleaseAt: iso(nextRelease) },
          });
        default:
          return route.continue();
      }
    });

    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByRole("heading", { name: "Warteraum" }).waitFor();
    await widget.getByRole("heading", { name: "Alle Termine dieser Freigabe sind vergeben" }).waitFor({ timeout: 20_000 });
    const date = new Intl.DateTimeFormat("de-DE", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Berlin" }).format(nextRelease);
    await widget.getByText(`Die nächste Freigabe: ${date} um ${berlin(nextRelease)} Uhr.`).waitFor();
    await expect.poll(() => polite(page)).toContain("Alle Termine dieser Freigabe sind vergeben");
    expect(enterHeader).toBe("mutation");
    expect(polls).toHaveLength(2);
    expect(await widget.getByRole("heading", { name: "Anliegen wählen" }).count()).toBe(0);
    await expectAccessible(page, "waiting room: release sold out");
    expect(errors).toEqual([]);
  });
});
