/**
 * The core's typed rejections of staff configuration input (configuration validators,
 * tenant policy, closures and mass cancellations) as translated input errors. Each switch
 * is exhaustive: a new rejection in the core does not compile until it is mapped here.
 */
import { type ClosureError, type ConfigurationError, type MassCancellationError, POLICY_RANGES, type PolicyIssue } from "@terminvergabe/core";
import type { ConfigurationRefusal } from "@terminvergabe/db";
import { InputError, NotFound } from "./domain-errors.ts";

export function configurationError(e: ConfigurationError): InputError {
  switch (e.type) {
    case "REQUIRED":
      return new InputError("FIELD_REQUIRED", e.field);
    case "TOO_LONG":
      return new InputError("FIELD_TOO_LONG", e.field, { max: e.max });
    case "TOO_MANY":
      return new InputError("TOO_MANY_ENTRIES", e.field, { max: e.max });
    case "OUT_OF_RANGE":
      return new InputError("OUT_OF_RANGE", e.field, { min: e.min, max: e.max });
    case "MALFORMED_SLUG":
    case "INVALID_TIME_ZONE":
    case "UNKNOWN_HOLIDAY_REGION":
    case "MALFORMED_LEIKA_KEY":
    case "MALFORMED_TIME":
    case "MALFORMED_DATE":
    case "INVALID_RANGE":
    case "MALFORMED_URL":
      return new InputError(e.type, e.field);
    case "INVALID_RRULE":
      return new InputError("INVALID_RRULE", e.field, { detail: e.message.slice(0, 200) });
    case "MALFORMED_ORIGIN":
      return new InputError("MALFORMED_ORIGIN", e.field, { origin: e.origin });
    case "MALFORMED_THEME":
      return new InputError("MALFORMED_THEME", e.field, { name: e.name });
    case "MALFORMED_COLOR":
    case "UNKNOWN_FONT":
      return new InputError(e.type, e.field);
    default: {
      const unreachable: never = e;
      throw new Error(`unmapped configuration error ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The first issue of a tenant policy, on the field `policy.<setting>`. */
export function policyError(issues: readonly PolicyIssue[]): InputError {
  const e = issues[0];
  if (!e) throw new Error("a policy rejection without issues");
  const field = `policy.${e.field}`;
  switch (e.type) {
    case "OUT_OF_RANGE":
      return new InputError("OUT_OF_RANGE", field, { min: e.min, max: e.max });
    case "MALFORMED":
      return new InputError("MALFORMED_SETTING", field);
    case "CUTOFF_EXCEEDS_LEAD_TIME":
      return new InputError("POLICY_CUTOFF_EXCEEDS_LEAD_TIME", field, { lead: e.leadMinutes });
    case "VERIFICATION_AFTER_APPOINTMENT":
      return new InputError("POLICY_VERIFICATION_AFTER_APPOINTMENT", field, { lead: e.leadMinutes });
    case "HOLD_MAX_BELOW_HOLD":
      return new InputError("OUT_OF_RANGE", field, { min: e.holdMinutes, max: POLICY_RANGES.holdMaxMinutes.max });
    case "HORIZON_WITHIN_LEAD_TIME":
      return new InputError("POLICY_HORIZON_WITHIN_LEAD_TIME", field, { lead: e.leadMinutes });
    default: {
      const unreachable: never = e;
      throw new Error(`unmapped policy issue ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Why the database refused a configuration write. */
export function refusalError(e: ConfigurationRefusal): InputError | NotFound {
  switch (e.type) {
    case "NOT_FOUND":
      return new NotFound();
    case "SLUG_TAKEN":
      return new InputError("SLUG_TAKEN", "slug");
    case "IN_USE":
      return new InputError("CONFIG_IN_USE", "id");
    case "UNKNOWN_REFERENCE":
      return e.field === "services" ? new InputError("UNKNOWN_SERVICE", "services") : new InputError("UNKNOWN_COUNTER", "counter");
    default: {
      const unreachable: never = e;
      throw new Error(`unmapped configuration refusal ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A closure's or a mass cancellation's date range and reason. */
export function rangeAndReasonError(e: ClosureError | MassCancellationError): InputError {
  switch (e.type) {
    case "MALFORMED_DATE":
      return new InputError("MALFORMED_DATE", e.field);
    case "INVALID_RANGE":
      return new InputError("INVALID_RANGE", "field" in e ? e.field : "to");
    case "RANGE_TOO_LONG":
      return new InputError("RANGE_TOO_LONG", "to", { max: e.maxDays });
    case "MALFORMED_TIME":
      return new InputError("MALFORMED_TIME", e.field);
    case "REASON_REQUIRED":
      return new InputError("REASON_REQUIRED", "reason.de");
    case "REASON_TOO_LONG":
      return new InputError("REASON_TOO_LONG", "reason", { max: e.max });
    default: {
      const unreachable: never = e;
      throw new Error(`unmapped range error ${JSON.stringify(unreachable)}`);
    }
  }
}
