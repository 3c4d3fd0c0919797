/**
 * The one place where the core's typed rejections become the schema's errors (the classes
 * of domain-errors.ts, which schema/errors.ts exposes as GraphQL types). Each switch is
 * exhaustive, so a new rejection in the core does not compile until it is mapped here.
 */
import type { BookingRejection, CheckStartRejection, ContactError, HoldWishError, LimitViolation, Locale, RequestError } from "@terminvergabe/core";
import { GraphQLError } from "graphql";
import { t } from "../i18n/messages.ts";
import type { Logger } from "../logger.ts";
import { DomainError, HoldExpired, InputError, LimitReached, NotFound, TooLate } from "./domain-errors.ts";

/** Maps the engine's request errors to translated, typed input errors (the first one wins). */
export function toInputError(errors: readonly RequestError[], logger?: Logger): InputError {
  const error = errors[0];
  if (!error) return new InputError("EMPTY_REQUEST", "items");
  switch (error.type) {
    case "OFFICE_MISMATCH":
      return new InputError("UNKNOWN_OFFICE", "office");
    case "EMPTY_REQUEST":
      return new InputError("EMPTY_REQUEST", "items");
    case "UNKNOWN_SERVICE":
      return new InputError("UNKNOWN_SERVICE", "items");
    case "DUPLICATE_SERVICE":
      return new InputError("DUPLICATE_SERVICE", "items");
    case "INVALID_QUANTITY":
      return new InputError("INVALID_QUANTITY", "items", { max: error.maxQuantity });
    case "SERVICE_NOT_OFFERED":
      return new InputError("SERVICE_NOT_OFFERED", "items");
    case "NO_COUNTER_SERVES_ALL":
      return new InputError("NO_COUNTER_SERVES_ALL", "items");
    case "MALFORMED_DATE":
      return new InputError("MALFORMED_DATE", error.field);
    case "INVALID_RANGE":
      return new InputError("INVALID_RANGE", "to");
    case "RANGE_EXCEEDS_HORIZON":
      return new InputError("RANGE_EXCEEDS_HORIZON", "to", { max: error.maxDays });
    case "INVALID_CONFIGURATION":
      logger?.error("scheduling.invalid_configuration", { issues: error.issues });
      return new InputError("INVALID_CONFIGURATION", null);
    default: {
      const unreachable: never = error;
      throw new Error(`unmapped request error ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Why a start cannot be held or moved to, as an input error; null for TAKEN and an
 * exhausted staff reserve, which the caller answers with SlotUnavailable and alternatives.
 */
export function startRejectionError(reason: CheckStartRejection, logger?: Logger): InputError | null {
  switch (reason.type) {
    case "INVALID_REQUEST":
      return toInputError(reason.errors, logger);
    case "TOO_SOON":
      return new InputError("START_TOO_SOON", "start");
    case "BEYOND_HORIZON":
      return new InputError("START_BEYOND_HORIZON", "start");
    case "OUTSIDE_OPENING_HOURS":
    case "OFF_GRID":
      return new InputError("START_OUTSIDE_HOURS", "start");
    case "CLOSED":
      return new InputError("START_CLOSED", "start");
    case "TAKEN":
    case "STAFF_RESERVE_EXHAUSTED":
      return null;
    default: {
      const unreachable: never = reason;
      throw new Error(`unmapped start rejection ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Which start a hold wants was not said clearly: exactly one of start and day, times as HH:MM. */
export function holdWishError(error: HoldWishError): InputError {
  switch (error.type) {
    case "START_OR_DAY_REQUIRED":
      return new InputError("START_OR_DAY_REQUIRED", "start");
    case "MALFORMED_TIME":
      return new InputError("MALFORMED_TIME", error.field);
    default: {
      const unreachable: never = error;
      throw new Error(`unmapped hold wish error ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A contact or consent problem, named by the input field the form highlights. */
export function contactInputError(error: ContactError): InputError {
  return new InputError(error.code, error.field === "consent" ? "consent" : `contact.${error.field}`);
}

export function limitError(violation: LimitViolation): LimitReached {
  switch (violation.kind) {
    case "TOO_MANY_ACTIVE_BOOKINGS":
      return new LimitReached("TOO_MANY_ACTIVE_BOOKINGS", { max: violation.max });
    case "SAME_SERVICE_ALREADY_BOOKED":
      return new LimitReached("SAME_SERVICE_ALREADY_BOOKED");
    case "TOO_MANY_NO_SHOWS":
      return new LimitReached("TOO_MANY_NO_SHOWS");
    default: {
      const unreachable: never = violation;
      throw new Error(`unmapped limit ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A refused booking command as the schema error the citizen sees. */
export function bookingRejectionError(rejection: BookingRejection): DomainError | Error {
  switch (rejection.type) {
    case "NOT_FOUND":
      return new NotFound();
    case "HOLD_EXPIRED":
      return new HoldExpired();
    case "HOLD_LIFETIME_REACHED":
      return new LimitReached("HOLD_LIFETIME_REACHED");
    case "NOT_ACTIVE":
      return new TooLate("BOOKING_NOT_ACTIVE");
    case "CUTOFF_PASSED":
      return new TooLate("CANCELLATION_CUTOFF");
    case "LIMIT_REACHED":
      return limitError(rejection.violation);
    case "UNDO_TOO_LATE":
      return new TooLate("UNDO_TOO_LATE");
    case "OVERRIDE_REASON_REQUIRED":
      return new InputError("OVERRIDE_REASON_REQUIRED", "override.reason");
    case "TOO_EARLY":
      return new InputError("TOO_EARLY", "attendance");
    // No public operation can cause these (a new hold has no row yet; expiry and the desk
    // commands have no schema field yet): unexpected, so masked.
    case "ALREADY_EXISTS":
    case "NOT_DUE":
      return new Error(`booking command refused: ${rejection.type}`);
    default: {
      const unreachable: never = rejection;
      throw new Error(`unmapped booking rejection ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Subscriptions have no union result: a domain error becomes a GraphQL error carrying the
 * typed code (and field), translated; anything else is rethrown as is (and masked).
 */
export function subscriptionError(error: unknown, locale: Locale): unknown {
  if (!(error instanceof DomainError)) return error;
  return new GraphQLError(t(error.code, locale, error.params), {
    extensions: { code: error.code, ...(error instanceof InputError ? { field: error.field } : {}) },
  });
}
