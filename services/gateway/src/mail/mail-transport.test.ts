import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import {
  createDevMailboxTransport,
  defaultSender,
  isPermanentMailError,
  messageIdFor,
  type OutgoingMail,
  parseSender,
} from "./mail-transport.ts";
import { renderBookingMail } from "./render-booking-mail.ts";
import { parseIcs, sampleMailData } from "./testing/mail-fixtures.ts";

const from = { name: "Terminvergabe", address: "noreply@termine.example" };

function outgoing(kind: "CONFIRMATION" | "CANCELLATION" | "VERIFICATION" = "CONFIRMATION"): OutgoingMail {
  const mail = renderBookingMail(sampleMailData({ kind, booking: { ...sampleMailData().booking, icsSequence: kind === "CANCELLATION" ? 1 : 0 } }));
  return {
    outboxId: "7d1f4c2e-0000-4000-8000-00000000abcd",
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.textBody,
    html: mail.htmlBody,
    icsMethod: mail.icsMethod,
    icsContent: mail.icsContent,
    senderName: "Bürgerbüro Musterstadt",
    replyTo: "buergerbuero@musterstadt.example",
  };
}

async function composed(mail: OutgoingMail) {
  let raw: Buffer | undefined;
  const transport = createDevMailboxTransport({ from, onMessage: (r) => (raw = r) });
  const messageId = await transport.send(mail);
  await transport.close();
  return { messageId, raw: raw!, parsed: await simpleParser(raw!) };
}

describe("the composed MIME message (dev mailbox: no network)", () => {
  it("carries the .ics as a text/calendar alternative whose method= matches METHOD, plus an application/ics attachment", async () => {
    for (const [kind, method] of [["CONFIRMATION", "REQUEST"], ["CANCELLATION", "CANCEL"]] as const) {
      const { parsed, raw } = await composed(outgoing(kind));
      expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
      const calendar = parsed.attachments.find((a) => a.contentType === "text/calendar");
      expect(calendar).toBeDefined();
      const header = calendar!.headers.get("content-type") as { value: string; params: Record<string, string> };
      expect(header.params.method).toBe(method);
      const ics = parseIcs(calendar!.content.toString("utf8"));
      expect(ics.method).toBe(method);
      const file = parsed.attachments.find((a) => a.filename === "termin.ics");
      expect(file?.contentType).toBe("application/ics");
      expect(file?.contentDisposition).toBe("attachment");
      expect(parseIcs(file!.content.toString("utf8")).method).toBe(method);
    }
  });

  it("uses the outbox id as Message-ID, the agency as sender name and contact as Reply-To, and marks itself auto-generated", async () => {
    const mail = outgoing();
    const { parsed, messageId } = await composed(mail);
    expect(messageId).toBe("<7d1f4c2e-0000-4000-8000-00000000abcd@termine.example>");
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.from?.value).toEqual([{ name: "Bürgerbüro Musterstadt", address: "noreply@termine.example" }]);
    expect(parsed.replyTo?.value[0]?.address).toBe("buergerbuero@musterstadt.example");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text).toContain("Biometrisches Passfoto");
    expect(parsed.html).toContain("Biometrisches Passfoto");
  });

  it("given a mail without .ics (verification), sends text and HTML only", async () => {
    const { parsed } = await composed(outgoing("VERIFICATION"));
    expect(parsed.attachments).toHaveLength(0);
    expect(parsed.html).toBeTruthy();
  });
});

describe("sender configuration", () => {
  it("parses MAIL_FROM with and without a display name, and rejects garbage", () => {
    expect(parseSender("Terminvergabe <noreply@example.org>")).toEqual({ name: "Terminvergabe", address: "noreply@example.org" });
    expect(parseSender('"Stadt X, Bürgerservice" <a@b.example>')).toEqual({ name: "Stadt X, Bürgerservice", address: "a@b.example" });
    expect(parseSender("a@b.example")).toEqual({ name: "", address: "a@b.example" });
    expect(() => parseSender("not an address")).toThrow(/MAIL_FROM/);
  });

  it("defaults to a no-reply address on the public host", () => {
    expect(defaultSender("https://termine.example.org:8443/x")).toEqual({ name: "Terminvergabe", address: "noreply@termine.example.org" });
    expect(messageIdFor("id-1", defaultSender("nonsense"))).toBe("<id-1@localhost>");
  });
});

describe("isPermanentMailError", () => {
  it("treats a 5xx refusal of the recipient as permanent and everything else as worth a retry", () => {
    expect(isPermanentMailError({ responseCode: 550, command: "RCPT TO", code: "EENVELOPE" })).toBe(true);
    expect(isPermanentMailError({ responseCode: 451, command: "RCPT TO" })).toBe(false);
    expect(isPermanentMailError({ code: "ECONNECTION", command: "CONN" })).toBe(false);
    expect(isPermanentMailError({ responseCode: 535, command: "AUTH PLAIN" })).toBe(false);
    expect(isPermanentMailError(new Error("boom"))).toBe(false);
    expect(isPermanentMailError(null)).toBe(false);
  });

  it("gives up at once on an address that cannot go in a header, whichever transport", async () => {
    const transport = createDevMailboxTransport({ from });
    const error = await transport.send({ ...outgoing(), to: "a@b.example>\r\nBcc: c@d.example" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isPermanentMailError(error)).toBe(true);
  });
});
