import { BookingRepository, type Database, hashToken, newToken } from "@terminvergabe/db";
import { renderBookingMail } from "../src/mail/render-booking-mail.ts";
import { sampleMailData } from "../src/mail/testing/mail-fixtures.ts";
import { bookingFigures } from "./load.ts";

/**
 * The database's share of a booking, alone: the three statements every booking makes
 * (insert the hold, read for the confirmation, the guarded write with history, outbox mail
 * and audit), through the gateway's own repository from `clients` concurrent `pg`
 * connections, with a real rendered mail, but no HTTP, no GraphQL and no decisions. What
 * no gateway, however lean, could beat on this database.
 */
export async function runSqlOnlyBookings(
  db: Database,
  office: { tenantId: string; officeId: string; serviceId: string; counterIds: readonly string[]; firstIndex?: number },
  bookings: number,
  clients: number,
): Promise<{ bookings: number; failures: number; bookingsPerSecond: number; p50Ms: number; p99Ms: number }> {
  const repo = new BookingRepository(db);
  const rendered = renderBookingMail(sampleMailData());
  const mail = { kind: "CONFIRMATION", ...rendered };
  // Distinct 10-minute intervals, round-robin over the counters, far from any other run.
  const base = Date.UTC(2031, 0, 6, 8);
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bookings) {
        // Booking i gets its own interval, e-mail address and reference.
        const i = (office.firstIndex ?? 0) + next++;
        const started = performance.now();
        const now = new Date();
        const startsAt = new Date(base + Math.floor(i / office.counterIds.length) * 600_000);
        const held = await repo.insertHold(
          {
            tenantId: office.tenantId,
            officeId: office.officeId,
            counterId: office.counterIds[i % office.counterIds.length]!,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 600_000),
            holdExpiresAt: new Date(now.getTime() + 600_000),
            holdTokenHash: hashToken(newToken()),
            channel: "ONLINE",
            items: [{ serviceId: office.serviceId, quantity: 1 }],
          },
          now,
        );
        if (!held.ok) {
          failures++;
          continue;
        }
        const person = { emailNormalized: `sql${i}@example.org`, phoneNormalized: null };
        const read = await repo.readForConfirm(held.value.id, person, now);
        const outcome = await repo.confirmWrite({
          holdId: held.value.id,
          now,
          person,
          personDigest: read.personDigest,
          write: {
            reference: `SQL${i}`,
            status: "CONFIRMED",
            contact: { name: `Bench ${i}`, email: person.emailNormalized, emailNormalized: person.emailNormalized, phone: null, phoneNormalized: null },
            locale: "de",
            manageTokenHash: hashToken(newToken()),
            verifyTokenHash: null,
            verifyDeadline: null,
            mail: { ...mail, toAddress: person.emailNormalized },
            actor: "citizen",
          },
        });
        if (outcome === "CONFIRMED") latencies.push(performance.now() - started);
        else failures++;
      }
    }),
  );
  return { ...bookingFigures(latencies, (performance.now() - t0) / 1000), failures };
}
