import { describe, expect, it } from "vitest";
import { deciderSpec } from "../shared/testing/decider-spec.ts";
import { type ApplicationSnapshot, type ApplicationState, decideApplication, evolveApplication, offerReminderAt } from "./application.ts";

/** 20 June 2026, 10:00 UTC: inside a window from 10 June to 5 July. */
const now = new Date("2026-06-20T10:00:00Z");
const days = (n: number, from = now) => new Date(from.getTime() + n * 86_400_000);
const window = { applicationOpensAt: new Date("2026-06-10T00:00:00Z"), applicationClosesAt: new Date("2026-07-05T22:00:00Z") };
const slotStart = new Date("2026-09-01T07:00:00Z");
const given = deciderSpec({ decide: decideApplication, now });
const inState = (state: ApplicationState, extra: Partial<ApplicationSnapshot> = {}): ApplicationSnapshot => ({ state, offerDeadline: null, slotStart: null, ...extra });
const offered = inState("OFFERED", { offerDeadline: days(14), slotStart });

describe("applying", () => {
  it("given no application and an open window, applies", () => {
    given(null).when({ type: "Apply", window }).then([{ type: "Applied" }]);
  });
  it("given the window not yet open or already closed, refuses", () => {
    given(null).at(new Date("2026-06-09T23:59:59Z")).when({ type: "Apply", window }).thenRejects({ type: "WINDOW_NOT_OPEN", opensAt: window.applicationOpensAt });
    given(null).at(window.applicationClosesAt).when({ type: "Apply", window }).thenRejects({ type: "WINDOW_CLOSED" });
  });
  it("given an application already, refuses a second; given a withdrawn one, applies again", () => {
    given(inState("APPLIED")).when({ type: "Apply", window }).thenRejects({ type: "ALREADY_APPLIED" });
    given(inState("WITHDRAWN")).when({ type: "Apply", window }).then([{ type: "Applied" }]);
  });
  it("changes preferences and withdraws only while the window is open", () => {
    given(inState("APPLIED")).when({ type: "ChangePreferences", window }).then([{ type: "PreferencesChanged" }]);
    given(inState("APPLIED")).at(window.applicationClosesAt).when({ type: "ChangePreferences", window }).thenRejects({ type: "WINDOW_CLOSED" });
    given(inState("APPLIED")).when({ type: "Withdraw", window }).then([{ type: "Withdrawn" }]);
    given(inState("APPLIED")).at(window.applicationClosesAt).when({ type: "Withdraw", window }).thenRejects({ type: "WINDOW_CLOSED" });
  });
  it("lets a waitlisted applicant leave the pool at any time", () => {
    given(inState("WAITLISTED")).at(days(100)).when({ type: "Withdraw", window }).then([{ type: "Withdrawn" }]);
  });
});

describe("the draw's outcome", () => {
  const drawDay = new Date("2026-07-06T08:00:00Z");
  it("offers the slot with the confirmation days as deadline", () => {
    given(inState("APPLIED")).at(drawDay).when({ type: "OfferSlot", slotStart, confirmationDays: 14 }).then([{ type: "Offered", offerDeadline: days(14, drawDay), slotStart, movedUp: false }]);
  });
  it("waitlists only an entry of the draw", () => {
    given(inState("APPLIED")).when({ type: "Waitlist" }).then([{ type: "Waitlisted" }]);
    given(inState("WITHDRAWN")).when({ type: "Waitlist" }).thenRejects({ type: "WRONG_STATE", state: "WITHDRAWN" });
  });
});

describe("an offer", () => {
  it("given time left, is confirmed or declined", () => {
    given(offered).when({ type: "ConfirmOffer" }).then([{ type: "OfferConfirmed", at: now }]);
    given(offered).when({ type: "DeclineOffer" }).then([{ type: "OfferDeclined" }]);
  });
  it("given the deadline passed, can be neither confirmed nor declined, and expires", () => {
    given(offered).at(days(14)).when({ type: "ConfirmOffer" }).thenRejects({ type: "OFFER_EXPIRED" });
    given(offered).at(days(14)).when({ type: "DeclineOffer" }).thenRejects({ type: "OFFER_EXPIRED" });
    given(offered).at(days(14)).when({ type: "ExpireOffer" }).then([{ type: "OfferExpired" }]);
  });
  it("does not expire early, nor twice", () => {
    given(offered).when({ type: "ExpireOffer" }).thenRejects({ type: "NOT_DUE" });
    given(inState("EXPIRED")).when({ type: "ExpireOffer" }).thenRejects({ type: "WRONG_STATE", state: "EXPIRED" });
  });
  it("confirmed twice is refused the second time", () => {
    given(inState("CONFIRMED", { slotStart })).when({ type: "ConfirmOffer" }).thenRejects({ type: "WRONG_STATE", state: "CONFIRMED" });
  });
});

describe("moving up", () => {
  it("given a waitlisted applicant, offers with the shorter move-up deadline", () => {
    given(inState("WAITLISTED")).when({ type: "MoveUp", slotStart, offerDays: 3 }).then([{ type: "Offered", offerDeadline: days(3), slotStart, movedUp: true }]);
  });
  it("never lets the deadline pass the appointment's start", () => {
    const soon = new Date(now.getTime() + 36 * 3_600_000);
    given(inState("WAITLISTED")).when({ type: "MoveUp", slotStart: soon, offerDays: 3 }).then([{ type: "Offered", offerDeadline: soon, slotStart: soon, movedUp: true }]);
  });
  it("given an appointment that has begun, refuses", () => {
    given(inState("WAITLISTED")).when({ type: "MoveUp", slotStart: now, offerDays: 3 }).thenRejects({ type: "TOO_LATE" });
  });
  it("only moves up the waitlisted", () => {
    given(inState("DECLINED")).when({ type: "MoveUp", slotStart, offerDays: 3 }).thenRejects({ type: "WRONG_STATE", state: "DECLINED" });
  });
});

describe("cancelling a confirmed appointment", () => {
  it("is possible until it begins", () => {
    given(inState("CONFIRMED", { slotStart })).when({ type: "CancelAppointment" }).then([{ type: "AppointmentCancelled" }]);
    given(inState("CONFIRMED", { slotStart })).at(slotStart).when({ type: "CancelAppointment" }).thenRejects({ type: "TOO_LATE" });
  });
});

describe("evolving", () => {
  it("follows offer → confirmation → cancellation", () => {
    const deadline = days(14);
    let state = evolveApplication(null, { type: "Applied" });
    state = evolveApplication(state, { type: "Offered", offerDeadline: deadline, slotStart, movedUp: false });
    expect(state).toEqual({ state: "OFFERED", offerDeadline: deadline, slotStart });
    state = evolveApplication(state, { type: "OfferConfirmed", at: now });
    expect(state).toEqual({ state: "CONFIRMED", offerDeadline: null, slotStart });
    expect(evolveApplication(state, { type: "AppointmentCancelled" }).state).toBe("CANCELLED");
  });
});

describe("the offer deadline's reminder", () => {
  it("given an open offer with that deadline, reminds before it; not after, not for another offer", () => {
    given(offered).when({ type: "RemindOffer", offerDeadline: days(14) }).then([{ type: "OfferReminded" }]);
    given(offered).at(days(14)).when({ type: "RemindOffer", offerDeadline: days(14) }).thenRejects({ type: "OFFER_EXPIRED" });
    given(offered).when({ type: "RemindOffer", offerDeadline: days(13) }).thenRejects({ type: "WRONG_STATE", state: "OFFERED" });
    given(inState("CONFIRMED")).when({ type: "RemindOffer", offerDeadline: days(14) }).thenRejects({ type: "WRONG_STATE", state: "CONFIRMED" });
  });
  it("is planned two days before the deadline, or halfway through a short offer, never under an hour ahead", () => {
    expect(offerReminderAt(now, days(14))).toEqual(days(12));
    expect(offerReminderAt(now, days(3))).toEqual(days(1.5));
    expect(offerReminderAt(now, days(2))).toEqual(days(1));
    expect(offerReminderAt(now, new Date(now.getTime() + 90 * 60_000))).toBeNull();
  });
});
