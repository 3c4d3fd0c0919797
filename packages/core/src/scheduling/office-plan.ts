/**
 * Compiles an {@link Office} into numeric form and derives, per local date, the exact
 * instants each counter is open for appointments (a "day plan").
 *
 * All instants here are epoch minutes; interval lists are flat number arrays
 * (`[start, end, start, end, …]`) to keep the hot paths free of small allocations.
 */
import { err, ok, type Result } from "../shared/result.ts";
import { mergePairs } from "./intervals.ts";
import { holidayCalendar, isValidHolidayRegion, type HolidayCalendar } from "./holidays.ts";
import { MINUTES_PER_DAY, parseLocalDate, parseLocalTime } from "./local-date.ts";
import { compileRecurrence, type Recurrence } from "./recurrence.ts";
import { isValidTimeZone, localDayBounds, localRangeToInstants } from "./time-zone.ts";
import type { ConfigurationIssue, Office } from "./types.ts";

/** Counter index meaning "every counter of the office". */
const ALL = -1;

interface CompiledRule {
  readonly appointment: boolean;
  readonly recurrence: Recurrence;
  readonly from: number;
  readonly until: number;
  readonly start: number;
  readonly end: number;
  readonly counter: number;
}

interface CompiledClosure {
  readonly from: number;
  readonly to: number;
  readonly start: number;
  readonly end: number;
  readonly counter: number;
  readonly reason: string;
}

/** An office in numeric form; counters are sorted by id (the stable tie-break order). */
export interface CompiledOffice {
  readonly id: string;
  readonly timeZone: string;
  readonly holidays: HolidayCalendar | null;
  readonly counterIds: readonly string[];
  readonly counterServices: readonly ReadonlySet<string>[];
  readonly counterIndex: ReadonlyMap<string, number>;
  readonly rules: readonly CompiledRule[];
  readonly closures: readonly CompiledClosure[];
}

type Compiled = Result<CompiledOffice, ConfigurationIssue[]>;

/** Offices are values: one compilation per office object serves every request on it. */
const compiledOffices = new WeakMap<Office, Compiled>();

/** Compiles and validates an office (once per office object); issues are returned, never thrown. */
export function compileOffice(office: Office): Compiled {
  let compiled = compiledOffices.get(office);
  if (!compiled) compiledOffices.set(office, (compiled = compileOfficeNow(office)));
  return compiled;
}

function compileOfficeNow(office: Office): Compiled {
  const issues: ConfigurationIssue[] = [];
  if (!isValidTimeZone(office.timeZone)) issues.push({ type: "INVALID_TIME_ZONE", timeZone: office.timeZone });
  let holidays: HolidayCalendar | null = null;
  if (office.holidayRegion !== null) {
    holidays = isValidHolidayRegion(office.holidayRegion) ? holidayCalendar(office.holidayRegion) : null;
    if (holidays === null) issues.push({ type: "UNKNOWN_HOLIDAY_REGION", region: office.holidayRegion });
  }

  const sorted = [...office.counters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counterIndex = new Map<string, number>();
  sorted.forEach((c, i) => {
    if (counterIndex.has(c.id)) issues.push({ type: "DUPLICATE_COUNTER", counterId: c.id });
    counterIndex.set(c.id, i);
  });
  const counterFor = (id: string | null | undefined): number | undefined =>
    id === null || id === undefined ? ALL : counterIndex.get(id);

  const rules: CompiledRule[] = [];
  for (const r of office.rules) {
    const bad = (message: string) => issues.push({ type: "INVALID_RULE", ruleId: r.id, message });
    const start = parseLocalTime(r.startTime);
    const end = parseLocalTime(r.endTime, true);
    const from = parseLocalDate(r.validFrom);
    const until = r.validUntil === null ? Infinity : parseLocalDate(r.validUntil);
    const counter = counterFor(r.counterId);
    if (r.kind !== "APPOINTMENT" && r.kind !== "WALK_IN") bad(`unknown kind ${String(r.kind)}`);
    if (start === null) bad(`malformed startTime ${r.startTime}`);
    if (end === null) bad(`malformed endTime ${r.endTime}`);
    if (start !== null && end !== null && end <= start) bad("endTime must be after startTime");
    if (from === null) bad(`malformed validFrom ${r.validFrom}`);
    if (until === null) bad(`malformed validUntil ${String(r.validUntil)}`);
    if (from !== null && until !== null && until < from) bad("validUntil is before validFrom");
    if (counter === undefined) bad(`unknown counter ${String(r.counterId)}`);
    if (start === null || end === null || from === null || until === null || counter === undefined) continue;
    const compiled = compileRecurrence(r.rrule, from, until);
    if (!compiled.ok) {
      bad(compiled.error);
      continue;
    }
    rules.push({ appointment: r.kind === "APPOINTMENT", recurrence: compiled.value, from, until, start, end, counter });
  }

  const closures: CompiledClosure[] = [];
  for (const c of office.closures) {
    const bad = (message: string) => issues.push({ type: "INVALID_CLOSURE", closureId: c.id, message });
    const from = parseLocalDate(c.from);
    const to = parseLocalDate(c.to);
    const hasStart = c.startTime !== null && c.startTime !== undefined;
    const hasEnd = c.endTime !== null && c.endTime !== undefined;
    const start = hasStart ? parseLocalTime(c.startTime as string) : 0;
    const end = hasEnd ? parseLocalTime(c.endTime as string, true) : MINUTES_PER_DAY;
    const counter = counterFor(c.counterId);
    if (from === null) bad(`malformed from ${c.from}`);
    if (to === null) bad(`malformed to ${c.to}`);
    if (from !== null && to !== null && to < from) bad("to is before from");
    if (hasStart !== hasEnd) bad("startTime and endTime must be given together");
    if (start === null) bad(`malformed startTime ${String(c.startTime)}`);
    if (end === null) bad(`malformed endTime ${String(c.endTime)}`);
    if (start !== null && end !== null && end <= start) bad("endTime must be after startTime");
    if (counter === undefined) bad(`unknown counter ${String(c.counterId)}`);
    if (from === null || to === null || start === null || end === null || counter === undefined) continue;
    closures.push({ from, to, start, end, counter, reason: c.reason });
  }

  if (issues.length > 0) return err(issues);
  return ok({
    id: office.id,
    timeZone: office.timeZone,
    holidays,
    counterIds: sorted.map((c) => c.id),
    counterServices: sorted.map((c) => new Set(c.serviceIds)),
    counterIndex,
    rules,
    closures,
  });
}

/** One counter's appointment time on one local date. */
export interface CounterDay {
  /** Merged APPOINTMENT windows before closures, flat pairs; each start is a grid anchor. */
  readonly windows: readonly number[];
  /** Closed intervals (holiday, closures) as flat pairs, unordered, may overlap. */
  readonly closed: readonly number[];
  /** Reason of each closed interval (holiday name or closure reason). */
  readonly closedReasons: readonly string[];
  /** Bookable time: windows minus closed, flat triples `[anchor, start, end]`, ascending. */
  readonly pieces: readonly number[];
  /** Total bookable minutes. */
  readonly minutes: number;
}

/** Everything about one local date of an office that does not depend on the request. */
export interface DayPlan {
  readonly day: number;
  /** First instant of the local date. */
  readonly start: number;
  /** First instant of the next local date. */
  readonly end: number;
  readonly holiday: string | null;
  /** Indexed like `CompiledOffice.counterIds`; counters without own rules share one object. */
  readonly counters: readonly CounterDay[];
  /** Walk-in windows after closures, merged, flat pairs. */
  readonly walkIn: readonly number[];
  /** Bookable appointment minutes summed over all counters (the staff reserve's base). */
  readonly capacity: number;
}

const EMPTY_COUNTER_DAY: CounterDay = { windows: [], closed: [], closedReasons: [], pieces: [], minutes: 0 };

/** Local wall-clock pairs of one date → merged instant pairs. */
function toInstants(timeZone: string, day: number, local: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < local.length; i += 2) {
    localRangeToInstants(timeZone, day, local[i] as number, local[i + 1] as number, out);
  }
  return mergePairs(out);
}

/** `windows` minus the union of `closed`, keeping each window's start as the anchor. */
function subtract(windows: readonly number[], closed: readonly number[]): { pieces: number[]; minutes: number } {
  const blocked = mergePairs([...closed]);
  const pieces: number[] = [];
  let minutes = 0;
  for (let w = 0; w < windows.length; w += 2) {
    const anchor = windows[w] as number;
    const wEnd = windows[w + 1] as number;
    let cursor = anchor;
    for (let c = 0; c < blocked.length && cursor < wEnd; c += 2) {
      const cs = blocked[c] as number;
      const ce = blocked[c + 1] as number;
      if (ce <= cursor) continue;
      if (cs >= wEnd) break;
      if (cs > cursor) {
        pieces.push(anchor, cursor, cs);
        minutes += cs - cursor;
      }
      cursor = Math.max(cursor, ce);
    }
    if (cursor < wEnd) {
      pieces.push(anchor, cursor, wEnd);
      minutes += wEnd - cursor;
    }
  }
  return { pieces, minutes };
}

interface LocalClosures {
  readonly ranges: number[];
  readonly reasons: string[];
}

function buildCounterDay(
  timeZone: string,
  day: number,
  localWindows: readonly number[],
  localClosures: LocalClosures,
): CounterDay {
  if (localWindows.length === 0) return EMPTY_COUNTER_DAY;
  const windows = toInstants(timeZone, day, localWindows);
  const closed: number[] = [];
  const closedReasons: string[] = [];
  for (let i = 0; i < localClosures.ranges.length; i += 2) {
    const before = closed.length;
    localRangeToInstants(timeZone, day, localClosures.ranges[i] as number, localClosures.ranges[i + 1] as number, closed);
    for (let k = before; k < closed.length; k += 2) closedReasons.push(localClosures.reasons[i / 2] as string);
  }
  const { pieces, minutes } = subtract(windows, closed);
  return { windows, closed, closedReasons, pieces, minutes };
}

function pushTo<V>(map: Map<number, V[]>, key: number, ...values: V[]): void {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  list.push(...values);
}

/** Derives the day plan of local date `day`. Pure; cost is a few rule and closure checks. */
export function buildDayPlan(office: CompiledOffice, day: number): DayPlan {
  const tz = office.timeZone;
  const bounds = localDayBounds(tz, day);
  const holiday = office.holidays === null ? null : office.holidays.holidayOn(day);

  const officeAppointment: number[] = [];
  const officeWalkIn: number[] = [];
  const counterAppointment = new Map<number, number[]>();
  const counterWalkIn = new Map<number, number[]>();
  for (const r of office.rules) {
    if (day < r.from || day > r.until || !r.recurrence.occursOn(day)) continue;
    if (r.counter === ALL) (r.appointment ? officeAppointment : officeWalkIn).push(r.start, r.end);
    else pushTo(r.appointment ? counterAppointment : counterWalkIn, r.counter, r.start, r.end);
  }

  const officeClosures: LocalClosures = { ranges: [], reasons: [] };
  if (holiday !== null) {
    officeClosures.ranges.push(0, MINUTES_PER_DAY);
    officeClosures.reasons.push(holiday);
  }
  const counterClosures = new Map<number, LocalClosures>();
  for (const c of office.closures) {
    if (day < c.from || day > c.to) continue;
    let target = officeClosures;
    if (c.counter !== ALL) {
      let t = counterClosures.get(c.counter);
      if (t === undefined) {
        t = { ranges: [], reasons: [] };
        counterClosures.set(c.counter, t);
      }
      target = t;
    }
    target.ranges.push(c.start, c.end);
    target.reasons.push(c.reason);
  }

  const shared = buildCounterDay(tz, day, officeAppointment, officeClosures);
  const counters: CounterDay[] = [];
  let capacity = 0;
  for (let i = 0; i < office.counterIds.length; i++) {
    const ownWindows = counterAppointment.get(i);
    const ownClosures = counterClosures.get(i);
    let cd = shared;
    if (ownWindows !== undefined || ownClosures !== undefined) {
      const windows = ownWindows === undefined ? officeAppointment : [...officeAppointment, ...ownWindows];
      const closures =
        ownClosures === undefined
          ? officeClosures
          : {
              ranges: [...officeClosures.ranges, ...ownClosures.ranges],
              reasons: [...officeClosures.reasons, ...ownClosures.reasons],
            };
      cd = buildCounterDay(tz, day, windows, closures);
    }
    counters.push(cd);
    capacity += cd.minutes;
  }

  let walkIn: number[] = [];
  if (officeWalkIn.length > 0 || counterWalkIn.size > 0) {
    const collect = (local: readonly number[], closures: LocalClosures) => {
      const closed: number[] = [];
      for (let i = 0; i < closures.ranges.length; i += 2) {
        localRangeToInstants(tz, day, closures.ranges[i] as number, closures.ranges[i + 1] as number, closed);
      }
      const { pieces } = subtract(toInstants(tz, day, local), closed);
      for (let i = 0; i < pieces.length; i += 3) walkIn.push(pieces[i + 1] as number, pieces[i + 2] as number);
    };
    if (officeWalkIn.length > 0) collect(officeWalkIn, officeClosures);
    for (const [i, local] of counterWalkIn) {
      const own = counterClosures.get(i);
      collect(
        local,
        own === undefined
          ? officeClosures
          : { ranges: [...officeClosures.ranges, ...own.ranges], reasons: [...officeClosures.reasons, ...own.reasons] },
      );
    }
    walkIn = mergePairs(walkIn);
  }

  return { day, start: bounds.start, end: bounds.end, holiday, counters, walkIn, capacity };
}
