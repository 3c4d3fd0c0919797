/**
 * Small, cached, `Intl`-based time-zone arithmetic in *epoch minutes* (minutes since
 * 1970-01-01T00:00Z). Local wall-clock instants are written as "local minutes":
 * `dayNumber * 1440 + minuteOfDay`, as if the local clock were UTC.
 *
 * Daylight saving is handled per local date by a {@link DayProfile}: the UTC offset before
 * and after the (at most one) transition near that date, and the instant of the transition.
 * From it, a local wall-clock range of a date maps to the exact set of instants whose local
 * time falls inside the range — see {@link localRangeToInstants}.
 */
import { MINUTES_PER_DAY } from "./local-date.ts";

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === "string" && timeZone.length > 0 && formatterFor(timeZone) !== null;
}

/** Offsets are remembered per quarter hour (every zone's transitions fall on one today). */
const OFFSET_BUCKET_MS = 15 * 60_000;
const offsetBuckets = new Map<string, Map<number, number>>();

/**
 * UTC offset (local − UTC) in whole minutes at the instant `epochMs`. Remembered for the
 * quarter hour around it when the offset holds for all of it, so repeated questions (every
 * hold asks) skip `Intl`; a quarter hour with a transition inside is never remembered.
 */
export function offsetAtMs(timeZone: string, epochMs: number): number {
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let zone = offsetBuckets.get(timeZone);
  const known = zone?.get(bucket);
  if (known !== undefined) return known;
  const offset = intlOffsetAtMs(timeZone, epochMs);
  const start = bucket * OFFSET_BUCKET_MS;
  if (intlOffsetAtMs(timeZone, start) === offset && intlOffsetAtMs(timeZone, start + OFFSET_BUCKET_MS - 1) === offset) {
    if (!zone) offsetBuckets.set(timeZone, (zone = new Map()));
    if (zone.size >= 100_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

function intlOffsetAtMs(timeZone: string, epochMs: number): number {
  const f = formatterFor(timeZone);
  if (f === null) throw new RangeError(`Unknown time zone: ${timeZone}`);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of f.formatToParts(epochMs)) {
    switch (p.type) {
      case "year":
        year = Number(p.value);
        break;
      case "month":
        month = Number(p.value);
        break;
      case "day":
        day = Number(p.value);
        break;
      case "hour":
        hour = Number(p.value);
        break;
      case "minute":
        minute = Number(p.value);
        break;
      case "second":
        second = Number(p.value);
        break;
      default:
        break;
    }
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const flooredMs = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallMs - flooredMs) / 60000);
}

/**
 * The UTC offsets around one local date. `transition` is the first instant (epoch minute)
 * at which `after` applies; `Infinity` when the offset does not change near the date.
 */
export interface DayProfile {
  readonly before: number;
  readonly after: number;
  readonly transition: number;
}

const CACHE_LIMIT = 50_000;
const probeCache = new Map<string, Map<number, number>>();
const profileCache = new Map<string, Map<number, DayProfile>>();

function zoneMap<V>(cache: Map<string, Map<number, V>>, timeZone: string): Map<number, V> {
  let m = cache.get(timeZone);
  if (m === undefined || m.size > CACHE_LIMIT) {
    m = new Map();
    cache.set(timeZone, m);
  }
  return m;
}

/** Offset at UTC midnight of day `k`; one `Intl` call per zone and day, then cached. */
function probe(timeZone: string, k: number): number {
  const m = zoneMap(probeCache, timeZone);
  let o = m.get(k);
  if (o === undefined) {
    o = offsetAtMs(timeZone, k * MINUTES_PER_DAY * 60000);
    m.set(k, o);
  }
  return o;
}

/**
 * Offsets around local date `day`. The probes span from UTC midnight of the previous day to
 * UTC midnight two days later, which covers every instant of the local date for offsets
 * within ±24 h; the zone is assumed to change its offset at most once in those three days.
 */
export function dayProfile(timeZone: string, day: number): DayProfile {
  const m = zoneMap(profileCache, timeZone);
  let p = m.get(day);
  if (p !== undefined) return p;
  const before = probe(timeZone, day - 1);
  const after = probe(timeZone, day + 2);
  if (before === after) {
    p = { before, after, transition: Infinity };
  } else {
    let lo = (day - 1) * MINUTES_PER_DAY;
    let hi = (day + 2) * MINUTES_PER_DAY;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAtMs(timeZone, mid * 60000) === before) lo = mid;
      else hi = mid;
    }
    p = { before, after, transition: hi };
  }
  m.set(day, p);
  return p;
}

/**
 * Appends to `out` (as flat `[start, end, start, end, …]` epoch-minute pairs, ascending,
 * disjoint, non-touching) the set of instants whose local wall-clock time on `day` lies in
 * `[startMinute, endMinute)`.
 *
 * This is the definition of a window on daylight-saving days: on the spring-forward date
 * the nonexistent hour contributes no instants (a 01:00–04:00 window lasts 2 real hours, a
 * 02:00–03:00 window is empty); on the fall-back date the repeated hour is real time and is
 * contained twice (a 01:00–04:00 window lasts 4 real hours; 02:00–03:00 covers both passes,
 * 2 real hours). Windows that do not touch the changed hour are unaffected.
 */
export function localRangeToInstants(
  timeZone: string,
  day: number,
  startMinute: number,
  endMinute: number,
  out: number[],
): void {
  if (endMinute <= startMinute) return;
  const base = day * MINUTES_PER_DAY;
  const p = dayProfile(timeZone, day);
  if (p.transition === Infinity) {
    out.push(base + startMinute - p.before, base + endMinute - p.before);
    return;
  }
  // Instants before the transition read local = u + before, from it on local = u + after.
  const a1 = base + startMinute - p.before;
  const b1 = Math.min(base + endMinute - p.before, p.transition);
  const a2 = Math.max(base + startMinute - p.after, p.transition);
  const b2 = base + endMinute - p.after;
  const has1 = b1 > a1;
  const has2 = b2 > a2;
  if (has1 && has2 && b1 === a2) {
    out.push(a1, b2);
    return;
  }
  if (has1) out.push(a1, b1);
  if (has2) out.push(a2, b2);
}

/** First and past-the-last instant (epoch minutes) of local date `day`. */
export function localDayBounds(timeZone: string, day: number): { start: number; end: number } {
  const out: number[] = [];
  localRangeToInstants(timeZone, day, 0, MINUTES_PER_DAY, out);
  const first = out[0];
  const last = out[out.length - 1];
  if (first !== undefined && last !== undefined) return { start: first, end: last };
  // A date the zone skipped entirely (Pacific/Apia, 2011-12-30): an empty day at the jump.
  const p = dayProfile(timeZone, day);
  return { start: p.transition, end: p.transition };
}

/** Local day number and minute of day of the instant `epochMs`. */
export function instantToLocal(timeZone: string, epochMs: number): { day: number; minuteOfDay: number } {
  const local = Math.floor(epochMs / 60000) + offsetAtMs(timeZone, epochMs);
  const day = Math.floor(local / MINUTES_PER_DAY);
  return { day, minuteOfDay: local - day * MINUTES_PER_DAY };
}

/** The local day (as instants) that contains `instant` in `timeZone`: its first and past-the-last moment. */
export function localDayAround(timeZone: string, instant: Date): { start: Date; end: Date } {
  const { start, end } = localDayBounds(timeZone, instantToLocal(timeZone, instant.getTime()).day);
  return { start: new Date(start * 60000), end: new Date(end * 60000) };
}

/** Drops all cached offsets (for tests and cold-cache benchmarks). */
export function clearTimeZoneCaches(): void {
  probeCache.clear();
  profileCache.clear();
}
