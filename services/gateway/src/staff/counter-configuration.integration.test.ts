import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const WIDGET = { origin: "http://localhost:4001" };

const LOGIN = `mutation ($tenant: String!, $email: String!, $password: String!) { staffLogin(tenant: $tenant, email: $email, password: $password, deliverAs: TOKEN) { __typename ... on StaffSession { token } ... on Error { code } } }`;
const RESULT = `__typename ... on InputError { code field message } ... on Error { code message }`;
const UPDATE_COUNTER = `mutation ($t: String!, $id: ID!, $input: UpdateCounterInput!) { updateCounter(tenant: $t, id: $id, input: $input) { ${RESULT} ... on CounterHasBookings { bookings } ... on Counter { id name active serviceIds } } }`;
const CREATE_COUNTER = `mutation ($t: String!, $input: CreateCounterInput!) { createCounter(tenant: $t, input: $input) { ${RESULT} ... on Counter { id name active serviceIds } } }`;
const UPDATE_OFFICE = `mutation ($t: String!, $id: ID!, $input: UpdateOfficeInput!) { updateOffice(tenant: $t, id: $id, input: $input) { ${RESULT} ... on ConfiguredOffice { id name { de en } street postalCode city timeZone phoneHours { de en } } } }`;
const AUDIT = `query ($t: String!, $type: String!, $id: String) { auditLog(tenant: $t, entityType: $type, entityId: $id, first: 50) { ... on AuditLog { entries { action actor data } } } }`;

type Answer = Record<string, unknown> & { __typename: string };

describe.each(testTargets())("offices and counters edited by admins (issue 13, $name)", (target) => {
  let h: Harness;
  let a: TinyOffice;
  let b: TinyOffice;
  let counterA: string;
  let counterB: string;
  const headers: Record<string, Record<string, string>> = {};
  const gql = async <T = Record<string, Answer>>(query: string, variables: Record<string, unknown>, as: Record<string, string>) => (await h.gql<T>(query, variables, as)).body;
  const counterRow = (id: string) => h.database.db.prisma.counter.findUniqueOrThrow({ where: { id }, include: { services: { select: { serviceId: true } } } });
  const auditRows = (entityId: string) => h.database.db.prisma.auditLog.count({ where: { entityId } });

  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    a = await createTinyOffice(h.database.db, { slug: `cnt-a-${target.name}`, date: DAY, until: "11:00", counters: 1 });
    b = await createTinyOffice(h.database.db, { slug: `cnt-b-${target.name}`, date: DAY, until: "11:00", counters: 1 });
    const p = h.database.db.prisma;
    counterA = (await p.counter.findFirstOrThrow({ where: { tenantId: a.tenantId } })).id;
    counterB = (await p.counter.findFirstOrThrow({ where: { tenantId: b.tenantId } })).id;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users: [string, TinyOffice, "ADMIN" | "CLERK"][] = [
      ["adminA", a, "ADMIN"],
      ["clerkA", a, "CLERK"],
      ["adminB", b, "ADMIN"],
    ];
    for (const [name, office, role] of users) {
      const email = `${name.toLowerCase()}@counters.example`;
      await p.staffUser.create({ data: { tenantId: office.tenantId, email, name, role, passwordHash } });
      const login = await gql<{ staffLogin: { token: string } }>(LOGIN, { tenant: office.tenantSlug, email, password: DEMO_PASSWORD }, {});
      headers[name] = { authorization: `Bearer ${login.data!.staffLogin.token}` };
    }
  });
  afterAll(async () => h?.close());

  it("renames a counter and changes its concerns in one audited change with before and after", async () => {
    const changed = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: " Schalter Nord ", services: [a.serviceId] } }, headers.adminA!);
    expect(changed.data!.updateCounter).toEqual({ __typename: "Counter", id: counterA, name: "Schalter Nord", active: true, serviceIds: [a.serviceId] });
    const row = await counterRow(counterA);
    expect(row.name).toBe("Schalter Nord");
    expect(row.services.map((s) => s.serviceId)).toEqual([a.serviceId]);

    const audit = await gql<{ auditLog: { entries: { action: string; actor: string; data: string }[] } }>(AUDIT, { t: a.tenantSlug, type: "Counter", id: counterA }, headers.adminA!);
    const [entry] = audit.data!.auditLog.entries;
    expect(entry!.action).toBe("counter.updated");
    expect(entry!.actor).toMatch(/^staff:/);
    const data = JSON.parse(entry!.data) as { before: { name: string; serviceIds: string[] }; after: { name: string; serviceIds: string[] } };
    expect(data.before).toMatchObject({ name: "Schalter 1", serviceIds: [a.serviceId, a.secondServiceId].sort() });
    expect(data.after).toMatchObject({ name: "Schalter Nord", serviceIds: [a.serviceId] });
  });

  it("refuses a clerk, answers another agency's admin as for a missing counter, and changes nothing", async () => {
    const before = await counterRow(counterA);
    const audits = await auditRows(counterA);

    const clerk = await h.gql(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "Von der Sachbearbeitung" } }, headers.clerkA!);
    expect(clerk.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    const foreignTenant = await h.gql(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "Fremd" } }, headers.adminB!);
    expect(foreignTenant.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");

    // Through its own agency, B's admin names A's counter: the same answer as an id that does not exist.
    const foreignCounter = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: b.tenantSlug, id: counterA, input: { name: "Fremd" } }, headers.adminB!);
    const missing = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: b.tenantSlug, id: crypto.randomUUID(), input: { name: "Fremd" } }, headers.adminB!);
    expect(foreignCounter.data!.updateCounter).toEqual(missing.data!.updateCounter);
    expect(foreignCounter.data!.updateCounter).toMatchObject({ __typename: "NotFound", code: "NOT_FOUND" });
    const foreignOffice = await gql<{ updateOffice: Answer }>(UPDATE_OFFICE, { t: b.tenantSlug, id: a.officeId, input: { street: "Fremdweg 1" } }, headers.adminB!);
    expect(foreignOffice.data!.updateOffice).toEqual(missing.data!.updateCounter);
    // B's own concern given to A's counter is an unknown concern to A.
    const foreignService = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "Mit fremdem Anliegen", services: [b.serviceId] } }, headers.adminA!);
    expect(foreignService.data!.updateCounter).toMatchObject({ __typename: "InputError", code: "UNKNOWN_SERVICE", field: "services" });

    expect(await counterRow(counterA)).toEqual(before);
    expect(await auditRows(counterA)).toBe(audits);
    expect((await h.database.db.prisma.office.findUniqueOrThrow({ where: { id: a.officeId } })).street).toBe("Testweg 1");
    expect((await counterRow(counterB)).name).toBe("Schalter 1");
  });

  it("bad input is a translated InputError naming the field and leaves no partial change", async () => {
    const before = await counterRow(counterA);
    const audits = await auditRows(counterA);
    const empty = await h.gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "  ", services: [a.secondServiceId] } }, { ...headers.adminA!, "accept-language": "en" });
    expect(empty.body.data!.updateCounter).toMatchObject({ __typename: "InputError", code: "FIELD_REQUIRED", field: "name" });
    expect(empty.body.data!.updateCounter.message).toMatch(/\S/);
    const long = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "x".repeat(101), active: false } }, headers.adminA!);
    expect(long.data!.updateCounter).toMatchObject({ __typename: "InputError", code: "FIELD_TOO_LONG", field: "name" });
    expect(await counterRow(counterA)).toEqual(before);
    expect(await auditRows(counterA)).toBe(audits);

    const office = await gql<{ updateOffice: Answer }>(UPDATE_OFFICE, { t: a.tenantSlug, id: a.officeId, input: { name: { de: "Neues Amt" }, street: "" } }, headers.adminA!);
    expect(office.data!.updateOffice).toMatchObject({ __typename: "InputError", code: "FIELD_REQUIRED", field: "street" });
    const stored = await h.database.db.prisma.office.findUniqueOrThrow({ where: { id: a.officeId } });
    expect(stored.name).toEqual({ de: "Amt", en: "Office" });
  });

  it("refuses to deactivate a counter with live bookings ahead, saying how many (German and English); without them it deactivates", async () => {
    for (const [start, name] of [
      ["09:00", "Erika Muster"],
      ["09:30", "Max Muster"],
    ] as const) {
      const hold = await h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, { input: { tenant: a.tenantSlug, office: "amt", items: [{ serviceId: a.serviceId, quantity: 1 }], start: `${DAY}T${start}:00+01:00` } }, WIDGET);
      const confirmed = await h.gql<{ confirmBooking: { __typename: string } }>(
        CONFIRM,
        { input: { holdId: hold.body.data!.holdSlot.id, token: hold.body.data!.holdSlot.token, consent: true, contact: { name, email: `${name.split(" ")[0]!.toLowerCase()}@example.org` } } },
        WIDGET,
      );
      expect(confirmed.body.data!.confirmBooking.__typename, JSON.stringify(confirmed.body)).toBe("BookingConfirmation");
    }
    const audits = await auditRows(counterA);
    const de = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { name: "Geschlossen", active: false } }, headers.adminA!);
    expect(de.data!.updateCounter).toMatchObject({ __typename: "CounterHasBookings", code: "COUNTER_HAS_FUTURE_BOOKINGS", bookings: 2 });
    expect(de.data!.updateCounter.message).toMatch(/^Dieser Schalter hat noch 2 gebuchte Termine in der Zukunft\./);
    const en = await h.gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { active: false } }, { ...headers.adminA!, "accept-language": "en" });
    expect(en.body.data!.updateCounter.message).toMatch(/^This counter still has 2 booked appointments ahead\./);
    expect(await counterRow(counterA)).toMatchObject({ name: "Schalter Nord", active: true });
    expect(await auditRows(counterA)).toBe(audits);

    // One of them cancelled: the refusal counts the one left (singular).
    const p = h.database.db.prisma;
    const booked = await p.booking.findMany({ where: { counterId: counterA, status: "CONFIRMED" }, orderBy: { startsAt: "asc" } });
    await p.booking.update({ where: { id: booked[0]!.id }, data: { status: "CANCELLED", cancelledAt: now } });
    const one = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id: counterA, input: { active: false } }, headers.adminA!);
    expect(one.data!.updateCounter).toMatchObject({ __typename: "CounterHasBookings", bookings: 1 });
    expect(one.data!.updateCounter.message).toMatch(/^Dieser Schalter hat noch 1 gebuchten Termin in der Zukunft\./);

    // A new counter of the same office has no bookings: it may be deactivated, and is audited.
    const created = await gql<{ createCounter: Answer }>(CREATE_COUNTER, { t: a.tenantSlug, input: { office: "amt", name: "Schalter Süd", services: [a.secondServiceId] } }, headers.adminA!);
    const id = String(created.data!.createCounter.id);
    const off = await gql<{ updateCounter: Answer }>(UPDATE_COUNTER, { t: a.tenantSlug, id, input: { active: false } }, headers.adminA!);
    expect(off.data!.updateCounter).toMatchObject({ __typename: "Counter", active: false });
    const audit = await p.auditLog.findFirstOrThrow({ where: { entityId: id, action: "counter.updated" } });
    expect(audit.data).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("changes an office's names, address and phone hours, audited with before and after", async () => {
    const changed = await gql<{ updateOffice: Answer }>(
      UPDATE_OFFICE,
      { t: a.tenantSlug, id: a.officeId, input: { name: { de: "Bürgeramt Mitte", en: "Citizens' Office Centre" }, street: "Marktplatz 3", phoneHours: { de: "Di und Do 9–12 Uhr", en: "Tue and Thu 9–12" } } },
      headers.adminA!,
    );
    expect(changed.data!.updateOffice).toMatchObject({
      __typename: "ConfiguredOffice",
      name: { de: "Bürgeramt Mitte", en: "Citizens' Office Centre" },
      street: "Marktplatz 3",
      postalCode: "12345",
      timeZone: "Europe/Berlin",
      phoneHours: { de: "Di und Do 9–12 Uhr", en: "Tue and Thu 9–12" },
    });
    const audit = await h.database.db.prisma.auditLog.findFirstOrThrow({ where: { entityId: a.officeId, action: "office.updated" }, orderBy: { at: "desc" } });
    expect(audit.data).toMatchObject({ before: { name: { de: "Amt" }, address: { street: "Testweg 1" } }, after: { name: { de: "Bürgeramt Mitte" }, address: { street: "Marktplatz 3" } } });
  });
});
