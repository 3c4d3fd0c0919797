import { freeStarts } from "./engine.ts";
import { formatLocalDate } from "./local-date.ts";
import { instantToLocal } from "./time-zone.ts";
import type { FreeStart, SchedulingContext, SlotRequest } from "./types.ts";

export interface AlternativesOptions {
  /** Local days searched, starting with the day of the wanted start. */
  days?: number;
  /** Free starts gathered before the search stops looking at further days. */
  gather?: number;
  /** How many are offered. */
  count?: number;
}

/**
 * The free starts nearest to a start that turned out to be taken: searched on its local day
 * first and then on the following days, the closest in time kept, offered in time order.
 * A citizen whose time was taken picks one of these instead of starting over.
 */
export function nearestFreeStarts(
  ctx: SchedulingContext,
  request: SlotRequest,
  wanted: Date,
  now: Date,
  options: AlternativesOptions = {},
): FreeStart[] {
  const { days = 7, gather = 6, count = 3 } = options;
  const firstDay = instantToLocal(ctx.office.timeZone, wanted.getTime()).day;
  const found: FreeStart[] = [];
  for (let day = 0; day < days && found.length < gather; day++) {
    const result = freeStarts(ctx, request, formatLocalDate(firstDay + day), now);
    if (result.ok) found.push(...result.value.starts.filter((s) => s.start.getTime() !== wanted.getTime()));
  }
  const distance = (s: FreeStart) => Math.abs(s.start.getTime() - wanted.getTime());
  return found
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, count)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
