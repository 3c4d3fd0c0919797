import { err, ok, type Result, type SlotTaken } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";

export interface NewHold {
  tenantId: string;
  officeId: string;
  counterId: string;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date;
  holdTokenHash: string;
  channel: "ONLINE" | "STAFF";
  items: { serviceId: string; quantity: number }[];
}

/** Writes holds and bookings; the database's exclusion constraint decides conflicts. */
export class BookingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts a hold. Never reads first: the exclusion constraint "Booking_no_overlap"
   * makes a concurrent overlapping insert fail with SQLSTATE 23P01, which becomes
   * the domain error SLOT_TAKEN.
   */
  async insertHold(hold: NewHold): Promise<Result<{ id: string }, SlotTaken>> {
    try {
      const row = await this.db.prisma.booking.create({
        data: {
          tenantId: hold.tenantId,
          officeId: hold.officeId,
          counterId: hold.counterId,
          status: "HELD",
          channel: hold.channel,
          startsAt: hold.startsAt,
          endsAt: hold.endsAt,
          holdExpiresAt: hold.holdExpiresAt,
          holdTokenHash: hold.holdTokenHash,
          items: { create: hold.items.map((item) => ({ serviceId: item.serviceId, quantity: item.quantity })) },
        },
        select: { id: true },
      });
      return ok(row);
    } catch (error) {
      if (sqlStateOf(error) === SqlState.exclusionViolation) return err({ kind: "SLOT_TAKEN" });
      throw error;
    }
  }
}
