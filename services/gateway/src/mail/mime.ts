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

/** "0"–"9", "A"–"F" as bytes. */
const HEX = Buffer.from("0123456789ABCDEF", "latin1");

/** Longest encoded line, without the CRLF (RFC 2045 §6.7: 76 including a soft break's "="). */
const QP_LINE = 76;

/**
 * Quoted-printable (RFC 2045 §6.7) of UTF-8 text; line breaks (LF or CRLF) become CRLF hard
 * breaks. Works on bytes into one buffer: a confirmation's three bodies are encoded per
 * booking, so this is on the hot path.
 */
export function quotedPrintable(text: string): string {
  const input = Buffer.from(text, "utf8");
  const n = input.length;
  // Each byte becomes at most 3, and every soft break (3 bytes) follows at least 25 bytes of input.
  const out = Buffer.allocUnsafe(n * 4 + 16);
  let o = 0;
  let column = 0;
  for (let i = 0; i < n; i++) {
    const b = input[i]!;
    if (b === 10 || (b === 13 && input[i + 1] === 10)) {
      if (b === 13) i++;
      out[o++] = 13;
      out[o++] = 10;
      column = 0;
      continue;
    }
    // Printable ASCII except "=" stays; so do space and tab, except at the end of a line.
    const next = input[i + 1];
    const lineEnds = i + 1 === n || next === 10 || (next === 13 && input[i + 2] === 10);
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !lineEnds);
    const width = literal ? 1 : 3;
    if (column + width > QP_LINE - 1) {
      out[o++] = 61; // soft line break: "=" CRLF
      out[o++] = 13;
      out[o++] = 10;
      column = 0;
    }
    if (literal) out[o++] = b;
    else {
      out[o++] = 61;
      out[o++] = HEX[b >> 4]!;
      out[o++] = HEX[b & 15]!;
    }
    column += width;
  }
  return out.toString("latin1", 0, o);
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

/** An address no header may carry (it could break out of its header); no retry fixes it. */
export class InvalidMailAddress extends Error {
  constructor() {
    super("invalid mail address");
    this.name = "InvalidMailAddress";
  }
}

/** `Display Name <address>`; the name quoted, or encoded words when it is not plain ASCII. */
export function mailbox(address: string, name?: string | null): string {
  if (!/^[^\s<>"]+@[^\s<>"]+$/.test(address)) throw new InvalidMailAddress();
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
