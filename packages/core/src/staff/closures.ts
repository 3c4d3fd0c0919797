import { parseLocalDate, parseLocalTime } from "../scheduling/local-date.ts";
import { err, ok, type Result } from "../shared/result.ts";

/** An admin's closure (Schließtag): whole days, or a time range on each day of the range. */
export interface ClosureInput {
  from: string;
  to: string;
  startTime?: string | null;
  endTime?: string | null;
  /** Shown to citizens; German required, English falls back to it. */
  reason: { de: string; en?: string | null };
}

export type ClosureError =
  | { readonly type: "MALFORMED_DATE"; readonly field: "from" | "to" }
  | { readonly type: "INVALID_RANGE"; readonly field: "to" | "endTime" }
  | { readonly type: "MALFORMED_TIME"; readonly field: "startTime" | "endTime" }
  | { readonly type: "REASON_REQUIRED" }
  | { readonly type: "REASON_TOO_LONG"; readonly max: number };

export const CLOSURE_REASON_MAX = 500;

/** Checks dates, an optional time range (both or neither, start before end) and the reason. */
export function validateClosure(input: ClosureInput): Result<ClosureInput & { reason: { de: string; en: string } }, ClosureError> {
  const from = parseLocalDate(input.from);
  if (from === null) return err({ type: "MALFORMED_DATE", field: "from" });
  const to = parseLocalDate(input.to);
  if (to === null) return err({ type: "MALFORMED_DATE", field: "to" });
  if (to < from) return err({ type: "INVALID_RANGE", field: "to" });
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
  const de = input.reason.de.trim();
  const en = input.reason.en?.trim() || de;
  if (!de) return err({ type: "REASON_REQUIRED" });
  if (de.length > CLOSURE_REASON_MAX || en.length > CLOSURE_REASON_MAX) return err({ type: "REASON_TOO_LONG", max: CLOSURE_REASON_MAX });
  return ok({ ...input, startTime: input.startTime || null, endTime: input.endTime || null, reason: { de, en } });
}
