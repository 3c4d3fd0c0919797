/**
 * iCalendar (RFC 5545) objects for iTIP (RFC 5546) invitations and cancellations.
 *
 * Written by hand rather than with a library because the output is small and every
 * byte matters to picky clients: CRLF endings, 75-octet folding that never splits a
 * UTF-8 sequence, TEXT escaping, and times as UTC instants so no VTIMEZONE is needed.
 */

export type IcsMethod = "REQUEST" | "CANCEL";

export interface IcsPerson {
  email: string;
  name: string;
}

export interface IcsEvent {
  method: IcsMethod;
  /** Stable per booking across reschedules and the cancellation (see {@link bookingUid}). */
  uid: string;
  /** Must grow with every change; a CANCEL needs a higher value than the last REQUEST. */
  sequence: number;
  /** DTSTAMP: when this iCalendar object was created. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  url?: string | null | undefined;
  organizer: IcsPerson;
  attendee: IcsPerson | null;
  /** RFC 5646 tag of the texts, e.g. "de". */
  language?: string | undefined;
  /** A display reminder this many minutes before the start (REQUEST only); null for none. */
  reminderMinutes?: number | null | undefined;
}

export const ICS_PRODID = "-//Terminvergabe//Terminvergabe 1.0//DE";

/** The UID of every calendar object about one booking. */
export function bookingUid(bookingId: string): string {
  return `${bookingId}@terminvergabe`;
}

/** `20300305T080000Z`: a DATE-TIME in UTC (RFC 5545 §3.3.5, form #2). */
export function icsUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date in iCalendar object");
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

// Control characters other than HTAB are not allowed in TEXT values (RFC 5545 §3.3.11);
// CR and LF are handled separately (escaped as \n).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(CONTROL, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value, always quoted; DQUOTE and control characters cannot be represented and are replaced. */
function paramValue(value: string): string {
  return `"${value.replace(/[\r\n]+/g, " ").replace(CONTROL, "").replace(/"/g, "'")}"`;
}

/** A CAL-ADDRESS (`mailto:` URI); anything that could break the content line is dropped. */
function calAddress(email: string): string {
  return `mailto:${email.replace(/[\s"\u0000-\u001f\u007f]/g, "")}`;
}

/** UTF-8 length of one code point. */
function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line so that no physical line exceeds 75 octets (RFC 5545 §3.1);
 * continuation lines start with one space, which counts toward their 75. Folds only
 * between code points, never inside a UTF-8 sequence.
 */
export function foldIcsLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const parts: string[] = [];
  let from = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const codePoint = line.codePointAt(i) as number;
    const units = codePoint > 0xffff ? 2 : 1;
    const size = utf8Octets(codePoint);
    if (octets + size > limit) {
      parts.push(line.slice(from, i));
      from = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(from));
  return parts.join("\r\n ");
}

/** A negative DURATION (RFC 5545 §3.3.6): whole days as `-P1D`, else minutes. */
function reminderDuration(minutes: number): string {
  return minutes % 1440 === 0 ? `-P${minutes / 1440}D` : `-PT${minutes}M`;
}

/** Renders a VCALENDAR with one VEVENT; CRLF line endings, folded, ending in CRLF. */
export function buildIcs(event: IcsEvent): string {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new RangeError("SEQUENCE must be a non-negative integer");
  const lang = event.language ? `;LANGUAGE=${event.language.replace(/[^A-Za-z0-9-]/g, "")}` : "";
  const cancel = event.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${ICS_PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `STATUS:${cancel ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    `SUMMARY${lang}:${escapeIcsText(event.summary)}`,
    `LOCATION${lang}:${escapeIcsText(event.location)}`,
    `DESCRIPTION${lang}:${escapeIcsText(event.description)}`,
    ...(event.url ? [`URL:${event.url.replace(/[\s"\u0000-\u001f\u007f]/g, "")}`] : []),
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:${calAddress(event.organizer.email)}`,
    ...(event.attendee
      ? [
          // The citizen booked the appointment themselves: accepted, and no reply is wanted.
          `ATTENDEE;CN=${paramValue(event.attendee.name)};ROLE=REQ-PARTICIPANT${
            cancel ? "" : ";PARTSTAT=ACCEPTED"
          };RSVP=FALSE:${calAddress(event.attendee.email)}`,
        ]
      : []),
    ...(!cancel && event.reminderMinutes != null && event.reminderMinutes > 0
      ? [
          "BEGIN:VALARM",
          "ACTION:DISPLAY",
          `DESCRIPTION${lang}:${escapeIcsText(event.summary)}`,
          `TRIGGER:${reminderDuration(Math.round(event.reminderMinutes))}`,
          "END:VALARM",
        ]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}
