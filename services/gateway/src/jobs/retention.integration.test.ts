import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { retentionTask } from "./retention.ts";

const NOW = new Date("2030-03-10T12:00:00Z");
const DAY = 86_400_000;

/**
 * Issue 16, item 9: nothing was ever deleted — expired holds, bookings with names, e-mails
 * and phones, and the outbox with full mail bodies piled up.
 */
describe.each(testTargets())("the retention job ($name)", (target) => {
  let h: Harness;
  let keeps: TinyOffice;
  let erases: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { jobs: false, clock: () => NOW });
    erases = await createTinyOffice(h.database.db, { slug: "erases", date: "2030-03-01", until: "17:00" });
    keeps = await createTinyOffice(h.database.db, { slug: "keeps", date: "2030-03-01", until: "17:00", policy: { retentionDays: 0 } });
  });
  afterAll(async () => h?.close());

  async function booking(o: TinyOffice, startsAt: Date, status: "CONFIRMED" | "COMPLETED" | "EXPIRED" | "CANCELLED", n: number) {
    const p = h.database.db.prisma;
    const counter = await p.counter.findFirstOrThrow({ where: { officeId: o.officeId } });
    const confirmed = status !== "EXPIRED";
    return p.booking.create({
      data: {
        tenantId: o.tenantId,
        officeId: o.officeId,
        counterId: counter.id,
        status,
        channel: "ONLINE",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        reference: confirmed ? `REF${n}-AAAA` : null,
        contactName: `Person ${n}`,
        contactEmail: `p${n}@example.org`,
        emailNormalized: `p${n}@example.org`,
        contactPhone: "+49 30 1234567",
        phoneNormalized: "+49301234567",
        manageTokenHash: confirmed ? "a".repeat(64) : null,
        confirmedAt: confirmed ? new Date(startsAt.getTime() - 10 * DAY) : null,
        createdAt: new Date(startsAt.getTime() - 10 * DAY),
        items: { create: [{ serviceId: o.serviceId, quantity: 1 }] },
      },
    });
  }

  async function mail(o: TinyOffice, bookingId: string, status: "SENT" | "PENDING", sentAt: Date | null) {
    return h.database.db.prisma.mailOutbox.create({
      data: { tenantId: o.tenantId, bookingId, kind: "CONFIRMATION", toAddress: "p@example.org", subject: "Termin", textBody: "Link #token=secret", htmlBody: "<p>x</p>", icsContent: "BEGIN:VCALENDAR", status, sentAt },
    });
  }

  it("erases personal data past the tenant's retention, deletes expired holds, drops delivered bodies; statistics stay", async () => {
    const p = h.database.db.prisma;
    const old = await booking(erases, new Date(NOW.getTime() - 3 * DAY), "COMPLETED", 1);
    const recent = await booking(erases, new Date(NOW.getTime() - 1 * DAY), "COMPLETED", 2);
    const future = await booking(erases, new Date(NOW.getTime() + 2 * DAY), "CONFIRMED", 3);
    const kept = await booking(keeps, new Date(NOW.getTime() - 30 * DAY), "COMPLETED", 4);
    const expired = await booking(erases, new Date(NOW.getTime() + 5 * DAY), "EXPIRED", 5);
    const oldMail = await mail(erases, old.id, "SENT", new Date(NOW.getTime() - 4 * DAY));
    const futureSent = await mail(erases, future.id, "SENT", new Date(NOW.getTime() - 1 * DAY));
    const futurePending = await mail(erases, future.id, "PENDING", null);

    const run = () => retentionTask(h.app.services, null).run({ job: {} as never, signal: new AbortController().signal, now: () => NOW });
    await run();

    const after = async (id: string) => p.booking.findUnique({ where: { id }, include: { items: true } });
    const erased = (await after(old.id))!;
    expect(erased).toMatchObject({ contactName: null, contactEmail: null, emailNormalized: null, contactPhone: null, phoneNormalized: null, manageTokenHash: null });
    // What the statistics read stays.
    expect(erased).toMatchObject({ status: "COMPLETED", channel: "ONLINE", officeId: erases.officeId, reference: "REF1-AAAA" });
    expect(erased.items).toHaveLength(1);
    expect((await after(recent.id))!.contactName).toBe("Person 2");
    expect((await after(future.id))!.contactEmail).toBe("p3@example.org");
    expect((await after(kept.id))!.contactName).toBe("Person 4");
    expect(await after(expired.id)).toBeNull();

    expect(await p.mailOutbox.findUnique({ where: { id: oldMail.id } })).toMatchObject({ toAddress: "", textBody: "", htmlBody: null, icsContent: null, status: "SENT" });
    expect(await p.mailOutbox.findUnique({ where: { id: futureSent.id } })).toMatchObject({ toAddress: "p@example.org", textBody: "", htmlBody: null, icsContent: null });
    // Not yet delivered: untouched.
    expect(await p.mailOutbox.findUnique({ where: { id: futurePending.id } })).toMatchObject({ textBody: "Link #token=secret" });

    // A second run changes nothing.
    const before = JSON.stringify(await p.booking.findMany({ orderBy: { id: "asc" } }));
    await run();
    expect(JSON.stringify(await p.booking.findMany({ orderBy: { id: "asc" } }))).toBe(before);
  });
});
