import { err, ok, type Result } from "../shared/result.ts";

/** A counter change the core refuses. */
export type CounterChangeRejection = {
  readonly type: "COUNTER_HAS_FUTURE_BOOKINGS";
  /** Live bookings still ahead on the counter: what the admin must cancel or move first. */
  readonly bookings: number;
};

/**
 * Whether a counter may go from `current` to `next`. Deactivating a counter while live
 * bookings lie ahead on it is refused, naming how many: those citizens would come to a
 * counter nobody staffs. The admin first cancels them (a mass cancellation of this counter)
 * or moves them; a counter without future bookings, or one that stays active, may change.
 *
 * `futureLiveBookings` counts the counter's live bookings (confirmed or awaiting e-mail
 * confirmation) that start after now, read in the same transaction as the change.
 */
export function decideCounterChange(
  current: { readonly active: boolean },
  next: { readonly active: boolean },
  futureLiveBookings: number,
): Result<void, CounterChangeRejection> {
  const deactivating = current.active && !next.active;
  if (deactivating && futureLiveBookings > 0) return err({ type: "COUNTER_HAS_FUTURE_BOOKINGS", bookings: futureLiveBookings });
  return ok(undefined);
}
