import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { attachmentPart, encodedWords, headerText, mailbox, mailDate, message, multipart, quotedPrintable, textPart } from "./mime.ts";

/** A message with the given subject, sender name and parts, parsed back by mailparser. */
async function roundTrip(subject: string, name: string, parts: ReturnType<typeof textPart>[]) {
  const root = parts.length > 1 ? multipart("alternative", "=_tv_test_alt", parts) : parts[0]!;
  const raw = message(
    [
      ["From", mailbox("amt@example.org", name)],
      ["To", mailbox("bürger@example.org")],
      ["Subject", headerText(subject)],
      ["Date", mailDate(new Date("2030-03-01T08:00:00Z"))],
    ],
    root,
  );
  return { raw, parsed: await simpleParser(raw) };
}

const tricky = [
  "Grüße aus der Straße – Gebühr 12,00 € 🎫",
  "a=b and =?UTF-8?Q?not-a-word?= and == signs",
  `trailing spaces and tabs \t `,
  "x".repeat(200),
  `${"ä".repeat(60)}ö`,
  "",
  ". a dot line and From the start",
  `${"long words ".repeat(30).trim()}`,
].join("\n");

describe("MIME composition", () => {
  it("encodes bodies as quoted-printable that decode to exactly the text, with no line over 76", async () => {
    const encoded = quotedPrintable(tricky);
    for (const line of encoded.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).not.toMatch(/[ \t]\r\n|[ \t]$/); // no bare trailing whitespace
    expect(encoded).toMatch(/^[\t\x20-\x7e\r\n]*$/); // pure ASCII
    const { parsed } = await roundTrip("s", "n", [textPart("text/plain; charset=utf-8", tricky)]);
    expect(parsed.text?.replace(/\n$/, "")).toBe(tricky);
  });

  it("keeps plain short lines as they are", () => {
    expect(quotedPrintable("Ihr Termin ist bestätigt.\nReference: ABC123")).toBe("Ihr Termin ist best=C3=A4tigt.\r\nReference: ABC123");
  });

  it("encodes subjects and sender names so that they read back exactly, long or short, German or not", async () => {
    for (const [subject, name] of [
      ["Terminbestätigung / Booking confirmation ABC123 – ein langer Betreff, der gefaltet werden muss, weil er lang ist", "Bürgeramt Musterstadt"],
      ["Plain ASCII subject that is long enough to be folded at a space somewhere past the seventy-eighth column", 'Stadt "X", Bürgerservice'],
      ["Kurz", "Plain Name"],
      ["Looks like =?UTF-8?B?encoded?= but is not", "With \\ backslash"],
    ]) {
      const { raw, parsed } = await roundTrip(subject!, name!, [textPart("text/plain; charset=utf-8", "t")]);
      expect(parsed.subject).toBe(subject);
      expect(parsed.from?.value).toEqual([{ name, address: "amt@example.org" }]);
      for (const line of raw.split("\r\n\r\n")[0]!.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    }
  });

  it("never lets a line break in a header value start a new header (injection)", async () => {
    const { parsed } = await roundTrip("Hallo\r\nBcc: victim@example.org", "Amt\nX-Evil: 1", [textPart("text/plain; charset=utf-8", "t")]);
    expect(parsed.headers.has("bcc")).toBe(false);
    expect(parsed.headers.has("x-evil")).toBe(false);
    expect(parsed.subject).toBe("Hallo\r\nBcc: victim@example.org");
    expect(() => mailbox("a@b.example>\r\nBcc: c@d.example")).toThrow();
  });

  it("splits encoded words between characters, never inside one", () => {
    const words = encodedWords("€".repeat(40)).split("\r\n ");
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      const decoded = Buffer.from(w.slice(10, -2), "base64").toString("utf8");
      expect(decoded).toMatch(/^€+$/);
      expect(w.length).toBeLessThanOrEqual(68);
    }
  });

  it("nests alternatives and attachments under boundaries that no encoded body can contain", async () => {
    const ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nDESCRIPTION:https://example.org/?a=_tv_x&b=Grüße\r\nEND:VCALENDAR\r\n";
    const alternative = multipart("alternative", "=_tv_m_alt", [textPart("text/plain; charset=utf-8", "--=_tv_m_alt\ntext"), textPart("text/calendar; charset=utf-8; method=REQUEST", ics)]);
    const raw = message([["Subject", "s"]], multipart("mixed", "=_tv_m_mix", [alternative, attachmentPart("application/ics", "termin.ics", ics)]));
    const parsed = await simpleParser(raw);
    expect(parsed.text?.trim()).toBe("--=_tv_m_alt\ntext");
    const calendar = parsed.attachments.find((a) => a.contentType === "text/calendar");
    expect(calendar?.content.toString("utf8")).toBe(ics);
    const file = parsed.attachments.find((a) => a.filename === "termin.ics");
    expect(file?.content.toString("utf8")).toBe(ics);
  });

  it("writes the date in RFC 5322 form", () => {
    expect(mailDate(new Date("2030-03-01T08:00:05Z"))).toBe("Fri, 01 Mar 2030 08:00:05 +0000");
  });
});
