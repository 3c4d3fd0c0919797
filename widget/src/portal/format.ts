const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, time: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${time}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: "long", ...(time ? { timeStyle: "short" } : {}), timeZone })));
  return f;
}

/** "3. März 2026 um 09:15" for an instant in the agency's time zone. */
export const formatInstant = (instant: string, locale: string, timeZone: string): string =>
  formatter(locale, timeZone, true).format(new Date(instant));

/** "1. September 2026 – 28. Februar 2027" for a period of plain dates. */
export const formatPeriod = (from: string, to: string, locale: string): string =>
  [from, to].map((d) => formatter(locale, "UTC", false).format(new Date(`${d}T12:00:00Z`))).join(" – ");
