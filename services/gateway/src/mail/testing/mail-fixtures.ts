import type { Database } from "@terminvergabe/db";
import ICAL from "ical.js";
import { renderBookingMail } from "../render-booking-mail.ts";
import type { BookingMailData } from "../types.ts";

export const BOOKING_ID = "0f0e0d0c-0000-4000-8000-000000000001";

/** A town citizens' office booking: two concerns, documents, hints, summer time. */
export function sampleMailData(overrides: Partial<BookingMailData> = {}): BookingMailData {
  return {
    kind: "CONFIRMATION",
    locale: "de",
    tenant: { name: { de: "Bürgerbüro Musterstadt", en: "Citizens' Office Musterstadt" }, contactEmail: "buergerbuero@musterstadt.example" },
    office: {
      name: { de: "Rathaus, Erdgeschoss", en: "Town hall, ground floor" },
      address: { street: "Marktplatz 1", postalCode: "12345", city: "Musterstadt" },
      timeZone: "Europe/Berlin",
      phoneHours: { de: "Di und Do 9–12 und 14–18 Uhr", en: "Tue and Thu 9–12 and 14–18" },
    },
    booking: {
      id: BOOKING_ID,
      reference: "K7QF-M2XA",
      start: new Date("2030-07-02T07:00:00Z"),
      end: new Date("2030-07-02T07:30:00Z"),
      icsSequence: 0,
      contactName: "Erika Mustermann",
      contactEmail: "erika@example.org",
    },
    services: [
      {
        name: { de: "Personalausweis beantragen", en: "Apply for an ID card" },
        quantity: 2,
        documents: [
          { de: "Biometrisches Passfoto", en: "Biometric passport photo" },
          { de: "Bisheriger Ausweis", en: "Previous ID card" },
        ],
        hints: [{ de: "Gebühr: 37 € (bar oder EC-Karte)", en: "Fee: €37 (cash or debit card)" }],
      },
      { name: { de: "Beglaubigung", en: "Certification" }, quantity: 1, documents: [], hints: [{ de: "Original mitbringen", en: "Bring the original" }] },
    ],
    manageUrl: `https://termine.musterstadt.example/manage/K7QF-M2XA?token=tok_${"a".repeat(43)}`,
    now: new Date("2030-06-20T09:30:00Z"),
    ...overrides,
  };
}

/** A tenant row to hang outbox rows on. */
export async function createTenant(db: Database, slug: string, contactEmail: string | null = "buergerbuero@musterstadt.example") {
  return db.prisma.tenant.create({
    data: { slug, name: { de: "Bürgerbüro Musterstadt", en: "Citizens' Office Musterstadt" }, contactEmail },
  });
}

/** Inserts a rendered mail as a PENDING outbox row, the way the booking flow does. */
export async function insertOutboxRow(
  db: Database,
  tenantId: string,
  data: BookingMailData = sampleMailData(),
  extra: { nextAttemptAt?: Date; lockedUntil?: Date | null } = {},
) {
  const mail = renderBookingMail(data);
  return db.prisma.mailOutbox.create({ data: { tenantId, kind: data.kind, ...mail, ...extra } });
}

export interface ParsedIcs {
  method: string;
  prodid: string;
  version: string;
  uid: string;
  sequence: number;
  status: string;
  dtstamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  organizer: string;
  attendee: string | null;
}

/** Reads an iCalendar object with ical.js, an independent parser. */
export function parseIcs(text: string): ParsedIcs {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  const event = new ICAL.Event(vevent);
  const time = (name: string) => {
    const value = vevent.getFirstPropertyValue(name);
    if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a DATE-TIME`);
    return value.toJSDate();
  };
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    prodid: String(calendar.getFirstPropertyValue("prodid")),
    version: String(calendar.getFirstPropertyValue("version")),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue("status")),
    dtstamp: time("dtstamp"),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    location: event.location,
    description: event.description,
    organizer: String(vevent.getFirstPropertyValue("organizer")),
    attendee: (vevent.getFirstPropertyValue("attendee") as string | null) ?? null,
  };
}
