import { reminderAt, type Tenant } from "@terminvergabe/core";
import type { BookingRecord } from "@terminvergabe/db";
import type { MailCipher } from "../mail/mail-cipher.ts";

export const BOOKING_REMINDER = "booking-reminder";

/** What a reminder job carries: the manage token only sealed (it is a usable token). */
export interface ReminderPayload {
  tenantId: string;
  bookingId: string;
  /** The start the reminder was planned for; a moved appointment plans anew. */
  start: string;
  sealedToken: string;
}

/**
 * The reminder job of a booking being confirmed (enqueued in the confirming statement),
 * or null: no e-mail address, the tenant sends none, or the appointment is too close.
 */
export function reminderJob(
  tenant: Tenant,
  record: Pick<BookingRecord, "id" | "start" | "contactEmail">,
  manageToken: string,
  cipher: Pick<MailCipher, "seal">,
  now: Date,
): { runAt: Date; jobKey: string; payload: Record<string, unknown> } | null {
  if (!record.contactEmail) return null;
  const runAt = reminderAt(tenant.policy, record.start, now);
  if (!runAt) return null;
  const payload: ReminderPayload = { tenantId: tenant.id, bookingId: record.id, start: record.start.toISOString(), sealedToken: cipher.seal(manageToken) };
  return { runAt, jobKey: `${BOOKING_REMINDER}:${record.id}:${record.start.getTime()}`, payload: { ...payload } };
}
