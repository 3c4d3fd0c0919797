/**
 * Public holidays per German state, from `date-holidays` (type "public" only: bank,
 * school, optional and observance days such as Christmas Eve do not close an office —
 * agencies add a closure for those).
 */
import Holidays from "date-holidays";
import { civilFromDays, parseLocalDate } from "./local-date.ts";

interface RegionCalendar {
  readonly lib: Holidays;
  readonly years: Map<number, Map<number, string>>;
}

const regions = new Map<string, RegionCalendar | null>();
let stateCodes: ReadonlySet<string> | null = null;

/** Whether `region` is a German state code known to date-holidays, e.g. "BB", "NW". */
export function isValidHolidayRegion(region: string): boolean {
  if (stateCodes === null) stateCodes = new Set(Object.keys(new Holidays().getStates("DE") ?? {}));
  return stateCodes.has(region);
}

function calendarFor(region: string): RegionCalendar | null {
  let c = regions.get(region);
  if (c === undefined) {
    c = isValidHolidayRegion(region)
      ? { lib: new Holidays("DE", region, { types: ["public"] }), years: new Map() }
      : null;
    regions.set(region, c);
  }
  return c;
}

/** Holidays of one year as day number → name. */
function yearHolidays(c: RegionCalendar, year: number): Map<number, string> {
  let y = c.years.get(year);
  if (y === undefined) {
    y = new Map();
    for (const h of c.lib.getHolidays(year)) {
      if (h.type !== "public") continue;
      const day = parseLocalDate(h.date.slice(0, 10));
      if (day !== null) y.set(day, h.name);
    }
    c.years.set(year, y);
  }
  return y;
}

/** Lookup of public holidays for one region; `holidayOn` returns the name or `null`. */
export interface HolidayCalendar {
  holidayOn(day: number): string | null;
}

/** The holiday calendar of a German state, or `null` if the code is unknown. */
export function holidayCalendar(region: string): HolidayCalendar | null {
  const c = calendarFor(region);
  if (c === null) return null;
  return { holidayOn: (day) => yearHolidays(c, civilFromDays(day).year).get(day) ?? null };
}

/** Drops the loaded holiday calendars (for cold-cache benchmarks). */
export function clearHolidayCache(): void {
  regions.clear();
}
