/**
 * MIME composition for the outbox's mails (RFC 5322, 2045–2047, 6152 for UTF-8 addresses).
 *
 * The outbox sends one shape of message, so it is composed here directly, as one string,
 * instead of through nodemailer's general stream pipeline, which cost about a quarter of
 * the gateway's CPU per booking. nodemailer still carries the result over SMTP (`raw`).
 *
 * Bodies are quoted-printable: German text stays readable and nearly as short as 8-bit,
 * and since QP always encodes "=", the boundaries ("=_tv…") can never occur in a body.
 */

const HEX = "0123456789ABCDEF";

/** Longest encoded line, without the CRLF (RFC 2045 §6.7: 76 including a soft break's "="). */
const QP_LINE = 76;

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text; line breaks become CRLF hard breaks. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    // Fast path: most lines are short printable ASCII with nothing to encode.
    if (line.length < QP_LINE && /^[\x21-\x3c\x3e-\x7e](?:[\x20-\x3c\x3e-\x7e]*[\x21-\x3c\x3e-\x7e])?$/.test(line)) {
      out.push(line);
      continue;
    }
    const bytes = Buffer.from(line, "utf8");
    let current = "";
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      // Printable ASCII except "=" stays; so do space and tab, except at the end of a line.
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && i < bytes.length - 1);
      const token = literal ? String.fromCharCode(b) : `=${HEX[b >> 4]}${HEX[b & 15]}`;
      if (current.length + token.length > QP_LINE - 1) {
        out.push(`${current}=`); // soft line break
        current = "";
      }
      current += token;
    }
    out.push(current);
  }
  return out.join("\r\n");
}

/** Base64 in lines of 76 characters. */
export function base64Lines(content: string): string {
  return Buffer.from(content, "utf8").toString("base64").replace(/.{76}(?=.)/g, "$&\r\n");
}

/** Printable ASCII that needs no encoding in a header (no "=?", which would read as an encoded word). */
const plainHeaderText = (value: string) => /^[\x20-\x7e]*$/.test(value) && !value.includes("=?");

/**
 * RFC 2047 encoded words ("B" encoding) of at most 42 bytes of UTF-8 each (56 characters of
 * base64, 68 with the frame: a line stays within 78 even after "Subject: "), never splitting
 * a character, joined by folding whitespace, which decoders drop between encoded words.
 */
export function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > 42) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ");
}

/** An unstructured header value (Subject): folded at spaces when plain, else encoded words. */
export function headerText(value: string): string {
  if (!plainHeaderText(value)) return encodedWords(value);
  // Fold before a space so no line grows past 78 characters (the name and ": " included).
  let out = "";
  let line = 9; // room for "Subject: "
  for (const word of value.split(" ")) {
    if (out && line + 1 + word.length > 78) {
      out += "\r\n ";
      line = 1;
    } else if (out) {
      out += " ";
      line += 1;
    }
    out += word;
    line += word.length;
  }
  return out;
}

/** `Display Name <address>`; the name quoted, or encoded words when it is not plain ASCII. */
export function mailbox(address: string, name?: string | null): string {
  if (!/^[^\s<>"]+@[^\s<>"]+$/.test(address)) throw new Error("invalid mail address");
  if (!name) return address;
  const phrase = plainHeaderText(name) ? `"${name.replace(/[\\"]/g, "\\$&")}"` : encodedWords(name);
  // Fold before the address when the line would pass 78 characters ("Reply-To: " included).
  const lastLine = phrase.slice(phrase.lastIndexOf("\n") + 1);
  return `${phrase}${10 + lastLine.length + address.length + 3 > 78 ? "\r\n " : " "}<${address}>`;
}

/** RFC 5322 date-time in UTC, e.g. "Sat, 21 Nov 2026 12:12:51 +0000". */
export function mailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/** One body part: its headers and its already encoded content. */
export interface MimePart {
  headers: string[];
  body: string;
}

/** A text part (plain, HTML or calendar) in quoted-printable. */
export function textPart(contentType: string, text: string): MimePart {
  return { headers: [`Content-Type: ${contentType}`, "Content-Transfer-Encoding: quoted-printable"], body: quotedPrintable(text) };
}

/** A file attachment in base64. */
export function attachmentPart(contentType: string, filename: string, content: string): MimePart {
  return {
    headers: [`Content-Type: ${contentType}; name="${filename}"`, `Content-Disposition: attachment; filename="${filename}"`, "Content-Transfer-Encoding: base64"],
    body: base64Lines(content),
  };
}

/** A multipart container of `parts`, itself a part. */
export function multipart(subtype: "mixed" | "alternative", boundary: string, parts: MimePart[]): MimePart {
  const body = parts.map((p) => `--${boundary}\r\n${p.headers.join("\r\n")}\r\n\r\n${p.body}\r\n`).join("") + `--${boundary}--`;
  return { headers: [`Content-Type: multipart/${subtype};\r\n boundary="${boundary}"`], body };
}

/** The whole message: header fields (already encoded) in order, then the root part. */
export function message(fields: [name: string, value: string][], root: MimePart): string {
  const head = fields.map(([name, value]) => `${name}: ${value}`);
  return `${[...head, "MIME-Version: 1.0", ...root.headers].join("\r\n")}\r\n\r\n${root.body}\r\n`;
}
