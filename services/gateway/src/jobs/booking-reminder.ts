import { reminderAt } from "@terminvergabe/core";
import { JobRepository, OutboxRepository } from "@terminvergabe/db";
import type { AppServices } from "../app-services.ts";
import { bookingMail, manageUrl } from "../booking/mail-data.ts";
import { BOOKING_REMINDER, type ReminderPayload } from "../booking/reminder.ts";
import { sealMail } from "../mail/mail-cipher.ts";
import { renderBookingMail } from "../mail/render-booking-mail.ts";
import { PermanentJobError, type Task } from "./runner.ts";

function payloadOf(raw: unknown): ReminderPayload {
  const p = raw as Partial<ReminderPayload> | null;
  for (const key of ["tenantId", "bookingId", "start", "sealedToken"] as const) {
    if (typeof p?.[key] !== "string") throw new PermanentJobError(`booking reminder without ${key}`);
  }
  return p as ReminderPayload;
}

/**
 * Enqueued when a booking is confirmed (in the confirming statement), due `reminderHours`
 * before the appointment: mails a reminder with the manage link and the documents to
 * bring. Only a booking that is still CONFIRMED gets it; a moved one gets it for its new
 * time (this job plans itself anew, or mails at once when the new time is already close);
 * a cancelled one none. Running twice mails once.
 */
export function bookingReminderTask(services: AppServices): Task {
  const jobs = new JobRepository(services.db);
  const outbox = new OutboxRepository(services.db);
  return {
    kind: BOOKING_REMINDER,
    maxAttempts: 5,
    backoffMs: 60_000,
    async run({ job, now }) {
      const p = payloadOf(job.payload);
      const at = now();
      const [tenant, booking] = await Promise.all([services.tenants.byId(p.tenantId), services.bookings.byId(p.tenantId, p.bookingId)]);
      if (!tenant || !booking || booking.status !== "CONFIRMED" || !booking.contactEmail || !booking.reference) return;
      if (booking.start.getTime() <= at.getTime()) return;
      if (booking.start.toISOString() !== p.start) {
        const next = reminderAt(tenant.policy, booking.start, at);
        if (next) {
          await jobs.enqueue({
            kind: BOOKING_REMINDER,
            tenantId: tenant.id,
            runAt: next,
            jobKey: `${BOOKING_REMINDER}:${booking.id}:${booking.start.getTime()}`,
            payload: { ...p, start: booking.start.toISOString() },
          });
          return;
        }
      }
      const [offices, catalogue] = await Promise.all([services.tenants.offices(tenant.id), services.tenants.services(tenant.id)]);
      const office = offices.find((o) => o.id === booking.officeId);
      if (!office) return;
      const token = services.mailCipher.open(p.sealedToken);
      const mail = bookingMail((data) => sealMail(services.mailCipher, renderBookingMail(data)), "REMINDER", {
        tenant,
        office,
        services: catalogue,
        booking,
        reference: booking.reference,
        icsSequence: booking.icsSequence,
        manageUrl: manageUrl(services.config.publicUrl, tenant.slug, booking.reference, token),
        now: at,
      });
      if (await outbox.addOnce(tenant.id, booking.id, mail)) services.logger.info("job.booking_reminder", { bookingId: booking.id });
    },
  };
}
