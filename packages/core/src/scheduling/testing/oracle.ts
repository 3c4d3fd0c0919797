/**
 * A brute-force reference implementation of the slot rules for the property tests.
 *
 * It shares no code with the engine: it walks every UTC minute around a local date, reads
 * that minute's local wall-clock time straight from `Intl`, asks a plain predicate whether a
 * rule occurs on the date (instead of expanding the RRULE), and checks windows, closures,
 * holidays, busy intervals, notice, horizon and the staff reserve minute by minute.
 * Slow on purpose; only for small offices.
 */
import Holidays from "date-holidays";
import type {
  BusyInterval,
  Office,
  SchedulingPolicy,
  Service,
  SlotRequest,
} from "../types.ts";

/** Decides whether a rule occurs on a local date `YYYY-MM-DD` (validity is checked separately). */
export type OccursOn = (ruleId: string, date: string) => boolean;

export interface OracleInput {
  readonly office: Office;
  readonly services: readonly Service[];
  readonly busy: readonly BusyInterval[];
  readonly policy: SchedulingPolicy;
  readonly request: SlotRequest;
  readonly now: Date;
  readonly occursOn: OccursOn;
}

export interface OracleDay {
  readonly date: string;
  /** Free start instants (ms), ascending. */
  readonly freeStarts: readonly number[];
  /** For each free start: the counter the rules say gets it. */
  readonly chosenCounter: ReadonlyMap<number, string>;
  /** Appointment minutes of all counters after closures; > 0 means "has appointment windows". */
  readonly capacity: number;
  /** Walk-in minutes (UTC minute numbers), ascending. */
  readonly walkInMinutes: readonly number[];
  readonly holiday: boolean;
}

const offsetCache = new Map<string, number>();

/** Local wall-clock minute (as if UTC) of UTC minute `u`; offsets cached per quarter hour. */
function localMinute(timeZone: string, u: number): number {
  const bucket = Math.floor(u / 15) * 15;
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(bucket * 60000));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    offset = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) / 60000 - bucket;
    offsetCache.set(key, offset);
  }
  return u + offset;
}

const dateOfLocal = (local: number): string => new Date(local * 60000).toISOString().slice(0, 10);
const hhmm = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

const publicHolidays = new Map<string, Set<string>>();
function isHoliday(region: string | null, date: string): boolean {
  if (region === null) return false;
  const year = Number(date.slice(0, 4));
  const key = `${region}|${year}`;
  let dates = publicHolidays.get(key);
  if (dates === undefined) {
    const all = new Holidays("DE", region).getHolidays(year);
    dates = new Set(all.filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    publicHolidays.set(key, dates);
  }
  return dates.has(date);
}

/** The request's duration and eligible counters, or `null` if no counter can serve it. */
function requestShape(input: OracleInput): { duration: number; counters: string[] } | null {
  let total = 0;
  for (const item of input.request.items) {
    const s = input.services.find((x) => x.id === item.serviceId);
    if (s === undefined) return null;
    total += s.durationMinutes + (item.quantity - 1) * (s.additionalUnitMinutes ?? s.durationMinutes);
  }
  const grid = input.policy.slotGridMinutes;
  const duration = Math.ceil(total / grid) * grid;
  const counters = input.office.counters
    .filter((c) => input.request.items.every((i) => c.serviceIds.includes(i.serviceId)))
    .map((c) => c.id);
  return counters.length === 0 ? null : { duration, counters };
}

/** Computes one local date by brute force. */
export function oracleDay(input: OracleInput, date: string): OracleDay {
  const { office, policy } = input;
  const tz = office.timeZone;
  const shape = requestShape(input);
  const holiday = isHoliday(office.holidayRegion, date);

  // Every UTC minute whose local date is `date`, with its local minute of day.
  const base = Date.parse(`${date}T00:00:00Z`) / 60000;
  const minutes: number[] = [];
  const clock: number[] = [];
  for (let u = base - 1000; u < base + 1440 + 1000; u++) {
    const local = localMinute(tz, u);
    if (local >= base && local < base + 1440) {
      minutes.push(u);
      clock.push(local - base);
    }
  }
  const n = minutes.length;

  // Rules occurring on this date and closures covering it.
  const rulesToday = office.rules
    .filter(
      (r) =>
        r.validFrom <= date &&
        (r.validUntil === null || date <= r.validUntil) &&
        (r.rrule === null ? date === r.validFrom : input.occursOn(r.id, date)),
    )
    .map((r) => ({ kind: r.kind, counterId: r.counterId, from: hhmm(r.startTime), to: hhmm(r.endTime) }));
  const closuresToday = office.closures
    .filter((c) => c.from <= date && date <= c.to)
    .map((c) => ({
      counterId: c.counterId ?? null,
      from: c.startTime == null ? 0 : hhmm(c.startTime),
      to: c.endTime == null ? 1440 : hhmm(c.endTime),
    }));

  const covers = (kind: string, counterId: string | null, i: number): boolean =>
    rulesToday.some(
      (r) => r.kind === kind && r.counterId === counterId && r.from <= (clock[i] as number) && (clock[i] as number) < r.to,
    );
  const closedFor = (counterId: string | null, i: number): boolean =>
    holiday ||
    closuresToday.some(
      (c) =>
        (c.counterId === null || c.counterId === counterId) && c.from <= (clock[i] as number) && (clock[i] as number) < c.to,
    );

  // Appointment time per counter (office-wide rules apply to every counter); capacity over all.
  let capacity = 0;
  const member = new Map<string, boolean[]>();
  const closed = new Map<string, boolean[]>();
  for (const c of office.counters) {
    const m = minutes.map((_, i) => covers("APPOINTMENT", null, i) || covers("APPOINTMENT", c.id, i));
    const k = minutes.map((_, i) => closedFor(c.id, i));
    member.set(c.id, m);
    closed.set(c.id, k);
    for (let i = 0; i < n; i++) if (m[i] && !k[i]) capacity++;
  }
  // Walk-in time: office-wide rules minus office closures; counter rules minus that counter's too.
  const walkInMinutes: number[] = [];
  for (let i = 0; i < n; i++) {
    const open =
      (covers("WALK_IN", null, i) && !closedFor(null, i)) ||
      office.counters.some((c) => covers("WALK_IN", c.id, i) && !closedFor(c.id, i));
    if (open) walkInMinutes.push(minutes[i] as number);
  }

  const result = { date, capacity, walkInMinutes, holiday };
  if (shape === null) return { ...result, freeStarts: [], chosenCounter: new Map() };

  const nowMs = input.now.getTime();
  const today = dateOfLocal(localMinute(tz, Math.floor(nowMs / 60000)));
  const lastDay = addDays(today, policy.horizonDays);
  const buffer = (policy.bufferMinutes ?? 0) * 60000;
  const officeCounters = new Set(office.counters.map((c) => c.id));
  const startsOnDate = (b: BusyInterval) => dateOfLocal(localMinute(tz, Math.floor(b.start.getTime() / 60000))) === date;

  let online = 0;
  const load = new Map<string, number>();
  for (const b of input.busy) {
    const length = (b.end.getTime() - b.start.getTime()) / 60000;
    if (!officeCounters.has(b.counterId) || !(length > 0) || !startsOnDate(b)) continue;
    load.set(b.counterId, (load.get(b.counterId) ?? 0) + length);
    if (b.channel === "ONLINE") online += length;
  }
  const share = policy.staffReserveShare ?? 0;
  const reserveOk =
    input.request.channel !== "ONLINE" ||
    share <= 0 ||
    online + shape.duration <= capacity - Math.ceil(share * capacity - 1e-9);

  const freeBy = new Map<number, string[]>();
  if (date <= lastDay && reserveOk) {
    for (const counterId of shape.counters) {
      const m = member.get(counterId) as boolean[];
      const k = closed.get(counterId) as boolean[];
      const own = input.busy.filter((b) => b.counterId === counterId && b.end.getTime() > b.start.getTime());
      const ok = minutes.map(
        (u, i) =>
          (m[i] as boolean) &&
          !k[i] &&
          !own.some((b) => u * 60000 < b.end.getTime() + buffer && (u + 1) * 60000 > b.start.getTime() - buffer),
      );
      // Length of the run of ok minutes starting at each minute.
      const okLen = new Array<number>(n + 1).fill(0);
      for (let i = n - 1; i >= 0; i--) okLen[i] = ok[i] ? (okLen[i + 1] as number) + 1 : 0;
      let anchor = -1;
      for (let i = 0; i < n; i++) {
        if (!m[i]) continue;
        if (i === 0 || !m[i - 1]) anchor = i;
        const u = minutes[i] as number;
        if (
          (i - anchor) % policy.slotGridMinutes === 0 &&
          (okLen[i] as number) >= shape.duration &&
          u * 60000 >= nowMs + policy.minNoticeMinutes * 60000
        ) {
          const list = freeBy.get(u * 60000) ?? [];
          list.push(counterId);
          freeBy.set(u * 60000, list);
        }
      }
    }
  }
  const freeStarts = [...freeBy.keys()].sort((a, b) => a - b);
  const chosenCounter = new Map<number, string>();
  for (const [start, counters] of freeBy) {
    const sorted = [...counters].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    chosenCounter.set(start, sorted[0] as string);
  }
  return { ...result, freeStarts, chosenCounter };
}
