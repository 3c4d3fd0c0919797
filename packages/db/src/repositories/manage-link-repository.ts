import type { Database } from "../client.ts";
import type { OutboxInsert } from "./booking-records.ts";
import type { PersonKey } from "./booking-repository.ts";

/** The outbox kind of a "send me the manage link" mail. */
export const MANAGE_LINK_MAIL = "MANAGE_LINK";

/** A live future booking of one person, with what a manage-link mail to its owner needs. */
export interface PersonLiveBooking {
  id: string;
  reference: string;
  officeId: string;
  start: Date;
  end: Date;
  /** The address stored on the booking: the only one a manage link is ever sent to. */
  contactEmail: string | null;
  contactName: string | null;
  locale: "de" | "en";
  serviceIds: string[];
}

/** One booking's new manage link: its token's hash and the mail that carries the token. */
export interface ManageLinkMail {
  bookingId: string;
  tokenHash: string;
  mail: OutboxInsert;
}

/**
 * Reads one person's bookings for the contact check at step 3 and writes the manage-link
 * mails (issue 11, item 6). The person is the same as for the anti-hoarding limits:
 * tv_person_bookings (migration 0002), same normalised e-mail or phone.
 */
export class ManageLinkRepository {
  constructor(private readonly db: Database) {}

  /** Live bookings that start after `now`, and the starts of no-shows, of one person in a tenant. */
  async person(tenantId: string, person: PersonKey, now: Date): Promise<{ live: PersonLiveBooking[]; noShowStarts: Date[] }> {
    const rows = await this.db.sql.query<Record<string, unknown>>(
      `SELECT b.id::text AS id, b.reference, b."officeId"::text AS "officeId", b."startsAt", b."endsAt", b."contactEmail",
              b."contactName", b.locale, b.status::text AS status,
              coalesce((SELECT array_agg(i."serviceId"::text ORDER BY i."serviceId") FROM "BookingItem" i WHERE i."bookingId" = b.id), '{}') AS "serviceIds"
         FROM tv_person_bookings($1::uuid, $2, $3::text) p JOIN "Booking" b ON b.id = p.id
        WHERE (p.status IN ('CONFIRMED', 'PENDING_VERIFICATION') AND p."startsAt" > $4::timestamptz) OR p.status = 'NO_SHOW'
        ORDER BY b."startsAt", b.id`,
      [tenantId, person.emailNormalized, person.phoneNormalized, now],
    );
    const live = rows
      .filter((r) => r.status !== "NO_SHOW")
      .map((r) => ({
        id: String(r.id),
        reference: String(r.reference ?? ""),
        officeId: String(r.officeId),
        start: new Date(r.startsAt as string),
        end: new Date(r.endsAt as string),
        contactEmail: (r.contactEmail as string | null) ?? null,
        contactName: (r.contactName as string | null) ?? null,
        locale: r.locale === "en" ? ("en" as const) : ("de" as const),
        serviceIds: (r.serviceIds as string[]) ?? [],
      }));
    return { live, noShowStarts: rows.filter((r) => r.status === "NO_SHOW").map((r) => new Date(r.startsAt as string)) };
  }

  /**
   * For each booking still live and not sent a manage link since `quietSince`: stores the new
   * token's hash (replacing an earlier resent one; the original manage token stays valid) and
   * queues its mail, in one transaction. The booking's row lock orders concurrent requests, so
   * a booking gets at most one such mail per quiet period. The mail is dated `now` (the
   * caller's clock, the same that computed `quietSince`).
   * @returns how many mails were queued.
   */
  async queue(tenantId: string, links: readonly ManageLinkMail[], now: Date, quietSince: Date): Promise<number> {
    if (links.length === 0) return 0;
    return this.db.transaction(async (sql) => {
      let queued = 0;
      for (const { bookingId, tokenHash, mail } of links) {
        const [row] = await sql.query<{ due: boolean }>(
          `SELECT NOT EXISTS (SELECT 1 FROM "MailOutbox" m WHERE m."tenantId" = $2::uuid AND m."bookingId" = $1::uuid AND m.kind = $3 AND m."createdAt" > $4::timestamptz) AS due
             FROM "Booking" b
            WHERE b.id = $1::uuid AND b."tenantId" = $2::uuid AND b.status IN ('CONFIRMED', 'PENDING_VERIFICATION')
              FOR UPDATE OF b`,
          [bookingId, tenantId, MANAGE_LINK_MAIL, quietSince],
        );
        if (!row?.due) continue;
        await sql.query(`UPDATE "Booking" SET "resentTokenHash" = $2 WHERE id = $1::uuid`, [bookingId, tokenHash]);
        await sql.query(
          `INSERT INTO "MailOutbox" ("tenantId", "bookingId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent", "createdAt")
           VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz)`,
          [tenantId, bookingId, MANAGE_LINK_MAIL, mail.toAddress, mail.subject, mail.textBody, mail.htmlBody, mail.icsMethod, mail.icsContent, now],
        );
        queued += 1;
      }
      return queued;
    });
  }
}
