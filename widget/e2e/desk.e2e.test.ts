/**
 * The staff desk (issue 13) in Chromium against the real gateway on PostgreSQL with a real
 * SMTP server: a clerk signs in, sees today's list, marks a booking as no-show with one
 * key, books a caller's emergency appointment by keyboard alone in the emergency window and
 * reads out the reference, finds it again; a citizen books online meanwhile and the list
 * shows it without reload. axe on every view, screenshots under artifacts/screenshots/.
 */
import { describe, expect, it } from "vitest";
import { CountingKeyboard, expectDeskAccessible, staffGql as deskStaffGql, waitForFocus } from "./support/desk.ts";
import { citizenPage, usePostgresStack } from "./support/postgres-stack.ts";
import { focusedText, screenshot } from "./support/stack.ts";

const TENANT = "demo-buergerservice";
const CLERK = { email: "buergerservice.schalter@example.org", password: "demo-passwort" };

const env = usePostgresStack();

interface Catalog {
  office: string;
  timeZone: string;
  online: string;
}

async function catalog(): Promise<Catalog> {
  const { tenant } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { offices { id slug timeZone } services(onlineOnly: true) { id slug } } }`);
  const office = tenant.offices.find((o: { slug: string }) => o.slug === "stadthaus");
  return { office: office.id, timeZone: office.timeZone, online: tenant.services.find((s: { slug: string }) => s.slug === "meldebescheinigung").id };
}

/** The first day with free online times for the concern. */
async function firstOnlineDay(c: Catalog): Promise<string> {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const { availability } = await env.stack.gql(
    `query($items: [RequestItemInput!]!, $office: String!, $from: Date!, $to: Date!) { availability(tenant: "${TENANT}", office: $office, items: $items, from: $from, to: $to) { ... on AvailabilityCalendar { days { date status } } } }`,
    { items: [{ serviceId: c.online, quantity: 1 }], office: c.office, from, to },
  );
  const day = availability.days.find((d: { status: string }) => d.status === "AVAILABLE");
  if (!day) throw new Error("no online availability in the next 40 days");
  return day.date;
}

/** A citizen books online in the widget (proof of work and all). */
async function bookInWidget(day: string, email: string): Promise<string> {
  const page = await citizenPage(env.stack, TENANT);
  const widget = page.locator("terminvergabe-booking");
  // One office: the widget shows it without a choice.
  await widget.getByLabel("Meldebescheinigung").check();
  await widget.getByRole("button", { name: "Weiter" }).click();
  await widget.locator("td[data-date]").first().waitFor();
  if (day.slice(0, 7) !== new Date().toISOString().slice(0, 7)) await widget.getByRole("button", { name: "Nächster Monat" }).click();
  await widget.locator(`td.AVAILABLE[data-date="${day}"]`).click();
  await widget.locator("input[name=time]").first().check();
  await widget.getByRole("button", { name: "Weiter" }).click();
  await widget.getByLabel("Vor- und Nachname").fill("Olga Online");
  await widget.getByLabel("E-Mail-Adresse").fill(email);
  await widget.getByLabel(/Ich bin damit einverstanden/).check();
  await widget.getByRole("button", { name: "Weiter" }).click();
  await widget.getByRole("button", { name: "Verbindlich buchen" }).click();
  await widget.getByRole("heading", { name: /^(Ihr Termin ist gebucht|Bitte bestätigen Sie Ihre E-Mail-Adresse)$/ }).waitFor();
  const reference = (await widget.locator("dd strong").first().textContent())!.trim();
  await page.context().close();
  return reference;
}

/** GraphQL as a signed-in staff member's API client (bearer token). */
function staffGql<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return deskStaffGql<T>(env.stack.gatewayUrl, token, query, variables);
}

async function staffToken(email: string): Promise<string> {
  const { staffLogin } = await env.stack.gql(
    `mutation($email: String!) { staffLogin(tenant: "${TENANT}", email: $email, password: "demo-passwort", deliverAs: TOKEN) { __typename ... on StaffSession { token } } }`,
    { email },
  );
  return staffLogin.token;
}

/** A clerk books by phone for the first free time from tomorrow (staffBookAppointment, nearest start). */
async function bookByPhone(token: string, c: Catalog, name: string): Promise<{ reference: string; start: string }> {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const { staffBookAppointment } = await staffGql(
    token,
    `mutation($input: StaffBookAppointmentInput!) { staffBookAppointment(input: $input) { __typename ... on StaffBooking { reference start } ... on Error { code message } } }`,
    { input: { tenant: TENANT, office: c.office, items: [{ serviceId: c.online, quantity: 1 }], start: `${tomorrow}T08:00:00Z`, orNearest: true, contact: { name, phone: "030 5550101" } } },
  );
  expect(staffBookAppointment.__typename, JSON.stringify(staffBookAppointment)).toBe("StaffBooking");
  return staffBookAppointment;
}

describe("staff desk: a clerk's day", () => {
  it("signs in, marks a no-show with one key, books an emergency by keyboard alone, and sees an online booking arrive live", async () => {
    const c = await catalog();
    // A booking of today that has begun (bookings cannot be made in the past: moved there in the database).
    const past = await bookByPhone(await staffToken(CLERK.email), c, "Frühere Anruferin");
    await env.sql(
      `UPDATE "Booking" SET "startsAt" = now() - interval '1 minute', "endsAt" = now() + interval '9 minutes', status = 'CONFIRMED' WHERE reference = $1`,
      [past.reference],
    );

    const page = await env.stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByRole("heading", { name: "Anmelden" }).waitFor();
    await expectDeskAccessible(page, "sign-in");
    await screenshot(page, "desk-0-sign-in");

    // Sign-in by keyboard.
    const keys = new CountingKeyboard(page);
    await keys.tabTo(/^input#email/);
    await keys.type(CLERK.email);
    await keys.press("Tab");
    await keys.type(CLERK.password);
    await keys.press("Enter");
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();
    await waitForFocus(page, /^h2#:Tagesliste/);
    console.log(`sign-in: ${keys.presses} key presses`);

    // Today's list with the booking that has begun; no-show with one key in its row.
    const row = desk.locator("tr[data-id]", { hasText: past.reference });
    await row.waitFor();
    await expectDeskAccessible(page, "day list");
    await screenshot(page, "desk-1-day-list");
    await keys.tabTo(new RegExp(`^tr#:.*${past.reference}`));
    await keys.press("n");
    await row.locator(".badge", { hasText: "nicht erschienen" }).waitFor();
    const [status] = await env.sql<{ status: string }>(`SELECT status FROM "Booking" WHERE reference = $1`, [past.reference]);
    expect(status!.status).toBe("NO_SHOW");

    // A caller on the emergency line: keyboard alone, key presses counted, from the day list's heading.
    await desk.getByRole("heading", { name: /^Tagesliste – / }).focus();
    const phone = new CountingKeyboard(page);
    const started = Date.now();
    await phone.tabTo(/^button#:Telefonbuchung/, { back: true });
    await phone.press("Enter");
    await waitForFocus(page, /^h2#:Telefonbuchung/);
    await phone.press("Tab"); // the first concern: the staff-only emergency concern comes first
    expect(await focusedText(page)).toMatch(/^input#:/);
    await phone.press("Space");
    await phone.press("Enter"); // next free times
    await waitForFocus(page, /^input#time-0/);
    await expectDeskAccessible(page, "phone booking with free times");
    await screenshot(page, "desk-2-phone-booking");
    await phone.press("Tab");
    expect(await focusedText(page)).toMatch(/^input#name/);
    await phone.type("Erika Notfall");
    await phone.press("Tab");
    await phone.type("030 1234567");
    await phone.press("Enter");
    await waitForFocus(page, /^h2#booked:Gebucht: [A-Z0-9-]+/);
    const seconds = (Date.now() - started) / 1000;
    const reference = (await desk.locator(".reference").textContent())!.trim();
    console.log(`keyboard phone booking: ${phone.presses} key presses, ${seconds.toFixed(1)} s in the test (reference ${reference})`);
    expect(phone.presses).toBeLessThan(60);
    // In the emergency window: a weekday, 08:00–09:00 at the emergency counter.
    const when = await desk.locator("dl dd").first().textContent();
    expect(when).toMatch(/^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag), .*, 08:\d\d–0[89]:\d\d$/);
    const [booked] = await env.sql<{ counter: string; channel: string; status: string }>(
      `SELECT c.name AS counter, b.channel, b.status FROM "Booking" b JOIN "Counter" c ON c.id = b."counterId" WHERE b.reference = $1`,
      [reference],
    );
    expect(booked).toEqual({ counter: "Notfallschalter", channel: "STAFF", status: "CONFIRMED" });
    expect(await desk.getByText("keine E-Mail – nur telefonisch mitgeteilt").count()).toBe(1);
    await expectDeskAccessible(page, "phone booking done");
    await screenshot(page, "desk-3-phone-booked");

    // The same caller again: one open appointment per person — the clerk overrides with a reason.
    await desk.getByRole("button", { name: "Nächster Anruf" }).click();
    const booking = desk.locator("tv-desk-phone-booking");
    await booking.locator("input[name=concern]").first().check();
    await booking.getByRole("button", { name: "Freie Zeiten suchen" }).click();
    // Not the first time offered: the list may still show the time just booked for this caller
    // (free times are read from snapshots up to SNAPSHOT_STALENESS_MS old), which would answer
    // "taken" instead of the limit this step is about.
    await booking.locator("input[name=time]").nth(1).check();
    await booking.getByLabel("Name", { exact: true }).fill("Erika Notfall");
    await booking.getByLabel("Telefon", { exact: true }).fill("030 1234567");
    await booking.getByRole("button", { name: "Verbindlich buchen" }).click();
    const reason = booking.getByLabel("Ausnahme begründen (wird protokolliert)");
    await reason.waitFor();
    await waitForFocus(page, /^input#override/);
    await expectDeskAccessible(page, "phone booking over a limit");
    await screenshot(page, "desk-3-phone-limit");
    await reason.fill("Zweiter Ausweis gestohlen, Reise übermorgen");
    await booking.getByRole("button", { name: "Trotzdem buchen" }).click();
    await booking.getByRole("heading", { name: /^Gebucht: / }).waitFor();
    const [audit] = await env.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE data::text LIKE '%Zweiter Ausweis gestohlen%'`);
    expect(audit!.n).toBeGreaterThan(0);

    // Find it again by reference — after the session ended meanwhile: the sign-in appears over
    // the view, and the search goes on once the clerk signed in again.
    await desk.getByRole("button", { name: "Suchen und ändern" }).click();
    await env.sql(`DELETE FROM "Session"`);
    await desk.getByLabel("Referenz, Name, E-Mail oder Telefon").fill(reference);
    await desk.getByLabel("Referenz, Name, E-Mail oder Telefon").press("Enter");
    const dialog = desk.getByRole("dialog", { name: "Erneut anmelden" });
    await dialog.getByRole("heading", { name: "Sitzung abgelaufen – bitte erneut anmelden" }).waitFor();
    await waitForFocus(page, /^input#email/);
    await expectDeskAccessible(page, "session expired");
    await screenshot(page, "desk-4-session-expired");
    await page.keyboard.type(CLERK.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(CLERK.password);
    await page.keyboard.press("Enter");
    await desk.locator("#results tr", { hasText: reference }).waitFor();
    await dialog.waitFor({ state: "hidden" });
    expect(await desk.getByLabel("Referenz, Name, E-Mail oder Telefon").inputValue()).toBe(reference);
    // Reschedule for the caller: another free time of the same day.
    const [{ starts }] = (await env.sql<{ starts: Date }>(`SELECT "startsAt" AS starts FROM "Booking" WHERE reference = $1`, [reference])) as [{ starts: Date }];
    const bookedDay = starts.toLocaleDateString("en-CA", { timeZone: "Europe/Berlin" });
    await desk.getByRole("button", { name: `${reference} verschieben` }).click();
    // fill() fires input and change itself: one request for the day's free times
    await desk.getByLabel("Neuer Tag").fill(bookedDay);
    const newTime = desk.getByLabel("Neue Zeit");
    // Free times come from snapshots up to 1 s old: a time booked a moment ago may still be
    // offered and then be refused (SlotUnavailable) — the view says so and reloads the day's
    // times; the clerk picks another. At most three tries, each logged. The times are taken
    // from the end of the day: in two CI runs the day's 2nd and 3rd times were both refused
    // as taken — not explained by staleness, and not by the booking's own interval (the
    // claim ignores it); the cause is still open (see the session's closing note).
    const moved = desk.getByText(`${reference} ist verschoben auf`);
    const refused = desk.locator("[role=alert] .error");
    let target: string | null = null;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await newTime.waitFor();
      // From the end of the day: a time overlapping the booking's own is refused (see below).
      const offered = await newTime.locator("option").count();
      target = await newTime.locator("option").nth(offered - attempt).getAttribute("value");
      await newTime.selectOption(target!);
      await desk.getByRole("button", { name: "Termin verschieben" }).click();
      await moved.or(refused).first().waitFor();
      if (await moved.isVisible()) break;
      console.log(`reschedule try ${attempt} refused: ${await refused.textContent()}`);
      expect(attempt).toBeLessThan(3);
      await page.waitForLoadState("networkidle"); // the view asks for the day's free times again
    }
    await moved.waitFor();
    const [rescheduled] = await env.sql<{ starts: Date }>(`SELECT "startsAt" AS starts FROM "Booking" WHERE reference = $1`, [reference]);
    expect(rescheduled!.starts.toISOString()).toBe(new Date(target!).toISOString());

    await desk.getByRole("button", { name: `${reference} absagen` }).click();
    await desk.getByLabel(/^Grund/).waitFor();
    await expectDeskAccessible(page, "find and change");
    await screenshot(page, "desk-4-find-change");
    await desk.getByRole("button", { name: "Abbrechen" }).click();

    // Meanwhile a citizen books online: the clerk's list of that day shows it without reload.
    const day = await firstOnlineDay(c);
    await desk.getByRole("button", { name: "Tagesliste" }).click();
    await desk.locator("input[type=date]").first().fill(day);
    await desk.locator("input[type=date]").first().dispatchEvent("change");
    await desk.getByText(/^\d+ Termine$/).waitFor();
    const online = await bookInWidget(day, "live@example.org");
    const arrived = desk.locator("tr[data-id]", { hasText: online });
    await arrived.waitFor({ timeout: 15_000 });
    await arrived.getByText("neu").waitFor();
    // Live updates come in the desk's language too (the socket has no Accept-Language of its own).
    await arrived.getByText("Meldebescheinigung").waitFor();
    await expect.poll(() => desk.locator("[role=status]").first().textContent()).toContain("Neuer Termin");
    await expectDeskAccessible(page, "day list with a live booking");
    await screenshot(page, "desk-5-day-list-live");

    // English second: the locale module is loaded from the gateway on demand.
    await desk.getByRole("button", { name: "English" }).click();
    await desk.getByRole("heading", { name: /^Day list – / }).waitFor();
    await desk.getByRole("button", { name: "Phone booking" }).waitFor();
    await expectDeskAccessible(page, "day list in English");
    expect(errors).toEqual([]);
  }, 240_000);
});

/** Bookings of the mass cancellation (DESK_MASS_BOOKINGS only to try the test quickly). */
const MASS = Number(process.env.DESK_MASS_BOOKINGS || 200);

describe("staff desk: an admin's views", () => {
  it("runs a mass cancellation over 200 bookings with preview and progress (every citizen gets the mail), edits hours, and passes axe on every admin view", async () => {
    const c = await catalog();
    const { tenant } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { services { id slug } } }`);
    const certification = tenant.services.find((s: { slug: string }) => s.slug === "beglaubigung").id as string;
    const clerk = await staffToken(CLERK.email);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const created = Date.now();
    const addresses: string[] = [];
    for (let i = 0; i < MASS; i++) {
      const email = `massen-${i}@example.org`;
      const { staffBookAppointment } = await staffGql(
        clerk,
        `mutation($input: StaffBookAppointmentInput!) { staffBookAppointment(input: $input) { __typename ... on Error { code message } } }`,
        { input: { tenant: TENANT, office: c.office, items: [{ serviceId: certification, quantity: 1 }], start: `${tomorrow}T07:00:00Z`, orNearest: true, contact: { name: `Person ${i}`, email } } },
      );
      expect(staffBookAppointment.__typename, JSON.stringify(staffBookAppointment)).toBe("StaffBooking");
      addresses.push(email);
    }
    console.log(`${MASS} phone bookings through the API in ${((Date.now() - created) / 1000).toFixed(1)} s`);

    const page = await env.stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const logs: string[] = [];
    page.on("console", (m) => logs.push(m.text()));
    page.on("requestfailed", (r) => logs.push(`failed ${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => logs.push(`${r.status()} ${r.url()}`));
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByRole("heading", { name: "Anmelden" }).waitFor().catch(async (error) => {
      const shadow = await desk.evaluate((d) => d.shadowRoot?.innerHTML ?? "no shadow root");
      throw new Error(`${error}\npage errors: ${errors.join("; ")}\nconsole: ${logs.join("; ")}\n${shadow}`);
    });
    await desk.getByLabel("E-Mail-Adresse").fill("buergerservice.admin@example.org");
    await desk.getByLabel("Passwort").fill("demo-passwort");
    await desk.getByRole("button", { name: "Anmelden" }).click();
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();

    // Mass cancellation: scope, reason, preview, confirm, progress.
    await desk.getByRole("button", { name: "Massenabsage" }).click();
    const view = desk.locator("tv-desk-mass-cancellation");
    await view.getByLabel("Bis (einschließlich)").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
    await view.getByLabel("Anliegen").selectOption({ label: "Beglaubigung" });
    const reason = "Wasserschaden im Stadthaus – bitte buchen Sie einen neuen Termin.";
    await view.getByLabel("Grund (Deutsch)").fill(reason);
    await expectDeskAccessible(page, "mass cancellation form");
    await view.getByRole("button", { name: "Vorschau" }).click();
    await view.getByRole("heading", { name: `${MASS} Termine würden abgesagt` }).waitFor();
    expect(await view.locator("section li").count()).toBeGreaterThan(0);
    await expectDeskAccessible(page, "mass cancellation preview");
    await screenshot(page, "desk-6-mass-cancellation-preview");
    await view.getByRole("button", { name: `${MASS} Termine absagen` }).click();
    await view.getByText(`Fertig: ${MASS} Termine abgesagt, die Mails sind unterwegs.`).waitFor({ timeout: 60_000 });
    expect(await view.locator("progress").evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([MASS, MASS]);
    await expectDeskAccessible(page, "mass cancellation done");
    await screenshot(page, "desk-7-mass-cancellation-done");
    const [remaining] = await env.sql<{ live: number }>(
      `SELECT count(*)::int AS live FROM "Booking" b JOIN "BookingItem" i ON i."bookingId" = b.id WHERE i."serviceId" = $1 AND b.status IN ('CONFIRMED', 'PENDING_VERIFICATION', 'CHECKED_IN')`,
      [certification],
    );
    expect(remaining!.live).toBe(0);
    const mailsSince = Date.now();
    for (const address of addresses) {
      const mail = await env.stack.mailbox.waitFor(address, 180_000);
      // The booking confirmation came first; wait for the cancellation with the reason.
      const deadline = Date.now() + 180_000;
      while (!env.stack.mailbox.mails.some((m) => m.subject?.includes("abgesagt") && m.text?.includes(reason) && JSON.stringify(m.to).includes(address))) {
        if (Date.now() > deadline) throw new Error(`no cancellation mail to ${address} (first mail: ${mail.subject})`);
        await page.waitForTimeout(250);
      }
    }
    console.log(`all ${MASS} cancellation mails with the reason received by the SMTP server ${((Date.now() - mailsSince) / 1000).toFixed(1)} s after the run finished`);

    // Hours editor: "every 2nd and 4th Saturday 08:00–12:00" written as an RRULE, with a preview.
    await desk.getByRole("button", { name: "Öffnungszeiten" }).click();
    const hours = desk.locator("tv-desk-hours-editor");
    await hours.getByLabel("Sa", { exact: true }).check();
    await hours.getByLabel("bestimmte Wochen im Monat").check();
    await hours.getByLabel("2.", { exact: true }).check();
    await hours.getByLabel("4.", { exact: true }).check();
    await hours.getByLabel("Von").fill("08:00");
    await hours.getByLabel("Bis", { exact: true }).fill("12:00");
    await expect.poll(() => hours.locator("#rrule").textContent()).toBe("FREQ=MONTHLY;BYDAY=2SA,4SA");
    const saturdays = await hours.locator("td.open[data-date]").evaluateAll((cells) =>
      cells.filter((c) => c.textContent!.includes("● 08:00–12:00 (neu)")).map((c) => c.getAttribute("data-date")!),
    );
    expect(saturdays.length).toBeGreaterThanOrEqual(3);
    for (const date of saturdays) {
      const d = new Date(`${date}T00:00:00Z`);
      expect(d.getUTCDay()).toBe(6);
      expect([2, 4]).toContain(Math.ceil(d.getUTCDate() / 7));
    }
    await expectDeskAccessible(page, "hours editor");
    await screenshot(page, "desk-8-hours-editor");

    for (const [button, name] of [
      ["Schließtage", "closures"],
      ["Anliegen", "concerns"],
      ["Einstellungen", "settings"],
      ["Mitarbeitende", "staff-users"],
      ["Protokoll", "audit-log"],
    ] as const) {
      await desk.getByRole("button", { name: button, exact: true }).click();
      await desk.locator(`tv-desk-${name}`).getByRole("heading", { name: new RegExp(`^${button}`) }).first().waitFor();
      await desk.locator(`tv-desk-${name}`).locator("table, form").first().waitFor();
      await expectDeskAccessible(page, button);
      await screenshot(page, `desk-9-${name}`);
    }
    // A new concern with documents in German and English.
    await desk.getByRole("button", { name: "Anliegen", exact: true }).click();
    const concerns = desk.locator("tv-desk-concerns");
    await concerns.getByLabel("Kurzname in Adressen (a–z, 0–9, -)").fill("fischereischein");
    await concerns.getByLabel("Name (Deutsch)").fill("Fischereischein");
    await concerns.getByLabel("Name (Englisch)").fill("Fishing licence");
    await concerns.getByLabel("Bereich (Deutsch)").fill("Ordnungsamt");
    await concerns.getByLabel("Unterlagen (Deutsch, eine je Zeile)").fill("Personalausweis\nPrüfungszeugnis");
    await concerns.getByLabel("Unterlagen (Englisch, gleiche Zeile)").fill("ID card\nExam certificate");
    await concerns.getByRole("button", { name: "Anliegen speichern" }).click();
    await concerns.locator("tr", { hasText: "Fischereischein" }).waitFor();
    const { tenant: after } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { services { slug documents(locale: en) } } }`);
    expect(after.services.find((s: { slug: string }) => s.slug === "fischereischein").documents).toEqual(["ID card", "Exam certificate"]);

    // Invite a colleague: the mail's link sets the password, then the colleague signs in.
    await desk.getByRole("button", { name: "Mitarbeitende", exact: true }).click();
    const staff = desk.locator("tv-desk-staff-users");
    await staff.getByLabel("Name").fill("Nina Neu");
    await staff.getByLabel("E-Mail", { exact: true }).fill("nina.neu@example.org");
    await staff.getByRole("button", { name: "Einladen" }).click();
    await staff.locator("tr", { hasText: "nina.neu@example.org" }).waitFor();
    const invitation = await env.stack.mailbox.waitFor("nina.neu@example.org", 60_000);
    const link = /https?:\/\/\S+\/desk\/\S+\/set-password#token=[\w-]+/.exec(invitation.text ?? "")?.[0];
    expect(link, invitation.text).toBeDefined();
    const colleague = await env.stack.newPage();
    await colleague.goto(link!);
    const colleagueDesk = colleague.locator("terminvergabe-desk");
    await colleagueDesk.getByRole("heading", { name: "Passwort festlegen" }).waitFor();
    await expectDeskAccessible(colleague, "set password");
    await screenshot(colleague, "desk-9-set-password");
    await colleagueDesk.getByLabel("Neues Passwort").fill("ein-langes-passwort");
    await colleagueDesk.getByLabel("Passwort wiederholen").fill("ein-langes-passwort");
    await colleagueDesk.getByRole("button", { name: "Passwort speichern" }).click();
    await colleagueDesk.getByText("Ihr Passwort ist gespeichert. Bitte melden Sie sich jetzt an.").waitFor();
    expect(new URL(colleague.url()).pathname).toBe(`/desk/${TENANT}`);
    await colleagueDesk.getByLabel("E-Mail-Adresse").fill("nina.neu@example.org");
    await colleagueDesk.getByLabel("Passwort").fill("ein-langes-passwort");
    await colleagueDesk.getByRole("button", { name: "Anmelden" }).click();
    await colleagueDesk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();
    await colleague.context().close();

    await desk.getByRole("button", { name: "Statistik" }).click();
    await desk.locator("tv-desk-statistics").getByRole("button", { name: "Anzeigen" }).click();
    await desk.getByRole("heading", { name: "Buchungen nach Anliegen" }).waitFor();
    await expectDeskAccessible(page, "statistics");
    await screenshot(page, "desk-9-statistics");
    expect(errors).toEqual([]);
  }, 420_000); // 200 bookings, a mass cancellation and 400 mails on a shared CI machine
});
