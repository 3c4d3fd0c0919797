import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OutboxMail } from "./types.ts";

/** Marks a sealed text; anything without it is read as plain (rows from before sealing). */
const PREFIX = "tv-sealed-1:";

/**
 * Seals mail bodies at rest (AES-256-GCM): an undelivered mail's manage or verification
 * link is useless to whoever reads the outbox table without the key, which lives in the
 * configuration (MAIL_KEY), never in the database.
 */
export interface MailCipher {
  seal(text: string): string;
  open(text: string): string;
}

export function createMailCipher(key: Buffer): MailCipher {
  if (key.length !== 32) throw new Error("MAIL_KEY must be 32 bytes (64 hex characters or 44 base64 characters)");
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(text) {
      if (!text.startsWith(PREFIX)) return text;
      const raw = Buffer.from(text.slice(PREFIX.length), "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

/** No key (tests with their own database): texts stay as they are. */
export const PLAIN: MailCipher = { seal: (text) => text, open: (text) => text };

/** Whether a stored text is sealed. */
export function isSealed(text: string | null): boolean {
  return text?.startsWith(PREFIX) ?? false;
}

/** Seals a rendered mail's bodies and calendar file (subject and recipient stay readable for the desk). */
export function sealMail<M extends Pick<OutboxMail, "textBody" | "icsContent"> & { htmlBody: string | null }>(cipher: MailCipher, mail: M): M {
  return {
    ...mail,
    textBody: cipher.seal(mail.textBody),
    htmlBody: mail.htmlBody === null ? null : cipher.seal(mail.htmlBody),
    icsContent: mail.icsContent === null ? null : cipher.seal(mail.icsContent),
  };
}

/** Reads MAIL_KEY: 64 hex characters or base64 of 32 bytes. */
export function parseMailKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("MAIL_KEY must be 32 bytes (64 hex characters or 44 base64 characters)");
  return key;
}

/**
 * The key without MAIL_KEY: `mail.key` in the data directory, created on first start
 * (mode 0600). Instances on other hosts need MAIL_KEY set to the same key.
 */
export function keyFromDataDir(dataDir: string): Buffer {
  const file = path.join(dataDir, "mail.key");
  try {
    return parseMailKey(readFileSync(file, "utf8").trim())!;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another instance created it at the same moment: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseMailKey(readFileSync(file, "utf8").trim())!;
}
