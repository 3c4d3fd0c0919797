import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");

type HoldAnswer = { holdSlot: { __typename: string; id?: string; token?: string } };

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
      const hold = await h.gql<HoldAnswer>(HOLD, {
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

describe.each(testTargets())("one person confirms many holds at once ($name)", (target) => {
  let h: Harness;
  let office: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
    // 09:00–19:00, 30-minute grid, two counters: 40 starts for one concern
    office = await createTinyOffice(h.database.db, { slug: "hoarder", date: "2030-03-04", until: "19:00", counters: 2 });
  });
  afterAll(async () => h?.close());

  /** Holds `n` distinct starts, then confirms them all concurrently with the contacts given. */
  async function confirmAtOnce(n: number, firstHour: number, contact: (i: number) => { name: string; email: string; phone?: string }) {
    const holds = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const start = new Date(Date.UTC(2030, 2, 4, firstHour + Math.floor(i / 2), (i % 2) * 30)).toISOString();
        const answer = await h.gql<HoldAnswer>(HOLD, {
          input: { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId: office.serviceId, quantity: 1 }], start },
        });
        const held = answer.body.data?.holdSlot;
        expect(held?.__typename).toBe("Hold");
        return held as { id: string; token: string };
      }),
    );
    return Promise.all(
      holds.map(async (held, i) => {
        const answer = await h.gql<{ confirmBooking: { __typename: string; code?: string } }>(CONFIRM, {
          input: { holdId: held.id, token: held.token, consent: true, contact: contact(i) },
        });
        return { status: answer.status, kind: answer.body.data?.confirmBooking.__typename ?? "error", code: answer.body.data?.confirmBooking.code };
      }),
    );
  }

  it("books the concern once for one e-mail address; the others get LimitReached, no 5xx", async () => {
    const results = await confirmAtOnce(12, 8, (i) => ({ name: "Hamster", email: i % 2 ? "hamster@example.org" : "HAMSTER@example.org" }));
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(results.filter((r) => r.kind === "BookingConfirmation")).toHaveLength(1);
    expect(results.filter((r) => r.code === "SAME_SERVICE_ALREADY_BOOKED")).toHaveLength(11);
    expect(await h.database.db.prisma.booking.count({ where: { tenantId: office.tenantId, emailNormalized: "hamster@example.org", status: "CONFIRMED" } })).toBe(1);
  });

  it("treats one phone number as one person across different addresses", async () => {
    const results = await confirmAtOnce(8, 14, (i) => ({ name: "Hamster", email: `h${i}@example.org`, phone: "+49 30 1234567" }));
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(results.filter((r) => r.kind === "BookingConfirmation")).toHaveLength(1);
    expect(results.filter((r) => r.code === "SAME_SERVICE_ALREADY_BOOKED")).toHaveLength(7);
  });
});
