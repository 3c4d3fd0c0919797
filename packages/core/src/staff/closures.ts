import { parseLocalTime } from "../scheduling/local-date.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { checkReason, parseDayRange, type ReasonError, type ReasonInput } from "./range-and-reason.ts";

/** An admin's closure (Schließtag): whole days, or a time range on each day of the range. */
export interface ClosureInput {
  from: string;
  to: string;
  startTime?: string | null;
  endTime?: string | null;
  /** Shown to citizens. */
  reason: ReasonInput;
}

export type ClosureError =
  | { readonly type: "MALFORMED_DATE"; readonly field: "from" | "to" }
  | { readonly type: "INVALID_RANGE"; readonly field: "to" | "endTime" }
  | { readonly type: "MALFORMED_TIME"; readonly field: "startTime" | "endTime" }
  | ReasonError;

export const CLOSURE_REASON_MAX = 500;

/** Checks dates, an optional time range (both or neither, start before end) and the reason. */
export function validateClosure(input: ClosureInput): Result<ClosureInput & { reason: { de: string; en: string } }, ClosureError> {
  const range = parseDayRange(input.from, input.to);
  if (!range.ok) return err(range.error.type === "INVALID_RANGE" ? { type: "INVALID_RANGE", field: "to" } : range.error);
  const hasStart = Boolean(input.startTime);
  const hasEnd = Boolean(input.endTime);
  if (hasStart !== hasEnd) return err({ type: "MALFORMED_TIME", field: hasStart ? "endTime" : "startTime" });
  if (hasStart) {
    const start = parseLocalTime(input.startTime!);
    if (start === null) return err({ type: "MALFORMED_TIME", field: "startTime" });
    const end = parseLocalTime(input.endTime!, true);
    if (end === null) return err({ type: "MALFORMED_TIME", field: "endTime" });
    if (end <= start) return err({ type: "INVALID_RANGE", field: "endTime" });
  }
  const reason = checkReason(input.reason, CLOSURE_REASON_MAX);
  if (!reason.ok) return reason;
  return ok({ ...input, startTime: input.startTime || null, endTime: input.endTime || null, reason: reason.value });
}
