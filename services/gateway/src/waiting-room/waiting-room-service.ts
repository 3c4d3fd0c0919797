import { randomBytes } from "node:crypto";
import {
  checkAdmission,
  drawnAdmission,
  enterWaitingRoom,
  type Queue,
  type Release,
  releaseOf,
  type Tenant,
  type TicketStatus,
  ticketStatus,
  type WaitingRoomPhase,
  waitingRoomPhase,
} from "@terminvergabe/core";
import { hashToken, newToken, type WaitingRoomRepository } from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import { InputError, WaitingRoomRequired } from "../errors/domain-errors.ts";
import { QueueCounts, type SoldOutSource, SoldOutWatch, TicketCache } from "./waiting-room-state.ts";

export interface WaitingRoomView {
  releaseAt: Date;
  opensAt: Date;
  phase: WaitingRoomPhase;
  admitPerSecond: number;
  soldOut: boolean;
  nextReleaseAt: Date | null;
}

export interface WaitingRoomAnswer {
  state: TicketStatus["type"];
  releaseAt: Date;
  /** WAITING and ADMITTED: the admission time (before the release the earliest possible). */
  admitAt: Date | null;
  /** Whether `admitAt` is final (from the release on). */
  admitAtFinal: boolean;
  /** WAITING: ask again after this many seconds (the server spreads the polls). */
  pollAfterSeconds: number | null;
  nextReleaseAt: Date | null;
}

export interface WaitingRoomTicket extends WaitingRoomAnswer {
  ticket: string;
}

/** Longest ticket token accepted (a real one is 43 characters). */
const MAX_TICKET_LENGTH = 100;

/** A uniform number in [0, 1) from 48 random bits. */
function random01(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

function answer(release: Release, status: TicketStatus, now: Date): WaitingRoomAnswer {
  switch (status.type) {
    case "SOLD_OUT":
      return { state: "SOLD_OUT", releaseAt: release.at, admitAt: null, admitAtFinal: false, pollAfterSeconds: null, nextReleaseAt: status.nextReleaseAt };
    case "ADMITTED":
      return { state: "ADMITTED", releaseAt: release.at, admitAt: status.admitAt, admitAtFinal: true, pollAfterSeconds: null, nextReleaseAt: release.nextAt };
    case "WAITING":
      return {
        state: "WAITING",
        releaseAt: release.at,
        admitAt: status.admitAt,
        admitAtFinal: status.final,
        pollAfterSeconds: Math.ceil((status.pollAt.getTime() - now.getTime()) / 1000),
        nextReleaseAt: release.nextAt,
      };
    default: {
      const never: never = status;
      return never;
    }
  }
}

/**
 * The fair waiting room of an announced release (tenant policy `releaseAt`): hands out
 * tickets with random lots, admits them paced at the agency's rate and stops when the
 * release is sold out. The rules are the core's; this reads and writes around them. A
 * poll costs no database work once the ticket is known to this instance: the queue's
 * counts, the sold-out state and the ticket's lot are held here (see waiting-room-state).
 */
export class WaitingRoomService {
  private readonly queues: QueueCounts;
  private readonly soldOutWatch: SoldOutWatch;
  private readonly known = new TicketCache();

  constructor(
    private readonly tickets: WaitingRoomRepository,
    private readonly clock: () => Date,
    soldOutSource: SoldOutSource,
  ) {
    this.queues = new QueueCounts(tickets, clock);
    this.soldOutWatch = new SoldOutWatch(soldOutSource, clock);
  }

  /** The tenant's waiting room while it matters (upcoming, waiting, admitting), else null. */
  async view(tenant: Tenant): Promise<WaitingRoomView | null> {
    const release = releaseOf(tenant.policy);
    if (!release) return null;
    const now = this.clock();
    if (now.getTime() < release.opensAt.getTime()) {
      return { releaseAt: release.at, opensAt: release.opensAt, phase: "UPCOMING", admitPerSecond: release.admitPerSecond, soldOut: false, nextReleaseAt: release.nextAt };
    }
    const queue = await this.queues.get(tenant.id, release);
    const phase = waitingRoomPhase(release, now, queue);
    if (phase === "OVER") return null;
    const soldOut = await this.soldOutWatch.soldOut(tenant, release);
    return { releaseAt: release.at, opensAt: release.opensAt, phase, admitPerSecond: release.admitPerSecond, soldOut, nextReleaseAt: release.nextAt };
  }

  async enter(caller: Caller, tenantSlug: string): Promise<WaitingRoomTicket> {
    const tenant = await caller.tenantBySlug(tenantSlug);
    if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
    const release = releaseOf(tenant.policy);
    const now = this.clock();
    const queue = release && now.getTime() >= release.opensAt.getTime() ? await this.queues.get(tenant.id, release) : { drawn: 0, late: 0 };
    const soldOut = release ? await this.soldOutWatch.soldOut(tenant, release) : false;
    const entry = enterWaitingRoom(release, now, queue, soldOut, random01());
    if (!entry.ok) {
      switch (entry.error.type) {
        case "NO_WAITING_ROOM":
          throw new InputError("NO_WAITING_ROOM", "tenant");
        case "WAITING_ROOM_NOT_OPEN":
          throw new InputError("WAITING_ROOM_NOT_OPEN", "tenant");
        case "SOLD_OUT":
          throw new InputError("RELEASE_SOLD_OUT", "tenant");
        default: {
          const never: never = entry.error;
          throw never;
        }
      }
    }
    const ticket = newToken();
    const tokenHash = hashToken(ticket);
    const stored = { lot: entry.value.lot, admitAt: entry.value.admitAt };
    await this.tickets.addTicket({ tenantId: tenant.id, tokenHash, releaseAt: release!.at, ...stored });
    this.known.set(tokenHash, stored);
    const counted = this.queues.added(tenant.id, release!, stored.admitAt !== null);
    const status = ticketStatus(release!, now, counted, { lot: stored.lot, fixedAdmitAt: stored.admitAt }, false, random01());
    return { ticket, ...answer(release!, status, now) };
  }

  /**
   * Where a ticket stands, and when to ask again. O(1) for the server: the queue counts
   * and the sold-out state are shared by all polls, the ticket is read once per instance.
   */
  async status(caller: Caller, tenantSlug: string, ticket: string): Promise<WaitingRoomAnswer> {
    const tenant = await caller.tenantBySlug(tenantSlug);
    if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
    const release = releaseOf(tenant.policy);
    const now = this.clock();
    if (!release || now.getTime() < release.opensAt.getTime()) throw new InputError("NO_WAITING_ROOM", "tenant");
    const queue = await this.queues.get(tenant.id, release);
    if (waitingRoomPhase(release, now, queue) === "OVER") {
      // The room is over: no ticket is needed any more.
      return answer(release, { type: "ADMITTED", admitAt: now }, now);
    }
    const stored = await this.ticket(tenant, release, ticket);
    if (!stored) throw new InputError("WAITING_ROOM_TICKET_UNKNOWN", "ticket");
    const soldOut = await this.soldOutWatch.soldOut(tenant, release);
    return answer(release, ticketStatus(release, now, queue, { lot: stored.lot, fixedAdmitAt: stored.admitAt }, soldOut, random01()), now);
  }

  private async ticket(tenant: Tenant, release: Release, ticket: string | null | undefined) {
    if (!ticket || ticket.length > MAX_TICKET_LENGTH) return null;
    const tokenHash = hashToken(ticket);
    const cached = this.known.get(tokenHash);
    if (cached) return cached;
    const stored = await this.tickets.ticket(tenant.id, release.at, tokenHash);
    if (stored) this.known.set(tokenHash, stored);
    return stored;
  }

  /** Throws WaitingRoomRequired unless a hold at this tenant may go ahead now. */
  async admit(tenant: Tenant, ticket: string | null | undefined): Promise<void> {
    const release = releaseOf(tenant.policy);
    const now = this.clock();
    // Outside the room's time nothing is read at all: the common case costs nothing.
    if (!release || now.getTime() < release.opensAt.getTime()) return;
    const queue: Queue = await this.queues.get(tenant.id, release);
    const phase = waitingRoomPhase(release, now, queue);
    if (phase === "OVER") return;
    const stored = await this.ticket(tenant, release, ticket);
    const admitAt = stored ? (stored.admitAt ?? drawnAdmission(release, stored.lot, queue.drawn)) : null;
    const decision = checkAdmission(release, now, queue, admitAt);
    if (decision.ok) return;
    const error = decision.error;
    throw error.type === "TICKET_REQUIRED"
      ? new WaitingRoomRequired("WAITING_ROOM_TICKET_REQUIRED", error.releaseAt, null)
      : new WaitingRoomRequired("NOT_YET_ADMITTED", release.at, error.admitAt);
  }

  /** Job: forget tickets of releases more than a day ago. */
  purge(): Promise<number> {
    this.known.clear();
    return this.tickets.purge(this.clock());
  }
}
