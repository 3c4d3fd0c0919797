/**
 * How long and how many holds: a hold blocks a time for everyone else, so its total life is
 * capped and an address may keep only a few at once. WCAG 2.2.1 (Timing Adjustable) still
 * holds: the citizen is warned before the end and may extend at least ten times — the
 * extensions are short, so ten of them fit under the cap.
 */
export interface HoldLimitPolicy {
  /** Minutes a new hold lasts. */
  holdMinutes: number;
  /** Minutes a hold may live in total, extensions included. */
  holdMaxMinutes: number;
  /** Holds one client address may keep at once per tenant (0: no limit). */
  maxHoldsPerAddress: number;
  /**
   * Bookings one client address may confirm per tenant and hour (0: no limit). A fleet of
   * bots on many addresses with throw-away mailboxes passes the per-person limits; this is
   * what keeps each of its addresses to a household's share of a release.
   */
  maxBookingsPerAddressPerHour: number;
}

/** WCAG 2.2.1: at least ten extensions, each giving at least 20 seconds. */
export const MIN_HOLD_EXTENSIONS = 10;
export const MIN_HOLD_EXTENSION_MS = 20_000;

const MINUTE = 60_000;

/** What one extension adds: the time between the first expiry and the cap, in ten parts (at most a whole hold, at least 20 s). */
export function holdExtensionMs(policy: Pick<HoldLimitPolicy, "holdMinutes" | "holdMaxMinutes">): number {
  const spare = (policy.holdMaxMinutes - policy.holdMinutes) * MINUTE;
  return Math.max(MIN_HOLD_EXTENSION_MS, Math.min(policy.holdMinutes * MINUTE, Math.floor(spare / MIN_HOLD_EXTENSIONS)));
}

/** The latest a hold made at `heldSince` may last: the cap, stretched if needed so ten extensions fit. */
export function holdDeadline(heldSince: Date, policy: Pick<HoldLimitPolicy, "holdMinutes" | "holdMaxMinutes">): Date {
  const total = Math.max(policy.holdMaxMinutes * MINUTE, policy.holdMinutes * MINUTE + MIN_HOLD_EXTENSIONS * holdExtensionMs(policy));
  return new Date(heldSince.getTime() + total);
}

/**
 * The expiry after one more extension: one step after the current expiry (or after now,
 * should it have passed), never beyond the deadline; null when the deadline is reached.
 */
export function extendedHoldExpiry(
  heldSince: Date,
  currentExpiry: Date,
  now: Date,
  policy: Pick<HoldLimitPolicy, "holdMinutes" | "holdMaxMinutes">,
): Date | null {
  const deadline = holdDeadline(heldSince, policy).getTime();
  const from = Math.max(currentExpiry.getTime(), now.getTime());
  if (from >= deadline) return null;
  return new Date(Math.min(deadline, from + holdExtensionMs(policy)));
}

/** Whether an address keeping `liveHolds` holds of a tenant may take one more. */
export function mayHoldAnother(liveHolds: number, policy: Pick<HoldLimitPolicy, "maxHoldsPerAddress">): boolean {
  return policy.maxHoldsPerAddress <= 0 || liveHolds < policy.maxHoldsPerAddress;
}

/** Whether an address that confirmed `bookingsLastHour` bookings of a tenant in the last hour may confirm another. */
export function mayConfirmAnother(bookingsLastHour: number, policy: Pick<HoldLimitPolicy, "maxBookingsPerAddressPerHour">): boolean {
  return policy.maxBookingsPerAddressPerHour <= 0 || bookingsLastHour < policy.maxBookingsPerAddressPerHour;
}
