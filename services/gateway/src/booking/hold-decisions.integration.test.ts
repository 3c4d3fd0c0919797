import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+01:00`).toISOString();
type HoldAnswer = { holdSlot: { __typename: string; id?: string } };

// Holds decide from a per-day cache of busy times that this instance's own holds keep
// current. Changes made behind its back (another process, an operator in the database)
// must never turn a citizen away wrongly nor let a taken time through.
describe.each(testTargets())("hold decisions from cached busy times ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    // one counter, 09:00–12:00: six starts
    o = await createTinyOffice(h.database.db, { slug: "cached", date: DAY, until: "12:00" });
  });
  afterAll(async () => h?.close());

  const hold = (start: string) =>
    h.gql<HoldAnswer>(HOLD, { input: { tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], start } });

  it("offers a time freed behind the cache's back at once", async () => {
    const first = (await hold(at("09:00"))).body.data!.holdSlot;
    expect(first.__typename).toBe("Hold");
    // the day is cached now and knows the hold; free it without telling the gateway
    await h.database.db.prisma.booking.update({ where: { id: first.id! }, data: { status: "EXPIRED" } });
    expect((await hold(at("09:00"))).body.data!.holdSlot.__typename).toBe("Hold");
  });

  it("refuses a time taken behind the cache's back", async () => {
    expect((await hold(at("10:00"))).body.data!.holdSlot.__typename).toBe("Hold");
    const counter = await h.database.db.prisma.counter.findFirstOrThrow({ where: { officeId: o.officeId } });
    await h.database.db.prisma.booking.create({
      data: {
        tenantId: o.tenantId, officeId: o.officeId, counterId: counter.id, status: "CONFIRMED", channel: "STAFF",
        startsAt: new Date(at("11:00")), endsAt: new Date(at("11:30")), reference: "STAFF001",
      },
    });
    const refused = (await hold(at("11:00"))).body.data!.holdSlot;
    expect(refused.__typename).toBe("SlotUnavailable");
    expect(await h.database.db.prisma.booking.count({ where: { officeId: o.officeId, startsAt: new Date(at("11:00")) } })).toBe(1);
  });

  it("refuses the time of one of its own holds (known to the cache)", async () => {
    expect((await hold(at("10:30"))).body.data!.holdSlot.__typename).toBe("Hold");
    expect((await hold(at("10:30"))).body.data!.holdSlot.__typename).toBe("SlotUnavailable");
  });
});
