import { describe, expect, it } from "vitest";
import { deciderSpec } from "../shared/testing/decider-spec.ts";
import { type BookingCommand, type BookingState, decide, evolve } from "./decide.ts";
import { BOOKING_STATUSES, BOOKING_TRANSITIONS, type BookingStatus, changeable, isLive, LIVE_STATUSES } from "./status.ts";

/** Frozen time: 8 January 2030, 09:00 UTC; the appointment is the next morning. */
const now = new Date("2030-01-08T09:00:00Z");
const minutes = (n: number, from = now) => new Date(from.getTime() + n * 60_000);
const start = new Date("2030-01-09T09:00:00Z");
const end = new Date("2030-01-09T09:20:00Z");

const given = deciderSpec({ decide, now });

const hold: BookingState = { status: "HELD", start, end, holdExpiresAt: minutes(5), verifyDeadline: null };
const confirmed: BookingState = { status: "CONFIRMED", start, end, holdExpiresAt: null, verifyDeadline: null };
const pending: BookingState = { ...confirmed, status: "PENDING_VERIFICATION", verifyDeadline: minutes(60) };
const inStatus = (status: BookingStatus): BookingState => ({ ...confirmed, status });

const nobody = { activeFutureBookings: 0, activeServiceIds: [], noShowStarts: [] };
const policy = {
  maxActiveBookingsPerPerson: 2,
  noShowLimit: 2,
  noShowWindowMonths: 6,
  requireEmailVerification: false,
  verificationWindowMinutes: 60,
};
/** An extension of a hold made now, by a tenant holding 10 minutes with a cap of 20 (one-minute steps). */
const extend: BookingCommand = { type: "ExtendHold", tokenMatches: true, heldSince: now, policy: { holdMinutes: 10, holdMaxMinutes: 20 } };
const confirm = (overrides: Partial<Extract<BookingCommand, { type: "ConfirmBooking" }>> = {}): BookingCommand => ({
  type: "ConfirmBooking",
  tokenMatches: true,
  person: nobody,
  serviceIds: ["passport"],
  policy,
  ...overrides,
});

describe("holding a slot", () => {
  it("given no booking, holds the slot for the tenant's hold time", () => {
    given(null)
      .when({ type: "HoldSlot", start, end, holdMinutes: 10 })
      .then([{ type: "SlotHeld", start, end, holdExpiresAt: minutes(10) }]);
  });
  it("given an existing booking, refuses to hold it again", () => {
    given(hold).when({ type: "HoldSlot", start, end, holdMinutes: 10 }).thenRejects({ type: "ALREADY_EXISTS" });
  });
  it("given a live hold and its token, extends it by one step after its expiry", () => {
    given(hold).when(extend).then([{ type: "HoldExtended", holdExpiresAt: new Date(hold.holdExpiresAt!.getTime() + 60_000) }]);
  });
  it("given a hold at the cap on its total life, refuses to extend it further", () => {
    given({ ...hold, holdExpiresAt: minutes(20) }).when(extend).thenRejects({ type: "HOLD_LIFETIME_REACHED", expiresAt: minutes(20) });
  });
  it("answers HOLD_EXPIRED alike for a wrong token, a lapsed hold, a confirmed booking and no hold", () => {
    given(hold).when({ ...extend, tokenMatches: false }).thenRejects({ type: "HOLD_EXPIRED" });
    given(hold).at(minutes(5)).when(extend).thenRejects({ type: "HOLD_EXPIRED" });
    given(confirmed).when({ type: "ReleaseHold", tokenMatches: true }).thenRejects({ type: "HOLD_EXPIRED" });
    given(null).when({ type: "ReleaseHold", tokenMatches: true }).thenRejects({ type: "HOLD_EXPIRED" });
  });
  it("given a live hold and its token, releases it", () => {
    given(hold).when({ type: "ReleaseHold", tokenMatches: true }).then([{ type: "HoldReleased" }]);
  });
});

describe("confirming a hold", () => {
  it("given a live hold, confirms at once when the tenant does not ask for verification", () => {
    given(hold).when(confirm()).then([{ type: "BookingConfirmed", confirmedAt: now }]);
  });
  it("given a tenant with double opt-in, awaits verification until the window ends", () => {
    given(hold)
      .when(confirm({ policy: { ...policy, requireEmailVerification: true, verificationWindowMinutes: 30 } }))
      .then([{ type: "VerificationRequested", confirmedAt: now, verifyDeadline: minutes(30) }]);
  });
  it("given a lapsed hold, says the hold expired before looking at limits", () => {
    given(hold)
      .at(minutes(6))
      .when(confirm({ person: { ...nobody, activeFutureBookings: 9 } }))
      .thenRejects({ type: "HOLD_EXPIRED" });
  });
  it("given a person at the limit of active bookings, refuses", () => {
    given(hold)
      .when(confirm({ person: { activeFutureBookings: 2, activeServiceIds: ["a", "b"], noShowStarts: [] } }))
      .thenRejects({ type: "LIMIT_REACHED", violation: { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: 2 } });
  });
  it("given a person who already booked the concern, refuses a second one", () => {
    given(hold)
      .when(confirm({ person: { activeFutureBookings: 1, activeServiceIds: ["passport"], noShowStarts: [] } }))
      .thenRejects({ type: "LIMIT_REACHED", violation: { kind: "SAME_SERVICE_ALREADY_BOOKED", serviceId: "passport" } });
  });
  it("counts only no-shows inside the tenant's window", () => {
    const old = [new Date("2029-06-01T09:00:00Z"), new Date("2029-07-07T09:00:00Z")];
    given(hold).when(confirm({ person: { ...nobody, noShowStarts: old } })).then([{ type: "BookingConfirmed", confirmedAt: now }]);
    const recent = [new Date("2029-07-09T09:00:00Z"), new Date("2029-12-01T09:00:00Z")];
    given(hold)
      .when(confirm({ person: { ...nobody, noShowStarts: recent } }))
      .thenRejects({ type: "LIMIT_REACHED", violation: { kind: "TOO_MANY_NO_SHOWS", limit: 2 } });
  });
});

describe("verifying the e-mail address", () => {
  it("given a booking awaiting verification, confirms it", () => {
    given(pending).when({ type: "VerifyEmail" }).then([{ type: "EmailVerified" }]);
  });
  it("given the window has passed or the booking is not pending, refuses", () => {
    given(pending).at(minutes(60)).when({ type: "VerifyEmail" }).thenRejects({ type: "NOT_ACTIVE", status: "PENDING_VERIFICATION" });
    given(confirmed).when({ type: "VerifyEmail" }).thenRejects({ type: "NOT_ACTIVE", status: "CONFIRMED" });
  });
});

describe("citizen changes", () => {
  const cancel: BookingCommand = { type: "CancelBooking", cutoffMinutes: 60 };
  it("given a live booking before the cut-off, cancels it", () => {
    given(confirmed).when(cancel).then([{ type: "BookingCancelled", by: "citizen", reason: "cancelled by citizen" }]);
    given(pending).when(cancel).then([{ type: "BookingCancelled", by: "citizen", reason: "cancelled by citizen" }]);
  });
  it("given the cut-off has passed, refuses (one minute after it, not at it)", () => {
    given(confirmed).at(minutes(-60, start)).when(cancel).then([{ type: "BookingCancelled", by: "citizen", reason: "cancelled by citizen" }]);
    given(confirmed).at(minutes(-59, start)).when(cancel).thenRejects({ type: "CUTOFF_PASSED" });
  });
  it("given a booking that is no longer live, refuses; given none, not found", () => {
    given(inStatus("CANCELLED")).when(cancel).thenRejects({ type: "NOT_ACTIVE", status: "CANCELLED" });
    given(null).when(cancel).thenRejects({ type: "NOT_FOUND" });
  });
  it("given a live booking, moves it and remembers the old start", () => {
    const later = minutes(60, start);
    given(confirmed)
      .when({ type: "RescheduleBooking", start: later, cutoffMinutes: 0 })
      .then([{ type: "BookingRescheduled", previousStart: start, start: later }]);
    given(inStatus("CHECKED_IN"))
      .when({ type: "RescheduleBooking", start: later, cutoffMinutes: 0 })
      .thenRejects({ type: "NOT_ACTIVE", status: "CHECKED_IN" });
  });
});

describe("expiry (system job)", () => {
  it("given a lapsed hold or verification window, expires it", () => {
    given(hold).at(minutes(5)).when({ type: "ExpireBooking" }).then([{ type: "HoldExpired" }]);
    given(pending).at(minutes(60)).when({ type: "ExpireBooking" }).then([{ type: "VerificationExpired" }]);
  });
  it("given nothing has lapsed, leaves it", () => {
    given(hold).when({ type: "ExpireBooking" }).thenRejects({ type: "NOT_DUE" });
    given(pending).when({ type: "ExpireBooking" }).thenRejects({ type: "NOT_DUE" });
    given(confirmed).when({ type: "ExpireBooking" }).thenRejects({ type: "NOT_ACTIVE", status: "CONFIRMED" });
  });
});

describe("at the desk (staff)", () => {
  const afterStart = minutes(5, start);
  it("checks in a confirmed booking, but not an unverified one", () => {
    given(confirmed).when({ type: "CheckIn" }).then([{ type: "CheckedIn", at: now }]);
    given(pending).when({ type: "CheckIn" }).thenRejects({ type: "NOT_ACTIVE", status: "PENDING_VERIFICATION" });
  });
  it("completes an appointment once it has started", () => {
    given(inStatus("CHECKED_IN")).at(afterStart).when({ type: "CompleteBooking" }).then([{ type: "BookingCompleted" }]);
    given(inStatus("CHECKED_IN")).when({ type: "CompleteBooking" }).thenRejects({ type: "TOO_EARLY" });
  });
  it("records a no-show only after the start, and not after a check-in", () => {
    given(confirmed).at(afterStart).when({ type: "MarkNoShow" }).then([{ type: "NoShowRecorded" }]);
    given(confirmed).when({ type: "MarkNoShow" }).thenRejects({ type: "TOO_EARLY" });
    given(inStatus("CHECKED_IN")).at(afterStart).when({ type: "MarkNoShow" }).thenRejects({ type: "NOT_ACTIVE", status: "CHECKED_IN" });
  });
  it("cancels on behalf of a caller past the citizens' cut-off", () => {
    given(confirmed)
      .at(minutes(-1, start))
      .when({ type: "CancelOnBehalf", reason: "caller is ill" })
      .then([{ type: "BookingCancelled", by: "staff", reason: "caller is ill" }]);
    given(inStatus("NO_SHOW")).when({ type: "CancelOnBehalf", reason: "x" }).thenRejects({ type: "NOT_ACTIVE", status: "NO_SHOW" });
  });
});

describe("the transitions table", () => {
  const commands: BookingCommand[] = [
    extend,
    { type: "ReleaseHold", tokenMatches: true },
    confirm(),
    confirm({ policy: { ...policy, requireEmailVerification: true } }),
    { type: "VerifyEmail" },
    { type: "CancelBooking", cutoffMinutes: 0 },
    { type: "RescheduleBooking", start: minutes(60, start), cutoffMinutes: 0 },
    { type: "ExpireBooking" },
    { type: "CheckIn" },
    { type: "CompleteBooking" },
    { type: "MarkNoShow" },
    { type: "CancelOnBehalf", reason: "r" },
    { type: "ConfirmOnBehalf", tokenMatches: true, person: nobody, serviceIds: ["passport"], policy, override: null },
    { type: "UndoAttendance", timeZone: "Europe/Berlin" },
    { type: "ClosePastBooking", timeZone: "Europe/Berlin", unmarked: "COMPLETED" },
    { type: "ClosePastBooking", timeZone: "Europe/Berlin", unmarked: "UNMARKED" },
  ];
  const instants = [now, minutes(5), minutes(60), minutes(5, start), minutes(24 * 60, start)];

  /** Every status change `decide` + `evolve` can make, from every status at several instants. */
  function reachable(): Map<BookingStatus, Set<BookingStatus>> {
    const seen = new Map<BookingStatus, Set<BookingStatus>>(BOOKING_STATUSES.map((s) => [s, new Set()]));
    for (const status of BOOKING_STATUSES) {
      const state: BookingState = { ...pending, status, holdExpiresAt: status === "HELD" ? minutes(5) : null };
      for (const command of commands) {
        for (const at of instants) {
          const decision = decide(command, state, at);
          if (!decision.ok) continue;
          const after = decision.value.reduce<BookingState>((s, e) => evolve(s, e), state);
          if (after.status !== status) seen.get(status)!.add(after.status);
        }
      }
    }
    return seen;
  }

  it("allows exactly the listed status changes, no more and no fewer", () => {
    const seen = reachable();
    for (const status of BOOKING_STATUSES) {
      expect([...seen.get(status)!].sort(), status).toEqual([...BOOKING_TRANSITIONS[status]].sort());
    }
  });
  it("settled bookings accept no command; desk marks only their undo on the day", () => {
    for (const status of ["CANCELLED", "EXPIRED"] as const) {
      for (const command of commands) expect(decide(command, inStatus(status), minutes(5, start)).ok).toBe(false);
    }
    for (const status of ["COMPLETED", "NO_SHOW"] as const) {
      const accepted = commands.filter((command) => decide(command, inStatus(status), minutes(5, start)).ok).map((c) => c.type);
      expect(accepted).toEqual(["UndoAttendance"]);
    }
  });
});

describe("live and changeable", () => {
  it("live means confirmed or awaiting verification", () => {
    expect(BOOKING_STATUSES.filter(isLive).sort()).toEqual([...LIVE_STATUSES].sort());
  });
  it("changeable means live and before the cut-off", () => {
    expect(changeable(confirmed, minutes(-30, start), 30)).toBe(true);
    expect(changeable(confirmed, minutes(-29, start), 30)).toBe(false);
    expect(changeable(inStatus("CHECKED_IN"), now, 0)).toBe(false);
  });
});
