import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const HOLD = `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Hold { id token } ... on Error { code message } } }`;
const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename ... on Error { code message } } }`;

/** Another citizen books `start` (on every counter that could serve it) through the API. */
async function bookElsewhere(office: string, serviceId: string, start: string, who: string): Promise<number> {
  let booked = 0;
  for (let i = 0; i < 6; i++) {
    const input = { tenant: "demo-buergerbuero", office, items: [{ serviceId, quantity: 1 }], start };
    const { holdSlot } = await stack.gql(HOLD, { input });
    if (holdSlot.__typename !== "Hold") break;
    const { confirmBooking } = await stack.gql(CONFIRM, {
      input: {
        holdId: holdSlot.id,
        token: holdSlot.token,
        contact: { name: `Andere Person ${i}`, email: `${who}-${i}@example.org` },
        consent: true,
      },
    });
    expect(confirmBooking.__typename).toBe("BookingConfirmation");
    booked++;
  }
  return booked;
}

describe("live availability", () => {
  it("removes a time booked elsewhere during step 2 without reload, and offers the nearest times when it was the chosen one", async () => {
    const { tenant } = await stack.gql(`{ tenant(slug: "demo-buergerbuero") { offices { id slug } services(onlineOnly: true) { id slug } } }`);
    const office = tenant.offices.find((o: { slug: string }) => o.slug === "rathaus").id as string;
    const serviceId = tenant.services.find((s: { slug: string }) => s.slug === "bescheinigungen").id as string;

    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Bescheinigungen").check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.locator("td.AVAILABLE").first().click();
    const times = widget.locator("input[name=time]");
    await times.nth(6).waitFor();
    const ids = await times.evaluateAll((inputs) => inputs.map((i) => i.id.slice(2)));

    // A time the citizen did not choose disappears quietly.
    const other = ids[2]!;
    expect(await bookElsewhere(office, serviceId, other, "quiet")).toBeGreaterThan(0);
    await widget.locator(`input[id="t-${other}"]`).waitFor({ state: "detached", timeout: 10_000 });
    expect(await widget.getByText("gerade vergeben").count()).toBe(0);

    // The chosen time disappears with a message and the nearest free times.
    const chosen = ids[5]!;
    await widget.locator(`input[id="t-${chosen}"]`).check();
    expect(await bookElsewhere(office, serviceId, chosen, "taker")).toBeGreaterThan(0);
    await widget.locator(`input[id="t-${chosen}"]`).waitFor({ state: "detached", timeout: 10_000 });
    const taken = /Die gewählte Uhrzeit \d\d:\d\d ist gerade vergeben worden\./;
    await widget.locator("p.notice", { hasText: taken }).waitFor();
    await expect.poll(() => widget.getByRole("alert").textContent()).toMatch(taken);
    const alternatives = widget.getByRole("list", { name: "Nächstgelegene freie Zeiten" }).getByRole("button");
    expect(await alternatives.count()).toBeGreaterThan(0);
    await expectAccessible(page, "step 2 (chosen time taken elsewhere)");
    await screenshot(page, "2-datetime-time-taken");

    // Taking an alternative selects it; the booking goes on.
    await alternatives.first().click();
    expect(await widget.locator("input[name=time]:checked").count()).toBe(1);
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    expect(errors).toEqual([]);
  });
});
