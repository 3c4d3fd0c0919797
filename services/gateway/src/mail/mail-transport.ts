import nodemailer from "nodemailer";
import { attachmentPart, headerText, InvalidMailAddress, mailbox, mailDate, message, multipart, textPart } from "./mime.ts";

/** One mail handed to a transport (an outbox row plus its sender). */
export interface OutgoingMail {
  /** The outbox row id; it becomes the Message-ID, so a repeated delivery is recognisable as the same mail. */
  outboxId: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  icsMethod: "REQUEST" | "CANCEL" | null;
  icsContent: string | null;
  /** Display name of the sender (the agency); the address is the configured From address. */
  senderName?: string | null | undefined;
  /** Where replies go (the agency's contact address). */
  replyTo?: string | null | undefined;
}

/** The mail delivery port of the outbox job. */
export interface MailTransport {
  readonly kind: "smtp" | "dev-mailbox";
  /** Delivers one mail and resolves to its Message-ID; rejects when the mail was not accepted. */
  send(mail: OutgoingMail): Promise<string>;
  close(): Promise<void>;
}

export interface SenderAddress {
  address: string;
  name: string;
}

/** Parses `Name <addr@host>` or `addr@host` (MAIL_FROM). */
export function parseSender(value: string): SenderAddress {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: (match[1] ?? "").trim(), address: match[2] as string };
  const plain = value.trim();
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(plain)) return { name: "", address: plain };
  throw new Error(`MAIL_FROM must be an address like "Terminvergabe <noreply@example.org>", got "${value}"`);
}

/** The default From address: a no-reply address on the gateway's public host. */
export function defaultSender(publicUrl: string): SenderAddress {
  let host = "localhost";
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return { name: "Terminvergabe", address: `noreply@${host}` };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1) || "localhost";
}

/** `<outbox-id@sender-domain>`: stable for every attempt of one outbox row. */
export function messageIdFor(outboxId: string, from: SenderAddress): string {
  return `<${outboxId}@${domainOf(from.address)}>`;
}

/** A composed mail: the SMTP envelope and the complete MIME message. */
export interface ComposedMail {
  envelope: { from: string; to: string[] };
  messageId: string;
  raw: string;
}

/**
 * Composes the MIME message. The .ics goes in twice, the way calendar servers send
 * invitations: as a `text/calendar; method=…` alternative (so clients show accept/update
 * buttons; the MIME method must match the METHOD inside) and as an `application/ics`
 * attachment for clients that only offer attachments. Boundaries derive from the outbox
 * id, so every attempt of one mail carries the same bytes but its Date.
 */
export function composeMail(mail: OutgoingMail, from: SenderAddress, date: Date = new Date()): ComposedMail {
  const messageId = messageIdFor(mail.outboxId, from);
  const tag = mail.outboxId.replace(/[^A-Za-z0-9]/g, "").slice(0, 40);
  const alternatives = [textPart("text/plain; charset=utf-8", mail.text)];
  if (mail.html) alternatives.push(textPart("text/html; charset=utf-8", mail.html));
  const ics = mail.icsContent && mail.icsMethod ? { method: mail.icsMethod, content: mail.icsContent } : null;
  if (ics) alternatives.push(textPart(`text/calendar; charset=utf-8; method=${ics.method}`, ics.content));
  const body = alternatives.length > 1 ? multipart("alternative", `=_tv_${tag}_alt`, alternatives) : alternatives[0]!;
  const root = ics ? multipart("mixed", `=_tv_${tag}_mix`, [body, attachmentPart("application/ics", "termin.ics", ics.content)]) : body;
  const fields: [string, string][] = [
    ["From", mailbox(from.address, mail.senderName?.trim() || from.name)],
    ["To", mailbox(mail.to)],
  ];
  if (mail.replyTo) fields.push(["Reply-To", mailbox(mail.replyTo)]);
  fields.push(
    ["Subject", headerText(mail.subject)],
    ["Message-ID", messageId],
    ["Date", mailDate(date)],
    // RFC 3834: no vacation auto-replies to an automatic mail.
    ["Auto-Submitted", "auto-generated"],
  );
  return { envelope: { from: from.address, to: [mail.to] }, messageId, raw: message(fields, root) };
}

/**
 * Errors that no retry can fix: the SMTP server refused the recipient with a 5xx reply,
 * or an address cannot be put in a header at all. Everything else (connection refused,
 * timeouts, 4xx) is worth retrying.
 */
export function isPermanentMailError(error: unknown): boolean {
  if (error instanceof InvalidMailAddress) return true;
  if (error === null || typeof error !== "object") return false;
  const e = error as { responseCode?: unknown; command?: unknown; code?: unknown };
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  return code >= 500 && code < 600 && (e.command === "RCPT TO" || e.code === "EENVELOPE");
}

/**
 * Mails sent at once per instance (outbox worker) and SMTP connections in the pool. Three
 * gave about 17 mails/s to a local SMTP server; a mass cancellation of 5,000 needs more.
 */
export const DEFAULT_MAIL_CONCURRENCY = 10;

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  from: SenderAddress;
  /** Connections kept open for bursts such as a mass cancellation (default {@link DEFAULT_MAIL_CONCURRENCY}). */
  maxConnections?: number;
}

/**
 * Delivers through an SMTP server. Timeouts are far below the outbox lease, so a
 * hanging server cannot make a mail look abandoned (and be sent twice) while its
 * first attempt is still running.
 */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? DEFAULT_MAIL_CONCURRENCY,
    maxMessages: 1_000,
    // Far below the outbox lease (30 s; a mail starts only while half of it is left).
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: "smtp",
    async send(mail) {
      const { envelope, raw, messageId } = composeMail(mail, options.from);
      await transporter.sendMail({ envelope, raw });
      return messageId;
    },
    async close() {
      transporter.close();
    },
  };
}

export interface DevMailboxTransportOptions {
  from: SenderAddress;
  /** Receives the complete MIME message (tests, debugging). */
  onMessage?: (raw: Buffer, mail: OutgoingMail) => void;
}

/**
 * The embedded default: composes the exact MIME message SMTP would carry, but sends
 * nothing over the network. The mail stays in the outbox table, which `/dev/mail`
 * shows.
 */
export function createDevMailboxTransport(options: DevMailboxTransportOptions): MailTransport {
  return {
    kind: "dev-mailbox",
    async send(mail) {
      const { raw, messageId } = composeMail(mail, options.from);
      options.onMessage?.(Buffer.from(raw, "utf8"), mail);
      return messageId;
    },
    async close() {},
  };
}

/** SMTP when `smtpUrl` is set, else the dev mailbox. */
export function createMailTransport(options: { smtpUrl: string | undefined; from: SenderAddress }): MailTransport {
  return options.smtpUrl
    ? createSmtpTransport({ url: options.smtpUrl, from: options.from })
    : createDevMailboxTransport({ from: options.from });
}
