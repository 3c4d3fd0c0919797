import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

let now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();

/** Every change a widget must see live: hold, expiry, booking, reschedule, cancellation. */
describe("live availability after every kind of change", () => {
  let h: Harness;
  let server: RunningServer;
  let o: TinyOffice;
  const slotsSeen: string[][] = [];
  const daysSeen: number[] = [];
  let stop = async () => {};

  beforeAll(async () => {
    // no cancellation cool-down here, so a cancelled time comes back at once
    h = await startHarness(testTargets()[0]!, {}, { clock: () => now, jobs: false });
    server = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
    o = await createTinyOffice(h.database.db, {
      slug: "live-all",
      date: DAY,
      until: "10:30",
      policy: { cancelledSlotCooldownMinutes: 0, holdMinutes: 10 },
    });
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const variables = { items: [{ serviceId: o.serviceId, quantity: 1 }] };
    const unsubscribeSlots = client.subscribe<{ slotsChanged: { slots: { start: string }[] } }>(
      { query: `subscription ($items: [RequestItemInput!]!) { slotsChanged(tenant: "live-all", office: "amt", items: $items, date: "${DAY}") { slots { start } } }`, variables },
      { next: (r) => slotsSeen.push(r.data!.slotsChanged.slots.map((s) => s.start)), error: () => {}, complete: () => {} },
    );
    const unsubscribeDays = client.subscribe<{ availabilityChanged: { days: { freeSlots: number }[] } }>(
      { query: `subscription ($items: [RequestItemInput!]!) { availabilityChanged(tenant: "live-all", office: "amt", items: $items, from: "${DAY}", to: "${DAY}") { days { freeSlots } } }`, variables },
      { next: (r) => daysSeen.push(r.data!.availabilityChanged.days[0]!.freeSlots), error: () => {}, complete: () => {} },
    );
    stop = async () => {
      unsubscribeSlots();
      unsubscribeDays();
      await client.dispose();
    };
    while (slotsSeen.length === 0 || daysSeen.length === 0) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await stop();
    await server?.close();
    await h?.close();
  });

  /** Waits for the next pushed state of both subscriptions after `change`. */
  const after = async (change: () => Promise<unknown>) => {
    const [slots, days] = [slotsSeen.length, daysSeen.length];
    await change();
    const deadline = Date.now() + 10_000;
    while (slotsSeen.length === slots || daysSeen.length === days) {
      if (Date.now() > deadline) throw new Error("no live update");
      await new Promise((r) => setTimeout(r, 20));
    }
    return { slots: slotsSeen.at(-1)!, free: daysSeen.at(-1)! };
  };
  const hold = (start: string) =>
    h.gql<{ holdSlot: { id: string; token: string } }>(HOLD, {
      input: { tenant: "live-all", office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start },
    });

  it("starts with the three free times 09:00, 09:30 and 10:00", () => {
    expect(slotsSeen[0]).toEqual([at("09:00"), at("09:30"), at("10:00")]);
    expect(daysSeen[0]).toBe(3);
  });

  it("pushes a hold, its expiry, a booking, a reschedule and a cancellation", async () => {
    let held = { id: "", token: "" };
    const afterHold = await after(async () => (held = (await hold(at("09:00"))).body.data!.holdSlot));
    expect(afterHold).toEqual({ slots: [at("09:30"), at("10:00")], free: 2 });

    now = new Date(now.getTime() + 11 * 60_000);
    const afterExpiry = await after(() => h.app.services.booking.expireLapsed());
    expect(afterExpiry).toEqual({ slots: [at("09:00"), at("09:30"), at("10:00")], free: 3 });

    let booked = { manageToken: "", booking: { reference: "" } };
    await after(async () => (held = (await hold(at("09:00"))).body.data!.holdSlot));
    const afterBooking = await after(async () => {
      // confirming does not change the free times; wait for a later change to see both
      const done = await h.gql<{ confirmBooking: typeof booked }>(CONFIRM, {
        input: { holdId: held.id, token: held.token, consent: true, contact: { name: "L", email: "live@example.org" } },
      });
      booked = done.body.data!.confirmBooking;
      return hold(at("10:00"));
    });
    expect(afterBooking).toEqual({ slots: [at("09:30")], free: 1 });

    const afterReschedule = await after(() =>
      h.gql(`mutation ($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { __typename } }`, {
        input: { tenant: "live-all", reference: booked.booking.reference, token: booked.manageToken, start: at("09:30") },
      }),
    );
    expect(afterReschedule).toEqual({ slots: [at("09:00")], free: 1 });

    const afterCancel = await after(() =>
      h.gql(`mutation ($input: ManageBookingInput!) { cancelBooking(input: $input) { __typename } }`, {
        input: { tenant: "live-all", reference: booked.booking.reference, token: booked.manageToken },
      }),
    );
    expect(afterCancel).toEqual({ slots: [at("09:00"), at("09:30")], free: 2 });
  });
});
