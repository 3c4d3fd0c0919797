/**
 * A booking's life. A hold is a booking in status HELD (one table, one exclusion
 * constraint); confirming it makes it live; staff close it at the desk.
 *
 * CHECKED_IN exists in the core only: the database enum gains it with the staff desk.
 */
export const BOOKING_STATUSES = [
  "HELD",
  "PENDING_VERIFICATION",
  "CONFIRMED",
  "CANCELLED",
  "EXPIRED",
  "CHECKED_IN",
  "COMPLETED",
  "NO_SHOW",
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * Every status change the domain allows. A change not listed here is a bug in the
 * decider (a test walks every command in every status against this table).
 */
export const BOOKING_TRANSITIONS: { readonly [S in BookingStatus]: readonly BookingStatus[] } = {
  HELD: ["PENDING_VERIFICATION", "CONFIRMED", "EXPIRED"],
  PENDING_VERIFICATION: ["CONFIRMED", "CANCELLED", "EXPIRED", "NO_SHOW"],
  CONFIRMED: ["CANCELLED", "CHECKED_IN", "COMPLETED", "NO_SHOW"],
  CHECKED_IN: ["COMPLETED"],
  CANCELLED: [],
  EXPIRED: [],
  COMPLETED: [],
  NO_SHOW: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_TRANSITIONS[from].includes(to);
}

/**
 * Booked and not yet settled: it counts against the person's limits, keeps its slot, and
 * its holder may still cancel or move it (before the cut-off).
 */
export const LIVE_STATUSES = ["CONFIRMED", "PENDING_VERIFICATION"] as const satisfies readonly BookingStatus[];
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export function isLive(status: BookingStatus): status is LiveStatus {
  return status === "CONFIRMED" || status === "PENDING_VERIFICATION";
}

/** Whether a citizen may still cancel or reschedule online (before the tenant's cut-off). */
export function changeAllowed(start: Date, now: Date, cutoffMinutes: number): boolean {
  return now.getTime() <= start.getTime() - cutoffMinutes * 60_000;
}

/** Live and before the cut-off: what the manage page offers as "cancel / move". */
export function changeable(booking: { readonly status: BookingStatus; readonly start: Date }, now: Date, cutoffMinutes: number): boolean {
  return isLive(booking.status) && changeAllowed(booking.start, now, cutoffMinutes);
}
