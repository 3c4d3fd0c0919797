import { err, ok, type Result } from "../shared/result.ts";
import { extendedHoldExpiry, type HoldLimitPolicy } from "./hold-limits.ts";
import { checkBookingLimits, type LimitPolicy, type LimitViolation, type PersonHistory } from "./limits.ts";
import { instantToLocal } from "../scheduling/time-zone.ts";
import { type BookingStatus, changeAllowed, isAttendance, isLive } from "./status.ts";

const MINUTE = 60_000;

/** What the decider needs to know about a booking (or hold); null when there is none yet. */
export interface BookingState {
  readonly status: BookingStatus;
  readonly start: Date;
  readonly end: Date;
  readonly holdExpiresAt: Date | null;
  readonly verifyDeadline: Date | null;
}

/** A booking in status HELD that its holder has proven. */
export type LiveHold = BookingState & { readonly status: "HELD" };

/**
 * Everything that can happen to a booking. Secrets stay outside: a command says whether
 * the caller's token matched (compared in constant time by the caller), not the token.
 */
export type BookingCommand =
  // Citizen (anonymous, proven by hold or manage token)
  | { readonly type: "HoldSlot"; readonly start: Date; readonly end: Date; readonly holdMinutes: number }
  /** More time for a hold (WCAG 2.2.1): a short step, never past the tenant's cap on its total life. */
  | { readonly type: "ExtendHold"; readonly tokenMatches: boolean; readonly heldSince: Date; readonly policy: Pick<HoldLimitPolicy, "holdMinutes" | "holdMaxMinutes"> }
  | { readonly type: "ReleaseHold"; readonly tokenMatches: boolean }
  | {
      readonly type: "ConfirmBooking";
      readonly tokenMatches: boolean;
      readonly person: PersonHistory;
      readonly serviceIds: readonly string[];
      readonly policy: LimitPolicy & { readonly requireEmailVerification: boolean; readonly verificationWindowMinutes: number };
    }
  | { readonly type: "VerifyEmail" }
  | { readonly type: "CancelBooking"; readonly cutoffMinutes: number }
  | { readonly type: "RescheduleBooking"; readonly start: Date; readonly cutoffMinutes: number }
  // System (jobs)
  | { readonly type: "ExpireBooking" }
  // Staff (desk, phone)
  | { readonly type: "CheckIn" }
  | { readonly type: "CompleteBooking" }
  | { readonly type: "MarkNoShow" }
  | { readonly type: "CancelOnBehalf"; readonly reason: string }
  /**
   * A clerk confirms a hold for a caller (phone, desk): no e-mail verification (the clerk
   * spoke to the person), no no-show limit (that one only stops online booking), the other
   * limits apply unless the clerk overrides them with a reason (audited).
   */
  | {
      readonly type: "ConfirmOnBehalf";
      readonly tokenMatches: boolean;
      readonly person: PersonHistory;
      readonly serviceIds: readonly string[];
      readonly policy: LimitPolicy;
      readonly override: { readonly reason: string } | null;
    }
  /** Takes back a desk mark (checked in, completed, no-show) on the appointment's local day. */
  | { readonly type: "UndoAttendance"; readonly timeZone: string }
  /**
   * System: an appointment whose local day is over and that nobody closed. A person checked
   * in is COMPLETED; an unmarked one COMPLETED or UNMARKED as the tenant's policy says.
   */
  | { readonly type: "ClosePastBooking"; readonly timeZone: string; readonly unmarked: "COMPLETED" | "UNMARKED" };

export type BookingEvent =
  | { readonly type: "SlotHeld"; readonly start: Date; readonly end: Date; readonly holdExpiresAt: Date }
  | { readonly type: "HoldExtended"; readonly holdExpiresAt: Date }
  | { readonly type: "HoldReleased" }
  | { readonly type: "BookingConfirmed"; readonly confirmedAt: Date }
  | { readonly type: "VerificationRequested"; readonly confirmedAt: Date; readonly verifyDeadline: Date }
  | { readonly type: "EmailVerified" }
  | { readonly type: "BookingCancelled"; readonly by: "citizen" | "staff"; readonly reason: string }
  | { readonly type: "BookingRescheduled"; readonly previousStart: Date; readonly start: Date }
  | { readonly type: "HoldExpired" }
  | { readonly type: "VerificationExpired" }
  | { readonly type: "CheckedIn"; readonly at: Date }
  | { readonly type: "BookingCompleted" }
  | { readonly type: "NoShowRecorded" }
  | { readonly type: "LimitOverridden"; readonly violation: LimitViolation; readonly reason: string }
  | { readonly type: "AttendanceUndone"; readonly previous: BookingStatus }
  | { readonly type: "AttendanceUnrecorded" };

/** Why a command was refused; the gateway maps each to one schema error. */
export type BookingRejection =
  | { readonly type: "NOT_FOUND" }
  | { readonly type: "ALREADY_EXISTS" }
  /** Expired, released, confirmed already, or the token does not prove it: all look alike. */
  | { readonly type: "HOLD_EXPIRED" }
  /** The hold reached the cap on its total life: it lasts until then, no longer. */
  | { readonly type: "HOLD_LIFETIME_REACHED"; readonly expiresAt: Date }
  | { readonly type: "NOT_ACTIVE"; readonly status: BookingStatus }
  | { readonly type: "CUTOFF_PASSED" }
  | { readonly type: "LIMIT_REACHED"; readonly violation: LimitViolation }
  /** Nothing has lapsed yet (expiry ran early or twice). */
  | { readonly type: "NOT_DUE" }
  /** The appointment has not started, so it cannot be over or missed. */
  | { readonly type: "TOO_EARLY" }
  /** A desk mark is undone only on the appointment's own day. */
  | { readonly type: "UNDO_TOO_LATE" }
  /** An override needs a reason (1–500 characters after trimming). */
  | { readonly type: "OVERRIDE_REASON_REQUIRED" };

export type BookingDecision = Result<readonly BookingEvent[], BookingRejection>;

/**
 * The hold-token rule, in one place: a hold is usable while it is HELD, not expired and
 * the caller's token matches. Every failure is the same HOLD_EXPIRED, so a guessed id
 * learns nothing.
 */
export function checkHold<S extends BookingState>(state: S | null, tokenMatches: boolean, now: Date): Result<S & LiveHold, BookingRejection> {
  if (!state || !tokenMatches || state.status !== "HELD") return err({ type: "HOLD_EXPIRED" });
  if ((state.holdExpiresAt?.getTime() ?? 0) <= now.getTime()) return err({ type: "HOLD_EXPIRED" });
  return ok(state as S & LiveHold);
}

const accept = (...events: BookingEvent[]): BookingDecision => ok(events);
const reject = (rejection: BookingRejection): BookingDecision => err(rejection);

/** Citizen changes need a live booking before the tenant's cut-off. */
function citizenChange(state: BookingState, cutoffMinutes: number, now: Date): BookingRejection | null {
  if (!isLive(state.status)) return { type: "NOT_ACTIVE", status: state.status };
  if (!changeAllowed(state.start, now, cutoffMinutes)) return { type: "CUTOFF_PASSED" };
  return null;
}

/** Longest override reason kept in the audit log. */
export const OVERRIDE_REASON_MAX_LENGTH = 500;

const localDay = (timeZone: string, at: Date) => instantToLocal(timeZone, at.getTime()).day;

/**
 * Decides a command against a booking's current state at `now`: the events to persist,
 * or why not. Pure: no clock, no I/O; the caller reads the state and writes the events.
 */
export function decide(command: BookingCommand, state: BookingState | null, now: Date): BookingDecision {
  if (command.type === "HoldSlot") {
    if (state) return reject({ type: "ALREADY_EXISTS" });
    const holdExpiresAt = new Date(now.getTime() + command.holdMinutes * MINUTE);
    return accept({ type: "SlotHeld", start: command.start, end: command.end, holdExpiresAt });
  }
  if (!state) {
    const holdCommand =
      command.type === "ExtendHold" || command.type === "ReleaseHold" || command.type === "ConfirmBooking" || command.type === "ConfirmOnBehalf";
    return reject({ type: holdCommand ? "HOLD_EXPIRED" : "NOT_FOUND" });
  }
  switch (command.type) {
    case "ExtendHold": {
      const hold = checkHold(state, command.tokenMatches, now);
      if (!hold.ok) return hold;
      const holdExpiresAt = extendedHoldExpiry(command.heldSince, hold.value.holdExpiresAt!, now, command.policy);
      return holdExpiresAt ? accept({ type: "HoldExtended", holdExpiresAt }) : reject({ type: "HOLD_LIFETIME_REACHED", expiresAt: hold.value.holdExpiresAt! });
    }
    case "ReleaseHold": {
      const hold = checkHold(state, command.tokenMatches, now);
      return hold.ok ? accept({ type: "HoldReleased" }) : hold;
    }
    case "ConfirmBooking": {
      const hold = checkHold(state, command.tokenMatches, now);
      if (!hold.ok) return hold;
      const violation = checkBookingLimits(command.person, command.serviceIds, command.policy, now);
      if (violation) return reject({ type: "LIMIT_REACHED", violation });
      if (!command.policy.requireEmailVerification) return accept({ type: "BookingConfirmed", confirmedAt: now });
      const verifyDeadline = new Date(now.getTime() + command.policy.verificationWindowMinutes * MINUTE);
      return accept({ type: "VerificationRequested", confirmedAt: now, verifyDeadline });
    }
    case "VerifyEmail":
      if (state.status !== "PENDING_VERIFICATION" || (state.verifyDeadline?.getTime() ?? 0) <= now.getTime()) {
        return reject({ type: "NOT_ACTIVE", status: state.status });
      }
      return accept({ type: "EmailVerified" });
    case "CancelBooking": {
      const refused = citizenChange(state, command.cutoffMinutes, now);
      return refused ? reject(refused) : accept({ type: "BookingCancelled", by: "citizen", reason: "cancelled by citizen" });
    }
    case "RescheduleBooking": {
      const refused = citizenChange(state, command.cutoffMinutes, now);
      return refused ? reject(refused) : accept({ type: "BookingRescheduled", previousStart: state.start, start: command.start });
    }
    case "ExpireBooking":
      if (state.status === "HELD") {
        return (state.holdExpiresAt?.getTime() ?? 0) <= now.getTime() ? accept({ type: "HoldExpired" }) : reject({ type: "NOT_DUE" });
      }
      if (state.status === "PENDING_VERIFICATION") {
        return (state.verifyDeadline?.getTime() ?? Infinity) <= now.getTime()
          ? accept({ type: "VerificationExpired" })
          : reject({ type: "NOT_DUE" });
      }
      return reject({ type: "NOT_ACTIVE", status: state.status });
    case "CheckIn":
      // Only a confirmed booking: an unverified one may be someone else's address.
      return state.status === "CONFIRMED" ? accept({ type: "CheckedIn", at: now }) : reject({ type: "NOT_ACTIVE", status: state.status });
    case "CompleteBooking":
      if (state.status !== "CONFIRMED" && state.status !== "CHECKED_IN" && state.status !== "UNMARKED") {
        return reject({ type: "NOT_ACTIVE", status: state.status });
      }
      return now < state.start ? reject({ type: "TOO_EARLY" }) : accept({ type: "BookingCompleted" });
    case "MarkNoShow":
      if (!isLive(state.status) && state.status !== "UNMARKED") return reject({ type: "NOT_ACTIVE", status: state.status });
      return now < state.start ? reject({ type: "TOO_EARLY" }) : accept({ type: "NoShowRecorded" });
    case "ConfirmOnBehalf": {
      const hold = checkHold(state, command.tokenMatches, now);
      if (!hold.ok) return hold;
      const violation = checkBookingLimits(command.person, command.serviceIds, { ...command.policy, noShowLimit: 0 }, now);
      if (!violation) return accept({ type: "BookingConfirmed", confirmedAt: now });
      if (!command.override) return reject({ type: "LIMIT_REACHED", violation });
      const reason = command.override.reason.trim();
      if (!reason || reason.length > OVERRIDE_REASON_MAX_LENGTH) return reject({ type: "OVERRIDE_REASON_REQUIRED" });
      return accept({ type: "LimitOverridden", violation, reason }, { type: "BookingConfirmed", confirmedAt: now });
    }
    case "UndoAttendance":
      if (!isAttendance(state.status)) return reject({ type: "NOT_ACTIVE", status: state.status });
      if (localDay(command.timeZone, state.start) !== localDay(command.timeZone, now)) return reject({ type: "UNDO_TOO_LATE" });
      return accept({ type: "AttendanceUndone", previous: state.status });
    case "ClosePastBooking":
      if (state.status !== "CONFIRMED" && state.status !== "CHECKED_IN") return reject({ type: "NOT_ACTIVE", status: state.status });
      // The desk may mark and undo until the day is over; only then does the system close it.
      if (localDay(command.timeZone, state.end) >= localDay(command.timeZone, now) || state.end > now) return reject({ type: "NOT_DUE" });
      if (state.status === "CHECKED_IN" || command.unmarked === "COMPLETED") return accept({ type: "BookingCompleted" });
      return accept({ type: "AttendanceUnrecorded" });
    case "CancelOnBehalf":
      // Staff are not bound by the citizens' cut-off (a caller phones in on the day).
      if (!isLive(state.status)) return reject({ type: "NOT_ACTIVE", status: state.status });
      return accept({ type: "BookingCancelled", by: "staff", reason: command.reason });
    default: {
      const unreachable: never = command;
      throw new Error(`unknown booking command ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The state after an event; `decide` followed by `evolve` is one step of the machine. */
export function evolve(state: BookingState | null, event: BookingEvent): BookingState {
  if (event.type === "SlotHeld") {
    return { status: "HELD", start: event.start, end: event.end, holdExpiresAt: event.holdExpiresAt, verifyDeadline: null };
  }
  if (!state) throw new Error(`${event.type} needs an existing booking`);
  switch (event.type) {
    case "HoldExtended":
      return { ...state, holdExpiresAt: event.holdExpiresAt };
    case "HoldReleased":
    case "HoldExpired":
      return { ...state, status: "EXPIRED", holdExpiresAt: null };
    case "BookingConfirmed":
      return { ...state, status: "CONFIRMED", holdExpiresAt: null };
    case "VerificationRequested":
      return { ...state, status: "PENDING_VERIFICATION", holdExpiresAt: null, verifyDeadline: event.verifyDeadline };
    case "EmailVerified":
      return { ...state, status: "CONFIRMED" };
    case "BookingCancelled":
      return { ...state, status: "CANCELLED" };
    case "BookingRescheduled":
      // Same concerns, so the same length; the engine fixes the exact end and counter.
      return { ...state, start: event.start, end: new Date(event.start.getTime() + (state.end.getTime() - state.start.getTime())) };
    case "VerificationExpired":
      return { ...state, status: "EXPIRED" };
    case "CheckedIn":
      return { ...state, status: "CHECKED_IN" };
    case "BookingCompleted":
      return { ...state, status: "COMPLETED" };
    case "NoShowRecorded":
      return { ...state, status: "NO_SHOW" };
    case "LimitOverridden":
      return state;
    case "AttendanceUndone":
      return { ...state, status: "CONFIRMED" };
    case "AttendanceUnrecorded":
      return { ...state, status: "UNMARKED" };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown booking event ${JSON.stringify(unreachable)}`);
    }
  }
}
