import type { LocalizedText } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import type { OutboxInsert } from "./booking-records.ts";
import { asText } from "./mappers.ts";

export type OutboxStatus = "PENDING" | "SENT" | "FAILED";

/** A mail claimed for delivery: what the transport needs, plus who sends it. */
export interface ClaimedMail extends OutboxInsert {
  id: string;
  tenantId: string;
  bookingId: string | null;
  /** Delivery attempts so far, this one included. */
  attempts: number;
  /** The agency's name in its own locale, for the From display name. */
  senderName: string;
  /** The agency's contact address, for Reply-To. */
  replyTo: string | null;
}

/** A row of the outbox as the dev mailbox shows it. */
export interface OutboxEntry {
  id: string;
  tenantName: LocalizedText;
  /** The agency's time zone, for showing times. */
  timeZone: string;
  kind: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxEntryDetail extends OutboxEntry, Pick<OutboxInsert, "textBody" | "htmlBody" | "icsMethod" | "icsContent"> {}

interface ClaimedRow extends OutboxInsert {
  id: string;
  tenantId: string;
  bookingId: string | null;
  attempts: number | bigint;
  tenantName: unknown;
  tenantLocale: string;
  tenantContactEmail: string | null;
}

/** Longest lastError kept; SMTP transcripts can be long and are only for diagnosis. */
export const MAX_ERROR_LENGTH = 1000;

/** Shortens an error for `lastError`; PostgreSQL text cannot hold NUL. */
function truncate(raw: string): string {
  const message = raw.replaceAll("\u0000", "");
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

/**
 * The mail outbox. Rows are written by the booking flow in its own transactions;
 * this repository serves the delivery job and the dev mailbox.
 *
 * Several gateway instances may run the job at once: a row is claimed by setting a
 * lease (`lockedUntil`) in the same statement that selects it with
 * `FOR UPDATE SKIP LOCKED`, so two claims never return the same row, and a crashed
 * instance's rows become due again when its lease runs out.
 */
export class OutboxRepository {
  // Instants are passed as JS Dates and cast to timestamptz; PostgreSQL sessions run in
  // UTC (see client.ts), so they compare exactly with what other writers stored.
  constructor(private readonly db: Database) {}

  /**
   * Claims up to `limit` due mails (PENDING, `nextAttemptAt <= now`, no live lease),
   * oldest due first: sets `lockedUntil = leaseUntil` and counts the attempt.
   * Counting at claim time means a mail that crashes its sender still runs out of
   * attempts instead of being retried forever.
   */
  async claimDue(input: { now: Date; limit: number; leaseUntil: Date }): Promise<ClaimedMail[]> {
    const { now, limit, leaseUntil } = input;
    const rows = await this.db.sql.query<ClaimedRow>(
      `
      WITH due AS (
        SELECT id FROM "MailOutbox"
         WHERE status = 'PENDING'
           AND "nextAttemptAt" <= $1::timestamptz
           AND ("lockedUntil" IS NULL OR "lockedUntil" < $1::timestamptz)
         ORDER BY "nextAttemptAt", "createdAt", id
         LIMIT $2::int
         FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE "MailOutbox" m
           SET "lockedUntil" = $3::timestamptz, attempts = m.attempts + 1
          FROM due
         WHERE m.id = due.id
        RETURNING m.id, m."tenantId", m."bookingId", m.kind, m."toAddress", m.subject, m."textBody",
                  m."htmlBody", m."icsMethod", m."icsContent", m.attempts, m."nextAttemptAt", m."createdAt"
      )
      SELECT c.id::text AS id, c."tenantId"::text AS "tenantId", c."bookingId"::text AS "bookingId",
             c.kind, c."toAddress", c.subject, c."textBody", c."htmlBody", c."icsMethod", c."icsContent",
             c.attempts, t.name AS "tenantName", t.locale AS "tenantLocale", t."contactEmail" AS "tenantContactEmail"
        FROM claimed c JOIN "Tenant" t ON t.id = c."tenantId"
       ORDER BY c."nextAttemptAt", c."createdAt", c.id`,
      [now, limit, leaseUntil],
    );
    return rows.map((row) => {
      const name = asText(typeof row.tenantName === "string" ? JSON.parse(row.tenantName) : row.tenantName);
      return {
        id: row.id,
        tenantId: row.tenantId,
        bookingId: row.bookingId,
        kind: row.kind,
        toAddress: row.toAddress,
        subject: row.subject,
        textBody: row.textBody,
        htmlBody: row.htmlBody,
        icsMethod: row.icsMethod,
        icsContent: row.icsContent,
        attempts: Number(row.attempts),
        senderName: (row.tenantLocale === "en" ? name.en : name.de) || name.de,
        replyTo: row.tenantContactEmail,
      };
    });
  }

  /**
   * Records deliveries, several in one statement. Not fenced by the lease: once the SMTP
   * server has accepted a mail it is sent, whoever records it. Returns the ids recorded
   * now; an id missing from it was no longer PENDING (already recorded).
   */
  async markSent(sent: readonly { id: string; messageId: string }[], sentAt: Date, options: { dropBody?: boolean } = {}): Promise<Set<string>> {
    if (sent.length === 0) return new Set();
    // With `dropBody` the delivered mail keeps its envelope (recipient, subject, status,
    // Message-ID) but not its text: manage and verification links must not stay at rest.
    const rows = await this.db.sql.query<{ id: string }>(
      `UPDATE "MailOutbox" m
          SET status = 'SENT', "sentAt" = $3::timestamptz, "messageId" = s."messageId", "lockedUntil" = NULL, "lastError" = NULL,
              "textBody" = CASE WHEN $4::boolean THEN '' ELSE m."textBody" END,
              "htmlBody" = CASE WHEN $4::boolean THEN NULL ELSE m."htmlBody" END,
              "icsContent" = CASE WHEN $4::boolean THEN NULL ELSE m."icsContent" END
         FROM unnest($1::uuid[], $2::text[]) AS s(id, "messageId")
        WHERE m.id = s.id AND m.status = 'PENDING'
       RETURNING m.id::text AS id`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId), sentAt, options.dropBody ?? false],
      options.dropBody ? "outbox-mark-sent-drop" : "outbox-mark-sent",
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Schedules the next attempt after a failure; `nextAttemptAt: null` gives up (FAILED).
   * Fenced by the lease: if it ran out and another instance claimed the row meanwhile,
   * that instance's outcome wins and this call changes nothing (returns false).
   */
  async recordFailure(
    id: string,
    input: { leaseUntil: Date; error: string; nextAttemptAt: Date | null },
  ): Promise<boolean> {
    const error = truncate(input.error);
    // A null next attempt gives up: FAILED instead of PENDING.
    const rows = await this.db.sql.query(
      `UPDATE "MailOutbox"
          SET status = CASE WHEN $4::timestamptz IS NULL THEN 'FAILED'::"MailStatus" ELSE status END,
              "nextAttemptAt" = coalesce($4::timestamptz, "nextAttemptAt"), "lockedUntil" = NULL, "lastError" = $3
        WHERE id = $1::uuid AND status = 'PENDING' AND "lockedUntil" = $2::timestamptz
       RETURNING id`,
      [id, input.leaseUntil, error, input.nextAttemptAt],
    );
    return rows.length === 1;
  }

  /**
   * Adds a mail about a booking unless one of the same kind and subject exists for it (a
   * job that runs twice — it is at-least-once — mails once). Returns whether it was added.
   */
  async addOnce(tenantId: string, bookingId: string, mail: OutboxInsert): Promise<boolean> {
    const rows = await this.db.sql.query(
      `INSERT INTO "MailOutbox" ("tenantId", "bookingId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent")
       SELECT $1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9
        WHERE NOT EXISTS (SELECT 1 FROM "MailOutbox" WHERE "bookingId" = $2::uuid AND kind = $3 AND subject = $5)
       RETURNING id`,
      [tenantId, bookingId, mail.kind, mail.toAddress, mail.subject, mail.textBody, mail.htmlBody, mail.icsMethod, mail.icsContent],
    );
    return rows.length === 1;
  }

  /** The most recent mails of all tenants, newest first (dev mailbox). */
  async recent(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.prisma.mailOutbox.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { ...entrySelect },
    });
    return rows.map(toEntry);
  }

  /** One mail with its bodies and .ics (dev mailbox); null when unknown. */
  async find(id: string): Promise<OutboxEntryDetail | null> {
    if (!UUID.test(id)) return null;
    const row = await this.db.prisma.mailOutbox.findUnique({
      where: { id },
      select: { ...entrySelect, textBody: true, htmlBody: true, icsMethod: true, icsContent: true },
    });
    return row
      ? { ...toEntry(row), textBody: row.textBody, htmlBody: row.htmlBody, icsMethod: row.icsMethod, icsContent: row.icsContent }
      : null;
  }

  /** Counts by status, for metrics and tests. */
  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const groups = await this.db.prisma.mailOutbox.groupBy({ by: ["status"], _count: { _all: true } });
    const counts: Record<OutboxStatus, number> = { PENDING: 0, SENT: 0, FAILED: 0 };
    for (const g of groups) counts[g.status] = g._count._all;
    return counts;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const entrySelect = {
  id: true,
  kind: true,
  toAddress: true,
  subject: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  messageId: true,
  createdAt: true,
  sentAt: true,
  tenant: { select: { name: true, timeZone: true } },
} as const;

/** An outbox row with its tenant, as selected by `entrySelect`. */
type EntryRow = Omit<OutboxEntry, "tenantName" | "timeZone"> & { tenant: { name: unknown; timeZone: string } };

function toEntry(row: EntryRow): OutboxEntry {
  return {
    id: row.id,
    tenantName: asText(row.tenant.name),
    timeZone: row.tenant.timeZone,
    kind: row.kind,
    toAddress: row.toAddress,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    messageId: row.messageId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
