import { err, ok, type Result } from "../shared/result.ts";

const DAY = 86_400_000;

/** Application (Terminanfrage) states; the same names as the database enum. */
export type ApplicationState = "APPLIED" | "OFFERED" | "CONFIRMED" | "EXPIRED" | "DECLINED" | "WAITLISTED" | "WITHDRAWN" | "CANCELLED";

export interface ApplicationSnapshot {
  readonly state: ApplicationState;
  /** Set while OFFERED. */
  readonly offerDeadline: Date | null;
  /** Start of the offered or confirmed appointment. */
  readonly slotStart: Date | null;
}

/** What the campaign says about timing, as the decider needs it. */
export interface CampaignWindow {
  readonly applicationOpensAt: Date;
  readonly applicationClosesAt: Date;
}

export type ApplicationCommand =
  // Customer
  | { readonly type: "Apply"; readonly window: CampaignWindow }
  | { readonly type: "ChangePreferences"; readonly window: CampaignWindow }
  | { readonly type: "Withdraw"; readonly window: CampaignWindow }
  | { readonly type: "ConfirmOffer" }
  | { readonly type: "DeclineOffer" }
  | { readonly type: "CancelAppointment" }
  // System (draw and jobs)
  | { readonly type: "OfferSlot"; readonly slotStart: Date; readonly confirmationDays: number }
  | { readonly type: "Waitlist" }
  | { readonly type: "MoveUp"; readonly slotStart: Date; readonly offerDays: number }
  | { readonly type: "ExpireOffer" }
  | { readonly type: "RemindOffer"; readonly offerDeadline: Date };

export type ApplicationEvent =
  | { readonly type: "Applied" }
  | { readonly type: "PreferencesChanged" }
  | { readonly type: "Withdrawn" }
  | { readonly type: "Offered"; readonly offerDeadline: Date; readonly slotStart: Date; readonly movedUp: boolean }
  | { readonly type: "Waitlisted" }
  | { readonly type: "OfferConfirmed"; readonly at: Date }
  | { readonly type: "OfferDeclined" }
  | { readonly type: "OfferExpired" }
  | { readonly type: "OfferReminded" }
  | { readonly type: "AppointmentCancelled" };

export type ApplicationRejection =
  | { readonly type: "ALREADY_APPLIED" }
  | { readonly type: "NOT_FOUND" }
  | { readonly type: "WINDOW_NOT_OPEN"; readonly opensAt: Date }
  | { readonly type: "WINDOW_CLOSED" }
  | { readonly type: "WRONG_STATE"; readonly state: ApplicationState }
  | { readonly type: "OFFER_EXPIRED" }
  | { readonly type: "NOT_DUE" }
  /** The appointment has begun (or would begin before an offer could be answered). */
  | { readonly type: "TOO_LATE" };

export type ApplicationDecision = Result<readonly ApplicationEvent[], ApplicationRejection>;

const accept = (...events: ApplicationEvent[]): ApplicationDecision => ok(events);
const reject = (rejection: ApplicationRejection): ApplicationDecision => err(rejection);

function windowCheck(window: CampaignWindow, now: Date): ApplicationRejection | null {
  if (now.getTime() < window.applicationOpensAt.getTime()) return { type: "WINDOW_NOT_OPEN", opensAt: window.applicationOpensAt };
  if (now.getTime() >= window.applicationClosesAt.getTime()) return { type: "WINDOW_CLOSED" };
  return null;
}

/**
 * Decides a command against an application at `now`. Entry time is deliberately absent from
 * every outcome: applying early or late changes nothing but whether the window is open.
 */
export function decideApplication(command: ApplicationCommand, state: ApplicationSnapshot | null, now: Date): ApplicationDecision {
  if (command.type === "Apply") {
    // A withdrawn application may be filed again while the window is open (same row, same entry code).
    if (state && state.state !== "WITHDRAWN") return reject({ type: "ALREADY_APPLIED" });
    const closed = windowCheck(command.window, now);
    return closed ? reject(closed) : accept({ type: "Applied" });
  }
  if (!state) return reject({ type: "NOT_FOUND" });
  const t = now.getTime();
  switch (command.type) {
    case "ChangePreferences": {
      if (state.state !== "APPLIED") return reject({ type: "WRONG_STATE", state: state.state });
      const closed = windowCheck(command.window, now);
      return closed ? reject(closed) : accept({ type: "PreferencesChanged" });
    }
    case "Withdraw":
      // Before the draw only while the window is open (the entry list is fixed when it
      // closes); a waitlisted applicant may leave the pool at any time.
      if (state.state === "WAITLISTED") return accept({ type: "Withdrawn" });
      if (state.state !== "APPLIED") return reject({ type: "WRONG_STATE", state: state.state });
      return t < command.window.applicationClosesAt.getTime() ? accept({ type: "Withdrawn" }) : reject({ type: "WINDOW_CLOSED" });
    case "ConfirmOffer":
      if (state.state !== "OFFERED") return reject({ type: "WRONG_STATE", state: state.state });
      if ((state.offerDeadline?.getTime() ?? 0) <= t) return reject({ type: "OFFER_EXPIRED" });
      return accept({ type: "OfferConfirmed", at: now });
    case "DeclineOffer":
      if (state.state !== "OFFERED") return reject({ type: "WRONG_STATE", state: state.state });
      if ((state.offerDeadline?.getTime() ?? 0) <= t) return reject({ type: "OFFER_EXPIRED" });
      return accept({ type: "OfferDeclined" });
    case "CancelAppointment":
      if (state.state !== "CONFIRMED") return reject({ type: "WRONG_STATE", state: state.state });
      if ((state.slotStart?.getTime() ?? 0) <= t) return reject({ type: "TOO_LATE" });
      return accept({ type: "AppointmentCancelled" });
    case "OfferSlot": {
      if (state.state !== "APPLIED") return reject({ type: "WRONG_STATE", state: state.state });
      const offerDeadline = new Date(Math.min(t + command.confirmationDays * DAY, command.slotStart.getTime()));
      if (offerDeadline.getTime() <= t) return reject({ type: "TOO_LATE" });
      return accept({ type: "Offered", offerDeadline, slotStart: command.slotStart, movedUp: false });
    }
    case "Waitlist":
      return state.state === "APPLIED" ? accept({ type: "Waitlisted" }) : reject({ type: "WRONG_STATE", state: state.state });
    case "MoveUp": {
      if (state.state !== "WAITLISTED") return reject({ type: "WRONG_STATE", state: state.state });
      // The shorter move-up deadline never passes the appointment's start.
      const offerDeadline = new Date(Math.min(t + command.offerDays * DAY, command.slotStart.getTime()));
      if (offerDeadline.getTime() <= t) return reject({ type: "TOO_LATE" });
      return accept({ type: "Offered", offerDeadline, slotStart: command.slotStart, movedUp: true });
    }
    case "ExpireOffer":
      if (state.state !== "OFFERED") return reject({ type: "WRONG_STATE", state: state.state });
      return (state.offerDeadline?.getTime() ?? Infinity) <= t ? accept({ type: "OfferExpired" }) : reject({ type: "NOT_DUE" });
    case "RemindOffer":
      // Only the offer the reminder was planned for, and only while it can still be answered.
      if (state.state !== "OFFERED" || state.offerDeadline?.getTime() !== command.offerDeadline.getTime()) return reject({ type: "WRONG_STATE", state: state.state });
      return t < command.offerDeadline.getTime() ? accept({ type: "OfferReminded" }) : reject({ type: "OFFER_EXPIRED" });
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** How long before an offer's deadline the reminder goes out at most. */
export const OFFER_REMINDER_LEAD_MS = 2 * DAY;

/**
 * When to remind a winner of the offer's deadline: two days before it, or halfway through
 * a shorter offer (a move-up offer of a few days); null when that would leave under an hour.
 */
export function offerReminderAt(offeredAt: Date, offerDeadline: Date): Date | null {
  const window = offerDeadline.getTime() - offeredAt.getTime();
  const lead = Math.min(OFFER_REMINDER_LEAD_MS, window / 2);
  return lead < 3_600_000 ? null : new Date(offerDeadline.getTime() - lead);
}

/** The state after an event (the persisted projection). */
export function evolveApplication(state: ApplicationSnapshot | null, event: ApplicationEvent): ApplicationSnapshot {
  const base: ApplicationSnapshot = state ?? { state: "APPLIED", offerDeadline: null, slotStart: null };
  switch (event.type) {
    case "Applied":
      return { state: "APPLIED", offerDeadline: null, slotStart: null };
    case "PreferencesChanged":
      return base;
    case "Withdrawn":
      return { ...base, state: "WITHDRAWN" };
    case "Offered":
      return { state: "OFFERED", offerDeadline: event.offerDeadline, slotStart: event.slotStart };
    case "Waitlisted":
      return { ...base, state: "WAITLISTED" };
    case "OfferConfirmed":
      return { ...base, state: "CONFIRMED", offerDeadline: null };
    case "OfferDeclined":
      return { state: "DECLINED", offerDeadline: null, slotStart: null };
    case "OfferExpired":
      return { state: "EXPIRED", offerDeadline: null, slotStart: null };
    case "AppointmentCancelled":
      return { ...base, state: "CANCELLED" };
    case "OfferReminded":
      return base;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** Whether an application in this state still competes for freed slots. */
export const isWaiting = (state: ApplicationState): boolean => state === "WAITLISTED";
