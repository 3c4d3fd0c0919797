import type { FreeStart } from "@terminvergabe/core";
import type { MessageKey } from "../i18n/messages.ts";

/**
 * An expected failure the client should show: mapped to a schema type implementing
 * `Error` (see schema/errors.ts). Anything else thrown stays masked.
 */
export abstract class DomainError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** Bad input: a field that is missing, malformed, unknown or out of range. */
export class InputError extends DomainError {
  constructor(
    code: MessageKey,
    readonly field: string | null,
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
  }
}

/** The requested start is no longer free; `alternatives` are the nearest free starts. */
export class SlotUnavailable extends DomainError {
  constructor(readonly alternatives: readonly FreeStart[]) {
    super("SLOT_UNAVAILABLE");
  }
}

/** A hold that expired, was released or never existed for this token. */
export class HoldExpired extends DomainError {
  constructor() {
    super("HOLD_EXPIRED");
  }
}

/** An anti-hoarding or abuse limit. */
export class LimitReached extends DomainError {}

/** Not found, or not yours: the same answer either way. */
export class NotFound extends DomainError {
  constructor() {
    super("NOT_FOUND");
  }
}

/**
 * A counter that still has live bookings ahead cannot be deactivated: `bookings` says how
 * many to cancel (mass cancellation of this counter) or move first.
 */
export class CounterHasBookings extends DomainError {
  constructor(readonly bookings: number) {
    super("COUNTER_HAS_FUTURE_BOOKINGS", { count: bookings });
  }
}

/** Too late to change: past the cancellation cut-off or the appointment itself. */
export class TooLate extends DomainError {}

/**
 * An announced release's waiting room is open: holds need a ticket (enterWaitingRoom) whose
 * admission time has come. `admitAt` is the ticket's time (null: no valid ticket shown).
 */
export class WaitingRoomRequired extends DomainError {
  constructor(
    code: "WAITING_ROOM_TICKET_REQUIRED" | "NOT_YET_ADMITTED",
    readonly releaseAt: Date,
    readonly admitAt: Date | null,
  ) {
    super(code);
  }
}
