import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

let now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();

const BOOKING = /* GraphQL */ `
  query ($tenant: String!, $reference: String!, $token: String!) {
    booking(tenant: $tenant, reference: $reference, token: $token) {
      reference status start end contactName changeable icsUrl
      office { name address { street } }
      services { quantity service { name documents } }
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation ($input: ManageBookingInput!) {
    cancelBooking(input: $input) { __typename ... on Booking { status } ... on Error { code message } }
  }
`;
const RESCHEDULE = /* GraphQL */ `
  mutation ($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) { __typename ... on Booking { status start } ... on Error { code message } }
  }
`;
const EXTEND = /* GraphQL */ `
  mutation ($input: HoldTokenInput!) {
    extendHold(input: $input) { __typename ... on Hold { expiresAt } ... on Error { code } }
  }
`;

type HoldResult = { holdSlot: { __typename: string; id: string; token: string; start: string; code?: string; alternatives?: { start: string }[] } };
type ConfirmResult = {
  confirmBooking: {
    __typename: string;
    code?: string;
    field?: string;
    message?: string;
    manageToken: string;
    verificationRequired: boolean;
    booking: { id: string; reference: string; status: string; icsUrl: string };
  };
};

describe.each(testTargets())("the booking flow ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    // 09:00–12:00, two counters, 30-minute grid: 12 starts
    o = await createTinyOffice(h.database.db, {
      slug: "flow",
      date: DAY,
      until: "12:00",
      counters: 2,
      policy: { cancellationCutoffMinutes: 60, holdMinutes: 10, noShowLimit: 1 },
    });
  });
  afterAll(async () => h?.close());

  const hold = (start: string, serviceId = o.serviceId, quantity = 1) =>
    h.gql<HoldResult>(HOLD, { input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId, quantity }], start } });
  const confirm = (held: { id: string; token: string }, contact: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    h.gql<ConfirmResult>(CONFIRM, { input: { holdId: held.id, token: held.token, consent: true, contact, ...extra } });
  const book = async (start: string, email: string, serviceId = o.serviceId) => {
    const held = (await hold(start, serviceId)).body.data!.holdSlot;
    expect(held.__typename).toBe("Hold");
    const done = (await confirm(held, { name: "Erika Beispiel", email })).body.data!.confirmBooking;
    expect(done.__typename).toBe("BookingConfirmation");
    return done;
  };

  it("holds, confirms with a reference without look-alikes, and queues the mail in the same transaction", async () => {
    const done = await book(at("09:00"), "erika@example.org");
    expect(done.booking.reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(done.booking.status).toBe("CONFIRMED");
    expect(done.manageToken.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const row = await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: done.booking.id } });
    expect(row.manageTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.manageTokenHash).not.toContain(done.manageToken);
    const mails = await h.database.db.prisma.mailOutbox.findMany({ where: { bookingId: done.booking.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "CONFIRMATION", toAddress: "erika@example.org", status: "PENDING", icsMethod: "REQUEST" });
    expect(mails[0]!.textBody).toContain(done.booking.reference);
    expect(mails[0]!.textBody).toContain("Passbild");
  });

  it("shows the booking through the manage link; a guessed token, a wrong reference and another tenant get the same null", async () => {
    const done = await book(at("09:30"), "max@example.org");
    const ok = await h.gql<{ booking: Record<string, unknown> | null }>(BOOKING, { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken });
    expect(ok.body.data?.booking).toMatchObject({ reference: done.booking.reference, status: "CONFIRMED", contactName: "Erika Beispiel", changeable: true });
    const variants = [
      { tenant: o.tenantSlug, reference: done.booking.reference, token: "guessed-token" },
      { tenant: o.tenantSlug, reference: "ABCD-EFGH", token: done.manageToken },
      { tenant: "demo-buergerbuero", reference: done.booking.reference, token: done.manageToken },
    ];
    for (const vars of variants) expect((await h.gql(BOOKING, vars)).body).toEqual({ data: { booking: null } });
    const guessedCancel = await h.gql<{ cancelBooking: { __typename: string } }>(CANCEL, { input: variants[0] });
    const otherTenantCancel = await h.gql<{ cancelBooking: { __typename: string } }>(CANCEL, { input: variants[2] });
    expect(guessedCancel.body.data?.cancelBooking).toEqual(otherTenantCancel.body.data?.cancelBooking);
    expect(guessedCancel.body.data?.cancelBooking.__typename).toBe("NotFound");
  });

  it("cancels through the manage link with a CANCEL mail of a higher sequence; the slot stays blocked for the cool-down", async () => {
    const done = await book(at("10:00"), "lena@example.org");
    const cancelled = await h.gql<{ cancelBooking: { __typename: string; status: string } }>(CANCEL, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken },
    });
    expect(cancelled.body.data?.cancelBooking).toEqual({ __typename: "Booking", status: "CANCELLED" });
    const mails = await h.database.db.prisma.mailOutbox.findMany({ where: { bookingId: done.booking.id }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.icsMethod)).toEqual(["REQUEST", "CANCEL"]);
    expect(mails[1]!.icsContent).toMatch(/SEQUENCE:1/);
    // both counters: the other counter is free at 10:00, so fill it, then the cancelled one must stay blocked
    await book(at("10:00"), "deniz@example.org");
    const again = (await hold(at("10:00"))).body.data!.holdSlot;
    expect(again.__typename).toBe("SlotUnavailable");
    const twice = await h.gql<{ cancelBooking: { __typename: string; code: string } }>(CANCEL, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken },
    });
    expect(twice.body.data?.cancelBooking).toMatchObject({ __typename: "TooLate", code: "BOOKING_NOT_ACTIVE" });
  });

  it("limits active bookings per person and refuses a second booking of the same concern", async () => {
    const email = "hamster@example.org";
    await book(at("10:30"), email);
    const sameConcern = (await hold(at("11:00"))).body.data!.holdSlot;
    const refused = (await confirm(sameConcern, { name: "H", email: " Hamster@Example.org " })).body.data!.confirmBooking;
    expect(refused).toMatchObject({ __typename: "LimitReached", code: "SAME_SERVICE_ALREADY_BOOKED" });
    // no partial state: the hold is still just a hold, no second mail
    expect((await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: sameConcern.id } })).status).toBe("HELD");
    await book(at("11:00"), email, o.secondServiceId);
    const third = (await hold(at("11:30"), o.secondServiceId)).body.data!.holdSlot;
    const tooMany = (await confirm(third, { name: "H", email }, {}, )).body.data!.confirmBooking;
    expect(tooMany).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_ACTIVE_BOOKINGS" });
    expect(tooMany.message).toMatch(/2 offene Termine/);
  });

  it("blocks online booking after a recorded no-show", async () => {
    const done = await book(at("11:30"), "noshow@example.org");
    await h.database.db.prisma.booking.update({ where: { id: done.booking.id }, data: { status: "NO_SHOW" } });
    const next = (await hold(at("11:30"))).body.data!.holdSlot;
    const refused = (await confirm(next, { name: "N", email: "noshow@example.org" }, {}, )).body;
    expect(refused.data?.confirmBooking).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_NO_SHOWS" });
  });

  it.each([
    [{ name: "", email: "a@example.org" }, true, "NAME_REQUIRED", "contact.name"],
    [{ name: "x".repeat(101), email: "a@example.org" }, true, "NAME_TOO_LONG", "contact.name"],
    [{ name: "A", email: "not-an-email" }, true, "EMAIL_INVALID", "contact.email"],
    [{ name: "A", email: "a@example.org", phone: "call me maybe" }, true, "PHONE_INVALID", "contact.phone"],
    [{ name: "A", email: "a@example.org" }, false, "CONSENT_REQUIRED", "consent"],
  ])("rejects bad contact input %j (consent %s) with a typed error and no partial state", async (contact, consent, code, field) => {
    const held = (await hold(at("09:00"))).body.data!.holdSlot;
    expect(held.__typename).toBe("Hold");
    const result = await h.gql<ConfirmResult>(CONFIRM, { input: { holdId: held.id, token: held.token, consent, contact } });
    expect(result.body.data?.confirmBooking).toMatchObject({ __typename: "InputError", code, field });
    const row = await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: held.id } });
    expect(row).toMatchObject({ status: "HELD", reference: null, contactEmail: null });
    expect(await h.database.db.prisma.mailOutbox.count({ where: { bookingId: held.id } })).toBe(0);
    await h.gql(`mutation ($i: HoldTokenInput!) { releaseHold(input: $i) }`, { i: { holdId: held.id, token: held.token } });
  });

  it("answers an unknown, foreign or expired hold with HoldExpired and lets the citizen extend a live one", async () => {
    const held = (await hold(at("09:00"))).body.data!.holdSlot;
    const extended = await h.gql<{ extendHold: { __typename: string } }>(EXTEND, { input: { holdId: held.id, token: held.token } });
    expect(extended.body.data?.extendHold.__typename).toBe("Hold");
    const wrong = await confirm({ id: held.id, token: "x" }, { name: "A", email: "a@example.org" });
    expect(wrong.body.data?.confirmBooking.__typename).toBe("HoldExpired");
    const unknown = await confirm({ id: "not-a-uuid", token: held.token }, { name: "A", email: "a@example.org" });
    expect(unknown.body.data?.confirmBooking.__typename).toBe("HoldExpired");
    const saved = now;
    now = new Date(now.getTime() + 11 * 60_000);
    try {
      const late = await confirm(held, { name: "A", email: "late@example.org" });
      expect(late.body.data?.confirmBooking.__typename).toBe("HoldExpired");
      expect(await h.app.services.booking.expireLapsed()).toBeGreaterThanOrEqual(1);
      expect((await h.database.db.prisma.booking.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("EXPIRED");
    } finally {
      now = saved;
    }
  });

  it("reschedules: the new start is secured, the old one freed, and the mail updates the same calendar event", async () => {
    const done = await book(at("09:00"), "move@example.org");
    const moved = await h.gql<{ rescheduleBooking: { __typename: string; start: string } }>(RESCHEDULE, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken, start: at("09:30") },
    });
    expect(moved.body.data?.rescheduleBooking.__typename).toBe("Booking");
    expect(moved.body.data?.rescheduleBooking.start).toBe(at("09:30"));
    const mails = await h.database.db.prisma.mailOutbox.findMany({ where: { bookingId: done.booking.id }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.kind)).toEqual(["CONFIRMATION", "RESCHEDULE"]);
    const uid = /UID:(.+)/.exec(mails[0]!.icsContent!)?.[1];
    expect(mails[1]!.icsContent).toContain(`UID:${uid}`);
    expect(mails[1]!.icsContent).toMatch(/SEQUENCE:1/);
    // to a taken time: refused, and the booking keeps its time
    const blocked = await h.gql<{ rescheduleBooking: { __typename: string } }>(RESCHEDULE, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken, start: at("10:30") },
    });
    expect(["SlotUnavailable", "Booking"]).toContain(blocked.body.data?.rescheduleBooking.__typename);
  });

  it("refuses cancelling inside the cut-off", async () => {
    // 09:00 was moved away by the reschedule above: free again once its cool-down (30 min) is over.
    now = new Date(now.getTime() + 31 * 60_000);
    const done = await book(at("09:00"), "cutoff@example.org");
    const saved = now;
    now = new Date(new Date(at("09:00")).getTime() - 30 * 60_000);
    try {
      const late = await h.gql<{ cancelBooking: { __typename: string; code: string } }>(CANCEL, {
        input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken },
      });
      expect(late.body.data?.cancelBooking).toMatchObject({ __typename: "TooLate", code: "CANCELLATION_CUTOFF" });
    } finally {
      now = saved;
    }
  });
});
