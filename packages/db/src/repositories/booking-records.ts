/** A booking (or hold) as the rest of the system sees it; no Prisma types. */
export interface BookingRecord {
  id: string;
  tenantId: string;
  officeId: string;
  counterId: string;
  reference: string | null;
  status: "HELD" | "PENDING_VERIFICATION" | "CONFIRMED" | "CANCELLED" | "EXPIRED" | "CHECKED_IN" | "COMPLETED" | "NO_SHOW" | "UNMARKED";
  channel: "ONLINE" | "STAFF" | "LOTTERY";
  start: Date;
  end: Date;
  holdExpiresAt: Date | null;
  holdTokenHash: string | null;
  manageTokenHash: string | null;
  verifyTokenHash: string | null;
  /** Hash of the manage token last mailed on request (migration 0018); opens the booking like `manageTokenHash`. */
  resentTokenHash?: string | null;
  verifyDeadline: Date | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  locale: "de" | "en";
  icsSequence: number;
  items: { serviceId: string; quantity: number }[];
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

/** A mail to write into the outbox in the same transaction as the change it reports. */
export interface OutboxInsert {
  kind: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  icsMethod: string | null;
  icsContent: string | null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
