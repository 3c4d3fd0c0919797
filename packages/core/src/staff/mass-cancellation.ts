import { parseLocalDate } from "../scheduling/local-date.ts";
import { err, ok, type Result } from "../shared/result.ts";

/** What an admin asks to cancel: live bookings of one office in a local date range. */
export interface MassCancellationInput {
  from: string;
  to: string;
  /** Why, in the citizens' words (mailed to each of them); German required, English optional. */
  reason: { de: string; en?: string | null };
}

export type MassCancellationError =
  | { readonly type: "MALFORMED_DATE"; readonly field: "from" | "to" }
  | { readonly type: "INVALID_RANGE" }
  | { readonly type: "RANGE_TOO_LONG"; readonly maxDays: number }
  | { readonly type: "REASON_REQUIRED" }
  | { readonly type: "REASON_TOO_LONG"; readonly max: number };

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
  const fromDay = parseLocalDate(input.from);
  if (fromDay === null) return err({ type: "MALFORMED_DATE", field: "from" });
  const toDay = parseLocalDate(input.to);
  if (toDay === null) return err({ type: "MALFORMED_DATE", field: "to" });
  if (toDay < fromDay) return err({ type: "INVALID_RANGE" });
  if (toDay - fromDay + 1 > MASS_CANCELLATION_MAX_DAYS) return err({ type: "RANGE_TOO_LONG", maxDays: MASS_CANCELLATION_MAX_DAYS });
  const de = input.reason.de.trim();
  const en = input.reason.en?.trim() || de;
  if (!de) return err({ type: "REASON_REQUIRED" });
  if (de.length > MASS_CANCELLATION_REASON_MAX || en.length > MASS_CANCELLATION_REASON_MAX) {
    return err({ type: "REASON_TOO_LONG", max: MASS_CANCELLATION_REASON_MAX });
  }
  return ok({ fromDay, toDay, from: input.from, to: input.to, reason: { de, en } });
}
