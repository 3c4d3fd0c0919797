import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");

describe.each(testTargets())("200 citizens race for the last free start ($name)", (target) => {
  let h: Harness;
  let office: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    // exactly one 30-minute start: 09:00–09:30 on 4 March 2030
    office = await createTinyOffice(h.database.db, { slug: "race", date: "2030-03-04", until: "09:30" });
  });
  afterAll(async () => h?.close());

  it("books exactly one; the other 199 get SlotUnavailable; no 5xx", async () => {
    const start = "2030-03-04T08:00:00.000Z";
    const attempt = async (i: number) => {
      const hold = await h.gql<{ holdSlot: { __typename: string; id?: string; token?: string } }>(HOLD, {
        input: { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId: office.serviceId, quantity: 1 }], start },
      });
      if (hold.status >= 500) return { status: hold.status, kind: "5xx" };
      const held = hold.body.data?.holdSlot;
      if (held?.__typename !== "Hold") return { status: hold.status, kind: held?.__typename ?? "error" };
      const confirm = await h.gql<{ confirmBooking: { __typename: string } }>(CONFIRM, {
        input: { holdId: held.id, token: held.token, consent: true, contact: { name: `Person ${i}`, email: `p${i}@example.org` } },
      });
      return { status: confirm.status, kind: confirm.body.data?.confirmBooking.__typename ?? "error" };
    };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i)));
    const count = (kind: string) => results.filter((r) => r.kind === kind).length;
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(count("BookingConfirmation")).toBe(1);
    expect(count("SlotUnavailable")).toBe(199);
    const live = await h.database.db.prisma.booking.count({
      where: { tenantId: office.tenantId, status: { in: ["HELD", "CONFIRMED", "PENDING_VERIFICATION"] } },
    });
    expect(live).toBe(1);
    expect(await h.database.db.prisma.mailOutbox.count({ where: { tenantId: office.tenantId } })).toBe(1);
  });
});
