import { parseLocalDate } from "../scheduling/local-date.ts";
import { err, ok, type Result } from "../shared/result.ts";

/** A reason shown or mailed to citizens: German required, English falls back to it. */
export interface ReasonInput {
  de: string;
  en?: string | null;
}

export type ReasonError = { readonly type: "REASON_REQUIRED" } | { readonly type: "REASON_TOO_LONG"; readonly max: number };

export type DayRangeError = { readonly type: "MALFORMED_DATE"; readonly field: "from" | "to" } | { readonly type: "INVALID_RANGE" };

/** Local dates `from`–`to` (inclusive) as day numbers; `to` not before `from`. */
export function parseDayRange(from: string, to: string): Result<{ fromDay: number; toDay: number }, DayRangeError> {
  const fromDay = parseLocalDate(from);
  if (fromDay === null) return err({ type: "MALFORMED_DATE", field: "from" });
  const toDay = parseLocalDate(to);
  if (toDay === null) return err({ type: "MALFORMED_DATE", field: "to" });
  if (toDay < fromDay) return err({ type: "INVALID_RANGE" });
  return ok({ fromDay, toDay });
}

/** The reason trimmed, English defaulting to German; each at most `max` characters. */
export function checkReason(reason: ReasonInput, max: number): Result<{ de: string; en: string }, ReasonError> {
  const de = reason.de.trim();
  const en = reason.en?.trim() || de;
  if (!de) return err({ type: "REASON_REQUIRED" });
  if (de.length > max || en.length > max) return err({ type: "REASON_TOO_LONG", max });
  return ok({ de, en });
}
