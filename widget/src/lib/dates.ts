/**
 * Calendar arithmetic on plain `YYYY-MM-DD` dates (the API's `Date` scalar: a day in the
 * office's time zone) and Intl formatting of instants in the office's time zone.
 * Plain dates are handled at UTC noon so no local time zone or DST can shift them.
 */

export type IsoDate = string;

const pad = (n: number) => String(n).padStart(2, "0");

export function toIso(date: Date): IsoDate {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function fromIso(iso: IsoDate): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const date = fromIso(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** Same day of month `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const date = fromIso(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0, 12)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return toIso(date);
}

export const startOfMonth = (iso: IsoDate): IsoDate => `${iso.slice(0, 7)}-01`;

export function endOfMonth(iso: IsoDate): IsoDate {
  return addDays(addMonths(startOfMonth(iso), 1), -1);
}

/** ISO weekday, Monday = 0 … Sunday = 6 (German weeks start on Monday). */
export function weekday(iso: IsoDate): number {
  return (fromIso(iso).getUTCDay() + 6) % 7;
}

export const startOfWeek = (iso: IsoDate): IsoDate => addDays(iso, -weekday(iso));
export const endOfWeek = (iso: IsoDate): IsoDate => addDays(iso, 6 - weekday(iso));

/** The weeks (Monday–Sunday) that show the month of `iso`; days outside it are null. */
export function monthGrid(iso: IsoDate): (IsoDate | null)[][] {
  const first = startOfMonth(iso);
  const month = first.slice(0, 7);
  const last = endOfMonth(first);
  const weeks: (IsoDate | null)[][] = [];
  for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => {
      const d = addDays(monday, i);
      return d.slice(0, 7) === month ? d : null;
    }));
  }
  return weeks;
}

/** Today's date in a time zone (the office's, not the browser's). */
export function today(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The calendar date of an instant in a time zone. */
export const dateOf = (instant: string, timeZone: string): IsoDate => today(timeZone, new Date(instant));

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** "Dienstag, 3. März 2026" for a plain date. */
export function formatDate(iso: IsoDate, locale: string, style: "long" | "month" | "weekday-short" = "long"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "month"
      ? { month: "long", year: "numeric" }
      : style === "weekday-short"
        ? { weekday: "short" }
        : { weekday: "long", day: "numeric", month: "long", year: "numeric" };
  return formatter(locale, { ...options, timeZone: "UTC" }).format(fromIso(iso));
}

/** "09:15" for an instant, in the office's time zone. */
export function formatTime(instant: string, locale: string, timeZone: string): string {
  return formatter(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(instant));
}

/** "09:15–09:30" */
export function formatTimeRange(start: string, end: string, locale: string, timeZone: string): string {
  return `${formatTime(start, locale, timeZone)}–${formatTime(end, locale, timeZone)}`;
}

/** "Dienstag, 3. März 2026, 09:15–09:30" */
export function formatSlot(start: string, end: string, locale: string, timeZone: string): string {
  return `${formatDate(dateOf(start, timeZone), locale)}, ${formatTimeRange(start, end, locale, timeZone)}`;
}

/** Seconds as "m:ss" for the hold countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** Weekday names Monday … Sunday in a locale, short and long. */
export function weekdayNames(locale: string): { short: string; long: string }[] {
  const monday = "2024-01-01";
  return Array.from({ length: 7 }, (_, i) => {
    const date = fromIso(addDays(monday, i));
    return {
      short: formatter(locale, { weekday: "short", timeZone: "UTC" }).format(date),
      long: formatter(locale, { weekday: "long", timeZone: "UTC" }).format(date),
    };
  });
}

/** The `count` slots closest in time to `target` (for "your time was taken, how about …"). */
export function nearest<T extends { start: string }>(slots: T[], target: string, count = 3): T[] {
  const t = Date.parse(target);
  return [...slots]
    .sort((a, b) => Math.abs(Date.parse(a.start) - t) - Math.abs(Date.parse(b.start) - t))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
