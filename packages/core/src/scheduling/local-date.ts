/**
 * Calendar arithmetic on local (wall-clock) dates and times, without `Date` objects.
 *
 * A local date is represented internally as a *day number*: days since 1970-01-01 in the
 * proleptic Gregorian calendar. A local wall-clock time is minutes since local midnight.
 * The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`.
 */

/** Minutes in a nominal (non-DST-change) day. */
export const MINUTES_PER_DAY = 1440;

/** A local calendar date as `YYYY-MM-DD`, e.g. `"2021-09-01"`. */
export type LocalDate = string;

/** A local wall-clock time as `HH:MM` (24-hour), e.g. `"09:00"`. */
export type LocalTime = string;

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` that names a real calendar day; `null` otherwise. */
export function parseLocalDate(text: string): number | null {
  if (typeof text !== "string") return null;
  const m = LOCAL_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  return back.month === month && back.day === day ? n : null;
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatLocalDate(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Parses a strict `HH:MM` into minutes since midnight. `"24:00"` is accepted only when
 * `allowEndOfDay` is set (a window or closure may end at midnight).
 */
export function parseLocalTime(text: string, allowEndOfDay = false): number | null {
  if (typeof text !== "string") return null;
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h === 24 && min === 0 && allowEndOfDay) return MINUTES_PER_DAY;
  if (h > 23) return null;
  return h * 60 + min;
}
