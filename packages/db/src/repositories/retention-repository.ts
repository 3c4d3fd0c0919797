import type { Database } from "../client.ts";

export interface AnonymisedBookings {
  bookings: number;
  /** Delivered or given-up mails of those bookings whose address and bodies were erased. */
  mails: number;
}

/**
 * Deletion of personal data that is no longer needed (the daily retention job). Every
 * statement is a single, idempotent one: a rerun after a crash finds nothing left to do.
 */
export class RetentionRepository {
  constructor(private readonly db: Database) {}

  /**
   * Erases the personal data of a tenant's bookings whose appointment ended before
   * `endedBefore`: name, e-mail and phone (also their normalised forms), the tokens, and
   * the portal link; the row itself — status, channel, office, concerns, times — stays
   * for the statistics. Their delivered mails lose address and bodies; a mail still
   * pending keeps them until it is delivered.
   */
  async anonymiseBookings(tenantId: string, endedBefore: Date): Promise<AnonymisedBookings> {
    const [row] = await this.db.sql.query<{ bookings: number; mails: number }>(
      `WITH done AS (
         UPDATE "Booking" SET "contactName" = NULL, "contactEmail" = NULL, "emailNormalized" = NULL,
                "contactPhone" = NULL, "phoneNormalized" = NULL, "customerId" = NULL,
                "manageTokenHash" = NULL, "verifyTokenHash" = NULL, "holdTokenHash" = NULL
          WHERE "tenantId" = $1::uuid AND "endsAt" < $2::timestamptz AND status <> 'HELD'
            AND ("contactName" IS NOT NULL OR "contactEmail" IS NOT NULL OR "contactPhone" IS NOT NULL
                 OR "emailNormalized" IS NOT NULL OR "phoneNormalized" IS NOT NULL OR "customerId" IS NOT NULL)
         RETURNING id),
       mails AS (
         UPDATE "MailOutbox" m SET "toAddress" = '', "textBody" = '', "htmlBody" = NULL, "icsContent" = NULL
           FROM done WHERE m."bookingId" = done.id AND m."tenantId" = $1::uuid AND m.status <> 'PENDING'
         RETURNING m.id)
       SELECT (SELECT count(*)::int FROM done) AS bookings, (SELECT count(*)::int FROM mails) AS mails`,
      [tenantId, endedBefore],
    );
    return { bookings: Number(row?.bookings ?? 0), mails: Number(row?.mails ?? 0) };
  }

  /**
   * Deletes holds that lapsed (EXPIRED, never confirmed) before `expiredBefore`, with
   * their status history and concerns; their mails (an unanswered double opt-in) go too
   * once they are no longer pending. Holds a campaign slot or application points at are left
   * alone. (The foreign keys of the deleted mails are checked at the statement's end.)
   */
  async deleteExpiredHolds(expiredBefore: Date): Promise<number> {
    const [row] = await this.db.sql.query<{ deleted: number }>(
      `WITH gone AS (
         SELECT b.id, b."tenantId" FROM "Booking" b
          WHERE b.status = 'EXPIRED' AND b."confirmedAt" IS NULL AND b."createdAt" < $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM "MailOutbox" m WHERE m."bookingId" = b.id AND m.status = 'PENDING')
            AND NOT EXISTS (SELECT 1 FROM "CampaignSlot" s WHERE s."bookingId" = b.id)
            AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."bookingId" = b.id)
          LIMIT 10000),
       mails AS (DELETE FROM "MailOutbox" m USING gone WHERE m."bookingId" = gone.id RETURNING m.id),
       deleted AS (
         DELETE FROM "Booking" b USING gone
          WHERE b.id = gone.id AND b."tenantId" = gone."tenantId"
         RETURNING b.id)
       SELECT count(*)::int AS deleted FROM deleted`,
      [expiredBefore],
    );
    return Number(row?.deleted ?? 0);
  }

  /**
   * Removes the bodies (text, HTML, .ics) of mails that were delivered or given up before
   * `before`: what was sent no longer needs its text, and its links carry tokens.
   */
  async dropDeliveredBodies(before: Date): Promise<number> {
    const rows = await this.db.sql.query<{ id: string }>(
      `UPDATE "MailOutbox" SET "textBody" = '', "htmlBody" = NULL, "icsContent" = NULL
        WHERE status <> 'PENDING' AND coalesce("sentAt", "createdAt") < $1::timestamptz
          AND ("textBody" <> '' OR "htmlBody" IS NOT NULL OR "icsContent" IS NOT NULL)
       RETURNING id`,
      [before],
    );
    return rows.length;
  }
}
