import type { BookingChannel } from "../scheduling/types.ts";
import type { Actor } from "../shared/actor.ts";

/**
 * The channel a booking in `tenantId` is made through: that agency's own staff book by
 * phone or at the desk and may use staff-only concerns and the staff reserve; everyone
 * else, staff of another agency included, books online.
 */
export function channelFor(actor: Actor, tenantId: string): BookingChannel {
  return actor.kind === "staff" && actor.tenantId === tenantId ? "STAFF" : "ONLINE";
}
