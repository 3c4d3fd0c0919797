import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

let now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();
const RESCHEDULE = /* GraphQL */ `
  mutation ($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) { __typename ... on Booking { start } ... on Error { code } }
  }
`;

describe.each(testTargets())("rescheduling and the anti-trading cool-down ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, {
      slug: "cooldown",
      date: DAY,
      until: "12:00",
      counters: 2,
      policy: { cancelledSlotCooldownMinutes: 30, maxActiveBookingsPerPerson: 5 },
    });
  });
  afterAll(async () => h?.close());

  const hold = (start: string) =>
    h.gql<{ holdSlot: { __typename: string; id: string; token: string; start: string } }>(HOLD, {
      input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start },
    });
  const book = async (start: string, email: string) => {
    const held = (await hold(start)).body.data!.holdSlot;
    expect(held.__typename).toBe("Hold");
    const done = await h.gql<{ confirmBooking: { manageToken: string; booking: { reference: string } } }>(CONFIRM, {
      input: { holdId: held.id, token: held.token, consent: true, contact: { name: "Rita Beispiel", email } },
    });
    return done.body.data!.confirmBooking;
  };

  it("given 09:00 booked on both counters, when one moves to 10:00, then 09:00 stays taken for the cool-down, like after a cancellation (issue 11.1)", async () => {
    await book(at("09:00"), "first@example.org");
    const second = await book(at("09:00"), "second@example.org");
    const moved = await h.gql<{ rescheduleBooking: { __typename: string; start: string } }>(RESCHEDULE, {
      input: { tenant: o.tenantSlug, reference: second.booking.reference, token: second.manageToken, start: at("10:00") },
    });
    expect(moved.body.data?.rescheduleBooking).toEqual({ __typename: "Booking", start: at("10:00") });

    const during = await hold(at("09:00"));
    expect(during.body.data?.holdSlot.__typename).toBe("SlotUnavailable");

    now = new Date(now.getTime() + 31 * 60_000);
    const after = await hold(at("09:00"));
    expect(after.body.data?.holdSlot).toMatchObject({ __typename: "Hold", start: at("09:00") });
  });
});
