import { describe, expect, it } from "vitest";
import { bookingUid, buildIcs, escapeIcsText, foldIcsLine, type IcsEvent, icsUtc } from "./ics.ts";
import { parseIcs } from "./testing/mail-fixtures.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    method: "REQUEST",
    uid: bookingUid("b-1"),
    sequence: 0,
    stamp: new Date("2030-06-20T09:30:12.345Z"),
    start: new Date("2030-07-02T07:00:00Z"),
    end: new Date("2030-07-02T07:30:00Z"),
    summary: "Termin: Personalausweis, Reisepass – Rathaus",
    location: "Rathaus, Marktplatz 1, 12345 Musterstadt",
    description: "Buchungsnummer: K7QF-M2XA\nBitte mitbringen: Foto; alter Ausweis\\Pass",
    url: "https://termine.example/manage?token=x",
    organizer: { email: "amt@example.org", name: 'Bürgerbüro "Mitte"' },
    attendee: { email: "erika@example.org", name: "Erika Mustermann" },
    language: "de",
    reminderMinutes: 1440,
    ...overrides,
  };
}

describe("iCalendar text values (RFC 5545 §3.3.11)", () => {
  it("escapes backslash, semicolon, comma and line breaks, and drops control characters", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf\rg\u0007h\ti")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti");
  });

  it("writes DATE-TIME values as UTC instants without milliseconds", () => {
    expect(icsUtc(new Date("2030-03-31T00:59:59.999Z"))).toBe("20300331T005959Z");
    expect(() => icsUtc(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("line folding (RFC 5545 §3.1)", () => {
  it("given a short line, leaves it alone", () => {
    expect(foldIcsLine("SUMMARY:kurz")).toBe("SUMMARY:kurz");
  });

  it("given a long line of multi-byte characters, folds at ≤ 75 octets without splitting a character", () => {
    const line = `DESCRIPTION:${"Größe ÄÖÜ € 😀 ".repeat(30)}`;
    const folded = foldIcsLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, p] of physical.entries()) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(" ")).toBe(true);
      expect(p).not.toContain("\uFFFD");
    }
    // unfolding restores the line exactly
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});

describe("buildIcs", () => {
  it("produces CRLF lines of at most 75 octets, with the required calendar and event properties", () => {
    const ics = buildIcs(event({ description: "x".repeat(500) }));
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, "").split("\r\n");
    expect(unfolded.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "PRODID:-//Terminvergabe//Terminvergabe 1.0//DE",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
    ]);
    expect(unfolded).toContain("UID:b-1@terminvergabe");
    expect(unfolded).toContain("DTSTAMP:20300620T093012Z");
    expect(unfolded).toContain("DTSTART:20300702T070000Z");
    expect(unfolded).toContain("DTEND:20300702T073000Z");
    expect(unfolded).toContain("SEQUENCE:0");
    expect(unfolded).toContain("STATUS:CONFIRMED");
  });

  it("round-trips through ical.js: escaped texts, quoted names, UTC instants", () => {
    const parsed = parseIcs(buildIcs(event()));
    expect(parsed.method).toBe("REQUEST");
    expect(parsed.uid).toBe("b-1@terminvergabe");
    expect(parsed.start.toISOString()).toBe("2030-07-02T07:00:00.000Z");
    expect(parsed.end.toISOString()).toBe("2030-07-02T07:30:00.000Z");
    expect(parsed.dtstamp.toISOString()).toBe("2030-06-20T09:30:12.000Z");
    expect(parsed.summary).toBe("Termin: Personalausweis, Reisepass – Rathaus");
    expect(parsed.location).toBe("Rathaus, Marktplatz 1, 12345 Musterstadt");
    expect(parsed.description).toBe("Buchungsnummer: K7QF-M2XA\nBitte mitbringen: Foto; alter Ausweis\\Pass");
    expect(parsed.organizer).toBe("mailto:amt@example.org");
    expect(parsed.attendee).toBe("mailto:erika@example.org");
  });

  it("given a CANCEL, marks the event cancelled and leaves out the reminder", () => {
    const ics = buildIcs(event({ method: "CANCEL", sequence: 3 }));
    const parsed = parseIcs(ics);
    expect(parsed.method).toBe("CANCEL");
    expect(parsed.status).toBe("CANCELLED");
    expect(parsed.sequence).toBe(3);
    expect(ics).not.toContain("VALARM");
  });

  it("given a REQUEST, adds a display reminder one day before", () => {
    expect(buildIcs(event())).toContain("BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
    expect(buildIcs(event())).toContain("TRIGGER:-P1D\r\n");
    expect(buildIcs(event({ reminderMinutes: 90 }))).toContain("TRIGGER:-PT90M\r\n");
    expect(buildIcs(event({ reminderMinutes: null }))).not.toContain("VALARM");
  });

  it("cannot be broken out of by names or addresses with quotes, line breaks or separators", () => {
    const ics = buildIcs(
      event({
        organizer: { email: "amt@example.org\r\nMETHOD:CANCEL", name: 'A "B"\r\nX:Y' },
        attendee: { email: "e@example.org", name: "Erika; Mustermann, Dr." },
      }),
    );
    const unfolded = ics.replace(/\r\n /g, "").split("\r\n");
    expect(unfolded.filter((l) => l.startsWith("METHOD:"))).toEqual(["METHOD:REQUEST"]);
    expect(unfolded.some((l) => l.startsWith("X:Y"))).toBe(false);
    expect(() => parseIcs(ics)).not.toThrow();
  });

  it("rejects a negative or fractional SEQUENCE", () => {
    expect(() => buildIcs(event({ sequence: -1 }))).toThrow(RangeError);
    expect(() => buildIcs(event({ sequence: 1.5 }))).toThrow(RangeError);
  });
});
