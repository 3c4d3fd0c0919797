import { msg } from "@lit/localize";
import type { BookingStatus } from "./types.ts";

/** A booking status as the desk shows it. */
export function statusLabel(status: BookingStatus): string {
  switch (status) {
    case "HELD":
      return msg("reserviert");
    case "PENDING_VERIFICATION":
      return msg("unbestätigt");
    case "CONFIRMED":
      return msg("gebucht");
    case "CANCELLED":
      return msg("abgesagt");
    case "EXPIRED":
      return msg("verfallen");
    case "CHECKED_IN":
      return msg("angekommen");
    case "COMPLETED":
      return msg("erledigt");
    case "NO_SHOW":
      return msg("nicht erschienen");
    case "UNMARKED":
      return msg("nicht erfasst");
  }
}

export function channelLabel(channel: string): string {
  return channel === "STAFF" ? msg("Telefon/Schalter") : channel === "LOTTERY" ? msg("Losverfahren") : msg("online");
}
