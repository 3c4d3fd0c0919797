import type { TenantPolicy } from "../catalog/types.ts";
import { err, ok, type Result } from "../shared/result.ts";

/**
 * A fair waiting room for an announced release (e.g. "new appointments at 08:00"): whoever
 * arrives in the minutes before the release gets a ticket with a RANDOM admission time in
 * the first seconds after it, independent of the arrival millisecond. Being first — or a
 * bot polling every millisecond — gains nothing; the herd is spread out so the gateway and
 * the database are not hit by all of it at once. While the room is open, holds need an
 * admitted ticket.
 */
export interface Release {
  /** The announced release instant. */
  readonly at: Date;
  /** When the room opens (tickets are handed out from then on). */
  readonly opensAt: Date;
  /** Tickets are admitted spread over [at, at + spread]. */
  readonly spreadMs: number;
  /** After this, the room is over and holds need no ticket. */
  readonly closesAt: Date;
}

export type WaitingRoomPhase = "UPCOMING" | "WAITING" | "ADMITTING" | "OVER";

/** The tenant's announced release, or null when there is none (or it is malformed). */
export function releaseOf(policy: Pick<TenantPolicy, "releaseAt" | "waitingRoomOpensMinutes" | "waitingRoomSpreadSeconds">): Release | null {
  if (!policy.releaseAt) return null;
  const at = new Date(policy.releaseAt);
  if (Number.isNaN(at.getTime())) return null;
  const spreadMs = Math.max(0, policy.waitingRoomSpreadSeconds) * 1000;
  return {
    at,
    opensAt: new Date(at.getTime() - Math.max(0, policy.waitingRoomOpensMinutes) * 60_000),
    spreadMs,
    // Stragglers with a ticket admitted at the very end still get a minute to use it.
    closesAt: new Date(at.getTime() + spreadMs + 60_000),
  };
}

export function waitingRoomPhase(release: Release, now: Date): WaitingRoomPhase {
  const t = now.getTime();
  if (t < release.opensAt.getTime()) return "UPCOMING";
  if (t < release.at.getTime()) return "WAITING";
  if (t < release.closesAt.getTime()) return "ADMITTING";
  return "OVER";
}

export type EntryRejection = { readonly type: "NO_WAITING_ROOM" } | { readonly type: "WAITING_ROOM_NOT_OPEN"; readonly opensAt: Date };

/**
 * A new ticket's admission time: uniformly random over the spread, whatever the arrival
 * time before the release; someone arriving during the spread is admitted no earlier than
 * now (they could not have used an earlier time anyway). `random01` is a uniform number
 * in [0, 1) from the caller's random source.
 */
export function enterWaitingRoom(release: Release | null, now: Date, random01: number): Result<{ admitAt: Date }, EntryRejection> {
  if (!release) return err({ type: "NO_WAITING_ROOM" });
  const phase = waitingRoomPhase(release, now);
  if (phase === "UPCOMING") return err({ type: "WAITING_ROOM_NOT_OPEN", opensAt: release.opensAt });
  if (phase === "OVER") return err({ type: "NO_WAITING_ROOM" });
  const drawn = release.at.getTime() + Math.floor(Math.min(Math.max(random01, 0), 0.999999) * release.spreadMs);
  return ok({ admitAt: new Date(Math.max(drawn, now.getTime())) });
}

export type AdmissionRejection =
  | { readonly type: "TICKET_REQUIRED"; readonly releaseAt: Date }
  | { readonly type: "NOT_YET_ADMITTED"; readonly admitAt: Date };

/**
 * Whether a hold may go ahead now: always outside the room's time; inside it only with a
 * ticket of this release whose admission time has come (`ticketAdmitAt`, null: no valid
 * ticket was shown).
 */
export function checkAdmission(release: Release | null, now: Date, ticketAdmitAt: Date | null): Result<void, AdmissionRejection> {
  if (!release) return ok(undefined);
  const phase = waitingRoomPhase(release, now);
  if (phase === "UPCOMING" || phase === "OVER") return ok(undefined);
  if (!ticketAdmitAt) return err({ type: "TICKET_REQUIRED", releaseAt: release.at });
  if (ticketAdmitAt.getTime() > now.getTime()) return err({ type: "NOT_YET_ADMITTED", admitAt: ticketAdmitAt });
  return ok(undefined);
}
