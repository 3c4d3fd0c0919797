import type { BusyInterval } from "@terminvergabe/core";
import type { TimedBusyInterval } from "@terminvergabe/db";

interface Day {
  loadedAt: number;
  intervals: TimedBusyInterval[];
}

/**
 * Busy times of single local days of an office, for hold decisions. New holds (this
 * instance's and, through pub/sub, every other's) are added as they are published, so a
 * run of bookings on one day does not re-read the day for each hold; any other change
 * drops the office's days, and every entry lives `ttlMs` at most. A cached answer is only ever a first guess: the database's exclusion
 * constraint decides, and the caller re-reads before it turns anyone away.
 */
export class DecisionCache {
  private readonly days = new Map<string, Day>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
    private readonly maxDays = 2_000,
  ) {}

  /** The day's busy intervals still counting at `now`, or null when the day is not cached (or too old). */
  get(officeId: string, dayStart: number, now: Date): BusyInterval[] | null {
    const day = this.days.get(key(officeId, dayStart));
    if (!day || this.clock() - day.loadedAt >= this.ttlMs) return null;
    const t = now.getTime();
    return day.intervals.filter((b) => b.until === null || b.until > t);
  }

  set(officeId: string, dayStart: number, intervals: TimedBusyInterval[]): void {
    if (this.days.size >= this.maxDays) this.days.clear();
    this.days.set(key(officeId, dayStart), { loadedAt: this.clock(), intervals });
  }

  /** Adds a new hold to its day, if that day is cached. */
  add(officeId: string, dayStart: number, interval: TimedBusyInterval): void {
    this.days.get(key(officeId, dayStart))?.intervals.push(interval);
  }

  /** Forgets every cached day of an office. */
  dropOffice(officeId: string): void {
    const prefix = `${officeId}|`;
    for (const k of this.days.keys()) if (k.startsWith(prefix)) this.days.delete(k);
  }
}

function key(officeId: string, dayStart: number): string {
  return `${officeId}|${dayStart}`;
}
