import type { Address, Locale, LocalizedText } from "@terminvergabe/core";

export type BookingMailKind = "CONFIRMATION" | "VERIFICATION" | "CANCELLATION" | "RESCHEDULE" | "REMINDER";

/** Everything a booking mail says; built by the booking flow inside its transaction. */
export interface BookingMailData {
  kind: BookingMailKind;
  /** The citizen's language (the booking's locale). */
  locale: Locale;
  /** `colors`: the tenant's theme for the mail's button (issue 11.12); the default blue without. */
  tenant: { name: LocalizedText; contactEmail: string | null; colors?: { primary: string; onPrimary: string } | null };
  office: { name: LocalizedText; address: Address; timeZone: string; phoneHours: LocalizedText | null };
  booking: {
    id: string;
    reference: string;
    start: Date;
    end: Date;
    /** iCalendar SEQUENCE of this mail (incremented on every reschedule and on cancellation). */
    icsSequence: number;
    contactName: string;
    contactEmail: string;
  };
  services: { name: LocalizedText; quantity: number; documents: LocalizedText[]; hints: LocalizedText[] }[];
  /** Link to view, cancel or reschedule (contains the manage token). */
  manageUrl: string;
  /** Double opt-in link and its deadline (VERIFICATION only). */
  verifyUrl?: string | undefined;
  verifyDeadline?: Date | undefined;
  /** RESCHEDULE only: the start before the move, shown as "previously". */
  previousStart?: Date | undefined;
  /** CANCELLATION only: why the agency cancelled (e.g. a mass cancellation); omitted when the citizen cancelled. */
  cancellationReason?: LocalizedText | undefined;
  /** DTSTAMP of the .ics. */
  now: Date;
}

/** A rendered mail as stored in the outbox (MailOutbox columns). */
export interface OutboxMail {
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** "REQUEST" or "CANCEL" when an .ics is attached. */
  icsMethod: "REQUEST" | "CANCEL" | null;
  icsContent: string | null;
}
