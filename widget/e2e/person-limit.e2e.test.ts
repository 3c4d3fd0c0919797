import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, screenshot, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const HOLD = `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on Hold { id token } ... on Error { code message } } }`;
const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename ... on BookingConfirmation { booking { reference start } } ... on Error { code message } } }`;
const AVAILABILITY = `query($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
  availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { ... on AvailabilityCalendar { days { date status } } } }`;
const PHONE = "030 1234567";

describe("a second household member with the same phone number (issue 11, item 6)", () => {
  it("is told at step 3 which rule blocks them — not when the other booking is — and can have the manage link mailed to the booking's own address", async () => {
    // The first member books a passport appointment with the family's phone number.
    const { tenant } = await stack.gql(`{ tenant(slug: "demo-buergerbuero") { offices { id slug } services(onlineOnly: true) { id name } } }`);
    const office = tenant.offices.find((o: { slug: string }) => o.slug === "rathaus").id as string;
    const serviceId = tenant.services.find((s: { name: string }) => s.name === "Personalausweis und Reisepass").id as string;
    const items = [{ serviceId, quantity: 1 }];
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 27 * 86_400_000).toISOString().slice(0, 10);
    const { availability } = await stack.gql(AVAILABILITY, { tenant: "demo-buergerbuero", office, items, from, to });
    const day = availability.days.find((d: { status: string }) => d.status === "AVAILABLE").date as string;
    const { holdSlot } = await stack.gql(HOLD, { input: { tenant: "demo-buergerbuero", office, items, day } });
    expect(holdSlot.__typename).toBe("Hold");
    const { confirmBooking } = await stack.gql(CONFIRM, {
      input: { holdId: holdSlot.id, token: holdSlot.token, consent: true, contact: { name: "Anna Haushalt", email: "anna.haushalt@example.org", phone: PHONE } },
    });
    expect(confirmBooking.__typename).toBe("BookingConfirmation");
    const { reference, start } = confirmBooking.booking as { reference: string; start: string };
    await stack.mailbox.waitFor("anna.haushalt@example.org");

    // The second member books the same concern in the widget.
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Personalausweis und Reisepass").check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    await widget.locator("td.AVAILABLE").first().click();
    await widget.locator("input[name=time]").first().waitFor();
    await widget.locator("input[name=time]").nth(2).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    await widget.getByLabel("Vor- und Nachname").fill("Ben Haushalt");
    await widget.getByLabel("E-Mail-Adresse").fill("ben.haushalt@example.org");
    await widget.getByLabel("Telefonnummer").fill(PHONE);
    await widget.getByLabel(/Ich bin damit einverstanden/).check();
    await widget.getByRole("button", { name: "Weiter" }).click();

    // Step 3 says what is blocked and why, and keeps the citizen there with focus on it.
    const alert = widget.locator("#blocked[role=alert]");
    await alert.waitFor();
    const text = (await alert.textContent())!.replace(/\s+/g, " ");
    expect(text).toContain("Mit diesen Kontaktdaten ist für das Anliegen „Personalausweis und Reisepass“ bereits ein offener Termin gebucht.");
    expect(text).toContain("Pro Person ist je Anliegen höchstens ein offener Termin möglich.");
    // Nothing about the other person's appointment: no name, reference, day or time.
    const startDay = new Intl.DateTimeFormat("de-DE", { day: "numeric", month: "numeric", timeZone: "Europe/Berlin" }).format(new Date(start));
    expect(text).not.toMatch(/Anna|\d\d:\d\d|Uhr/);
    expect(text).not.toContain(reference);
    expect(text).not.toContain(startDay);
    expect(await focusedText(page)).toMatch(/^div#blocked:Mit diesen Kontaktdaten/);
    await expect(widget.getByRole("heading", { name: "Kontaktdaten angeben" }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, "step 3 (person blocked by the per-person limit)");
    await screenshot(page, "3-contact-blocked");

    // "Send me the manage link": the mail goes to the address stored on Anna's booking only.
    await widget.getByRole("button", { name: "Verwaltungslink per E-Mail senden" }).click();
    await widget.getByText("senden wir den Verwaltungslink an die E-Mail-Adresse, die bei diesem Termin angegeben wurde", { exact: false }).waitFor();
    expect(await focusedText(page)).toMatch(/^div#blocked:/);
    await expectAccessible(page, "step 3 (manage link requested)");
    await expect
      .poll(() => stack.mailbox.mails.filter((m) => m.subject?.startsWith("Verwaltungslink")).length, { timeout: 30_000 })
      .toBe(1);
    const mail = stack.mailbox.mails.find((m) => m.subject?.startsWith("Verwaltungslink"))!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((v) => v.address) : []).toEqual(["anna.haushalt@example.org"]);
    expect(mail.text).toContain(reference);
    expect(mail.text).toMatch(/\/manage\/demo-buergerbuero#ref=/);
    expect(stack.mailbox.mails.some((m) => JSON.stringify(m.to).includes("ben.haushalt@example.org"))).toBe(false);

    // With their own phone number the second member goes on to step 4.
    await widget.getByLabel("Telefonnummer").fill("030 7654321");
    await expect(alert.count()).resolves.toBe(0);
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
    expect(errors).toEqual([]);
  });
});
