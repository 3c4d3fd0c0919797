/**
 * Issue 13's acceptance "an admin adds every 2nd and 4th Saturday 08:00–12:00 in the hours
 * editor; the citizen widget on the demo page shows those Saturdays bookable without reload",
 * in Chromium against the real gateway on PostgreSQL: the citizen's calendar stays open on
 * the demo host's page while the admin saves the rule in the desk; the configuration change
 * must reach the open calendar through the availabilityChanged subscription (no reload, no
 * paging). A rule the editor cannot express is shown read-only and survives the save.
 */
import { describe, expect, it } from "vitest";
import { expectDeskAccessible, staffGql } from "./support/desk.ts";
import { usePostgresStack } from "./support/postgres-stack.ts";
import { screenshot } from "./support/stack.ts";

const TENANT = "demo-buergerbuero";
const ADMIN = "buergerbuero.admin@example.org";
/** Last weekday of every month, walk-in: BYSETPOS is nothing the editor models (and opens no Saturday). */
const FOREIGN_RULE = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";

// The citizen's calendar is the demo agency's page (port 4001).
const env = usePostgresStack({ demoHost: true });

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const berlinToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const weekOfMonth = (date: string) => Math.ceil(Number(date.slice(8)) / 7);

/**
 * The month to watch: that of the first 2nd or 4th Saturday at least two days ahead (well
 * inside the 56-day horizon), skipping the Christmas holidays a 4th Saturday can fall on.
 */
function watchedMonth(): { target: string; saturdays: string[] } {
  let day = Date.parse(`${berlinToday()}T00:00:00Z`) + 2 * DAY_MS;
  for (; ; day += DAY_MS) {
    const date = isoDay(day);
    if (new Date(day).getUTCDay() === 6 && [2, 4].includes(weekOfMonth(date)) && !/-12-2[56]$/.test(date)) break;
  }
  const target = isoDay(day);
  const saturdays: string[] = [];
  for (let d = Date.parse(`${target.slice(0, 8)}01T00:00:00Z`); isoDay(d).slice(0, 7) === target.slice(0, 7); d += DAY_MS) {
    if (new Date(d).getUTCDay() === 6) saturdays.push(isoDay(d));
  }
  return { target, saturdays };
}

interface Rule {
  id: string;
  officeId: string;
  kind: string;
  rrule: string | null;
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string | null;
}

async function openingRules(token: string): Promise<Rule[]> {
  const { tenantConfiguration } = await staffGql(
    env.stack.gatewayUrl,
    token,
    `query($t: String!) { tenantConfiguration(tenant: $t) { openingRules { id officeId kind rrule startTime endTime validFrom validUntil } } }`,
    { t: TENANT },
  );
  return tenantConfiguration.openingRules;
}

describe("hours editor → the citizen's open calendar", () => {
  it("an admin adds every 2nd and 4th Saturday 08:00–12:00; the widget on the demo page shows those Saturdays bookable without reload, the others stay closed, and a rule the editor cannot express survives", async () => {
    const { target, saturdays } = watchedMonth();
    const { staffLogin } = await env.stack.gql(
      `mutation { staffLogin(tenant: "${TENANT}", email: "${ADMIN}", password: "demo-passwort", deliverAs: TOKEN) { __typename ... on StaffSession { token } } }`,
    );
    const token = staffLogin.token as string;
    const { tenant } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { offices { id slug } services { id slug } } }`);
    const office = tenant.offices.find((o: { slug: string }) => o.slug === "rathaus").id as string;
    const serviceId = tenant.services.find((s: { slug: string }) => s.slug === "bescheinigungen").id as string;

    // A rule written by another tool that the editor does not model.
    const { createOpeningRule: foreign } = await staffGql(
      env.stack.gatewayUrl,
      token,
      `mutation($t: String!, $o: String!, $input: CreateOpeningRuleInput!) { createOpeningRule(tenant: $t, office: $o, input: $input) { __typename ... on OpeningRule { id } ... on Error { message } } }`,
      { t: TENANT, o: office, input: { kind: "WALK_IN", rrule: FOREIGN_RULE, startTime: "13:00", endTime: "15:00", validFrom: berlinToday() } },
    );
    expect(foreign.__typename, JSON.stringify(foreign)).toBe("OpeningRule");
    const before = (await openingRules(token)).find((r) => r.id === foreign.id)!;

    // The citizen: the demo agency's page, step 2, the month of the target Saturday — open all along.
    const citizen = await env.stack.newPage();
    const citizenErrors: string[] = [];
    citizen.on("pageerror", (e) => citizenErrors.push(e.message));
    await citizen.goto(`${env.stack.demoUrl}/${TENANT}`);
    const widget = citizen.locator("terminvergabe-booking");
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Bescheinigungen").check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.locator("td[data-date]").first().waitFor();
    if (target.slice(0, 7) !== berlinToday().slice(0, 7)) await widget.getByRole("button", { name: "Nächster Monat" }).click();
    // A weekday of the month with free times shows the calendar has its data.
    await widget.locator(`td.AVAILABLE[data-date^="${target.slice(0, 7)}"]`).first().waitFor();
    const day = (date: string) => widget.locator(`td[data-date="${date}"]`);
    const isBookable = async (date: string) => {
      const cell = day(date);
      return (await cell.getAttribute("class"))!.split(/\s+/).includes("AVAILABLE") && (await cell.getAttribute("aria-disabled")) === null;
    };
    for (const saturday of saturdays) expect(await isBookable(saturday), `${saturday} before the rule`).toBe(false);
    expect(await day(target).getAttribute("aria-disabled")).toBe("true");

    // The admin: the desk, the office's hours editor.
    const page = await env.stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByLabel("E-Mail-Adresse").fill(ADMIN);
    await desk.getByLabel("Passwort").fill("demo-passwort");
    await desk.getByLabel("Passwort").press("Enter");
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();
    await desk.locator("label.office select").selectOption({ label: "Bürgerbüro Rathaus" });
    await desk.getByRole("button", { name: "Öffnungszeiten" }).click();
    const hours = desk.locator("tv-desk-hours-editor");
    await hours.getByRole("heading", { name: "Öffnungszeiten – Bürgerbüro Rathaus" }).waitFor();

    // The foreign rule: a read-only row with the raw rule and a German description.
    const readOnly = hours.locator("ul.rules li.read-only", { hasText: FOREIGN_RULE });
    await readOnly.waitFor();
    expect(await readOnly.textContent()).toContain("Diese Regel kann im Editor nicht bearbeitet werden");
    expect(await readOnly.textContent()).toContain("monatlich am letzten der Tage Mo, Di, Mi, Do, Fr");
    expect(await readOnly.getByRole("button").count()).toBe(0);

    // Every 2nd and 4th Saturday 08:00–12:00, by clicks and keys.
    await hours.getByLabel("Termine", { exact: true }).check();
    await hours.getByLabel("Sa", { exact: true }).check();
    await hours.getByLabel("bestimmte Wochen im Monat").check();
    await hours.getByLabel("2.", { exact: true }).check();
    await hours.getByLabel("4.", { exact: true }).press("Space");
    await hours.getByLabel("Von").fill("08:00");
    await hours.getByLabel("Bis", { exact: true }).fill("12:00");
    await expect.poll(() => hours.locator("#rrule").textContent()).toBe("FREQ=MONTHLY;BYDAY=2SA,4SA");
    await expectDeskAccessible(page, "hours editor (rule drafted, one read-only rule)");
    await hours.getByRole("button", { name: "Regel hinzufügen" }).click();
    await hours.locator("ul.rules li", { hasText: "FREQ=MONTHLY;BYDAY=2SA,4SA" }).waitFor();
    expect(await hours.locator("[role=status]").textContent()).toContain("Regel gespeichert");
    await expectDeskAccessible(page, "hours editor (rule saved)");
    await screenshot(page, "desk-12-hours-editor-read-only-rule");

    // The open calendar turns the target Saturday bookable by itself: no reload, no paging.
    await widget.locator(`td.AVAILABLE[data-date="${target}"]`).waitFor({ timeout: 20_000 });
    expect(await isBookable(target)).toBe(true);
    expect(await day(target).locator(".vh").textContent()).toMatch(/freie[rs]? Termin/);
    // Only 2nd and 4th Saturdays, exactly those the agency's public calendar has bookable.
    const { availability } = await env.stack.gql(
      `query($office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) { availability(tenant: "${TENANT}", office: $office, items: $items, from: $from, to: $to) { ... on AvailabilityCalendar { days { date status } } } }`,
      { office, items: [{ serviceId, quantity: 1 }], from: saturdays[0], to: saturdays.at(-1) },
    );
    const status = new Map<string, string>(availability.days.map((d: { date: string; status: string }) => [d.date, d.status]));
    for (const saturday of saturdays) {
      const second = [2, 4].includes(weekOfMonth(saturday));
      expect(await isBookable(saturday), saturday).toBe(status.get(saturday) === "AVAILABLE");
      if (!second) expect(await isBookable(saturday), `${saturday} is not a 2nd or 4th Saturday`).toBe(false);
    }
    expect(status.get(target)).toBe("AVAILABLE");
    await screenshot(citizen, "desk-13-citizen-saturday-live");

    // The save left the foreign rule exactly as it was, and the editor still shows it.
    const after = await openingRules(token);
    expect(after.find((r) => r.id === foreign.id)).toEqual(before);
    expect(after.filter((r) => r.officeId === office && r.rrule === "FREQ=MONTHLY;BYDAY=2SA,4SA")).toHaveLength(1);
    await page.reload();
    await desk.locator("label.office select").selectOption({ label: "Bürgerbüro Rathaus" });
    await desk.getByRole("button", { name: "Öffnungszeiten" }).click();
    await hours.locator("ul.rules li.read-only", { hasText: FOREIGN_RULE }).waitFor();
    await hours.locator("ul.rules li:not(.read-only)", { hasText: "FREQ=MONTHLY;BYDAY=2SA,4SA" }).waitFor();
    expect(errors).toEqual([]);
    expect(citizenErrors).toEqual([]);
  }, 180_000);
});
