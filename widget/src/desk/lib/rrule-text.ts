/**
 * Human descriptions of RRULE bodies for rules the hours editor cannot edit, so an admin can
 * read what such a rule does. The `rrule` library's `toText` is English only and quietly
 * leaves BYSETPOS out ("every month on weekdays" for the last weekday of the month), so
 * German is written here and English comes from `toText` only where it says everything.
 * Null means: no faithful description, show the raw rule.
 */
import { type Options, RRule } from "rrule";

const DAYS_DE = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
const MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
const UNITS_DE: Record<number, [every: string, unit: string]> = {
  [RRule.YEARLY]: ["jährlich", "Jahre"],
  [RRule.MONTHLY]: ["monatlich", "Monate"],
  [RRule.WEEKLY]: ["wöchentlich", "Wochen"],
  [RRule.DAILY]: ["täglich", "Tage"],
};
/** Parts that change which days a rule opens and that neither description below covers. */
const UNDESCRIBED = ["byyearday", "byweekno", "byhour", "byminute", "bysecond", "byeaster"] as const;

type Parsed = Partial<Options> & { byeaster?: number | null };

function parse(body: string): Parsed | null {
  try {
    return RRule.parseString(body.replace(/^RRULE:/i, "")) as Parsed;
  } catch {
    return null;
  }
}

const list = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

/** "1., 2. und 4." */
function joinDe(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} und ${items.at(-1)}` : (items[0] ?? "");
}

/** As after "am": 2 → "2.", -1 → "letzten", -2 → "vorletzten", -3 → "3.-letzten". */
function ordinalDe(n: number): string {
  if (n > 0) return `${n}.`;
  return n === -1 ? "letzten" : n === -2 ? "vorletzten" : `${-n}.-letzten`;
}

/** Positive first, then from the end (-1 last). */
const byPosition = (a: number, b: number) => (a < 0 ? 1000 + a : a) - (b < 0 ? 1000 + b : b);

function dateDe(date: Date): string {
  return `${String(date.getUTCDate()).padStart(2, "0")}.${String(date.getUTCMonth() + 1).padStart(2, "0")}.${date.getUTCFullYear()}`;
}

/** The weekdays of BYDAY, grouped by week of the month: "Mo, Mi", "2. und 4. Sa", "letzten Fr". */
function weekdaysDe(options: Parsed): string | null {
  const days = list(options.byweekday).map((d) => (typeof d === "number" ? { weekday: d, n: undefined } : (d as { weekday: number; n?: number })));
  if (!days.length) return null;
  const plain = days.filter((d) => !d.n).map((d) => d.weekday);
  const byDay = new Map<number, number[]>();
  for (const d of days.filter((d) => d.n)) byDay.set(d.weekday, [...(byDay.get(d.weekday) ?? []), d.n!]);
  const parts = [...byDay].map(([weekday, weeks]) => `${joinDe(weeks.sort(byPosition).map(ordinalDe))} ${DAYS_DE[weekday]}`);
  if (plain.length) parts.unshift([...new Set(plain)].sort((a, b) => a - b).map((d) => DAYS_DE[d]).join(", "));
  return parts.join(", ");
}

/**
 * A German description of an RRULE body, e.g. "monatlich am 2. und 4. Sa" or "monatlich am
 * letzten der Tage Mo, Di, Mi, Do, Fr"; null when it has parts this cannot describe.
 */
export function describeRruleDe(body: string): string | null {
  const options = parse(body);
  if (!options || options.freq == null || !(options.freq in UNITS_DE)) return null;
  if (UNDESCRIBED.some((key) => list(options[key] as number | number[] | null).length > 0)) return null;
  const [every, unit] = UNITS_DE[options.freq]!;
  const interval = options.interval ?? 1;
  const parts = [interval > 1 ? `alle ${interval} ${unit}` : every];
  const months = list(options.bymonth);
  if (months.length) parts.push(`im ${joinDe(months.map((m) => MONTHS_DE[m - 1]!))}`);
  const monthDays = list(options.bymonthday).sort(byPosition).map(ordinalDe);
  const set = [monthDays.length ? `${joinDe(monthDays)} Tag des Monats` : null, weekdaysDe(options)].filter(Boolean).join(", ");
  const positions = list(options.bysetpos);
  if (positions.length) {
    if (!set) return null;
    const which = joinDe(positions.sort(byPosition).map(ordinalDe));
    parts.push(`am ${which} der Tage ${set}`);
  } else if (set) parts.push(`am ${set}`);
  let text = parts.join(" ");
  if (options.count) text += `, ${options.count}-mal`;
  if (options.until) text += `, bis ${dateDe(options.until)}`;
  return text;
}

/** English from the `rrule` library, unless the rule has parts its text leaves out. */
export function describeRruleEn(body: string): string | null {
  const options = parse(body);
  if (!options || options.freq == null) return null;
  if ([...UNDESCRIBED, "bysetpos"].some((key) => list(options[key as keyof Parsed] as number | number[] | null).length > 0)) return null;
  try {
    const rule = new RRule(options);
    return rule.isFullyConvertibleToText() ? rule.toText() : null;
  } catch {
    return null;
  }
}
