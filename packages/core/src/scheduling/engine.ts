/**
 * The slot search: availability calendar, free starts of a day, and the check of one start.
 *
 * Semantics (shared by all three functions, and by the oracle in the property tests):
 *
 * - **Duration** = Σ items (durationMinutes + (quantity − 1) × additionalUnitMinutes),
 *   rounded up to the slot grid.
 * - **Windows.** A counter's APPOINTMENT windows of a local date are the union of the
 *   office-wide rules (`counterId: null`) and its own rules occurring that date, merged where
 *   they overlap or touch. WALK_IN windows are never bookable.
 * - **Grid.** Candidate starts are `windowStart + k × slotGridMinutes`, anchored at the start
 *   of each merged window (not at midnight and not at the end of a closure or booking).
 * - A start `s` is **free** if some eligible counter (one serving every requested service)
 *   has a window containing `[s, s + duration)`, with `s` on that window's grid, and
 *   - no public holiday or closure (office-wide or of that counter) overlaps it,
 *   - no busy interval of that counter, widened by `bufferMinutes` on both sides, overlaps it,
 *   - `s ≥ now + minNoticeMinutes`,
 *   - the local date of `s` ≤ today (local date of `now`) + `horizonDays`,
 *   - the staff reserve allows it (below).
 * - **Staff reserve** (per office and local date; only when `staffReserveShare` > 0 and the
 *   request's channel is ONLINE): capacity C = bookable appointment minutes of the day summed
 *   over all counters of the office (windows minus holidays and closures); reserved
 *   R = ⌈share × C⌉; online minutes O = summed lengths of ONLINE busy intervals of the
 *   office's counters starting that local date. An ONLINE request of duration d may use the
 *   day iff O + d ≤ C − R. STAFF requests ignore the reserve.
 * - **Daylight saving.** A window is the set of instants whose local wall-clock time lies in
 *   `[startTime, endTime)` on that date (see `ScheduleRule`). Windows clear of 02:00–03:00
 *   keep their wall-clock times on change days. A window across the spring-forward gap loses
 *   the nonexistent hour (01:00–04:00 is 2 h real time; 02:00–03:00 is empty); a window
 *   across the fall-back hour contains the repeated hour twice, as two different instants
 *   (01:00–04:00 is 4 h; starts at 02:00 CEST and 02:00 CET are both offered). Starts are
 *   real instants: no instant is ever offered twice, none inside a window is skipped.
 * - Instants are whole epoch minutes; busy intervals are widened to whole minutes (start
 *   floored, end ceiled), which is exact for overlap tests against whole-minute slots.
 */
import { err, ok } from "../shared/result.ts";
import { mergePairs } from "./intervals.ts";
import { formatLocalDate, parseLocalDate } from "./local-date.ts";
import { buildDayPlan, type DayPlan } from "./office-plan.ts";
import { instantToLocal } from "./time-zone.ts";
import type {
  BusyInterval,
  CalendarDay,
  CalendarResult,
  CheckStartRejection,
  CheckStartResult,
  DayStatus,
  FreeStart,
  FreeStartsResult,
  LocalDate,
  RequestError,
  SchedulingContext,
  SlotRequest,
  TimeWindow,
} from "./types.ts";
import { prepareRequest, type PreparedRequest } from "./validation.ts";

const MS_PER_MINUTE = 60_000;

const toDate = (minute: number): Date => new Date(minute * MS_PER_MINUTE);

interface Clock {
  /** Earliest allowed start, epoch minutes. */
  readonly earliest: number;
  /** Last local date on which a start is allowed. */
  readonly lastDay: number;
}

function clockFor(p: PreparedRequest, nowMs: number): Clock {
  return {
    earliest: Math.ceil(nowMs / MS_PER_MINUTE) + p.notice,
    lastDay: instantToLocal(p.office.timeZone, nowMs).day + p.horizon,
  };
}

function isValidDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** Busy intervals of the eligible counters overlapping `[lo, hi)`, widened by the buffer, merged. */
function blockedIntervals(p: PreparedRequest, busy: readonly BusyInterval[], lo: number, hi: number): number[][] {
  const slotOf = new Int32Array(p.office.counterIds.length).fill(-1);
  p.eligible.forEach((i, k) => (slotOf[i] = k));
  const lists: number[][] = p.eligible.map(() => []);
  for (const b of busy) {
    const i = p.office.counterIndex.get(b.counterId);
    if (i === undefined) continue;
    const k = slotOf[i] as number;
    if (k < 0) continue;
    const startMs = b.start.getTime();
    const endMs = b.end.getTime();
    if (!(endMs > startMs)) continue;
    const s = Math.floor(startMs / MS_PER_MINUTE) - p.buffer;
    const e = Math.ceil(endMs / MS_PER_MINUTE) + p.buffer;
    if (e <= lo || s >= hi) continue;
    (lists[k] as number[]).push(s, e);
  }
  return lists.map(mergePairs);
}

/** Whether the staff reserve lets this request use a day with `online` ONLINE minutes. */
function reserveAllows(p: PreparedRequest, plan: DayPlan, online: number): boolean {
  if (p.channel !== "ONLINE" || p.share <= 0) return true;
  const reserved = Math.ceil(p.share * plan.capacity - 1e-9);
  return online + p.duration <= plan.capacity - reserved;
}

/** ONLINE minutes per plan (by local date of the busy interval's start). */
function onlineMinutesPerDay(p: PreparedRequest, busy: readonly BusyInterval[], plans: readonly DayPlan[]): Float64Array {
  const minutes = new Float64Array(plans.length);
  if (p.channel !== "ONLINE" || p.share <= 0 || plans.length === 0) return minutes;
  const first = (plans[0] as DayPlan).start;
  const last = (plans[plans.length - 1] as DayPlan).end;
  for (const b of busy) {
    if (b.channel !== "ONLINE" || !p.office.counterIndex.has(b.counterId)) continue;
    const startMs = b.start.getTime();
    const length = (b.end.getTime() - startMs) / MS_PER_MINUTE;
    const s = startMs / MS_PER_MINUTE;
    if (!(length > 0) || s < first || s >= last) continue;
    let lo = 0;
    let hi = plans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((plans[mid] as DayPlan).start <= s) lo = mid;
      else hi = mid - 1;
    }
    minutes[lo] = (minutes[lo] as number) + length;
  }
  return minutes;
}

/**
 * Marks the free starts of one day in `marks` (index = minutes since `plan.start`) with
 * `stamp` and returns how many distinct starts it marked. `cursor` holds, per eligible
 * counter, the position in its blocked list; it only moves forward, so consecutive days
 * can share it and a whole calendar sweeps every list once.
 */
function sweepDay(
  p: PreparedRequest,
  plan: DayPlan,
  blocked: readonly number[][],
  cursor: Int32Array,
  earliest: number,
  marks: Int32Array,
  stamp: number,
): number {
  const d = p.duration;
  const grid = p.grid;
  let count = 0;
  for (let k = 0; k < p.eligible.length; k++) {
    const pieces = (plan.counters[p.eligible[k] as number] as DayPlan["counters"][number]).pieces;
    if (pieces.length === 0) continue;
    const bl = blocked[k] as number[];
    const n = bl.length;
    let j = cursor[k] as number;
    for (let q = 0; q < pieces.length; q += 3) {
      const anchor = pieces[q] as number;
      const last = (pieces[q + 2] as number) - d;
      const lo = Math.max(pieces[q + 1] as number, earliest);
      let s = anchor + Math.ceil((lo - anchor) / grid) * grid;
      while (s <= last) {
        while (j < n && (bl[j + 1] as number) <= s) j += 2;
        if (j < n && (bl[j] as number) < s + d) {
          s = anchor + Math.ceil(((bl[j + 1] as number) - anchor) / grid) * grid;
          continue;
        }
        const off = s - plan.start;
        if (marks[off] !== stamp) {
          marks[off] = stamp;
          count++;
        }
        s += grid;
      }
    }
    cursor[k] = j;
  }
  return count;
}

function windowsOf(pairs: readonly number[]): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push({ start: toDate(pairs[i] as number), end: toDate(pairs[i + 1] as number) });
  return out;
}

/** Whether a day can have any free start at all, before looking at counters. */
function dayIsOpenForRequest(p: PreparedRequest, plan: DayPlan, clock: Clock, online: number): boolean {
  return plan.day <= clock.lastDay && plan.end > clock.earliest && reserveAllows(p, plan, online);
}

/**
 * The availability calendar of a request for local dates `from`…`to` (inclusive).
 *
 * Day statuses (CLOSED/WALK_IN_ONLY describe the office, FULL/AVAILABLE the request):
 * - `CLOSED`: no counter of the office has appointment time that day (after holidays and
 *   closures) and there is no walk-in window;
 * - `WALK_IN_ONLY`: no counter has appointment time, but there are walk-in windows;
 * - `FULL`: some counter has appointment time, but there is no free start for this request —
 *   for any reason: booked up, day in the past or inside the notice period, beyond the
 *   horizon, staff reserve, or no counter able to serve the request is open;
 * - `AVAILABLE`: at least one free start (`freeStartCount` > 0).
 *
 * Errors: request errors, `MALFORMED_DATE`, `INVALID_RANGE` (to before from) and
 * `RANGE_EXCEEDS_HORIZON` (more than `horizonDays + 1` dates, i.e. longer than today…today+horizon).
 */
export function calendar(
  ctx: SchedulingContext,
  request: SlotRequest,
  from: LocalDate,
  to: LocalDate,
  now: Date,
): CalendarResult {
  const prep = prepareRequest(ctx, request);
  const errors: RequestError[] = prep.ok ? [] : [...prep.error];
  const fromDay = parseLocalDate(from);
  const toDay = parseLocalDate(to);
  if (fromDay === null) errors.push({ type: "MALFORMED_DATE", field: "from", value: String(from) });
  if (toDay === null) errors.push({ type: "MALFORMED_DATE", field: "to", value: String(to) });
  if (!isValidDate(now)) errors.push({ type: "MALFORMED_DATE", field: "now", value: String(now) });
  if (fromDay !== null && toDay !== null) {
    if (toDay < fromDay) errors.push({ type: "INVALID_RANGE", from, to });
    else if (prep.ok && toDay - fromDay + 1 > prep.value.horizon + 1) {
      errors.push({ type: "RANGE_EXCEEDS_HORIZON", days: toDay - fromDay + 1, maxDays: prep.value.horizon + 1 });
    }
  }
  if (!prep.ok || errors.length > 0 || fromDay === null || toDay === null) return err(errors);
  const p = prep.value;
  const clock = clockFor(p, now.getTime());

  const plans: DayPlan[] = [];
  let span = 0;
  for (let day = fromDay; day <= toDay; day++) {
    const plan = buildDayPlan(p.office, day);
    plans.push(plan);
    span = Math.max(span, plan.end - plan.start);
  }
  const blocked = blockedIntervals(p, ctx.busy, (plans[0] as DayPlan).start, (plans[plans.length - 1] as DayPlan).end);
  const online = onlineMinutesPerDay(p, ctx.busy, plans);
  const cursor = new Int32Array(p.eligible.length);
  const marks = new Int32Array(span);

  const days: CalendarDay[] = plans.map((plan, i) => {
    const walkInWindows = windowsOf(plan.walkIn);
    let status: DayStatus;
    let freeStartCount = 0;
    if (plan.capacity === 0) {
      status = walkInWindows.length > 0 ? "WALK_IN_ONLY" : "CLOSED";
    } else {
      if (dayIsOpenForRequest(p, plan, clock, online[i] as number)) {
        freeStartCount = sweepDay(p, plan, blocked, cursor, clock.earliest, marks, i + 1);
      }
      status = freeStartCount > 0 ? "AVAILABLE" : "FULL";
    }
    return { date: formatLocalDate(plan.day), status, freeStartCount, walkInWindows, holiday: plan.holiday };
  });
  return ok({ durationMinutes: p.duration, days });
}

/**
 * Busy minutes per counter (bookings and holds starting on the plan's local date) and the
 * day's ONLINE minutes, in one pass over `busy`.
 */
function dayLoads(
  p: PreparedRequest,
  busy: readonly BusyInterval[],
  plan: DayPlan,
): { load: Float64Array; online: number } {
  const load = new Float64Array(p.office.counterIds.length);
  let online = 0;
  for (const b of busy) {
    const i = p.office.counterIndex.get(b.counterId);
    if (i === undefined) continue;
    const startMs = b.start.getTime();
    const s = startMs / MS_PER_MINUTE;
    const length = (b.end.getTime() - startMs) / MS_PER_MINUTE;
    if (!(length > 0) || s < plan.start || s >= plan.end) continue;
    load[i] = (load[i] as number) + length;
    if (b.channel === "ONLINE") online += length;
  }
  return { load, online };
}

/**
 * Free starts of a request on one local date, ascending, each with the end of the
 * appointment. Returns an empty list (not an error) for dates outside notice or horizon.
 */
export function freeStarts(ctx: SchedulingContext, request: SlotRequest, date: LocalDate, now: Date): FreeStartsResult {
  const prep = prepareRequest(ctx, request);
  const errors: RequestError[] = prep.ok ? [] : [...prep.error];
  const day = parseLocalDate(date);
  if (day === null) errors.push({ type: "MALFORMED_DATE", field: "date", value: String(date) });
  if (!isValidDate(now)) errors.push({ type: "MALFORMED_DATE", field: "now", value: String(now) });
  if (!prep.ok || errors.length > 0 || day === null) return err(errors);
  const p = prep.value;
  const clock = clockFor(p, now.getTime());
  const plan = buildDayPlan(p.office, day);
  const starts: FreeStart[] = [];
  const result = ok({ date: formatLocalDate(day), durationMinutes: p.duration, starts });
  if (plan.capacity === 0) return result;
  const online = p.channel === "ONLINE" && p.share > 0 ? dayLoads(p, ctx.busy, plan).online : 0;
  if (!dayIsOpenForRequest(p, plan, clock, online)) return result;

  const blocked = blockedIntervals(p, ctx.busy, plan.start, plan.end);
  const marks = new Int32Array(plan.end - plan.start);
  const count = sweepDay(p, plan, blocked, new Int32Array(p.eligible.length), clock.earliest, marks, 1);
  for (let off = 0; off < marks.length && starts.length < count; off++) {
    if (marks[off] === 1) {
      const s = plan.start + off;
      starts.push({ start: toDate(s), end: toDate(s + p.duration) });
    }
  }
  return result;
}

/** How far a start gets with one counter; higher is closer to bookable. */
type Stage = 0 | 1 | 2 | 3;
const OUTSIDE: Stage = 0;
const OFF_GRID: Stage = 1;
const CLOSED: Stage = 2;
const OPEN: Stage = 3;

/**
 * Whether `start` is still bookable for the request, and which counter gets it: among the
 * counters free at that time, the one with the fewest busy minutes (bookings and holds, any
 * channel) starting that local date; ties go to the smallest counter id.
 */
export function checkStart(ctx: SchedulingContext, request: SlotRequest, start: Date, now: Date): CheckStartResult {
  const prep = prepareRequest(ctx, request);
  const errors: RequestError[] = prep.ok ? [] : [...prep.error];
  if (!isValidDate(start)) errors.push({ type: "MALFORMED_DATE", field: "start", value: String(start) });
  if (!isValidDate(now)) errors.push({ type: "MALFORMED_DATE", field: "now", value: String(now) });
  if (!prep.ok || errors.length > 0) return err({ type: "INVALID_REQUEST", errors });
  const p = prep.value;
  const reject = (reason: CheckStartRejection): CheckStartResult => err(reason);

  const startMs = start.getTime();
  const clock = clockFor(p, now.getTime());
  const s = startMs / MS_PER_MINUTE;
  if (s < clock.earliest) return reject({ type: "TOO_SOON", earliestStart: toDate(clock.earliest) });
  const day = instantToLocal(p.office.timeZone, startMs).day;
  if (day > clock.lastDay) return reject({ type: "BEYOND_HORIZON", lastBookableDate: formatLocalDate(clock.lastDay) });
  if (!Number.isInteger(s)) return reject({ type: "OFF_GRID" });

  const plan = buildDayPlan(p.office, day);
  const e = s + p.duration;
  let best: Stage = OUTSIDE;
  let closedReason = "";
  const open: number[] = [];
  for (const i of p.eligible) {
    const cd = plan.counters[i] as DayPlan["counters"][number];
    let stage: Stage = OUTSIDE;
    for (let w = 0; w < cd.windows.length; w += 2) {
      const ws = cd.windows[w] as number;
      if (ws <= s && e <= (cd.windows[w + 1] as number)) {
        stage = (s - ws) % p.grid === 0 ? OPEN : OFF_GRID;
        break;
      }
    }
    if (stage === OPEN) {
      for (let c = 0; c < cd.closed.length; c += 2) {
        if ((cd.closed[c] as number) < e && (cd.closed[c + 1] as number) > s) {
          stage = CLOSED;
          if (best < CLOSED) closedReason = cd.closedReasons[c / 2] as string;
          break;
        }
      }
    }
    if (stage === OPEN) open.push(i);
    if (stage > best) best = stage;
  }
  if (open.length === 0) {
    if (best === CLOSED) return reject({ type: "CLOSED", reason: closedReason });
    return reject({ type: best === OFF_GRID ? "OFF_GRID" : "OUTSIDE_OPENING_HOURS" });
  }

  // Counters still open at the structural level: drop those with a busy interval (± buffer).
  const busyCounter = new Uint8Array(p.office.counterIds.length);
  for (const b of ctx.busy) {
    const i = p.office.counterIndex.get(b.counterId);
    if (i === undefined) continue;
    const bs = b.start.getTime();
    const be = b.end.getTime();
    if (!(be > bs)) continue;
    if (Math.floor(bs / MS_PER_MINUTE) - p.buffer < e && Math.ceil(be / MS_PER_MINUTE) + p.buffer > s) busyCounter[i] = 1;
  }
  const free = open.filter((i) => busyCounter[i] === 0);
  if (free.length === 0) return reject({ type: "TAKEN" });
  const { load, online } = dayLoads(p, ctx.busy, plan);
  if (!reserveAllows(p, plan, online)) return reject({ type: "STAFF_RESERVE_EXHAUSTED" });
  // Least loaded first (ties in counter order): the first is the choice, the others are
  // where the same start can go when the database says the first was just taken.
  const ranked = [...free].sort((a, b) => (load[a] as number) - (load[b] as number));
  const counterIds = ranked.map((i) => p.office.counterIds[i] as string);
  return ok({ counterId: counterIds[0] as string, counterIds, start: toDate(s), end: toDate(e) });
}
