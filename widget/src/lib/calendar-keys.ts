import { addDays, addMonths, endOfWeek, type IsoDate, startOfWeek } from "./dates.ts";
import type { DayStatus } from "./types.ts";

/** Days a citizen can pick: with free times, or with walk-in hours to read about. */
export const selectable = (status: DayStatus | undefined): boolean => status === "AVAILABLE" || status === "WALK_IN_ONLY";

/** The date keyboard navigation moves to (WAI-ARIA APG date picker grid), or undefined. */
export function navigate(date: IsoDate, key: string, shift = false): IsoDate | undefined {
  switch (key) {
    case "ArrowRight": return addDays(date, 1);
    case "ArrowLeft": return addDays(date, -1);
    case "ArrowDown": return addDays(date, 7);
    case "ArrowUp": return addDays(date, -7);
    case "Home": return startOfWeek(date);
    case "End": return endOfWeek(date);
    case "PageUp": return addMonths(date, shift ? -12 : -1);
    case "PageDown": return addMonths(date, shift ? 12 : 1);
    default: return undefined;
  }
}

