import { err, ok, type Result } from "../shared/result.ts";
import { type ContactError, EMAIL_PATTERN, normalizeEmail, normalizePhone } from "./contact.ts";
import { checkBookingLimits, type LimitPolicy, type LimitViolation } from "./limits.ts";

/**
 * Who is asking at step 3, as the limits key a person: the normalised e-mail and phone that
 * were typed (either may be missing, not both). A value typed but malformed is an error.
 */
export function contactCheckKey(input: { email?: string | null; phone?: string | null }): Result<{ emailNormalized: string | null; phoneNormalized: string | null }, ContactError> {
  const email = input.email?.trim() ?? "";
  const phone = input.phone?.trim() ?? "";
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email))) return err({ field: "email", code: "EMAIL_INVALID" });
  const phoneNormalized = phone ? normalizePhone(phone) : null;
  if (phone && !phoneNormalized) return err({ field: "phone", code: "PHONE_INVALID" });
  if (!email && !phoneNormalized) return err({ field: "email", code: "EMAIL_INVALID" });
  return ok({ emailNormalized: email ? normalizeEmail(email) : null, phoneNormalized });
}

/** One live future booking of a person, as the contact check sees it (no date, no name). */
export interface PersonLiveBooking {
  id: string;
  serviceIds: readonly string[];
}

/** What step 3 may tell whoever typed the contact: the rule and the count, never when. */
export type ContactCheck =
  | { blocked: false }
  | {
      blocked: true;
      violation: LimitViolation;
      /** The person's open appointments (counted by the rule TOO_MANY_ACTIVE_BOOKINGS). */
      openBookings: number;
      /** The bookings whose manage links would unblock the person (none for no-shows). */
      blockingIds: string[];
    };

/**
 * Would the anti-hoarding limits refuse this person's booking of `serviceIds`? The same rule
 * as at confirmation ({@link checkBookingLimits}), asked early, plus which of their bookings
 * block them: all of them when too many are open, those of the same concern when that one
 * is booked already, none after too many no-shows (no manage link helps then).
 */
export function checkContact(
  live: readonly PersonLiveBooking[],
  noShowStarts: readonly Date[],
  serviceIds: readonly string[],
  policy: LimitPolicy,
  now: Date,
): ContactCheck {
  const history = { activeFutureBookings: live.length, activeServiceIds: [...new Set(live.flatMap((b) => b.serviceIds))], noShowStarts };
  const violation = checkBookingLimits(history, serviceIds, policy, now);
  if (!violation) return { blocked: false };
  const blocking =
    violation.kind === "TOO_MANY_ACTIVE_BOOKINGS"
      ? live
      : violation.kind === "SAME_SERVICE_ALREADY_BOOKED"
        ? live.filter((b) => b.serviceIds.includes(violation.serviceId))
        : [];
  return { blocked: true, violation, openBookings: live.length, blockingIds: blocking.map((b) => b.id) };
}

/** A booking's manage link is mailed on request at most once in this many minutes (no mail bombing). */
export const MANAGE_LINK_QUIET_MINUTES = 10;

/** Mails of manage links sent after this instant still keep a booking quiet at `now`. */
export function manageLinkQuietSince(now: Date): Date {
  return new Date(now.getTime() - MANAGE_LINK_QUIET_MINUTES * 60_000);
}
