import type { TenantPolicy } from "../catalog/types.ts";
import { err, ok, type Result } from "../shared/result.ts";

/**
 * A fair waiting room for an announced release (e.g. "new appointments at 08:00"): whoever
 * arrives in the minutes before the release draws a lot; from the release on the tickets
 * are admitted in the order of their lots, paced at the agency's admission rate, so the
 * arrival millisecond gains nothing and the gateway is never asked for more than it can
 * serve. Whoever comes after the release queues behind, at the same pace. While the room
 * is open, holds need an admitted ticket.
 */
export interface Release {
  /** The announced release instant. */
  readonly at: Date;
  /** When the room opens (tickets are handed out from then on). */
  readonly opensAt: Date;
  /** Citizens admitted per second (the pace). */
  readonly admitPerSecond: number;
  /** The following release, if the agency announced one (told when this one is sold out). */
  readonly nextAt: Date | null;
}

/** How many tickets the room handed out: drawn before the release, queued after it. */
export interface Queue {
  /** Tickets taken before the release: admitted in the order of their lots. */
  readonly drawn: number;
  /** Tickets taken after the release: admitted behind the drawn ones, in arrival order. */
  readonly late: number;
}

export type WaitingRoomPhase = "UPCOMING" | "WAITING" | "ADMITTING" | "OVER";

/** After the last admission the room stays open this long, so the last ones can still hold. */
export const ROOM_GRACE_MS = 60_000;

const instant = (iso: string): Date | null => {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
};

/** The tenant's announced release, or null when there is none (or it is malformed). */
export function releaseOf(
  policy: Pick<TenantPolicy, "releaseAt" | "waitingRoomOpensMinutes" | "waitingRoomAdmitPerSecond" | "nextReleaseAt">,
): Release | null {
  const at = instant(policy.releaseAt);
  if (!at) return null;
  const next = instant(policy.nextReleaseAt);
  return {
    at,
    opensAt: new Date(at.getTime() - Math.max(0, policy.waitingRoomOpensMinutes) * 60_000),
    admitPerSecond: Math.max(1, policy.waitingRoomAdmitPerSecond),
    nextAt: next && next.getTime() > at.getTime() ? next : null,
  };
}

/** Milliseconds of admission one place in the queue takes. */
const msPerTicket = (release: Release) => 1000 / release.admitPerSecond;

/** When the last ticket handed out so far is admitted. */
export function queueEndsAt(release: Release, queue: Queue): Date {
  return new Date(release.at.getTime() + Math.ceil((queue.drawn + queue.late) * msPerTicket(release)));
}

/** Tickets not admitted yet at `now` (all of them before the release). */
export function stillWaiting(release: Release, queue: Queue, now: Date): number {
  const left = queueEndsAt(release, queue).getTime() - Math.max(now.getTime(), release.at.getTime());
  return Math.max(0, Math.ceil(left / msPerTicket(release)));
}

export function waitingRoomPhase(release: Release, now: Date, queue: Queue): WaitingRoomPhase {
  const t = now.getTime();
  if (t < release.opensAt.getTime()) return "UPCOMING";
  if (t < release.at.getTime()) return "WAITING";
  if (t < queueEndsAt(release, queue).getTime() + ROOM_GRACE_MS) return "ADMITTING";
  return "OVER";
}

/** A drawn ticket's admission time: its lot's share of the queue drawn before the release. */
export function drawnAdmission(release: Release, lot: number, drawn: number): Date {
  const share = Math.min(Math.max(lot, 0), 0.999999);
  return new Date(release.at.getTime() + Math.floor(share * drawn * msPerTicket(release)));
}

/**
 * Sold out: from the release on, no calendar of the released period (one per office and
 * concern, as the snapshot shows it) has a free start left. Before the release it cannot be.
 */
export function isSoldOut(release: Release, now: Date, calendars: readonly (readonly { readonly freeStartCount: number }[])[]): boolean {
  if (now.getTime() < release.at.getTime()) return false;
  return calendars.every((days) => days.every((day) => day.freeStartCount === 0));
}

export type EntryRejection =
  | { readonly type: "NO_WAITING_ROOM" }
  | { readonly type: "WAITING_ROOM_NOT_OPEN"; readonly opensAt: Date }
  | { readonly type: "SOLD_OUT"; readonly nextReleaseAt: Date | null };

/**
 * A new ticket. Before the release it gets only its lot (`random01`, uniform in [0, 1) from
 * the caller's random source): its admission time follows from the lot once the release
 * comes, whatever the arrival time. After the release it queues behind every ticket handed
 * out so far (`admitAt` fixed now). A sold-out release hands out none.
 */
export function enterWaitingRoom(
  release: Release | null,
  now: Date,
  queue: Queue,
  soldOut: boolean,
  random01: number,
): Result<{ lot: number; admitAt: Date | null }, EntryRejection> {
  if (!release) return err({ type: "NO_WAITING_ROOM" });
  const phase = waitingRoomPhase(release, now, queue);
  if (phase === "UPCOMING") return err({ type: "WAITING_ROOM_NOT_OPEN", opensAt: release.opensAt });
  if (phase === "OVER") return err({ type: "NO_WAITING_ROOM" });
  if (soldOut) return err({ type: "SOLD_OUT", nextReleaseAt: release.nextAt });
  const lot = Math.min(Math.max(random01, 0), 0.999999);
  if (phase === "WAITING") return ok({ lot, admitAt: null });
  return ok({ lot, admitAt: new Date(Math.max(now.getTime(), queueEndsAt(release, queue).getTime())) });
}

/** Polls are spread: never more often than this… */
export const MIN_POLL_MS = 2_000;
/** …and never less often than this while admitting, so a sold-out release is told soon. */
export const MAX_POLL_MS = 60_000;

export type TicketStatus =
  /** `admitAt`: final from the release on, before it the earliest possible; poll again at `pollAt`. */
  | { readonly type: "WAITING"; readonly admitAt: Date; readonly final: boolean; readonly pollAt: Date }
  | { readonly type: "ADMITTED"; readonly admitAt: Date }
  | { readonly type: "SOLD_OUT"; readonly nextReleaseAt: Date | null };

/**
 * What a waiting citizen is told when they ask, and when to ask again. `lot` and
 * `fixedAdmitAt` are the ticket's (`fixedAdmitAt` for tickets taken after the release).
 * Polls are spread so the room as a whole is asked about twice per admitted citizen per
 * second at most: the interval grows with the number still waiting (within
 * MIN_POLL_MS…MAX_POLL_MS, ±25 % jitter from `random01`), and nobody is told to come back
 * after their admission time (sooner than MIN_POLL_MS only when that time comes sooner).
 * Before the release the interval counts from the release.
 */
export function ticketStatus(
  release: Release,
  now: Date,
  queue: Queue,
  ticket: { readonly lot: number; readonly fixedAdmitAt: Date | null },
  soldOut: boolean,
  random01: number,
): TicketStatus {
  if (soldOut) return { type: "SOLD_OUT", nextReleaseAt: release.nextAt };
  const final = now.getTime() >= release.at.getTime() || ticket.fixedAdmitAt !== null;
  const admitAt = ticket.fixedAdmitAt ?? drawnAdmission(release, ticket.lot, queue.drawn);
  if (final && admitAt.getTime() <= now.getTime()) return { type: "ADMITTED", admitAt };
  const budgetPerSecond = 2 * release.admitPerSecond;
  const spreadMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, (stillWaiting(release, queue, now) / budgetPerSecond) * 1000));
  const intervalMs = Math.max(MIN_POLL_MS, spreadMs * (0.75 + 0.5 * Math.min(Math.max(random01, 0), 1)));
  // Before the release the admission time is an estimate that only grows with the queue; the
  // next poll is at it or, spread by the crowd, within one interval after the release —
  // whichever is sooner — so that a sell-out reaches everyone within an interval, not at
  // their turn (a bench run with 20,000 waiting told most of them only 10–17 minutes later).
  const from = final ? now.getTime() : release.at.getTime();
  const due = Math.min(admitAt.getTime(), from + intervalMs);
  return { type: "WAITING", admitAt, final, pollAt: new Date(due) };
}

export type AdmissionRejection =
  | { readonly type: "TICKET_REQUIRED"; readonly releaseAt: Date }
  | { readonly type: "NOT_YET_ADMITTED"; readonly admitAt: Date };

/**
 * Whether a hold may go ahead now: always outside the room's time; inside it only with a
 * ticket of this release whose admission time has come (`ticketAdmitAt`, null: no valid
 * ticket was shown).
 */
export function checkAdmission(release: Release | null, now: Date, queue: Queue, ticketAdmitAt: Date | null): Result<void, AdmissionRejection> {
  if (!release) return ok(undefined);
  const phase = waitingRoomPhase(release, now, queue);
  if (phase === "UPCOMING" || phase === "OVER") return ok(undefined);
  if (!ticketAdmitAt) return err({ type: "TICKET_REQUIRED", releaseAt: release.at });
  if (ticketAdmitAt.getTime() > now.getTime()) return err({ type: "NOT_YET_ADMITTED", admitAt: ticketAdmitAt });
  return ok(undefined);
}
