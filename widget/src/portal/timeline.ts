import type { ApplicationState, CampaignStatus } from "./portal-api.ts";

/** The stations of a request: applied → drawn → offered → confirmed, or the waiting list. */
export type Station = "applied" | "drawn" | "waitlisted" | "offered" | "confirmed" | "ended";

export interface TimelineStep {
  station: Station;
  status: "done" | "current" | "upcoming";
}

const ORDER: Station[] = ["applied", "drawn", "offered", "confirmed"];

/** Where a request stands, for the timeline (pure: no texts, no clock). */
export function timeline(state: ApplicationState, campaign: CampaignStatus): TimelineStep[] {
  const steps = (stations: Station[], current: number): TimelineStep[] =>
    stations.map((station, i) => ({ station, status: i < current ? "done" : i === current ? "current" : "upcoming" }));
  switch (state) {
    case "APPLIED":
      // The draw may be due while the entry still reads APPLIED: it is the current station then.
      return steps(ORDER, campaign === "CLOSED" ? 1 : 0);
    case "WAITLISTED":
      return steps(["applied", "drawn", "waitlisted", "offered", "confirmed"], 2);
    case "OFFERED":
      return steps(ORDER, 2);
    case "CONFIRMED":
      return steps(ORDER, 4);
    case "WITHDRAWN":
      return steps(["applied", "ended"], 1);
    default:
      // Declined, expired, cancelled: the request ended after an offer (or the appointment).
      return steps(["applied", "drawn", "offered", "ended"], 3);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left until a deadline (3 days and 5 hours: 3); 0 for less than a day or once it passed. */
export function daysLeft(deadline: string, now: number): number {
  return Math.max(0, Math.floor((Date.parse(deadline) - now) / DAY_MS));
}
