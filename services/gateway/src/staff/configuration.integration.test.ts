import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

const now = new Date("2030-03-01T08:00:00Z");
/** The tiny office opens on this Monday only; the Tuesday after is closed until a rule opens it. */
const DAY = "2030-03-04";
const TUESDAY = "2030-03-05";
const WIDGET = { origin: "http://localhost:4001" };

const LOGIN = `mutation ($tenant: String!, $email: String!, $password: String!) { staffLogin(tenant: $tenant, email: $email, password: $password, deliverAs: TOKEN) { __typename ... on StaffSession { token } ... on Error { code } } }`;
const AVAILABILITY = `query ($t: String!, $o: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
  availability(tenant: $t, office: $o, items: $items, from: $from, to: $to) { __typename ... on AvailabilityCalendar { days { date status freeSlots } } ... on Error { code } }
}`;
const RESULT = `__typename ... on InputError { code field message } ... on Error { code message }`;
const RULE = `mutation ($t: String!, $o: String!, $input: CreateOpeningRuleInput!) { createOpeningRule(tenant: $t, office: $o, input: $input) { ${RESULT} ... on OpeningRule { id counterId rrule } } }`;
const UPDATE_RULE = `mutation ($t: String!, $id: ID!, $input: UpdateOpeningRuleInput!) { updateOpeningRule(tenant: $t, id: $id, input: $input) { ${RESULT} ... on OpeningRule { id endTime } } }`;
const DELETE_RULE = `mutation ($t: String!, $id: ID!) { deleteOpeningRule(tenant: $t, id: $id) { __typename ... on Error { code } ... on OpeningRule { id } } }`;
const POLICY = `mutation ($t: String!, $input: TenantPolicyInput!) { updateTenantPolicy(tenant: $t, input: $input) { ${RESULT} ... on TenantSettings { policy { minNoticeMinutes cancellationCutoffMinutes phoneRequired } } } }`;
const PUBLIC_TENANT = `query ($t: String!) { tenant(slug: $t) { phoneRequired imprintUrl privacyUrl theme { name value } services(onlineOnly: true) { slug } offices { slug phoneHours } } }`;
const CONCERN = `mutation ($t: String!, $input: CreateConcernInput!) { createConcern(tenant: $t, input: $input) { ${RESULT} ... on Concern { id slug onlineBookable name { de en } } } }`;
const UPDATE_CONCERN = `mutation ($t: String!, $id: ID!, $input: UpdateConcernInput!) { updateConcern(tenant: $t, id: $id, input: $input) { ${RESULT} ... on Concern { id onlineBookable } } }`;
const DELETE_CONCERN = `mutation ($t: String!, $id: ID!) { deleteConcern(tenant: $t, id: $id) { ${RESULT} ... on Concern { id } } }`;
const AUDIT = `query ($t: String!, $type: String!, $id: String) { auditLog(tenant: $t, entityType: $type, entityId: $id, first: 50) { ... on AuditLog { entries { action actor data } } } }`;

describe.each(testTargets())("the agency's configuration through the staff API ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let admin: Record<string, string>;
  let clerk: Record<string, string>;
  const gql = <T = Record<string, Record<string, unknown>>>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = admin) =>
    h.gql<T>(query, variables, headers).then((r) => r.body);
  const items = () => [{ serviceId: o.serviceId, quantity: 1 }];
  const calendar = async (from: string, to = from, office = "amt", headers: Record<string, string> = WIDGET) => {
    const body = await gql<{ availability: { __typename: string; code?: string; days?: { date: string; status: string; freeSlots: number }[] } }>(
      AVAILABILITY,
      { t: o.tenantSlug, o: office, items: items(), from, to },
      headers,
    );
    return body.data!.availability;
  };
  const publicTenant = async () =>
    (await gql<{ tenant: { phoneRequired: boolean; imprintUrl: string | null; theme: { name: string; value: string }[]; services: { slug: string }[]; offices: { slug: string; phoneHours: string | null }[] } }>(PUBLIC_TENANT, { t: o.tenantSlug }, WIDGET)).data!.tenant;

  beforeAll(async () => {
    // Agencies, offices and concerns cached for a minute: only the configuration change may make them new.
    h = await startHarness(target, {}, { clock: () => now, jobs: false, catalogTtlMs: 60_000 });
    o = await createTinyOffice(h.database.db, { slug: `conf-${target.name}`, date: DAY, until: "11:00", counters: 1 });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const p = h.database.db.prisma;
    await p.staffUser.create({ data: { tenantId: o.tenantId, email: "admin@conf.example", name: "Ada Admin", role: "ADMIN", passwordHash } });
    await p.staffUser.create({ data: { tenantId: o.tenantId, email: "clerk@conf.example", name: "Clara Clerk", role: "CLERK", passwordHash } });
    const token = async (email: string) => {
      const body = await gql<{ staffLogin: { token: string } }>(LOGIN, { tenant: o.tenantSlug, email, password: DEMO_PASSWORD }, {});
      return { authorization: `Bearer ${body.data!.staffLogin.token}` };
    };
    admin = await token("admin@conf.example");
    clerk = await token("clerk@conf.example");
  });
  afterAll(async () => h?.close());

  it("opening rules: an RRULE that does not parse is an InputError on rrule and saves nothing; a new, changed or deleted rule shows at once; each change audited with before/after", async () => {
    expect((await calendar(TUESDAY)).days![0]).toMatchObject({ status: "CLOSED", freeSlots: 0 });
    const rules = () => h.database.db.prisma.scheduleRule.count({ where: { tenantId: o.tenantId } });
    const before = await rules();

    const bad = await gql<{ createOpeningRule: Record<string, string> }>(RULE, {
      t: o.tenantSlug,
      o: "amt",
      input: { kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=XY", startTime: "09:00", endTime: "11:00", validFrom: DAY },
    });
    expect(bad.data!.createOpeningRule).toMatchObject({ __typename: "InputError", code: "INVALID_RRULE", field: "rrule" });
    expect(bad.data!.createOpeningRule.message).toMatch(/^Die Wiederholungsregel \(RRULE\) ist ungültig/);
    const badTime = await gql<{ createOpeningRule: Record<string, string> }>(RULE, {
      t: o.tenantSlug,
      o: "amt",
      input: { kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "11:00", endTime: "09:00", validFrom: DAY },
    });
    expect(badTime.data!.createOpeningRule).toMatchObject({ code: "INVALID_RANGE", field: "endTime" });
    expect(await rules()).toBe(before);

    const created = await gql<{ createOpeningRule: { __typename: string; id: string } }>(RULE, {
      t: o.tenantSlug,
      o: "amt",
      input: { kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "09:00", endTime: "10:00", validFrom: DAY, note: { de: "Dienstags" } },
    });
    expect(created.data!.createOpeningRule.__typename, JSON.stringify(created)).toBe("OpeningRule");
    const id = created.data!.createOpeningRule.id;
    expect((await calendar(TUESDAY)).days![0]).toMatchObject({ status: "AVAILABLE", freeSlots: 2 });

    const longer = await gql<{ updateOpeningRule: { endTime: string } }>(UPDATE_RULE, { t: o.tenantSlug, id, input: { endTime: "12:00" } });
    expect(longer.data!.updateOpeningRule.endTime).toBe("12:00");
    expect((await calendar(TUESDAY)).days![0]!.freeSlots).toBe(6);
    await gql(UPDATE_RULE, { t: o.tenantSlug, id, input: { validUntil: DAY } });
    expect((await calendar(TUESDAY)).days![0]!.status).toBe("CLOSED");
    await gql(UPDATE_RULE, { t: o.tenantSlug, id, input: { openEnded: true } });
    expect((await calendar(TUESDAY)).days![0]!.freeSlots).toBe(6);
    const invalid = await gql<{ updateOpeningRule: Record<string, string> }>(UPDATE_RULE, { t: o.tenantSlug, id, input: { rrule: "FREQ=HOURLY" } });
    expect(invalid.data!.updateOpeningRule).toMatchObject({ code: "INVALID_RRULE", field: "rrule" });

    const deleted = await gql<{ deleteOpeningRule: { __typename: string } }>(DELETE_RULE, { t: o.tenantSlug, id });
    expect(deleted.data?.deleteOpeningRule.__typename, JSON.stringify(deleted)).toBe("OpeningRule");
    expect((await calendar(TUESDAY)).days![0]!.status).toBe("CLOSED");
    expect((await gql<{ deleteOpeningRule: { __typename: string } }>(DELETE_RULE, { t: o.tenantSlug, id })).data!.deleteOpeningRule.__typename).toBe("NotFound");

    const audit = await gql<{ auditLog: { entries: { action: string; actor: string; data: { before: unknown; after: unknown } }[] } }>(AUDIT, { t: o.tenantSlug, type: "ScheduleRule", id });
    const entries = audit.data!.auditLog.entries.map((e) => ({ ...e, data: JSON.parse(e.data as unknown as string) as { before: unknown; after: unknown } }));
    expect(entries.map((e) => e.action)).toEqual(["openingRule.deleted", "openingRule.updated", "openingRule.updated", "openingRule.updated", "openingRule.created"]);
    expect(entries[3]!.data.before).toMatchObject({ endTime: "10:00", rrule: "FREQ=WEEKLY;BYDAY=TU" });
    expect(entries[3]!.data.after).toMatchObject({ endTime: "12:00", validUntil: null });
    expect(entries[2]!.data.after).toMatchObject({ validUntil: DAY });
    expect(entries[1]!.data.after).toMatchObject({ validUntil: null });
    expect(entries[0]!.data).toMatchObject({ after: null });
    expect(entries.every((e) => e.actor.startsWith("staff:"))).toBe(true);
  });

  it("tenant policy: an inconsistent change is refused naming the setting and changes nothing; a consistent one reaches citizens at once", async () => {
    expect((await publicTenant()).phoneRequired).toBe(false);
    const refused = await h.gql<{ updateTenantPolicy: Record<string, string> }>(POLICY, { t: o.tenantSlug, input: { cancellationCutoffMinutes: 60 } }, { ...admin, "accept-language": "en" });
    expect(refused.body.data!.updateTenantPolicy).toMatchObject({ __typename: "InputError", code: "POLICY_CUTOFF_EXCEEDS_LEAD_TIME", field: "policy.cancellationCutoffMinutes" });
    expect(refused.body.data!.updateTenantPolicy.message).toBe("The cut-off for cancelling and changing must not exceed the lead time (0 minutes), or bookings could never be changed.");
    const outOfRange = await gql<{ updateTenantPolicy: Record<string, string> }>(POLICY, { t: o.tenantSlug, input: { holdMinutes: 0 } });
    expect(outOfRange.data!.updateTenantPolicy).toMatchObject({ code: "OUT_OF_RANGE", field: "policy.holdMinutes" });
    const stored = await h.database.db.prisma.tenant.findUniqueOrThrow({ where: { id: o.tenantId } });
    expect(stored.policy).not.toHaveProperty("cancellationCutoffMinutes");

    const changed = await gql<{ updateTenantPolicy: { policy: Record<string, unknown> } }>(POLICY, {
      t: o.tenantSlug,
      input: { minNoticeMinutes: 60, cancellationCutoffMinutes: 60, phoneRequired: true },
    });
    expect(changed.data!.updateTenantPolicy.policy).toEqual({ minNoticeMinutes: 60, cancellationCutoffMinutes: 60, phoneRequired: true });
    expect((await publicTenant()).phoneRequired).toBe(true);
    // Lowering only the lead time now would make the cut-off unreachable: refused as a whole.
    const inconsistent = await gql<{ updateTenantPolicy: Record<string, string> }>(POLICY, { t: o.tenantSlug, input: { minNoticeMinutes: 30 } });
    expect(inconsistent.data!.updateTenantPolicy).toMatchObject({ field: "policy.cancellationCutoffMinutes" });
    await gql(POLICY, { t: o.tenantSlug, input: { minNoticeMinutes: 0, cancellationCutoffMinutes: 0, phoneRequired: false } });
    expect((await publicTenant()).phoneRequired).toBe(false);
  });

  it("concerns: created staff-only, changed to staff-only, refused with typed errors; citizens' list changes at once; a booked concern cannot be deleted", async () => {
    expect((await publicTenant()).services.map((s) => s.slug).sort()).toEqual(["melde", "pass"]);
    const input = { slug: "notfall", name: { de: "Notfall-Reisedokument", en: "Emergency travel document" }, category: { de: "Ausweise" }, durationMinutes: 20, onlineBookable: false, documents: [{ de: "Verlustanzeige" }], leikaKey: "99010004012000" };
    const created = await gql<{ createConcern: { __typename: string; id: string; name: { de: string; en: string } } }>(CONCERN, { t: o.tenantSlug, input });
    expect(created.data!.createConcern).toMatchObject({ __typename: "Concern", onlineBookable: false, name: { de: "Notfall-Reisedokument", en: "Emergency travel document" } });
    expect((await publicTenant()).services.map((s) => s.slug).sort()).toEqual(["melde", "pass"]);
    expect((await gql<{ createConcern: Record<string, string> }>(CONCERN, { t: o.tenantSlug, input })).data!.createConcern).toMatchObject({ code: "SLUG_TAKEN", field: "slug" });
    expect((await gql<{ createConcern: Record<string, string> }>(CONCERN, { t: o.tenantSlug, input: { ...input, slug: "x", durationMinutes: 0 } })).data!.createConcern).toMatchObject({
      code: "OUT_OF_RANGE",
      field: "durationMinutes",
    });

    const staffOnly = await gql<{ updateConcern: { onlineBookable: boolean } }>(UPDATE_CONCERN, { t: o.tenantSlug, id: o.serviceId, input: { onlineBookable: false } });
    expect(staffOnly.data!.updateConcern.onlineBookable).toBe(false);
    expect((await publicTenant()).services.map((s) => s.slug)).toEqual(["melde"]);
    await gql(UPDATE_CONCERN, { t: o.tenantSlug, id: o.serviceId, input: { onlineBookable: true } });
    expect((await publicTenant()).services.map((s) => s.slug).sort()).toEqual(["melde", "pass"]);

    // A citizen books "melde": it can no longer be deleted; the unbooked emergency concern can.
    const hold = await h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.secondServiceId, quantity: 1 }], start: `${DAY}T09:00:00+01:00` } }, WIDGET);
    const confirmed = await h.gql<{ confirmBooking: { __typename: string } }>(CONFIRM, { input: { holdId: hold.body.data!.holdSlot.id, token: hold.body.data!.holdSlot.token, consent: true, contact: { name: "Max Muster", email: "max@example.org" } } }, WIDGET);
    expect(confirmed.body.data!.confirmBooking.__typename, JSON.stringify(confirmed.body)).toBe("BookingConfirmation");
    expect((await gql<{ deleteConcern: Record<string, string> }>(DELETE_CONCERN, { t: o.tenantSlug, id: o.secondServiceId })).data!.deleteConcern).toMatchObject({ code: "CONFIG_IN_USE" });
    expect((await gql<{ deleteConcern: Record<string, string> }>(DELETE_CONCERN, { t: o.tenantSlug, id: created.data!.createConcern.id })).data!.deleteConcern.__typename).toBe("Concern");
    expect(await h.database.db.prisma.service.count({ where: { tenantId: o.tenantId, slug: "notfall" } })).toBe(0);
  });

  it("offices and counters: a new office with a counter and a rule is bookable at once; a deactivated counter offers nothing; offices and counters with bookings are not deleted", async () => {
    const office = await gql<{ createOffice: { __typename: string; id: string } }>(
      `mutation ($t: String!, $input: CreateOfficeInput!) { createOffice(tenant: $t, input: $input) { ${RESULT} ... on ConfiguredOffice { id slug timeZone } } }`,
      { t: o.tenantSlug, input: { slug: "nebenstelle", name: { de: "Nebenstelle" }, street: "Weg 2", postalCode: "12345", city: "Teststadt", holidayRegion: "BB" } },
    );
    expect(office.data!.createOffice.__typename, JSON.stringify(office)).toBe("ConfiguredOffice");
    const badZone = await gql<{ createOffice: Record<string, string> }>(
      `mutation ($t: String!, $input: CreateOfficeInput!) { createOffice(tenant: $t, input: $input) { ${RESULT} } }`,
      { t: o.tenantSlug, input: { slug: "x", name: { de: "X" }, street: "W", postalCode: "1", city: "C", timeZone: "Mars/Olympus" } },
    );
    expect(badZone.data!.createOffice).toMatchObject({ code: "INVALID_TIME_ZONE", field: "timeZone" });

    const COUNTER = `mutation ($t: String!, $input: CreateCounterInput!) { createCounter(tenant: $t, input: $input) { ${RESULT} ... on Counter { id serviceIds active } } }`;
    const unknown = await gql<{ createCounter: Record<string, string> }>(COUNTER, { t: o.tenantSlug, input: { office: "nebenstelle", name: "S1", services: [crypto.randomUUID()] } });
    expect(unknown.data!.createCounter).toMatchObject({ code: "UNKNOWN_SERVICE", field: "services" });
    const counter = await gql<{ createCounter: { id: string; serviceIds: string[] } }>(COUNTER, { t: o.tenantSlug, input: { office: "nebenstelle", name: "Schalter A", services: [o.serviceId] } });
    expect(counter.data!.createCounter.serviceIds).toEqual([o.serviceId]);
    await gql(RULE, { t: o.tenantSlug, o: "nebenstelle", input: { kind: "APPOINTMENT", rrule: "FREQ=DAILY", startTime: "09:00", endTime: "10:00", validFrom: DAY, counter: counter.data!.createCounter.id } });
    const opened = await calendar(TUESDAY, TUESDAY, "nebenstelle");
    expect(opened.days?.[0], JSON.stringify(opened)).toMatchObject({ status: "AVAILABLE", freeSlots: 2 });

    const UPDATE_COUNTER = `mutation ($t: String!, $id: ID!, $input: UpdateCounterInput!) { updateCounter(tenant: $t, id: $id, input: $input) { ${RESULT} ... on Counter { active } } }`;
    await gql(UPDATE_COUNTER, { t: o.tenantSlug, id: counter.data!.createCounter.id, input: { active: false } });
    // Its only counter deactivated, the office no longer offers the concern at all.
    expect(await calendar(TUESDAY, TUESDAY, "nebenstelle")).toMatchObject({ __typename: "InputError", code: "SERVICE_NOT_OFFERED" });

    const phone = await gql<{ updateOffice: { __typename: string } }>(
      `mutation ($t: String!, $id: ID!, $input: UpdateOfficeInput!) { updateOffice(tenant: $t, id: $id, input: $input) { ${RESULT} ... on ConfiguredOffice { phoneHours { de en } } } }`,
      { t: o.tenantSlug, id: o.officeId, input: { phoneHours: { de: "Mo–Fr 8–9 Uhr", en: "Mon–Fri 8–9 am" } } },
    );
    expect(phone.data!.updateOffice).toMatchObject({ phoneHours: { de: "Mo–Fr 8–9 Uhr", en: "Mon–Fri 8–9 am" } });
    expect((await publicTenant()).offices.find((x) => x.slug === "amt")!.phoneHours).toBe("Mo–Fr 8–9 Uhr");

    // The first office's counter and the office itself have a booking (previous test).
    const counterOfAmt = await h.database.db.prisma.counter.findFirstOrThrow({ where: { officeId: o.officeId } });
    const DELETE_COUNTER = `mutation ($t: String!, $id: ID!) { deleteCounter(tenant: $t, id: $id) { ${RESULT} ... on Counter { id } } }`;
    const DELETE_OFFICE = `mutation ($t: String!, $id: ID!) { deleteOffice(tenant: $t, id: $id) { ${RESULT} ... on ConfiguredOffice { id } } }`;
    expect((await gql<{ deleteCounter: Record<string, string> }>(DELETE_COUNTER, { t: o.tenantSlug, id: counterOfAmt.id })).data!.deleteCounter).toMatchObject({ code: "CONFIG_IN_USE" });
    expect((await gql<{ deleteOffice: Record<string, string> }>(DELETE_OFFICE, { t: o.tenantSlug, id: o.officeId })).data!.deleteOffice).toMatchObject({ code: "CONFIG_IN_USE" });
    expect((await gql<{ deleteOffice: Record<string, string> }>(DELETE_OFFICE, { t: o.tenantSlug, id: office.data!.createOffice.id })).data!.deleteOffice.__typename).toBe("ConfiguredOffice");
    expect(await h.database.db.prisma.counter.count({ where: { officeId: office.data!.createOffice.id } })).toBe(0);
    expect((await calendar(TUESDAY, TUESDAY, "nebenstelle")).code).toBe("UNKNOWN_OFFICE");
  });

  it("embedding, theme and legal links: a removed origin is refused at once, the new one allowed; theme and Impressum are public at once; malformed ones refused", async () => {
    const ORIGINS = `mutation ($t: String!, $origins: [String!]!) { updateAllowedOrigins(tenant: $t, origins: $origins) { ${RESULT} ... on TenantSettings { allowedOrigins } } }`;
    expect((await gql<{ updateAllowedOrigins: Record<string, string> }>(ORIGINS, { t: o.tenantSlug, origins: ["https://*.example.org"] })).data!.updateAllowedOrigins).toMatchObject({
      code: "MALFORMED_ORIGIN",
      field: "origins",
    });
    const set = await gql<{ updateAllowedOrigins: { allowedOrigins: string[] } }>(ORIGINS, { t: o.tenantSlug, origins: ["https://www.teststadt.example/"] });
    expect(set.data!.updateAllowedOrigins.allowedOrigins).toEqual(["https://www.teststadt.example"]);
    const refused = await h.gql(AVAILABILITY, { t: o.tenantSlug, o: "amt", items: items(), from: DAY, to: DAY }, WIDGET);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("ORIGIN_NOT_ALLOWED");
    expect((await calendar(DAY, DAY, "amt", { origin: "https://www.teststadt.example" })).__typename).toBe("AvailabilityCalendar");
    await gql(ORIGINS, { t: o.tenantSlug, origins: [WIDGET.origin] });

    const THEME = `mutation ($t: String!, $theme: [ThemeEntryInput!]!) { updateTheme(tenant: $t, theme: $theme) { ${RESULT} ... on TenantSettings { theme { name value } } } }`;
    expect((await gql<{ updateTheme: Record<string, string> }>(THEME, { t: o.tenantSlug, theme: [{ name: "--tv-color-primary", value: "red;}</style>" }] })).data!.updateTheme).toMatchObject({
      code: "MALFORMED_THEME",
    });
    await gql(THEME, { t: o.tenantSlug, theme: [{ name: "--tv-color-primary", value: "#8a1538" }] });
    const LINKS = `mutation ($t: String!, $i: String, $p: String) { updateLegalLinks(tenant: $t, imprintUrl: $i, privacyUrl: $p) { ${RESULT} ... on TenantSettings { imprintUrl privacyUrl } } }`;
    expect((await gql<{ updateLegalLinks: Record<string, string> }>(LINKS, { t: o.tenantSlug, i: "ftp://x" })).data!.updateLegalLinks).toMatchObject({ code: "MALFORMED_URL", field: "imprintUrl" });
    const links = await gql<{ updateLegalLinks: Record<string, string> }>(LINKS, { t: o.tenantSlug, i: "https://www.teststadt.example/impressum", p: "https://www.teststadt.example/datenschutz" });
    expect(links.data!.updateLegalLinks).toEqual({ __typename: "TenantSettings", imprintUrl: "https://www.teststadt.example/impressum", privacyUrl: "https://www.teststadt.example/datenschutz" });
    const shown = await publicTenant();
    expect(shown.theme).toEqual([{ name: "--tv-color-primary", value: "#8a1538" }]);
    expect(shown.imprintUrl).toBe("https://www.teststadt.example/impressum");

    const config = await gql<{ tenantConfiguration: { settings: { allowedOrigins: string[]; policy: { holdMinutes: number } }; offices: { slug: string }[]; concerns: { slug: string }[] } }>(
      `query ($t: String!) { tenantConfiguration(tenant: $t) { settings { allowedOrigins policy { holdMinutes } } offices { slug } counters { name } openingRules { kind } closures { id } concerns { slug } } }`,
      { t: o.tenantSlug },
    );
    expect(config.data!.tenantConfiguration).toMatchObject({ settings: { allowedOrigins: [WIDGET.origin], policy: { holdMinutes: 10 } }, offices: [{ slug: "amt" }] });
    // A clerk does desk work, not configuration.
    const asClerk = await h.gql(`query ($t: String!) { tenantConfiguration(tenant: $t) { offices { slug } } }`, { t: o.tenantSlug }, clerk);
    expect(asClerk.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
  });

  it("pushes a new opening rule to an open widget's live calendar without reload", async () => {
    const server: RunningServer = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { origin: WIDGET.origin } });
    const seen: string[] = [];
    const unsubscribe = client.subscribe<{ availabilityChanged: { days: { status: string }[] } }>(
      {
        query: `subscription ($t: String!, $items: [RequestItemInput!]!, $d: Date!) { availabilityChanged(tenant: $t, office: "amt", items: $items, from: $d, to: $d) { days { status } } }`,
        variables: { t: o.tenantSlug, items: items(), d: TUESDAY },
      },
      { next: (r) => seen.push(r.data?.availabilityChanged.days[0]?.status ?? JSON.stringify(r.errors)), error: (e) => seen.push(String(e)), complete: () => {} },
    );
    try {
      const deadline = Date.now() + 20_000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(["CLOSED"]);
      await gql(RULE, { t: o.tenantSlug, o: "amt", input: { kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "09:00", endTime: "10:00", validFrom: DAY } });
      while (!seen.includes("AVAILABLE") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen.at(-1)).toBe("AVAILABLE");
      // A policy change reaches the same open subscription too (its agency is read anew):
      // with five days' lead time, Tuesday's times are all too soon.
      const policy = await gql<{ updateTenantPolicy: { __typename: string } }>(POLICY, { t: o.tenantSlug, input: { minNoticeMinutes: 5 * 1440 } });
      expect(policy.data!.updateTenantPolicy.__typename).toBe("TenantSettings");
      const pushed = seen.length;
      while (seen.length === pushed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen.at(-1)).not.toBe("AVAILABLE");
    } finally {
      unsubscribe();
      await client.dispose();
      await server.close();
    }
  });
});
