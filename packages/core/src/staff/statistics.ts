/** Bookings of one office and period, counted by status (what the database groups). */
export type StatusCounts = Readonly<Partial<Record<string, number>>>;

/**
 * The share of appointments with recorded attendance that were missed:
 * NO_SHOW / (NO_SHOW + CHECKED_IN + COMPLETED). Null when nothing was recorded — an
 * office that never marks attendance has no rate, not a rate of zero. UNMARKED ones
 * (nobody recorded anything) and cancelled ones are left out.
 */
export function noShowRate(counts: StatusCounts): number | null {
  const missed = counts.NO_SHOW ?? 0;
  const recorded = missed + (counts.CHECKED_IN ?? 0) + (counts.COMPLETED ?? 0);
  return recorded === 0 ? null : missed / recorded;
}
