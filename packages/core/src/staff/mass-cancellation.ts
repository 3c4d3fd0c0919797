import { err, ok, type Result } from "../shared/result.ts";
import { checkReason, type DayRangeError, parseDayRange, type ReasonError, type ReasonInput } from "./range-and-reason.ts";

/** What an admin asks to cancel: live bookings of one office in a local date range. */
export interface MassCancellationInput {
  from: string;
  to: string;
  /** Why, in the citizens' words (mailed to each of them). */
  reason: ReasonInput;
}

export type MassCancellationError = DayRangeError | { readonly type: "RANGE_TOO_LONG"; readonly maxDays: number } | ReasonError;

export const MASS_CANCELLATION_MAX_DAYS = 366;
export const MASS_CANCELLATION_REASON_MAX = 1000;
/** Bookings per batch: one statement cancels them with history, mails and audit. */
export const MASS_CANCELLATION_BATCH = 250;

export interface ValidMassCancellation {
  /** Local day numbers (days since 1970-01-01), inclusive. */
  fromDay: number;
  toDay: number;
  from: string;
  to: string;
  reason: { de: string; en: string };
}

/** Checks the range (at most a year, `to` not before `from`) and the reason text. */
export function validateMassCancellation(input: MassCancellationInput): Result<ValidMassCancellation, MassCancellationError> {
  const range = parseDayRange(input.from, input.to);
  if (!range.ok) return range;
  const { fromDay, toDay } = range.value;
  if (toDay - fromDay + 1 > MASS_CANCELLATION_MAX_DAYS) return err({ type: "RANGE_TOO_LONG", maxDays: MASS_CANCELLATION_MAX_DAYS });
  const reason = checkReason(input.reason, MASS_CANCELLATION_REASON_MAX);
  if (!reason.ok) return reason;
  return ok({ fromDay, toDay, from: input.from, to: input.to, reason: reason.value });
}
