import { CITIZEN } from "@terminvergabe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../caller.ts";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const START = new Date("2030-03-04T08:00:00.000Z");

describe.each(testTargets())("work for clients that went away ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: "gone", date: "2030-03-04", until: "10:00" });
  });
  afterAll(async () => h?.close());

  const caller = (signal: AbortSignal): Caller => ({
    actor: CITIZEN,
    locale: "de",
    tenantBySlug: (slug) => h.app.services.tenants.bySlug(slug),
    signal,
  });
  const args = () => ({ tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], start: START });
  const held = () => h.database.db.prisma.booking.count({ where: { tenantId: o.tenantId, status: "HELD" } });

  it("a client that disconnected before its hold was written gets none", async () => {
    const gone = new AbortController();
    gone.abort();
    await expect(h.app.services.booking.hold(caller(gone.signal), args())).rejects.toThrow(/disconnected/);
    expect(await held()).toBe(0);
  });

  it("a hold written for a client that disconnected meanwhile is given back at once", async () => {
    const gone = new AbortController();
    const bookings = h.app.services.bookings;
    const claimHold = bookings.claimHold.bind(bookings);
    // The client goes away while the database writes its hold.
    bookings.claimHold = async (...a) => {
      const result = await claimHold(...a);
      gone.abort();
      return result;
    };
    try {
      await expect(h.app.services.booking.hold(caller(gone.signal), args())).rejects.toThrow(/disconnected/);
    } finally {
      bookings.claimHold = claimHold;
    }
    expect(await held()).toBe(0);
    // the start is free for the next citizen
    const next = await h.app.services.booking.hold(caller(new AbortController().signal), args());
    expect(next.start.toISOString()).toBe(START.toISOString());
  });
});
