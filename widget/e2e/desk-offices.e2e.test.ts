/**
 * The desk's offices and counters view (issue 13) in Chromium against the real gateway on
 * PostgreSQL: an admin renames a counter and changes the concerns it serves; deactivating a
 * counter with a booking ahead is refused with the number of bookings and leads to the
 * mass cancellation of that counter. axe finds no WCAG 2.x A/AA (2.2 AA) violation.
 */
import { describe, expect, it } from "vitest";
import { expectDeskAccessible } from "./support/desk.ts";
import { usePostgresStack } from "./support/postgres-stack.ts";
import { screenshot } from "./support/stack.ts";

const TENANT = "demo-buergerservice";
const ADMIN = "buergerservice.admin@example.org";

const env = usePostgresStack();

/** A phone booking by the admin's API client (bearer token): the booking ahead on a counter. */
async function bookByPhone(token: string, input: Record<string, unknown>): Promise<{ __typename: string; id?: string }> {
  const response = await fetch(`${env.stack.gatewayUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($input: StaffBookAppointmentInput!) { staffBookAppointment(input: $input) { __typename ... on StaffBooking { id } ... on Error { code message } } }`,
      variables: { input },
    }),
  });
  const body = (await response.json()) as { data?: { staffBookAppointment: { __typename: string; id?: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data.staffBookAppointment;
}

async function adminToken(): Promise<string> {
  const { staffLogin } = await env.stack.gql(
    `mutation($email: String!) { staffLogin(tenant: "${TENANT}", email: $email, password: "demo-passwort", deliverAs: TOKEN) { __typename ... on StaffSession { token } } }`,
    { email: ADMIN },
  );
  return staffLogin.token;
}

describe("staff desk: offices and counters", () => {
  it("an admin renames a counter and changes its concerns; a counter with a booking ahead is not deactivated and the mass cancellation opens for it; axe finds nothing", async () => {
    const token = await adminToken();
    const { tenant } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { offices { id slug } services { id slug name } } }`);
    const office = tenant.offices.find((o: { slug: string }) => o.slug === "stadthaus").id as string;
    const certification = tenant.services.find((s: { slug: string }) => s.slug === "beglaubigung").id as string;
    // A phone booking ahead: its counter is the one the admin edits.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const booked = await bookByPhone(token, {
      tenant: TENANT,
      office,
      items: [{ serviceId: certification, quantity: 1 }],
      start: `${tomorrow}T07:00:00Z`,
      orNearest: true,
      contact: { name: "Rita Rufer", phone: "030 1234567" },
    });
    expect(booked.__typename, JSON.stringify(booked)).toBe("StaffBooking");
    const [counter] = await env.sql<{ id: string; name: string }>(`SELECT c.id::text AS id, c.name FROM "Booking" b JOIN "Counter" c ON c.id = b."counterId" WHERE b.id = $1::uuid`, [booked.id]);
    const served = await env.sql<{ serviceId: string }>(`SELECT "serviceId"::text AS "serviceId" FROM "CounterService" WHERE "counterId" = $1::uuid`, [counter!.id]);
    const servedIds = served.map((s) => s.serviceId);
    const name = (id: string) => tenant.services.find((s: { id: string }) => s.id === id).name as string;
    // One concern it serves (not the booked one) is dropped, one it does not serve is added.
    const dropped = servedIds.find((id) => id !== certification)!;
    const added = tenant.services.find((s: { id: string }) => !servedIds.includes(s.id)).id as string;
    expect(dropped).toBeTruthy();

    const page = await env.stack.newPage();
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByLabel("E-Mail-Adresse").fill(ADMIN);
    await desk.getByLabel("Passwort").fill("demo-passwort");
    await desk.getByRole("button", { name: "Anmelden" }).click();
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();
    await desk.locator("header select").selectOption(office);

    await desk.getByRole("button", { name: "Standorte und Schalter", exact: true }).click();
    const view = desk.locator("tv-desk-offices");
    await view.getByRole("heading", { name: /^Standorte und Schalter – / }).waitFor();
    await view.getByLabel("Straße und Hausnummer").waitFor();
    await view.getByRole("button", { name: `Schalter ${counter!.name} bearbeiten` }).waitFor();
    await expectDeskAccessible(page, "offices and counters");
    await screenshot(page, "desk-10-offices");

    // Rename and change its concerns.
    await view.getByRole("button", { name: `Schalter ${counter!.name} bearbeiten` }).click();
    const formHeading = view.getByRole("heading", { name: /^Schalter bearbeiten: / });
    await expect.poll(() => view.getByLabel("Name des Schalters").evaluate((e) => (e as HTMLInputElement).value)).toBe(counter!.name);
    await expect.poll(() => view.getByRole("checkbox", { name: name(dropped), exact: true }).isChecked()).toBe(true);
    await expectDeskAccessible(page, "counter form");
    await screenshot(page, "desk-11-counter-form");
    await view.getByLabel("Name des Schalters").fill("Schalter Nord");
    await view.getByRole("checkbox", { name: name(dropped), exact: true }).uncheck();
    await view.getByRole("checkbox", { name: name(added), exact: true }).check();
    await view.getByRole("button", { name: "Schalter speichern" }).click();
    await view.getByRole("button", { name: "Schalter Schalter Nord bearbeiten" }).waitFor();
    expect(await formHeading.count()).toBe(0);
    const row = view.locator("tbody tr", { hasText: "Schalter Nord" });
    expect(await row.textContent()).toContain(name(added));
    expect(await row.textContent()).not.toContain(name(dropped));
    const [stored] = await env.sql<{ name: string; services: string[] }>(
      `SELECT c.name, array_agg(s."serviceId"::text ORDER BY s."serviceId") AS services FROM "Counter" c JOIN "CounterService" s ON s."counterId" = c.id WHERE c.id = $1::uuid GROUP BY c.name`,
      [counter!.id],
    );
    expect(stored!.name).toBe("Schalter Nord");
    expect(stored!.services).toEqual([...servedIds.filter((id) => id !== dropped), added].sort());
    const [audit] = await env.sql<{ data: { before: { name: string }; after: { name: string } } }>(
      `SELECT data FROM "AuditLog" WHERE "entityId" = $1 AND action = 'counter.updated' ORDER BY at DESC LIMIT 1`,
      [counter!.id],
    );
    expect(audit!.data.before.name).toBe(counter!.name);
    expect(audit!.data.after.name).toBe("Schalter Nord");
    await expectDeskAccessible(page, "counter saved");

    // The closures view (always open in the background) now offers the renamed counter.
    await desk.getByRole("button", { name: "Schließtage", exact: true }).click();
    const closures = desk.locator("tv-desk-closures");
    await expect.poll(() => closures.locator('select[name="counter"] option').allTextContents()).toContain("Schalter Nord");
    await expectDeskAccessible(page, "closures with a counter choice");
    await desk.getByRole("button", { name: "Standorte und Schalter", exact: true }).click();

    // Deactivating it is refused: one booking ahead; the alert offers the mass cancellation.
    await view.getByRole("button", { name: "Schalter Schalter Nord bearbeiten" }).click();
    await view.getByLabel("Aktiv (bietet Termine an)").uncheck();
    await view.getByRole("button", { name: "Schalter speichern" }).click();
    const alert = view.getByRole("alert");
    await alert.getByText(/^Dieser Schalter hat noch \d+ gebuchten? Termine? in der Zukunft\./).waitFor();
    const [ahead] = await env.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Booking" WHERE "counterId" = $1::uuid AND status IN ('CONFIRMED', 'PENDING_VERIFICATION') AND "startsAt" > now()`,
      [counter!.id],
    );
    expect(ahead!.n).toBeGreaterThanOrEqual(1);
    expect(await alert.textContent()).toContain(`noch ${ahead!.n} gebuchte`);
    expect((await env.sql<{ active: boolean }>(`SELECT active FROM "Counter" WHERE id = $1::uuid`, [counter!.id]))[0]!.active).toBe(true);
    await expectDeskAccessible(page, "counter with bookings ahead");
    await screenshot(page, "desk-12-counter-refused");
    await alert.getByRole("button", { name: "Massenabsage für diesen Schalter öffnen" }).click();
    const mass = desk.locator("tv-desk-mass-cancellation");
    await expect.poll(() => mass.locator('select[name="counter"]').inputValue()).toBe(counter!.id);
    await mass.getByLabel("Bis (einschließlich)").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
    await mass.getByLabel("Grund (Deutsch)").fill("Der Schalter wird umgebaut.");
    await mass.getByRole("button", { name: "Vorschau" }).click();
    // Singular or plural, as the desk's counted texts have it.
    await mass.getByRole("heading", { name: new RegExp(`^${ahead!.n} Termine? würden? abgesagt$`) }).waitFor();
    await expectDeskAccessible(page, "mass cancellation of one counter");
  });
});
