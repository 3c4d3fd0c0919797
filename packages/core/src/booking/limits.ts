/** What the database knows about one person (by normalised e-mail or phone) in one tenant. */
export interface PersonHistory {
  /** Live bookings (confirmed or awaiting verification) that have not started yet. */
  activeFutureBookings: number;
  /** Ids of services among those active future bookings. */
  activeServiceIds: readonly string[];
  /** No-shows within the policy's window. */
  recentNoShows: number;
}

export interface LimitPolicy {
  maxActiveBookingsPerPerson: number;
  noShowLimit: number;
}

export type LimitViolation =
  | { kind: "TOO_MANY_ACTIVE_BOOKINGS"; max: number }
  | { kind: "SAME_SERVICE_ALREADY_BOOKED"; serviceId: string }
  | { kind: "TOO_MANY_NO_SHOWS"; limit: number };

/**
 * Anti-hoarding decision for a new booking of `serviceIds` by a person: at most N active
 * future bookings, no second booking of the same concern, and no online booking after
 * too many recent no-shows. A limit of 0 disables that check.
 */
export function checkBookingLimits(
  history: PersonHistory,
  serviceIds: readonly string[],
  policy: LimitPolicy,
): LimitViolation | null {
  if (policy.noShowLimit > 0 && history.recentNoShows >= policy.noShowLimit) {
    return { kind: "TOO_MANY_NO_SHOWS", limit: policy.noShowLimit };
  }
  if (policy.maxActiveBookingsPerPerson > 0 && history.activeFutureBookings >= policy.maxActiveBookingsPerPerson) {
    return { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: policy.maxActiveBookingsPerPerson };
  }
  const duplicate = serviceIds.find((id) => history.activeServiceIds.includes(id));
  return duplicate ? { kind: "SAME_SERVICE_ALREADY_BOOKED", serviceId: duplicate } : null;
}

/** Whether a citizen may still cancel or reschedule online. */
export function changeAllowed(start: Date, now: Date, cutoffMinutes: number): boolean {
  return now.getTime() <= start.getTime() - cutoffMinutes * 60_000;
}
