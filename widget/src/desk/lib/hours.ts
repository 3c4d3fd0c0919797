/**
 * The hours editor's model and the RRULE bodies it writes (the server expands them with the
 * same `rrule` library, packages/core/src/scheduling/recurrence.ts): weekly on some
 * weekdays, every second week, or on some weeks of the month ("every 2nd and 4th Saturday"
 * = FREQ=MONTHLY;BYDAY=2SA,4SA).
 */
import { RRule } from "rrule";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** every: each week; biweekly: every second week from the start date; monthly: the given weeks of the month (1–5, -1 = last). */
export type Repeat = { kind: "every" } | { kind: "biweekly" } | { kind: "monthly"; weeks: number[] };

export interface HoursRule {
  kind: "APPOINTMENT" | "WALK_IN";
  days: Weekday[];
  repeat: Repeat;
  /** HH:MM, office time */
  startTime: string;
  endTime: string;
  validFrom: string;
}

const ordered = (days: Weekday[]) => WEEKDAYS.filter((d) => days.includes(d));

/** The RRULE body for a rule, e.g. "FREQ=MONTHLY;BYDAY=2SA,4SA". */
export function toRrule(rule: Pick<HoursRule, "days" | "repeat">): string {
  const days = ordered(rule.days);
  switch (rule.repeat.kind) {
    case "every":
      return `FREQ=WEEKLY;BYDAY=${days.join(",")}`;
    case "biweekly":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${days.join(",")}`;
    case "monthly": {
      const weeks = [...rule.repeat.weeks].sort((a, b) => (a < 0 ? 9 : a) - (b < 0 ? 9 : b));
      return `FREQ=MONTHLY;BYDAY=${days.flatMap((d) => weeks.map((w) => `${w}${d}`)).join(",")}`;
    }
  }
}

/** Reads an RRULE body the editor can show; null for anything it cannot (kept as text). */
export function fromRrule(body: string): Pick<HoursRule, "days" | "repeat"> | null {
  const parts = new Map(body.split(";").map((p) => p.split("=") as [string, string]));
  const byday = (parts.get("BYDAY") ?? "").split(",").filter(Boolean);
  const freq = parts.get("FREQ");
  const interval = parts.get("INTERVAL") ?? "1";
  if ([...parts.keys()].some((k) => !["FREQ", "INTERVAL", "BYDAY"].includes(k)) || !byday.length) return null;
  if (freq === "WEEKLY" && (interval === "1" || interval === "2")) {
    if (!byday.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return null;
    return { days: byday as Weekday[], repeat: interval === "1" ? { kind: "every" } : { kind: "biweekly" } };
  }
  if (freq === "MONTHLY" && interval === "1") {
    const parsed = byday.map((d) => /^(-1|[1-5])(MO|TU|WE|TH|FR|SA|SU)$/.exec(d));
    if (parsed.some((m) => !m)) return null;
    const days = [...new Set(parsed.map((m) => m![2] as Weekday))];
    const weeks = [...new Set(parsed.map((m) => Number(m![1])))];
    // Only a full cross product of days × weeks is one editor rule.
    if (days.length * weeks.length !== parsed.length) return null;
    return { days, repeat: { kind: "monthly", weeks } };
  }
  return null;
}

/** A stored opening rule, as far as the editor's classification looks at it. */
export interface StoredRule {
  /** RRULE body; null: a one-off opening on validFrom. */
  rrule: string | null;
}

/**
 * Splits an office's stored rules into those the editor models (weekdays × every week /
 * every second week / weeks of the month) and the rest — one-off openings, BYMONTHDAY,
 * BYSETPOS, COUNT/UNTIL, INTERVAL above 2, anything else — which it shows read-only and
 * never writes: the editor saves rule by rule (create, delete), so they stay as they are.
 */
export function splitRules<T extends StoredRule>(rules: readonly T[]): { editable: (T & Pick<HoursRule, "days" | "repeat">)[]; readOnly: T[] } {
  const editable: (T & Pick<HoursRule, "days" | "repeat">)[] = [];
  const readOnly: T[] = [];
  for (const rule of rules) {
    const shape = rule.rrule === null ? null : fromRrule(rule.rrule);
    if (shape) editable.push({ ...rule, ...shape });
    else readOnly.push(rule);
  }
  return { editable, readOnly };
}

const DAY_MS = 86_400_000;
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The dates (YYYY-MM-DD) on which an RRULE body (null: one-off on `validFrom`) occurs from
 * `from` for `days` days, counted from `validFrom` as the server does (floating dates at
 * 00:00 UTC), up to `validUntil` when set.
 */
export function occurrences(body: string | null, validFrom: string, from: string, days: number, validUntil: string | null = null): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(start.getTime() + (days - 1) * DAY_MS);
  const dates = body === null ? [new Date(`${validFrom}T00:00:00Z`)] : new RRule({ ...RRule.parseString(body), dtstart: new Date(`${validFrom}T00:00:00Z`) }).between(start, end, true);
  return dates.map(isoOf).filter((d) => d >= from && d <= isoOf(end) && (!validUntil || d <= validUntil));
}

/** HH:MM with start before end. */
export function validTimes(startTime: string, endTime: string): boolean {
  const ok = (t: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
  return ok(startTime) && ok(endTime) && startTime < endTime;
}
