import { describe, it } from "vitest";
import { deciderSpec } from "../shared/testing/decider-spec.ts";
import { type BookingState, decide } from "./decide.ts";

/** A Berlin morning appointment on Tuesday 8 January 2030 (UTC+1). */
const start = new Date("2030-01-08T08:00:00Z");
const end = new Date("2030-01-08T08:20:00Z");
const at = (iso: string) => new Date(iso);
const given = deciderSpec({ decide, now: at("2030-01-08T08:05:00Z") });
const state = (status: BookingState["status"]): BookingState => ({ status, start, end, holdExpiresAt: null, verifyDeadline: null });
const berlin = "Europe/Berlin";

describe("the desk marks attendance", () => {
  it("given a confirmed booking, checks the person in, then completes it", () => {
    given(state("CONFIRMED")).when({ type: "CheckIn" }).then([{ type: "CheckedIn", at: at("2030-01-08T08:05:00Z") }]);
    given(state("CHECKED_IN")).when({ type: "CompleteBooking" }).then([{ type: "BookingCompleted" }]);
  });
  it("given a no-show marked by mistake, undoes it on the same local day", () => {
    given(state("NO_SHOW")).at(at("2030-01-08T22:59:00Z")).when({ type: "UndoAttendance", timeZone: berlin }).then([{ type: "AttendanceUndone", previous: "NO_SHOW" }]);
  });
  it("refuses the undo once the local day is over (23:00 UTC is midnight in Berlin)", () => {
    given(state("COMPLETED")).at(at("2030-01-08T23:00:00Z")).when({ type: "UndoAttendance", timeZone: berlin }).thenRejects({ type: "UNDO_TOO_LATE" });
  });
  it("has nothing to undo on a booking nobody marked", () => {
    given(state("CONFIRMED")).when({ type: "UndoAttendance", timeZone: berlin }).thenRejects({ type: "NOT_ACTIVE", status: "CONFIRMED" });
  });
  it("lets the desk record attendance late for an appointment the system left unmarked", () => {
    given(state("UNMARKED")).at(at("2030-01-09T08:00:00Z")).when({ type: "MarkNoShow" }).then([{ type: "NoShowRecorded" }]);
  });
});

describe("the system closes past appointments", () => {
  const close = (unmarked: "COMPLETED" | "UNMARKED") => ({ type: "ClosePastBooking" as const, timeZone: berlin, unmarked });
  it("leaves the appointment's own day to the desk", () => {
    given(state("CONFIRMED")).at(at("2030-01-08T22:00:00Z")).when(close("UNMARKED")).thenRejects({ type: "NOT_DUE" });
  });
  it("after the day, an unmarked booking becomes UNMARKED or COMPLETED as the tenant's policy says", () => {
    given(state("CONFIRMED")).at(at("2030-01-09T00:30:00Z")).when(close("UNMARKED")).then([{ type: "AttendanceUnrecorded" }]);
    given(state("CONFIRMED")).at(at("2030-01-09T00:30:00Z")).when(close("COMPLETED")).then([{ type: "BookingCompleted" }]);
  });
  it("completes a person who was checked in, whatever the policy", () => {
    given(state("CHECKED_IN")).at(at("2030-01-09T00:30:00Z")).when(close("UNMARKED")).then([{ type: "BookingCompleted" }]);
  });
  it("never touches a booking the desk already settled", () => {
    given(state("NO_SHOW")).at(at("2030-01-10T00:00:00Z")).when(close("COMPLETED")).thenRejects({ type: "NOT_ACTIVE", status: "NO_SHOW" });
  });
});

describe("a clerk confirms on behalf of a caller", () => {
  const hold: BookingState = { status: "HELD", start, end, holdExpiresAt: at("2030-01-08T08:15:00Z"), verifyDeadline: null };
  const policy = { maxActiveBookingsPerPerson: 1, noShowLimit: 1, noShowWindowMonths: 6 };
  const busy = { activeFutureBookings: 1, activeServiceIds: ["pass"], noShowStarts: [at("2029-12-01T08:00:00Z")] };
  const onBehalf = (override: { reason: string } | null) =>
    ({ type: "ConfirmOnBehalf", tokenMatches: true, person: busy, serviceIds: ["pass"], policy, override }) as const;
  it("ignores the no-show limit, which only stops online booking", () => {
    const fresh = { ...busy, activeFutureBookings: 0, activeServiceIds: [] };
    given(hold).when({ ...onBehalf(null), person: fresh }).then([{ type: "BookingConfirmed", confirmedAt: at("2030-01-08T08:05:00Z") }]);
  });
  it("refuses a booking over the limit without an override", () => {
    given(hold).when(onBehalf(null)).thenRejects({ type: "LIMIT_REACHED", violation: { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: 1 } });
  });
  it("books over the limit with an override and records it with its reason", () => {
    given(hold)
      .when(onBehalf({ reason: "  Pass gestohlen, Reise morgen " }))
      .then([
        { type: "LimitOverridden", violation: { kind: "TOO_MANY_ACTIVE_BOOKINGS", max: 1 }, reason: "Pass gestohlen, Reise morgen" },
        { type: "BookingConfirmed", confirmedAt: at("2030-01-08T08:05:00Z") },
      ]);
  });
  it("wants a reason for an override", () => {
    given(hold).when(onBehalf({ reason: "   " })).thenRejects({ type: "OVERRIDE_REASON_REQUIRED" });
  });
});
