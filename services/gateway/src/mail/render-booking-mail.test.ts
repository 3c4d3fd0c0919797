import { describe, expect, it } from "vitest";
import { renderBookingMail } from "./render-booking-mail.ts";
import { BOOKING_ID, parseIcs, sampleMailData } from "./testing/mail-fixtures.ts";

describe("renderBookingMail — confirmation", () => {
  it("given a German booking, writes subject, details, concerns, documents, hints, manage link and contact in German", () => {
    const data = sampleMailData();
    const mail = renderBookingMail(data);
    expect(mail.toAddress).toBe("erika@example.org");
    expect(mail.subject).toBe("Terminbestätigung: Di., 2. Juli 2030, 09:00 Uhr – Buchungsnummer K7QF-M2XA");
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain("Guten Tag Erika Mustermann,");
      expect(body).toContain("Ihr Termin ist verbindlich gebucht.");
      expect(body).toContain("K7QF-M2XA");
      expect(body).toContain("Dienstag, 2. Juli 2030");
      expect(body).toContain("09:00–09:30 Uhr");
      expect(body).toContain("Rathaus, Erdgeschoss");
      expect(body).toContain("Marktplatz 1");
      expect(body).toContain("12345 Musterstadt");
      expect(body).toContain("2 × Personalausweis beantragen");
      expect(body).toContain("1 × Beglaubigung");
      expect(body).toContain("Bitte mitbringen:");
      expect(body).toContain("Biometrisches Passfoto");
      expect(body).toContain("Bisheriger Ausweis");
      expect(body).toContain("Hinweise:");
      expect(body).toContain("Original mitbringen");
      expect(body).toContain("Termin ansehen, verschieben oder absagen");
      expect(body).toContain("buergerbuero@musterstadt.example");
      expect(body).toContain("Di und Do 9–12 und 14–18 Uhr");
      expect(body).toContain("Mit freundlichen Grüßen");
    }
    expect(mail.textBody).toContain(data.manageUrl);
    expect(mail.textBody).toContain("Gebühr: 37 € (bar oder EC-Karte)");
    expect(mail.htmlBody).toContain("Gebühr: 37 € (bar oder EC-Karte)");
    expect(mail.htmlBody).toContain(`href="${data.manageUrl}"`);
    expect(mail.htmlBody).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(mail.textBody).not.toMatch(/[<>]/);
  });

  it("given an English booking, writes it in English with a 24-hour clock and the time zone named", () => {
    const mail = renderBookingMail(sampleMailData({ locale: "en" }));
    expect(mail.subject).toBe("Appointment confirmed: Tue, 2 Jul 2030, 09:00 – reference K7QF-M2XA");
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain("Dear Erika Mustermann,");
      expect(body).toContain("Tuesday, 2 July 2030");
      expect(body).toContain("09:00–09:30 (Central European Summer Time)");
      expect(body).toContain("Town hall, ground floor");
      expect(body).toContain("2 × Apply for an ID card");
      expect(body).toContain("Please bring:");
      expect(body).toContain("Biometric passport photo");
      expect(body).toContain("Please note:");
      expect(body).toContain("Fee: €37 (cash or debit card)");
      expect(body).toContain("View, reschedule or cancel your appointment");
      expect(body).toContain("Kind regards");
      expect(body).not.toContain("Bitte mitbringen");
    }
    expect(mail.htmlBody).toContain('<html lang="en">');
  });

  it("given an English text missing, falls back to the German one", () => {
    const data = sampleMailData({ locale: "en" });
    data.services[0]!.documents = [{ de: "Meldebescheinigung", en: "" }];
    expect(renderBookingMail(data).textBody).toContain("– Meldebescheinigung");
  });

  it("formats times in the office's time zone across daylight saving time", () => {
    // 31 March 2030 is the switch to summer time in Germany; 15 January is winter time.
    const summer = renderBookingMail(
      sampleMailData({ booking: { ...sampleMailData().booking, start: new Date("2030-03-31T08:00:00Z"), end: new Date("2030-03-31T08:30:00Z") } }),
    );
    expect(summer.textBody).toContain("Sonntag, 31. März 2030");
    expect(summer.textBody).toContain("10:00–10:30 Uhr");
    const winter = renderBookingMail(
      sampleMailData({ booking: { ...sampleMailData().booking, start: new Date("2030-01-15T08:00:00Z"), end: new Date("2030-01-15T08:15:00Z") } }),
    );
    expect(winter.textBody).toContain("09:00–09:15 Uhr");
    const lisbon = renderBookingMail(sampleMailData({ office: { ...sampleMailData().office, timeZone: "Europe/Lisbon" } }));
    expect(lisbon.textBody).toContain("08:00–08:30 Uhr");
  });

  it("attaches an iCalendar REQUEST with the booking's UID, SEQUENCE, UTC times, organizer and attendee", () => {
    const mail = renderBookingMail(sampleMailData({ booking: { ...sampleMailData().booking, icsSequence: 2 } }));
    expect(mail.icsMethod).toBe("REQUEST");
    const ics = parseIcs(mail.icsContent!);
    expect(ics).toMatchObject({
      method: "REQUEST",
      version: "2.0",
      uid: `${BOOKING_ID}@terminvergabe`,
      sequence: 2,
      status: "CONFIRMED",
      organizer: "mailto:buergerbuero@musterstadt.example",
      attendee: "mailto:erika@example.org",
    });
    expect(ics.start.toISOString()).toBe("2030-07-02T07:00:00.000Z");
    expect(ics.end.toISOString()).toBe("2030-07-02T07:30:00.000Z");
    expect(ics.dtstamp.toISOString()).toBe("2030-06-20T09:30:00.000Z");
    expect(ics.summary).toBe("Termin: Personalausweis beantragen, Beglaubigung – Rathaus, Erdgeschoss");
    expect(ics.location).toBe("Rathaus, Erdgeschoss, Marktplatz 1, 12345 Musterstadt");
    expect(ics.description).toContain("Bitte mitbringen: Biometrisches Passfoto; Bisheriger Ausweis");
    expect(ics.description).toContain(sampleMailData().manageUrl);
  });

  it("given no tenant contact address, still names an organizer (RFC 5546) on the gateway's host", () => {
    const mail = renderBookingMail(sampleMailData({ tenant: { ...sampleMailData().tenant, contactEmail: null } }));
    expect(parseIcs(mail.icsContent!).organizer).toBe("mailto:noreply@termine.musterstadt.example");
    expect(mail.textBody).not.toContain("Bei Fragen schreiben Sie uns");
  });
});

describe("renderBookingMail — verification, cancellation, reschedule", () => {
  it("given a VERIFICATION, carries the verify link and the deadline in office time, and no calendar file yet", () => {
    const verifyUrl = "https://termine.musterstadt.example/verify?token=v123";
    const mail = renderBookingMail(
      sampleMailData({ kind: "VERIFICATION", verifyUrl, verifyDeadline: new Date("2030-06-20T10:30:00Z") }),
    );
    expect(mail.subject).toBe("Bitte bestätigen Sie Ihren Termin am Di., 2. Juli 2030, 09:00 Uhr – Buchungsnummer K7QF-M2XA");
    expect(mail.textBody).toContain(verifyUrl);
    expect(mail.htmlBody).toContain(`href="${verifyUrl}"`);
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain("Bitte bestätigen Sie bis Donnerstag, 20. Juni 2030, 12:30 Uhr.");
      expect(body).toContain("automatisch freigegeben");
      expect(body).toContain("Biometrisches Passfoto");
    }
    expect(mail.textBody).not.toContain(sampleMailData().manageUrl);
    expect(mail.icsMethod).toBeNull();
    expect(mail.icsContent).toBeNull();
    const en = renderBookingMail(sampleMailData({ kind: "VERIFICATION", locale: "en", verifyUrl, verifyDeadline: new Date("2030-06-20T10:30:00Z") }));
    expect(en.textBody).toContain("Please confirm by Thursday, 20 June 2030, 12:30.");
  });

  it("given a CANCELLATION, says it was cancelled, gives the reason, and sends METHOD:CANCEL with the given higher SEQUENCE", () => {
    const mail = renderBookingMail(
      sampleMailData({
        kind: "CANCELLATION",
        booking: { ...sampleMailData().booking, icsSequence: 1 },
        cancellationReason: { de: "Neue Öffnungszeiten ab 1. September", en: "New opening hours from 1 September" },
      }),
    );
    expect(mail.subject).toBe("Ihr Termin am Di., 2. Juli 2030, 09:00 Uhr wurde abgesagt – Buchungsnummer K7QF-M2XA");
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain("wurde abgesagt und findet nicht statt");
      expect(body).toContain("Neue Öffnungszeiten ab 1. September");
      expect(body).toContain("buchen Sie bitte einen neuen Termin");
      expect(body).not.toContain("Bitte mitbringen");
      expect(body).not.toContain(sampleMailData().manageUrl);
    }
    expect(mail.icsMethod).toBe("CANCEL");
    const ics = parseIcs(mail.icsContent!);
    expect(ics).toMatchObject({ method: "CANCEL", status: "CANCELLED", sequence: 1, uid: `${BOOKING_ID}@terminvergabe` });
    const en = renderBookingMail(sampleMailData({ kind: "CANCELLATION", locale: "en" }));
    expect(en.subject).toBe("Your appointment on Tue, 2 Jul 2030, 09:00 has been cancelled – reference K7QF-M2XA");
  });

  it("given a RESCHEDULE, shows the new and the previous time and updates the same calendar event", () => {
    const mail = renderBookingMail(
      sampleMailData({
        kind: "RESCHEDULE",
        booking: { ...sampleMailData().booking, icsSequence: 1 },
        previousStart: new Date("2030-06-28T12:00:00Z"),
      }),
    );
    expect(mail.subject).toBe("Ihr Termin wurde auf Di., 2. Juli 2030, 09:00 Uhr verschoben – Buchungsnummer K7QF-M2XA");
    expect(mail.textBody).toContain("Bisher:         Freitag, 28. Juni 2030, 14:00 Uhr");
    expect(mail.textBody).toContain(sampleMailData().manageUrl);
    const ics = parseIcs(mail.icsContent!);
    expect(ics).toMatchObject({ method: "REQUEST", sequence: 1, uid: `${BOOKING_ID}@terminvergabe` });
  });
});

describe("renderBookingMail — hostile input", () => {
  it("escapes every interpolated value in the HTML and never links a non-http URL", () => {
    const data = sampleMailData({
      manageUrl: "javascript:alert(1)",
      booking: { ...sampleMailData().booking, contactName: '<img src=x onerror="alert(1)">' },
      tenant: { name: { de: "Amt <b>&</b>", en: "x" }, contactEmail: 'a"@x.example' },
    });
    data.services[0]!.hints = [{ de: "<script>alert('x')</script>", en: "" }];
    const mail = renderBookingMail(data);
    expect(mail.htmlBody).not.toContain("<script>");
    expect(mail.htmlBody).not.toContain("<img");
    expect(mail.htmlBody).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(mail.htmlBody).toContain("Amt &lt;b&gt;&amp;&lt;/b&gt;");
    expect(mail.htmlBody).not.toContain("javascript:");
    expect(mail.textBody).not.toContain("javascript:");
    expect(mail.htmlBody).not.toContain('a"@');
  });

  it("keeps the subject on one header line", () => {
    const data = sampleMailData({ booking: { ...sampleMailData().booking, reference: "AB\r\nBcc: x@evil.example" } });
    expect(renderBookingMail(data).subject).not.toMatch(/[\r\n]/);
  });
});
