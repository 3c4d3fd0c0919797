import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { bookingReminderTask } from "./booking-reminder.ts";

let now = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
// 09:00 Berlin on DAY (CET) = 08:00Z
const at = (hhmm: string) => new Date(`${DAY}T${String(Number(hhmm.slice(0, 2)) - 1).padStart(2, "0")}:${hhmm.slice(3)}:00Z`).toISOString();

const CANCEL = `mutation ($input: ManageBookingInput!) { cancelBooking(input: $input) { __typename } }`;
const RESCHEDULE = `mutation ($input: RescheduleBookingInput!) { rescheduleBooking(input: $input) { __typename ... on Booking { start } } }`;

interface JobRow {
  id: string;
  payload: Record<string, string>;
  runAt: Date;
}

/** Issue 16, item 11: a reminder N hours before the appointment, with manage link and documents. */
describe.each(testTargets())("booking reminders ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, { mailKey: randomBytes(32) }, { jobs: false, clock: () => now });
    o = await createTinyOffice(h.database.db, { slug: "remind", date: DAY, until: "12:00", policy: { reminderHours: 24 } });
  });
  afterAll(async () => h?.close());

  async function book(start: string, email: string) {
    const held = (await h.gql<{ holdSlot: { __typename: string; id: string; token: string } }>(HOLD, {
      input: { tenant: o.tenantSlug, office: "amt", items: [{ serviceId: o.serviceId, quantity: 1 }], start },
    })).body.data!.holdSlot;
    expect(held.__typename).toBe("Hold");
    const done = (await h.gql<{ confirmBooking: { __typename: string; manageToken: string; booking: { id: string; reference: string } } }>(CONFIRM, {
      input: { holdId: held.id, token: held.token, consent: true, contact: { name: "Erika", email } },
    })).body.data!.confirmBooking;
    expect(done.__typename).toBe("BookingConfirmation");
    return done;
  }
  const jobsOf = async (bookingId: string) =>
    (
      await h.database.db.sql.query<JobRow & { payload: unknown }>(
        `SELECT id::text AS id, payload, "runAt" FROM "Job" WHERE kind = 'booking-reminder' AND payload->>'bookingId' = $1 ORDER BY "runAt"`,
        [bookingId],
      )
    ).map((row) => ({ ...row, payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<string, string> }));
  const run = (job: JobRow) =>
    bookingReminderTask(h.app.services).run({ job: { ...job, kind: "booking-reminder" } as never, signal: new AbortController().signal, now: () => now });
  const reminders = (bookingId: string) => h.database.db.prisma.mailOutbox.findMany({ where: { bookingId, kind: "REMINDER" } });

  it("confirming enqueues the reminder 24 h before; it mails the manage link and the documents, once", async () => {
    const done = await book(at("09:00"), "a@example.org");
    const [job, ...more] = await jobsOf(done.booking.id);
    expect(more).toEqual([]);
    expect(new Date(job!.runAt).toISOString()).toBe(new Date(new Date(at("09:00")).getTime() - 24 * 3_600_000).toISOString());
    // The job carries the manage token only sealed.
    expect(JSON.stringify(job!.payload)).not.toContain(done.manageToken);

    await run(job!);
    await run(job!);
    const mails = await reminders(done.booking.id);
    expect(mails).toHaveLength(1);
    const text = h.app.services.mailCipher.open(mails[0]!.textBody);
    expect(mails[0]!.subject).toMatch(/Erinnerung/);
    expect(text).toContain(encodeURIComponent(done.manageToken).replaceAll("%2D", "-"));
    expect(text).toContain("Passbild");
    expect(mails[0]!.icsContent).toBeNull();
  });

  it("a cancelled booking gets no reminder", async () => {
    const done = await book(at("09:30"), "b@example.org");
    const cancelled = await h.gql<{ cancelBooking: { __typename: string } }>(CANCEL, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken },
    });
    expect(cancelled.body.data?.cancelBooking.__typename).toBe("Booking");
    const [job] = await jobsOf(done.booking.id);
    await run(job!);
    expect(await reminders(done.booking.id)).toEqual([]);
  });

  it("a moved booking gets no stale reminder: one for the new time instead", async () => {
    const done = await book(at("10:00"), "c@example.org");
    const moved = await h.gql<{ rescheduleBooking: { __typename: string } }>(RESCHEDULE, {
      input: { tenant: o.tenantSlug, reference: done.booking.reference, token: done.manageToken, start: at("11:00") },
    });
    expect(moved.body.data?.rescheduleBooking.__typename).toBe("Booking");
    // The citizen's move plans the reminder for the new time in its transaction.
    expect(await jobsOf(done.booking.id)).toHaveLength(2);
    const [first] = await jobsOf(done.booking.id);
    await run(first!);
    expect(await reminders(done.booking.id)).toEqual([]);
    const planned = await jobsOf(done.booking.id);
    expect(planned).toHaveLength(2);
    expect(new Date(planned[1]!.runAt).toISOString()).toBe(new Date(new Date(at("11:00")).getTime() - 24 * 3_600_000).toISOString());
    await run(planned[1]!);
    const mails = await reminders(done.booking.id);
    expect(mails).toHaveLength(1);
  });

  it("a booking made closer to its start than the reminder time gets none", async () => {
    const saved = now;
    now = new Date(new Date(at("11:30")).getTime() - 3 * 3_600_000);
    try {
      const done = await book(at("11:30"), "d@example.org");
      expect(await jobsOf(done.booking.id)).toEqual([]);
    } finally {
      now = saved;
    }
  });
});
