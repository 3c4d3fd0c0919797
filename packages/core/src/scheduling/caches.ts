import { clearHolidayCache } from "./holidays.ts";
import { clearRecurrenceCache } from "./recurrence.ts";
import { clearTimeZoneCaches } from "./time-zone.ts";

/**
 * Drops the engine's memo caches (compiled recurrences, time-zone offsets, holiday calendars). They are pure
 * and bounded, so this is only needed for cold-cache measurements and test isolation.
 */
export function clearSchedulingCaches(): void {
  clearHolidayCache();
  clearRecurrenceCache();
  clearTimeZoneCaches();
}
