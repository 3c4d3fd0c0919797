import { DEMO_PASSWORD, hashPassword } from "@terminvergabe/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

let now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+01:00`).toISOString();

const LOGIN = `mutation ($tenant: String!, $email: String!) { staffLogin(tenant: $tenant, email: $email, password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } ... on Error { code } } }`;
const BOOK = /* GraphQL */ `
  mutation ($input: StaffBookAppointmentInput!) {
    staffBookAppointment(input: $input) {
      __typename
      ... on StaffBooking { id reference status channel start contactPhone mailed manageToken }
      ... on LimitReached { code message }
      ... on InputError { code field message }
      ... on Error { code message }
    }
  }
`;
const DAY_LIST = /* GraphQL */ `
  query ($tenant: String!, $office: String!, $date: Date!) {
    dayList(tenant: $tenant, office: $office, date: $date) {
      __typename
      ... on DayList { date bookings { id reference status channel start counterName contactName contactPhone services { quantity service { slug documents } } } }
      ... on Error { code }
    }
  }
`;
const ATTEND = /* GraphQL */ `
  mutation ($tenant: String!, $booking: ID!, $attendance: Attendance!) {
    setAttendance(tenant: $tenant, booking: $booking, attendance: $attendance) {
      __typename
      ... on DeskBooking { status }
      ... on Error { code message }
    }
  }
`;
const FIND = `query ($tenant: String!, $q: String!) { findBookings(tenant: $tenant, query: $q) { __typename ... on BookingSearch { bookings { reference contactName } } ... on Error { code } } }`;

type Gql = Harness["gql"];

describe.each(testTargets())("the staff desk: phone booking, search, day list, attendance ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  let clerk: Record<string, string>;
  let otherClerk: Record<string, string>;
  let gql: Gql;
  let signIn: () => Promise<void>;
  /** Moves the test clock; sessions do not last days, so the clerk signs in again. */
  const travel = async (to: string) => {
    now = new Date(to);
    await signIn();
  };

  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    gql = h.gql.bind(h);
    o = await createTinyOffice(h.database.db, { slug: `desk-${target.name}`, date: DAY, until: "12:00", counters: 2, policy: { maxActiveBookingsPerPerson: 1 } });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await h.database.db.prisma.staffUser.create({ data: { tenantId: o.tenantId, email: "clerk@desk.example", name: "Clara Clerk", role: "CLERK", passwordHash } });
    const token = async (tenant: string, email: string) => {
      const { body } = await gql<{ staffLogin: { token?: string } }>(LOGIN, { tenant, email });
      return { authorization: `Bearer ${body.data!.staffLogin.token!}` };
    };
    signIn = async () => {
      clerk = await token(o.tenantSlug, "clerk@desk.example");
    };
    await signIn();
    otherClerk = await token("demo-buergerbuero", "buergerbuero.schalter@example.org");
  });
  afterAll(async () => h?.close());

  const book = (start: string, contact: Record<string, string>, extra: Record<string, unknown> = {}, headers = clerk) =>
    gql<{ staffBookAppointment: Record<string, unknown> }>(
      BOOK,
      { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start, contact, ...extra } },
      headers,
    );

  it("books by phone for a caller without e-mail (channel STAFF, no mail), within the limits or with an audited override", async () => {
    const first = await book(at("09:00"), { name: "Paula Phone", phone: "030 1234567" });
    expect(first.body.data!.staffBookAppointment).toMatchObject({ __typename: "StaffBooking", status: "CONFIRMED", channel: "STAFF", mailed: false, contactPhone: "030 1234567" });
    const id = first.body.data!.staffBookAppointment.id as string;
    expect(await h.database.db.prisma.mailOutbox.count({ where: { bookingId: id } })).toBe(0);

    // The same phone number again: one active booking per person (the tenant's policy) …
    const second = await book(at("10:00"), { name: "Paula Phone", phone: "+49 30 1234567" });
    expect(second.body.data!.staffBookAppointment).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_ACTIVE_BOOKINGS" });
    // … the refused confirmation left no hold behind: the time is still free.
    const held = await h.database.db.prisma.booking.count({ where: { tenantId: o.tenantId, status: "HELD" } });
    expect(held).toBe(0);
    // … unless the clerk overrides it with a reason, which lands in the audit log.
    const overridden = await book(at("10:00"), { name: "Paula Phone", phone: "+49 30 1234567", email: "paula@example.org" }, { override: { reason: "Pass gestohlen, Reise morgen" } });
    expect(overridden.body.data!.staffBookAppointment).toMatchObject({ __typename: "StaffBooking", mailed: true });
    const audit = await h.database.db.prisma.auditLog.findFirst({ where: { entityId: overridden.body.data!.staffBookAppointment.id as string, action: "booking.confirmed" } });
    expect(audit?.data).toMatchObject({ channel: "STAFF", limitOverride: { limit: "TOO_MANY_ACTIVE_BOOKINGS", reason: "Pass gestohlen, Reise morgen" } });
    expect(audit?.actor).toMatch(/^staff:/);
    // An override without a reason is an input error.
    const noReason = await book(at("11:00"), { name: "Paula Phone", phone: "030 1234567" }, { override: { reason: " " } });
    expect(noReason.body.data!.staffBookAppointment).toMatchObject({ __typename: "InputError", code: "OVERRIDE_REASON_REQUIRED" });
  });

  it("refuses anonymous callers and another agency's clerk alike, with one translated NOT_ALLOWED", async () => {
    for (const headers of [{}, otherClerk]) {
      const refused = await book(at("11:30"), { name: "X", phone: "030 7654321" }, {}, headers as Record<string, string>);
      expect(refused.body.data?.staffBookAppointment ?? null).toBeNull();
      expect(refused.body.errors?.[0]).toMatchObject({ message: "Dafür fehlt Ihnen die Berechtigung.", extensions: { code: "NOT_ALLOWED" } });
      const list = await gql(DAY_LIST, { tenant: o.tenantSlug, office: "amt", date: DAY }, headers as Record<string, string>);
      expect(list.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    }
    // An unknown agency answers the same as another agency's.
    const unknown = await gql(DAY_LIST, { tenant: "no-such-agency", office: "amt", date: DAY }, clerk);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
  });

  it("finds bookings by phone, by the start of a name and by reference, only in the clerk's agency", async () => {
    const byPhone = await gql<{ findBookings: { bookings: { reference: string }[] } }>(FIND, { tenant: o.tenantSlug, q: "0301234567" }, clerk);
    expect(byPhone.body.data!.findBookings.bookings).toHaveLength(2);
    const byName = await gql<{ findBookings: { bookings: { reference: string; contactName: string }[] } }>(FIND, { tenant: o.tenantSlug, q: "pau" }, clerk);
    expect(byName.body.data!.findBookings.bookings.map((b) => b.contactName)).toEqual(["Paula Phone", "Paula Phone"]);
    const ref = byName.body.data!.findBookings.bookings[0]!.reference;
    const byRef = await gql<{ findBookings: { bookings: unknown[] } }>(FIND, { tenant: o.tenantSlug, q: ref.toLowerCase().replace("-", " ") }, clerk);
    expect(byRef.body.data!.findBookings.bookings).toHaveLength(1);
    const tooShort = await gql<{ findBookings: { __typename: string; code: string } }>(FIND, { tenant: o.tenantSlug, q: "p" }, clerk);
    expect(tooShort.body.data!.findBookings).toMatchObject({ __typename: "InputError", code: "QUERY_TOO_SHORT" });
  });

  it("pushes an online booking onto the clerk's live day list, then records attendance with undo on the day", async () => {
    const server: RunningServer = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: clerk.authorization } });
    const seen: { reference: string; channel: string }[][] = [];
    const unsubscribe = client.subscribe<{ dayListChanged: { bookings: { reference: string; channel: string }[] } }>(
      { query: `subscription { dayListChanged(tenant: "${o.tenantSlug}", office: "amt", date: "${DAY}") { bookings { reference channel } } }` },
      { next: (r) => seen.push(r.data!.dayListChanged.bookings), error: (e) => console.error(e), complete: () => {} },
    );
    try {
      while (seen.length === 0) await new Promise((r) => setTimeout(r, 20));
      expect(seen[0]!.map((b) => b.channel)).toEqual(["STAFF", "STAFF"]);
      const origin = { origin: "http://localhost:4001" };
      const hold = await gql<{ holdSlot: { id: string; token: string } }>(HOLD, { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start: at("11:00") } }, origin);
      expect(hold.body.data?.holdSlot.id, JSON.stringify(hold.body)).toBeTruthy();
      const confirmed = await gql<{ confirmBooking: { __typename: string } }>(CONFIRM, { input: { holdId: hold.body.data!.holdSlot.id, token: hold.body.data!.holdSlot.token, consent: true, contact: { name: "Olga Online", email: "olga@example.org" } } }, origin);
      expect(confirmed.body.data?.confirmBooking.__typename, JSON.stringify(confirmed.body)).toBe("BookingConfirmation");
      const deadline = Date.now() + 10_000;
      while (!seen.some((list) => list.some((b) => b.channel === "ONLINE"))) {
        if (Date.now() > deadline) throw new Error("the online booking never reached the day list");
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      unsubscribe();
      await client.dispose();
      await server.close();
    }

    const list = await gql<{ dayList: { bookings: { id: string; status: string; counterName: string; services: { service: { slug: string; documents: string[] } }[] }[] } }>(
      DAY_LIST,
      { tenant: o.tenantSlug, office: "amt", date: DAY },
      clerk,
    );
    const bookings = list.body.data!.dayList.bookings;
    expect(bookings).toHaveLength(3);
    expect(bookings[0]!.services[0]!.service).toEqual({ slug: "pass", documents: ["Passbild"] });
    expect(bookings[0]!.counterName).toMatch(/^Schalter/);
    const [nine, ten, eleven] = bookings.map((b) => b.id);

    const attend = async (booking: string, attendance: string) =>
      { const r = await gql<{ setAttendance: { __typename: string; status?: string; code?: string } }>(ATTEND, { tenant: o.tenantSlug, booking, attendance }, clerk); if (!r.body.data?.setAttendance) throw new Error(JSON.stringify(r.body)); return r.body.data.setAttendance; }
    expect(await attend(nine!, "NO_SHOW")).toMatchObject({ __typename: "InputError", code: "TOO_EARLY" });
    await travel(at("09:05"));
    expect(await attend(nine!, "CHECKED_IN")).toEqual({ __typename: "DeskBooking", status: "CHECKED_IN" });
    expect(await attend(nine!, "NONE")).toEqual({ __typename: "DeskBooking", status: "CONFIRMED" });
    expect(await attend(nine!, "NO_SHOW")).toEqual({ __typename: "DeskBooking", status: "NO_SHOW" });
    // The person turns up late after all: a different mark on the day is undo + mark.
    expect(await attend(nine!, "COMPLETED")).toEqual({ __typename: "DeskBooking", status: "COMPLETED" });
    await travel(at("10:05"));
    expect(await attend(ten!, "NO_SHOW")).toEqual({ __typename: "DeskBooking", status: "NO_SHOW" });
    await travel(at("11:10"));
    expect(await attend(eleven!, "CHECKED_IN")).toEqual({ __typename: "DeskBooking", status: "CHECKED_IN" });

    // The next morning: marks stand, the undo window is over.
    await travel(at("08:00", "2030-03-05"));
    expect(await attend(ten!, "NONE")).toMatchObject({ __typename: "TooLate", code: "UNDO_TOO_LATE" });
    const history = await h.database.db.prisma.bookingStatusChange.findMany({ where: { bookingId: nine! }, orderBy: { at: "asc" } });
    expect(history.map((c) => c.toStatus)).toEqual(["CONFIRMED", "CHECKED_IN", "CONFIRMED", "NO_SHOW", "COMPLETED"]);
  });

  it("closes past appointments nobody marked as the tenant's policy says (actor system), never leaving them CONFIRMED", async () => {
    // One more unmarked booking on the day, booked by phone.
    await travel("2030-03-01T08:00:00Z");
    const unmarked = await book(at("11:30"), { name: "Udo Unmarked", phone: "030 5555555" });
    const id = unmarked.body.data!.staffBookAppointment.id as string;
    now = new Date(at("23:30")); // still the appointment's local day: left to the desk
    expect(await h.app.services.staff.closePastBookings("past-bookings")).toBe(0);
    now = new Date(at("00:30", "2030-03-05"));
    const closed = await h.app.services.staff.closePastBookings("past-bookings");
    expect(closed).toBe(2); // Udo (unmarked) and the one checked in at 11:10
    const rows = await h.database.db.prisma.booking.findMany({ where: { tenantId: o.tenantId, status: { notIn: ["EXPIRED", "HELD"] } }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["COMPLETED", "NO_SHOW", "COMPLETED", "UNMARKED"]);
    const change = await h.database.db.prisma.bookingStatusChange.findFirst({ where: { bookingId: id, toStatus: "UNMARKED" } });
    expect(change?.actor).toBe("system:past-bookings");
    expect(await h.app.services.staff.closePastBookings("past-bookings")).toBe(0);
  });

  it("cancels on behalf with the reason in the citizen's mail and a METHOD:CANCEL calendar file", async () => {
    await travel("2030-03-01T08:00:00Z");
    const booked = await book(at("09:30"), { name: "Mia Mail", email: "mia@example.org" });
    const id = booked.body.data!.staffBookAppointment.id as string;
    const CANCEL = `mutation ($tenant: String!, $booking: ID!) { staffCancelBooking(tenant: $tenant, booking: $booking, reason: "Sachbearbeiterin erkrankt") { __typename ... on StaffBooking { status } ... on Error { code } } }`;
    const cancelled = await gql<{ staffCancelBooking: { status: string } }>(CANCEL, { tenant: o.tenantSlug, booking: id }, clerk);
    expect(cancelled.body.data!.staffCancelBooking).toEqual({ __typename: "StaffBooking", status: "CANCELLED" });
    const mail = await h.database.db.prisma.mailOutbox.findFirst({ where: { bookingId: id, kind: "CANCELLATION" } });
    expect(mail?.textBody).toContain("Sachbearbeiterin erkrankt");
    expect(mail?.icsMethod).toBe("CANCEL");
    // Another agency's clerk cannot even find out that the booking exists.
    const foreign = await gql(CANCEL, { tenant: o.tenantSlug, booking: id }, otherClerk);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    const wrongTenant = await gql<{ staffCancelBooking: { __typename: string } }>(CANCEL, { tenant: "demo-buergerbuero", booking: id }, otherClerk);
    expect(wrongTenant.body.data!.staffCancelBooking.__typename).toBe("NotFound");
  });

  it("answers the day list of 500 bookings quickly enough for a desk", async () => {
    const db = h.database.db;
    const counters = await db.prisma.counter.findMany({ where: { tenantId: o.tenantId } });
    const day = "2030-03-06";
    await db.sql.query(
      `INSERT INTO "Booking" ("tenantId", "officeId", "counterId", reference, status, channel, "startsAt", "endsAt", "contactName", "contactEmail", "emailNormalized")
       SELECT $1::uuid, $2::uuid, (ARRAY[$3::uuid, $4::uuid])[1 + i % 2], 'D' || lpad(i::text, 3, '0') || '-XXXX', 'CONFIRMED', 'ONLINE',
              $5::timestamptz + ((i / 2) * interval '1 minute'), $5::timestamptz + ((i / 2) * interval '1 minute') + interval '1 minute',
              'Person ' || i, 'p' || i || '@example.org', 'p' || i || '@example.org'
         FROM generate_series(0, 499) AS i`,
      [o.tenantId, o.officeId, counters[0]!.id, counters[1]!.id, `${day}T08:00:00Z`],
    );
    await db.sql.query(
      `INSERT INTO "BookingItem" ("tenantId", "bookingId", "serviceId", quantity) SELECT "tenantId", id, $2::uuid, 1 FROM "Booking" WHERE "tenantId" = $1::uuid AND reference LIKE 'D%-XXXX'`,
      [o.tenantId, o.serviceId],
    );
    await gql(DAY_LIST, { tenant: o.tenantSlug, office: "amt", date: day }, clerk); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const { body } = await gql<{ dayList: { bookings: unknown[] } }>(DAY_LIST, { tenant: o.tenantSlug, office: "amt", date: day }, clerk);
      runs.push(performance.now() - started);
      expect(body.data!.dayList.bookings).toHaveLength(500);
    }
    runs.sort((a, b) => a - b);
    const tenant = (await h.app.services.tenants.bySlug(o.tenantSlug))!;
    const direct: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await h.app.services.staff.dayList(tenant, "amt", day);
      direct.push(performance.now() - started);
    }
    direct.sort((a, b) => a - b);
    console.log(`day list of 500 bookings (${target.name}): median ${direct[2]!.toFixed(1)} ms for the query`);
    console.log(`day list of 500 bookings (${target.name}): median ${runs[2]!.toFixed(1)} ms over GraphQL (min ${runs[0]!.toFixed(1)} ms)`);
  });
});
