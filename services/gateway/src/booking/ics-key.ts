import { type BookingRecord, deriveToken } from "@terminvergabe/db";

/**
 * The key that downloads a booking's calendar file and nothing else: derived from the stored
 * manage-token hash, so it needs no storage of its own, stays the same through verification
 * and cannot be turned back into the manage token. Null for a booking without a manage token.
 */
export function icsKey(record: Pick<BookingRecord, "manageTokenHash">): string | null {
  return record.manageTokenHash ? deriveToken(record.manageTokenHash, "ics-download") : null;
}
