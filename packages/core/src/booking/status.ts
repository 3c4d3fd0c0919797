/**
 * A booking's life. A hold is a booking in status HELD (one table, one exclusion
 * constraint); confirming it makes it live; staff close it at the desk.
 *
 * CHECKED_IN (the person is at the desk) and UNMARKED (the day passed and nobody recorded
 * attendance) came with the staff desk (migration 0008_staff).
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
  "UNMARKED",
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * Every status change the domain allows. A change not listed here is a bug in the
 * decider (a test walks every command in every status against this table).
 */
export const BOOKING_TRANSITIONS: { readonly [S in BookingStatus]: readonly BookingStatus[] } = {
  HELD: ["PENDING_VERIFICATION", "CONFIRMED", "EXPIRED"],
  PENDING_VERIFICATION: ["CONFIRMED", "CANCELLED", "EXPIRED", "NO_SHOW"],
  CONFIRMED: ["CANCELLED", "CHECKED_IN", "COMPLETED", "NO_SHOW", "UNMARKED"],
  // Back to CONFIRMED: the desk undoes a mark on the appointment's own day.
  CHECKED_IN: ["COMPLETED", "CONFIRMED"],
  CANCELLED: [],
  EXPIRED: [],
  COMPLETED: ["CONFIRMED"],
  NO_SHOW: ["CONFIRMED"],
  // Attendance recorded late (the next morning) is still welcome.
  UNMARKED: ["COMPLETED", "NO_SHOW"],
};

/** Attendance the desk records; undone (back to CONFIRMED) only on the appointment's day. */
export const ATTENDANCE_STATUSES = ["CHECKED_IN", "COMPLETED", "NO_SHOW"] as const satisfies readonly BookingStatus[];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export function isAttendance(status: BookingStatus): status is AttendanceStatus {
  return status === "CHECKED_IN" || status === "COMPLETED" || status === "NO_SHOW";
}

/**
 * Statuses that keep a counter's time: live bookings, holds and a person checked in at the
 * desk. The database's exclusion constraint and counter lock list the same (0008_staff_live).
 */
export const BLOCKING_STATUSES = ["HELD", "PENDING_VERIFICATION", "CONFIRMED", "CHECKED_IN"] as const satisfies readonly BookingStatus[];

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
