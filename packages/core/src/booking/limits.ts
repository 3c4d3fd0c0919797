/** What the database knows about one person (by normalised e-mail or phone) in one tenant. */
export interface PersonHistory {
  /** Live bookings (confirmed or awaiting verification) that have not started yet. */
  activeFutureBookings: number;
  /** Ids of services among those active future bookings. */
  activeServiceIds: readonly string[];
  /** Starts of the person's bookings marked as no-show (any age: the window is the policy's). */
  noShowStarts: readonly Date[];
}

export interface LimitPolicy {
  maxActiveBookingsPerPerson: number;
  noShowLimit: number;
  /** Only no-shows of appointments that started within this many months count. */
  noShowWindowMonths: number;
}

export type LimitViolation =
  | { kind: "TOO_MANY_ACTIVE_BOOKINGS"; max: number }
  | { kind: "SAME_SERVICE_ALREADY_BOOKED"; serviceId: string }
  | { kind: "TOO_MANY_NO_SHOWS"; limit: number };

/** No-shows that still count at `now` (calendar months back, in UTC). */
export function recentNoShows(noShowStarts: readonly Date[], windowMonths: number, now: Date): number {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - windowMonths);
  return noShowStarts.filter((start) => start > since).length;
}

/**
 * Anti-hoarding decision for a new booking of `serviceIds` by a person: at most N active
 * future bookings, no second booking of the same concern, and no online booking after
 * too many recent no-shows. A limit of 0 disables that check.
 */
export function checkBookingLimits(
  history: PersonHistory,
  serviceIds: readonly string[],
  policy: LimitPolicy,
  now: Date,
): LimitViolation | null {
  if (policy.noShowLimit > 0 && recentNoShows(history.noShowStarts, policy.noShowWindowMonths, now) >= policy.noShowLimit) {
    return { kind: "TOO_MANY_NO_SHOWS", limit: policy.noShowLimit };
  }
  if (policy.maxActiveBookingsPerPerson > 0 && history.activeFutureBookings >= policy.maxActiveBookingsPerPerson) {
    return { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: policy.maxActiveBookingsPerPerson };
  }
  const duplicate = serviceIds.find((id) => history.activeServiceIds.includes(id));
  return duplicate ? { kind: "SAME_SERVICE_ALREADY_BOOKED", serviceId: duplicate } : null;
}
