import { parseLocalDate } from "../scheduling/local-date.ts";
import { localDayBounds } from "../scheduling/time-zone.ts";

/**
 * The instants [start, end) of the local dates `from`…`to` (inclusive, `YYYY-MM-DD`) in
 * `timeZone` — 23 or 25 hours on daylight-saving days. Null when a date is malformed or
 * the range is reversed.
 */
export function localDaysRange(timeZone: string, from: string, to: string = from): { start: Date; end: Date } | null {
  const first = parseLocalDate(from);
  const last = parseLocalDate(to);
  if (first === null || last === null || last < first) return null;
  return { start: new Date(localDayBounds(timeZone, first).start * 60_000), end: new Date(localDayBounds(timeZone, last).end * 60_000) };
}
