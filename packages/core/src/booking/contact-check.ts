import { checkBookingLimits, type LimitPolicy, type LimitViolation } from "./limits.ts";

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
