import { err, ok, type Result } from "../shared/result.ts";
import { formatLocalDate, parseLocalDate } from "../scheduling/local-date.ts";
import { instantToLocal } from "../scheduling/time-zone.ts";
import { buildDayPlan, compileOffice } from "../scheduling/office-plan.ts";
import type { ConfigurationIssue, Office } from "../scheduling/types.ts";

/** One appointment of a campaign's pool: a counter, a start and an end (instants). */
export interface PoolSlot {
  readonly counterId: string;
  readonly start: Date;
  readonly end: Date;
}

/** Longest appointment period a campaign may allocate. */
export const MAX_POOL_DAYS = 400;
/** Most appointments one campaign's pool may hold. */
export const MAX_POOL_SLOTS = 50_000;

export type PoolGenerationRejection =
  | { readonly type: "INVALID_PERIOD" }
  | { readonly type: "PERIOD_TOO_LONG"; readonly maxDays: number }
  | { readonly type: "POOL_TOO_LARGE"; readonly maxSlots: number }
  | { readonly type: "INVALID_DURATION" }
  | { readonly type: "OFFICE_CONFIGURATION"; readonly issues: readonly ConfigurationIssue[] };

/**
 * The slot pool of a campaign, generated from the office's opening rules for the period
 * (`periodFrom`…`periodTo`, local dates, inclusive): on every day, every counter that serves
 * the concern offers back-to-back appointments of `durationMinutes` (rounded up to the grid)
 * from the start of each opening window, as long as one fits before the window (or a
 * closure, or a holiday) ends. Sorted by start, then counter. Pure: the same rules give
 * the same pool, so staff can review it before the draw fixes it.
 */
export function generatePool(
  office: Office,
  serviceId: string,
  durationMinutes: number,
  gridMinutes: number,
  periodFrom: string,
  periodTo: string,
): Result<PoolSlot[], PoolGenerationRejection> {
  const from = parseLocalDate(periodFrom);
  const to = parseLocalDate(periodTo);
  if (from === null || to === null || to < from) return err({ type: "INVALID_PERIOD" });
  if (to - from + 1 > MAX_POOL_DAYS) return err({ type: "PERIOD_TOO_LONG", maxDays: MAX_POOL_DAYS });
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || !Number.isInteger(gridMinutes) || gridMinutes <= 0) return err({ type: "INVALID_DURATION" });
  const compiled = compileOffice(office);
  if (!compiled.ok) return err({ type: "OFFICE_CONFIGURATION", issues: compiled.error });
  const plan = compiled.value;
  const step = Math.ceil(durationMinutes / gridMinutes) * gridMinutes;
  const slots: PoolSlot[] = [];
  for (let day = from; day <= to; day++) {
    const dayPlan = buildDayPlan(plan, day);
    for (let c = 0; c < plan.counterIds.length; c++) {
      if (!plan.counterServices[c]?.has(serviceId)) continue;
      const pieces = dayPlan.counters[c]?.pieces ?? [];
      for (let p = 0; p < pieces.length; p += 3) {
        const anchor = pieces[p] as number;
        const start = pieces[p + 1] as number;
        const end = pieces[p + 2] as number;
        // The first grid start of the window at or after the piece's start.
        let t = anchor + Math.ceil((start - anchor) / step) * step;
        for (; t + durationMinutes <= end; t += step) {
          if (slots.length >= MAX_POOL_SLOTS) return err({ type: "POOL_TOO_LARGE", maxSlots: MAX_POOL_SLOTS });
          slots.push({ counterId: plan.counterIds[c] as string, start: new Date(t * 60_000), end: new Date((t + durationMinutes) * 60_000) });
        }
      }
    }
  }
  slots.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.counterId < b.counterId ? -1 : a.counterId > b.counterId ? 1 : 0));
  return ok(slots);
}

/** The local date (`YYYY-MM-DD`) and ISO weekday (1 Monday … 7 Sunday) of an instant in `timeZone`. */
export function localDayOf(timeZone: string, instant: Date): { date: string; isoWeekday: number } {
  const { day } = instantToLocal(timeZone, instant.getTime());
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  return { date: formatLocalDate(day), isoWeekday: ((((day + 3) % 7) + 7) % 7) + 1 };
}
