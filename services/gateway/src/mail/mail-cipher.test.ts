import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMailCipher, isSealed, parseMailKey, sealMail } from "./mail-cipher.ts";

describe("mail cipher", () => {
  const cipher = createMailCipher(randomBytes(32));
  it("seals and opens a text; the sealed form contains nothing of the text", () => {
    const text = "Verwalten: https://example.org/manage/amt#ref=K7QF&token=tok_secret123456";
    const sealed = cipher.seal(text);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("tok_secret");
    expect(cipher.open(sealed)).toBe(text);
    expect(cipher.seal(text)).not.toBe(sealed);
  });
  it("reads plain texts (rows from before sealing) as they are, refuses a wrong key", () => {
    expect(cipher.open("plain")).toBe("plain");
    const other = createMailCipher(randomBytes(32));
    expect(() => other.open(cipher.seal("x"))).toThrow();
  });
  it("seals a mail's bodies and calendar file, not its recipient or subject", () => {
    const mail = sealMail(cipher, { toAddress: "a@example.org", subject: "Termin", textBody: "t", htmlBody: "<p>h</p>", icsMethod: "REQUEST", icsContent: "BEGIN:VCALENDAR" });
    expect(mail.toAddress).toBe("a@example.org");
    expect([mail.textBody, mail.htmlBody, mail.icsContent].every(isSealed)).toBe(true);
    expect(cipher.open(mail.htmlBody!)).toBe("<p>h</p>");
  });
  it("MAIL_KEY as hex or base64 of 32 bytes", () => {
    const key = randomBytes(32);
    expect(parseMailKey(key.toString("hex"))).toEqual(key);
    expect(parseMailKey(key.toString("base64"))).toEqual(key);
    expect(parseMailKey(undefined)).toBeUndefined();
    expect(() => parseMailKey("short")).toThrow(/MAIL_KEY/);
  });
});
