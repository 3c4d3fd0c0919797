/**
 * Issue 17 in the browser: a time taken between choosing and reserving becomes the nearest
 * free one, and an overloaded gateway (503 + Retry-After) makes the widget wait calmly and
 * retry. Real overload cannot be produced on demand, so the 503s come from `page.route`
 * with the gateway's own answer shape.
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

const HOLD = `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Hold { id token } } }`;
const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename } }`;

const isHold = (request: Request) => request.method() === "POST" && request.postDataJSON()?.operationName === "HoldSlot";

/** Another citizen books `start` on every counter that could serve it, through the API. */
async function takeElsewhere(input: Record<string, unknown>, who: string): Promise<number> {
  let booked = 0;
  for (let i = 0; i < 6; i++) {
    const { holdSlot } = await stack.gql(HOLD, { input });
    if (holdSlot.__typename !== "Hold") break;
    const { confirmBooking } = await stack.gql(CONFIRM, {
      input: { holdId: holdSlot.id, token: holdSlot.token, contact: { name: `Andere Person ${i}`, email: `${who}-${i}@example.org` }, consent: true },
    });
    expect(confirmBooking.__typename).toBe("BookingConfirmation");
    booked++;
  }
  return booked;
}

/** The demo page at step 2 with "Bescheinigungen" at the Rathaus, the first free day's times shown. */
async function toTimes(page: Page) {
  await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
  const widget = page.locator("terminvergabe-booking");
  await widget.getByLabel("Bürgerbüro Rathaus").check();
  await widget.getByLabel("Bescheinigungen").check();
  await widget.getByRole("button", { name: "Weiter" }).click();
  await widget.locator("td.AVAILABLE").first().click();
  await widget.locator("input[name=time]").nth(6).waitFor();
  return widget;
}

const overloaded = (route: Route) =>
  route.fulfill({
    status: 503,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "retry-after": "1",
      "access-control-allow-origin": stack.demoUrl,
      "access-control-expose-headers": "retry-after",
    },
    body: JSON.stringify({
      errors: [{ message: "Sehr hohe Nachfrage: bitte in 1 Sekunde erneut versuchen.", extensions: { code: "OVERLOADED", retryAfterSeconds: 1 } }],
    }),
  });

describe("a time taken between choosing and reserving", () => {
  it("holds the nearest free time instead, says so, and lets the citizen give it back or keep it and book", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const widget = await toTimes(page);

    // Each hold the widget sends waits until another citizen has taken exactly that time.
    const asked: Record<string, unknown>[] = [];
    const taken: number[] = [];
    const answers: { __typename: string; start: string; substituted: boolean }[] = [];
    await page.route(`${stack.gatewayUrl}/graphql`, async (route) => {
      if (isHold(route.request())) {
        const { orNearest, ...input } = route.request().postDataJSON().variables.input;
        // Once per time: the widget sends a hold again after a 503 of a busy gateway.
        if (!asked.some((a) => a.start === input.start)) {
          asked.push({ orNearest, ...input });
          taken.push(await takeElsewhere(input, `taker-${asked.length}`));
        }
        const response = await route.fetch();
        if (response.status() === 200) answers.push((await response.json()).data.holdSlot);
        return route.fulfill({ response });
      }
      await route.continue();
    });
    const offer = /^Die gewählte Zeit war gerade vergeben\. Wir haben Ihnen die nächste freie Zeit reserviert: \S+, \d+\. \S+ \d{4}, \d\d:\d\d\.$/;
    const offerText = widget.locator("p#offer");

    // First time: give the offered time back and choose another.
    await widget.locator("input[name=time]").nth(3).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(1);
    const first = answers[0]!;
    expect(asked[0]!.orNearest).toBe(true);
    expect(taken[0]).toBeGreaterThan(0);
    expect(first).toMatchObject({ __typename: "Hold", substituted: true });
    expect(first.start).not.toBe(asked[0]!.start);
    await offerText.filter({ hasText: offer }).waitFor();
    await expect.poll(() => widget.getByRole("alert").textContent()).toMatch(offer);
    await expect.poll(() => focusedText(page)).toBe("button#keep:Diese Zeit behalten");
    await screenshot(page, "2-datetime-nearest-free-time");
    await expectAccessible(page, "step 2 (taken time replaced by the nearest free one)");
    await widget.getByRole("button", { name: "Andere Zeit wählen" }).click();
    expect(await offerText.count()).toBe(0);
    // Given back: the offered time is free again (it is on the chosen day or a later one).
    const again = { ...asked[0]!, orNearest: false, start: first.start };
    await expect.poll(async () => (await stack.gql(HOLD, { input: again })).holdSlot.__typename).toBe("Hold");

    // Second time: keep it and book it.
    await widget.locator("input[name=time]").nth(5).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(2);
    const second = answers[1]!;
    expect(second.substituted).toBe(true);
    await offerText.filter({ hasText: offer }).waitFor();
    await widget.getByRole("button", { name: "Diese Zeit behalten" }).click();
    await page.unroute(`${stack.gatewayUrl}/graphql`);

    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    await widget.getByLabel("Vor- und Nachname").fill("Erika Mustermann");
    await widget.getByLabel("E-Mail-Adresse").fill("erika.nearest@example.org");
    await widget.getByLabel(/Ich bin damit einverstanden/).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
    // The review shows the time that was reserved, not the one first chosen.
    const time = (start: string) => new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" }).format(new Date(start));
    await expect(widget.getByText(`, ${time(second.start)}–`).first().isVisible()).resolves.toBe(true);
    await widget.getByRole("button", { name: "Verbindlich buchen" }).click();
    await widget.getByRole("heading", { name: "Ihr Termin ist gebucht" }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("an overloaded gateway", () => {
  it("shows a calm waiting state while the widget retries after Retry-After, then goes on", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const widget = await toTimes(page);

    // The first hold is refused; its retry is held back until the waiting state has been checked.
    let holds = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${stack.gatewayUrl}/graphql`, async (route) => {
      if (!isHold(route.request())) return route.continue();
      holds++;
      if (holds === 1) return overloaded(route);
      await released;
      return route.continue();
    });

    await widget.locator("input[name=time]").nth(2).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    const waiting = "Sehr hohe Nachfrage – Sie sind nicht vergessen. Wir versuchen es automatisch erneut …";
    const status = widget.locator(".overload [role=status]");
    await status.getByText(waiting).waitFor();
    // Retry-After 1 s plus up to 1 s of jitter.
    await expect.poll(() => holds, { timeout: 10_000 }).toBe(2);
    await expectAccessible(page, "overloaded gateway (waiting)");
    await screenshot(page, "2-datetime-overloaded-waiting");

    release();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    expect(await status.textContent()).not.toContain(waiting);
    // More only when this busy machine's real gateway refused one as well.
    expect(holds).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it("gives up after 8 retries with an error and a retry button that carries on with the same request", async () => {
    const page = await stack.newPage();
    const widget = await toTimes(page);
    let refuse = true;
    let holds = 0;
    await page.route(`${stack.gatewayUrl}/graphql`, (route) => {
      if (!isHold(route.request())) return route.continue();
      holds++;
      return refuse ? overloaded(route) : route.continue();
    });

    await widget.locator("input[name=time]").nth(4).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    const stalled = widget.getByRole("alert").filter({ hasText: "Die Nachfrage ist weiterhin sehr hoch." });
    await stalled.waitFor({ timeout: 60_000 });
    expect(holds).toBe(9);
    await expectAccessible(page, "overloaded gateway (gave up, manual retry)");
    await screenshot(page, "2-datetime-overloaded-stalled");

    refuse = false;
    await stalled.getByRole("button", { name: "Erneut versuchen" }).click();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    expect(holds).toBeGreaterThanOrEqual(10);
  });
});
