import { randomBytes } from "node:crypto";
import {
  checkAdmission,
  enterWaitingRoom,
  releaseOf,
  type Tenant,
  type WaitingRoomPhase,
  waitingRoomPhase,
} from "@terminvergabe/core";
import { hashToken, newToken, type WaitingRoomRepository } from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import { InputError, WaitingRoomRequired } from "../errors/domain-errors.ts";

export interface WaitingRoomView {
  releaseAt: Date;
  opensAt: Date;
  phase: WaitingRoomPhase;
}

export interface WaitingRoomTicket {
  ticket: string;
  admitAt: Date;
  releaseAt: Date;
}

/** Longest ticket token accepted (a real one is 43 characters). */
const MAX_TICKET_LENGTH = 100;

/** A uniform number in [0, 1) from 48 random bits. */
function random01(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The fair waiting room of an announced release (tenant policy `releaseAt`): hands out
 * tickets with random admission times and admits holds by them. The rules are the core's.
 */
export class WaitingRoomService {
  constructor(
    private readonly tickets: WaitingRoomRepository,
    private readonly clock: () => Date,
  ) {}

  /** The tenant's waiting room while it matters (upcoming, waiting, admitting), else null. */
  view(tenant: Tenant): WaitingRoomView | null {
    const release = releaseOf(tenant.policy);
    if (!release) return null;
    const phase = waitingRoomPhase(release, this.clock());
    return phase === "OVER" ? null : { releaseAt: release.at, opensAt: release.opensAt, phase };
  }

  async enter(caller: Caller, tenantSlug: string): Promise<WaitingRoomTicket> {
    const tenant = await caller.tenantBySlug(tenantSlug);
    if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
    const release = releaseOf(tenant.policy);
    const entry = enterWaitingRoom(release, this.clock(), random01());
    if (!entry.ok) {
      throw entry.error.type === "NO_WAITING_ROOM"
        ? new InputError("NO_WAITING_ROOM", "tenant")
        : new InputError("WAITING_ROOM_NOT_OPEN", "tenant");
    }
    const ticket = newToken();
    await this.tickets.addTicket({ tenantId: tenant.id, tokenHash: hashToken(ticket), releaseAt: release!.at, admitAt: entry.value.admitAt });
    return { ticket, admitAt: entry.value.admitAt, releaseAt: release!.at };
  }

  /** Throws WaitingRoomRequired unless a hold at this tenant may go ahead now. */
  async admit(tenant: Tenant, ticket: string | null | undefined): Promise<void> {
    const release = releaseOf(tenant.policy);
    const now = this.clock();
    const phase = release ? waitingRoomPhase(release, now) : "OVER";
    // Outside the room's time no ticket is read at all: the common case costs nothing.
    const open = phase === "WAITING" || phase === "ADMITTING";
    const shown = open && ticket && ticket.length <= MAX_TICKET_LENGTH ? ticket : null;
    const admitAt = shown ? await this.tickets.admitAt(tenant.id, release!.at, hashToken(shown)) : null;
    const decision = checkAdmission(open ? release : null, now, admitAt);
    if (decision.ok) return;
    const error = decision.error;
    throw error.type === "TICKET_REQUIRED"
      ? new WaitingRoomRequired("WAITING_ROOM_TICKET_REQUIRED", error.releaseAt, null)
      : new WaitingRoomRequired("NOT_YET_ADMITTED", release!.at, error.admitAt);
  }

  /** Job: forget tickets of releases more than a day ago. */
  purge(): Promise<number> {
    return this.tickets.purge(this.clock());
  }
}
