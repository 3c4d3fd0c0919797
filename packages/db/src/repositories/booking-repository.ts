import { createHash } from "node:crypto";
import { err, ok, type Result, type SlotTaken } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { isContention, SqlState, sqlStateOf } from "../sqlstate.ts";
import { type BookingRecord, type OutboxInsert, UUID } from "./booking-records.ts";

export interface NewHold {
  tenantId: string;
  officeId: string;
  counterId: string;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date;
  holdTokenHash: string;
  channel: "ONLINE" | "STAFF";
  items: { serviceId: string; quantity: number }[];
}

/** A hold to claim, without its place: {@link BookingRepository.claimHold} picks that. */
export type HoldClaim = Omit<NewHold, "counterId" | "startsAt" | "endsAt">;

/** One counter and range a hold would accept. */
export interface Placement {
  counterId: string;
  start: Date;
  end: Date;
}

/** The hold that was claimed, and where. */
export interface ClaimedHold extends Placement {
  id: string;
}

/** The person's bookings in the hold's tenant, as the anti-hoarding limits see them. */
export interface PersonBookings {
  /** Live bookings (confirmed or awaiting verification) that start after `now`. */
  activeFutureBookings: number;
  /** Services among those bookings. */
  activeServiceIds: string[];
  /** Start times of bookings marked as no-shows (the caller applies its window). */
  noShowStarts: Date[];
}

/** Normalised e-mail and phone: what makes bookings one person's. */
export interface PersonKey {
  /** Null only for a phone-only booking made by staff. */
  emailNormalized: string | null;
  phoneNormalized: string | null;
}

/** A hold and its would-be booker's bookings, read together for a confirmation. */
export interface ConfirmRead {
  /** Null when there is no such row (any status). */
  hold: BookingRecord | null;
  person: PersonBookings;
  /** Fingerprint of the person's bookings; the write only happens if it still holds. */
  personDigest: string;
}

/** What confirming writes; decided by the caller from a {@link ConfirmRead}. */
export interface ConfirmWrite {
  reference: string;
  status: "CONFIRMED" | "PENDING_VERIFICATION";
  /** E-mail may be missing only for a booking staff make on the phone (no mail then). */
  contact: { name: string; email: string | null; emailNormalized: string | null; phone: string | null; phoneNormalized: string | null };
  locale: "de" | "en";
  manageTokenHash: string;
  verifyTokenHash: string | null;
  verifyDeadline: Date | null;
  mail: OutboxInsert | null;
  actor: string;
  /** Merged into the audit entry's data (e.g. a clerk's limit override and its reason). */
  auditData?: Record<string, unknown>;
  /** The appointment's reminder, enqueued as a job ("booking-reminder") in the same statement. */
  reminder?: { runAt: Date; jobKey: string; payload: Record<string, unknown> } | null;
}

/**
 * CONFIRMED: written. HOLD_GONE: the hold lapsed, was released or confirmed meanwhile.
 * PERSON_CHANGED: another booking of the person landed since the read (read and decide again).
 * REFERENCE_TAKEN: the random reference exists in the tenant (draw another).
 * CONTENDED: a lock wait timed out or the database broke a deadlock; nothing was written
 * (read and decide again).
 */
export type ConfirmOutcome = "CONFIRMED" | "HOLD_GONE" | "PERSON_CHANGED" | "REFERENCE_TAKEN" | "CONTENDED";

/** A signed 64-bit advisory-lock key for a text (first 8 bytes of its SHA-256). */
export function lockKey(text: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(text).digest("hex").slice(0, 16)}`));
}

const include = { items: { select: { serviceId: true, quantity: true } } } as const;
type Row = Prisma.BookingGetPayload<{ include: typeof include }>;

function toRecord(row: Row): BookingRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    officeId: row.officeId,
    counterId: row.counterId,
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    start: row.startsAt,
    end: row.endsAt,
    holdExpiresAt: row.holdExpiresAt,
    holdTokenHash: row.holdTokenHash,
    manageTokenHash: row.manageTokenHash,
    verifyTokenHash: row.verifyTokenHash,
    resentTokenHash: row.resentTokenHash,
    verifyDeadline: row.verifyDeadline,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    locale: row.locale === "en" ? "en" : "de",
    icsSequence: row.icsSequence,
    items: row.items,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    cancelledAt: row.cancelledAt,
  };
}

/** Writes holds and bookings; the database's exclusion constraint decides conflicts. */
export class BookingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the first free placement of `placements` (best first) as a hold, in one round
   * trip: the database function tv_claim_hold (migration 0017_claim_hold) skips placements
   * that overlap a committed live booking, expires lapsed holds in the way, and tries the
   * insert in a subtransaction, so that losing a race to a concurrent writer (the exclusion
   * constraint "Booking_no_overlap", serialised per counter by the 0004 trigger) only moves
   * on to the next placement. None free: SLOT_TAKEN.
   *
   * A hold commits without waiting for its WAL to reach the disk (synchronous_commit off
   * for this transaction only): a hold lost in a crash just frees its start again, and a
   * confirmation, which commits synchronously, flushes the hold's WAL with its own.
   */
  async claimHold(hold: HoldClaim, placements: readonly Placement[], now: Date = new Date()): Promise<Result<ClaimedHold, SlotTaken>> {
    if (placements.length === 0) return err({ kind: "SLOT_TAKEN" });
    const wanted = JSON.stringify(placements.map((p) => ({ c: p.counterId, s: p.start.toISOString(), e: p.end.toISOString() })));
    try {
      const [row] = await this.db.sql.query<{ id: string; counterId: string; startsAt: Date | string; endsAt: Date | string }>(
        `SELECT id::text AS id, "counterId"::text AS "counterId", "startsAt", "endsAt"
           FROM tv_claim_hold($1::uuid, $2::uuid, $3::"Channel", $4::timestamptz, $5, $6::json, $7::timestamptz, $8::json)`,
        [hold.tenantId, hold.officeId, hold.channel, hold.holdExpiresAt, hold.holdTokenHash, JSON.stringify(hold.items), now, wanted],
        "claim-hold",
      );
      if (!row) return err({ kind: "SLOT_TAKEN" });
      return ok({ id: row.id, counterId: row.counterId, start: new Date(row.startsAt), end: new Date(row.endsAt) });
    } catch (error) {
      // A wait past the statement's own bounds is a lost race too, never an internal error.
      if (isContention(error)) return err({ kind: "SLOT_TAKEN" });
      throw error;
    }
  }

  /** Inserts a hold on one counter and range: {@link claimHold} with a single placement. */
  async insertHold(hold: NewHold, now: Date = new Date()): Promise<Result<{ id: string }, SlotTaken>> {
    const { counterId, startsAt, endsAt, ...claim } = hold;
    const claimed = await this.claimHold(claim, [{ counterId, start: startsAt, end: endsAt }], now);
    return claimed.ok ? ok({ id: claimed.value.id }) : claimed;
  }

  async byId(tenantId: string | null, id: string): Promise<BookingRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql.query(
      `SELECT b.*,
              coalesce((SELECT json_agg(json_build_object('serviceId', i."serviceId", 'quantity', i.quantity))
                          FROM "BookingItem" i WHERE i."bookingId" = b.id), '[]'::json) AS items
         FROM "Booking" b WHERE b.id = $1::uuid AND ($2::uuid IS NULL OR b."tenantId" = $2::uuid)`,
      [id, tenantId],
      "booking-by-id",
    );
    return row ? toRecord(row as unknown as Row) : null;
  }

  async byReference(tenantId: string, reference: string): Promise<BookingRecord | null> {
    const row = await this.db.prisma.booking.findUnique({ where: { tenantId_reference: { tenantId, reference } }, include });
    return row ? toRecord(row) : null;
  }

  /** Moves a live hold's expiry; false when it is no longer live. */
  async extendHold(id: string, until: Date, now: Date): Promise<boolean> {
    const { count } = await this.db.prisma.booking.updateMany({
      where: { id, status: "HELD", holdExpiresAt: { gt: now } },
      data: { holdExpiresAt: until },
    });
    return count === 1;
  }

  /** Gives a held slot back at once (the citizen left the wizard). */
  async releaseHold(id: string): Promise<boolean> {
    const { count } = await this.db.prisma.booking.updateMany({ where: { id, status: "HELD" }, data: { status: "EXPIRED" } });
    return count === 1;
  }

  /**
   * Reads a hold with its items and the bookings of the person about to confirm it, in
   * one statement and outside any transaction (the caller decides in between).
   */
  async readForConfirm(holdId: string, person: PersonKey, now: Date): Promise<ConfirmRead> {
    if (!UUID.test(holdId)) return { hold: null, person: { activeFutureBookings: 0, activeServiceIds: [], noShowStarts: [] }, personDigest: "" };
    const [row] = await this.db.sql.query<Record<string, unknown>>(
      `WITH h AS (SELECT * FROM "Booking" WHERE id = $1::uuid),
            person AS (SELECT p.* FROM h, tv_person_bookings(h."tenantId", $2, $3::text) p),
            live AS (SELECT id FROM person WHERE status IN ('CONFIRMED', 'PENDING_VERIFICATION') AND "startsAt" > $4::timestamptz)
       SELECT h.*,
              coalesce((SELECT json_agg(json_build_object('serviceId', i."serviceId", 'quantity', i.quantity))
                          FROM "BookingItem" i WHERE i."bookingId" = h.id), '[]'::json) AS items,
              (SELECT count(*)::int FROM live) AS "personActive",
              (SELECT coalesce(array_agg(DISTINCT bi."serviceId"::text), '{}') FROM live JOIN "BookingItem" bi ON bi."bookingId" = live.id) AS "personServices",
              (SELECT coalesce(array_agg("startsAt"), '{}') FROM person WHERE status = 'NO_SHOW') AS "personNoShows",
              tv_person_digest(h."tenantId", $2, $3::text) AS "personDigest"
         FROM h`,
      [holdId, person.emailNormalized, person.phoneNormalized, now],
      "confirm-read",
    );
    return {
      hold: row ? toRecord(row as unknown as Row) : null,
      person: {
        activeFutureBookings: Number(row?.personActive ?? 0),
        activeServiceIds: (row?.personServices as string[] | undefined) ?? [],
        noShowStarts: ((row?.personNoShows as (Date | string)[] | undefined) ?? []).map((d) => new Date(d)),
      },
      personDigest: String(row?.personDigest ?? ""),
    };
  }

  /**
   * Turns a live hold into a booking in ONE statement: it takes the person's advisory locks,
   * checks that their bookings still match `personDigest` (nothing landed since the read),
   * then makes the guarded update together with the status history, the outbox mail and
   * the audit entry — all of it or nothing. The locks last until the statement commits, so
   * bookings of one person are decided one after the other. The hold token's hash stays on
   * the booking: a retried confirmation (the answer was lost) proves itself with it and
   * gets the same booking back.
   */
  async confirmWrite(input: { holdId: string; now: Date; person: PersonKey; personDigest: string; write: ConfirmWrite }): Promise<ConfirmOutcome> {
    const keys = [input.person.emailNormalized, input.person.phoneNormalized]
      .filter((k): k is string => Boolean(k))
      .map((k) => lockKey(`person:${k}`))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
    const { write, now } = input;
    const c = write.contact;
    const m = write.mail;
    try {
      const [done] = await this.db.sql.query<{ guard: boolean | null; updated: number }>(
        `WITH guard AS (SELECT tv_lock_person($22::bigint[], "tenantId", $6, $8, $23) AS ok FROM "Booking" WHERE id = $1::uuid),
           upd AS (
             UPDATE "Booking" SET
               status = $2::"BookingStatus", reference = $3,
               "contactName" = $4, "contactEmail" = $5, "emailNormalized" = $6, "contactPhone" = $7, "phoneNormalized" = $8,
               locale = $9, "manageTokenHash" = $10, "verifyTokenHash" = $11, "verifyDeadline" = $12::timestamptz,
               "holdExpiresAt" = NULL, "confirmedAt" = $13::timestamptz
             FROM guard
             WHERE guard.ok AND id = $1::uuid AND status = 'HELD' AND "holdExpiresAt" > $13::timestamptz
             RETURNING id, "tenantId"),
           hist AS (
             INSERT INTO "BookingStatusChange" ("tenantId", "bookingId", "fromStatus", "toStatus", actor, at)
             SELECT "tenantId", id, 'HELD', $2::"BookingStatus", $14, $13::timestamptz FROM upd),
           mail AS (
             INSERT INTO "MailOutbox" ("tenantId", "bookingId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent")
             SELECT "tenantId", id, $15, $16, $17, $18, $19, $20, $21 FROM upd WHERE $16::text IS NOT NULL),
           audit AS (
             INSERT INTO "AuditLog" ("tenantId", actor, action, "entityType", "entityId", data)
             SELECT "tenantId", $14, 'booking.confirmed', 'Booking', id::text,
                    jsonb_build_object('reference', $3::text, 'status', $2::text) || $24::jsonb FROM upd),
           reminder AS (
             SELECT tv_add_job('booking-reminder', $25::jsonb, $26::timestamptz, $27, "tenantId") FROM upd WHERE $26::timestamptz IS NOT NULL)
         -- Referencing the reminder makes it run (a plain SELECT in WITH runs only when read).
         SELECT (SELECT ok FROM guard) AS guard, (SELECT count(*)::int FROM upd) AS updated, (SELECT count(*)::int FROM reminder) AS reminders`,
        [
          input.holdId, write.status, write.reference,
          c.name, c.email, c.emailNormalized, c.phone, c.phoneNormalized,
          write.locale, write.manageTokenHash, write.verifyTokenHash, write.verifyDeadline, now, write.actor,
          m?.kind ?? null, m?.toAddress ?? null, m?.subject ?? null, m?.textBody ?? null, m?.htmlBody ?? null, m?.icsMethod ?? null, m?.icsContent ?? null,
          keys, input.personDigest, JSON.stringify(write.auditData ?? {}),
          JSON.stringify(write.reminder?.payload ?? {}), write.reminder?.runAt ?? null, write.reminder?.jobKey ?? null,
        ],
        "confirm-write",
      );
      if (Number(done?.updated ?? 0) === 1) return "CONFIRMED";
      // No row at all: guard is null. A lapsed hold is found out by the next read.
      return done?.guard === false ? "PERSON_CHANGED" : "HOLD_GONE";
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation) return "REFERENCE_TAKEN";
      if (isContention(error)) return "CONTENDED";
      throw error;
    }
  }

  /**
   * Changes a live booking's status (cancel, verify) with history, audit and an optional
   * outbox mail in one transaction; `from` guards against concurrent changes.
   * @returns the updated booking, or null when it was not in one of the `from` states.
   */
  async transition(input: {
    bookingId: string;
    tenantId: string;
    from: BookingRecord["status"][];
    to: BookingRecord["status"];
    now: Date;
    actor: string;
    reason?: string;
    bumpSequence?: boolean;
    /**
     * On verification: keep the verification token's hash, which from then on opens the
     * booking like the manage token (the confirmation mail's link carries it).
     */
    keepVerifyToken?: boolean;
    mail?: OutboxInsert | null;
  }): Promise<BookingRecord | null> {
    return this.db.prisma.$transaction(async (tx) => {
      const before = await tx.booking.findFirst({ where: { id: input.bookingId, tenantId: input.tenantId }, select: { status: true } });
      const { count } = await tx.booking.updateMany({
        where: { id: input.bookingId, tenantId: input.tenantId, status: { in: input.from } },
        data: {
          status: input.to,
          ...(input.to === "CANCELLED" ? { cancelledAt: input.now, cancelReason: input.reason ?? null } : {}),
          ...(input.to === "CONFIRMED" ? { ...(input.keepVerifyToken ? {} : { verifyTokenHash: null }), verifyDeadline: null } : {}),
          ...(input.bumpSequence ? { icsSequence: { increment: 1 } } : {}),
        },
      });
      if (count !== 1) return null;
      await tx.bookingStatusChange.create({
        data: { tenantId: input.tenantId, bookingId: input.bookingId, fromStatus: before?.status ?? null, toStatus: input.to, actor: input.actor, reason: input.reason ?? null, at: input.now },
      });
      if (input.mail) await tx.mailOutbox.create({ data: { tenantId: input.tenantId, bookingId: input.bookingId, ...input.mail } });
      await tx.auditLog.create({
        data: { tenantId: input.tenantId, actor: input.actor, action: `booking.${input.to.toLowerCase()}`, entityType: "Booking", entityId: input.bookingId, data: { reason: input.reason ?? null } },
      });
      return toRecord(await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId }, include }));
    });
  }

  /**
   * Moves a booking to a new time in ONE statement: the exclusion constraint checks the
   * new range while the old one is still held by the same row, so the new start is
   * secured before the old is released — or nothing changes (SLOT_TAKEN).
   */
  async reschedule(input: {
    bookingId: string;
    tenantId: string;
    expectedSequence: number;
    counterId: string;
    start: Date;
    end: Date;
    now: Date;
    actor: string;
    /** Null for a booking without e-mail address (made by staff on the phone). */
    mail: OutboxInsert | null;
    /** The reminder for the new time (see ConfirmWrite), enqueued in the same transaction. */
    reminder?: ConfirmWrite["reminder"];
  }): Promise<Result<BookingRecord, SlotTaken | { kind: "CHANGED" }>> {
    try {
      return await this.db.prisma.$transaction(async (tx) => {
        const before = await tx.booking.findFirstOrThrow({
          where: { id: input.bookingId, tenantId: input.tenantId },
          select: { startsAt: true, endsAt: true, counterId: true, officeId: true, channel: true },
        });
        const { count } = await tx.booking.updateMany({
          where: { id: input.bookingId, tenantId: input.tenantId, status: { in: ["CONFIRMED", "PENDING_VERIFICATION"] }, icsSequence: input.expectedSequence },
          data: { counterId: input.counterId, startsAt: input.start, endsAt: input.end, icsSequence: { increment: 1 } },
        });
        if (count !== 1) return err({ kind: "CHANGED" as const });
        if (before.channel === "ONLINE") {
          // The old time enters the cool-down like a cancelled one (anti-trading); times
          // already past block nothing any more and are dropped here.
          await tx.releasedSlot.deleteMany({ where: { tenantId: input.tenantId, endsAt: { lt: input.now } } });
          await tx.releasedSlot.create({
            data: { tenantId: input.tenantId, officeId: before.officeId, counterId: before.counterId, startsAt: before.startsAt, endsAt: before.endsAt, releasedAt: input.now },
          });
        }
        if (input.mail) await tx.mailOutbox.create({ data: { tenantId: input.tenantId, bookingId: input.bookingId, ...input.mail } });
        if (input.reminder) {
          await tx.$queryRawUnsafe(
            `SELECT tv_add_job('booking-reminder', $1::jsonb, $2::timestamptz, $3, $4::uuid)::text AS id`,
            JSON.stringify(input.reminder.payload),
            input.reminder.runAt,
            input.reminder.jobKey,
            input.tenantId,
          );
        }
        await tx.auditLog.create({
          data: { tenantId: input.tenantId, actor: input.actor, action: "booking.rescheduled", entityType: "Booking", entityId: input.bookingId, data: { from: before.startsAt.toISOString(), to: input.start.toISOString() } },
        });
        return ok(toRecord(await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId }, include })));
      });
    } catch (error) {
      if (sqlStateOf(error) === SqlState.exclusionViolation) return err({ kind: "SLOT_TAKEN" });
      throw error;
    }
  }

  /**
   * Expires lapsed holds (`which: "HELD"`), unverified bookings past their deadline
   * (`"PENDING_VERIFICATION"`) or both, writing the status history and the audit log with
   * `actor` in the same statement. Rows are claimed with SKIP LOCKED, so several instances
   * sweeping at once never expire a row twice.
   * @returns one entry per expired row (`status` is the new one, `fromStatus` the old).
   */
  async expireLapsed(
    now: Date,
    options: { which?: "HELD" | "PENDING_VERIFICATION" | "ALL"; limit?: number; actor?: string; job?: string } = {},
  ): Promise<{ id: string; tenantId: string; officeId: string; status: string; fromStatus: string }[]> {
    const { which = "ALL", limit = 500, actor = "system", job = null } = options;
    const lapsed = {
      HELD: `status = 'HELD' AND "holdExpiresAt" <= $1::timestamptz`,
      PENDING_VERIFICATION: `status = 'PENDING_VERIFICATION' AND "verifyDeadline" <= $1::timestamptz`,
      ALL: `(status = 'HELD' AND "holdExpiresAt" <= $1::timestamptz) OR (status = 'PENDING_VERIFICATION' AND "verifyDeadline" <= $1::timestamptz)`,
    }[which];
    return this.db.sql.query<{ id: string; tenantId: string; officeId: string; status: string; fromStatus: string }>(
      `WITH lapsed AS (
         SELECT id, status FROM "Booking" WHERE ${lapsed}
          ORDER BY "holdExpiresAt" NULLS LAST
          LIMIT $2
          FOR UPDATE SKIP LOCKED),
       upd AS (
         UPDATE "Booking" b SET status = 'EXPIRED', "holdTokenHash" = NULL
           FROM lapsed WHERE b.id = lapsed.id
         RETURNING b.id, b."tenantId", b."officeId", lapsed.status AS "fromStatus"),
       hist AS (
         INSERT INTO "BookingStatusChange" ("tenantId", "bookingId", "fromStatus", "toStatus", actor, at, reason)
         SELECT "tenantId", id, "fromStatus", 'EXPIRED', $3, $1::timestamptz,
                CASE WHEN "fromStatus" = 'HELD' THEN 'hold lapsed' ELSE 'e-mail not verified in time' END
           FROM upd),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $1::timestamptz, $3, 'booking.expired', 'Booking', id::text,
                jsonb_build_object('from', "fromStatus"::text, 'job', $4::text)
           FROM upd)
       SELECT id::text AS id, "tenantId"::text AS "tenantId", "officeId"::text AS "officeId", 'EXPIRED' AS status,
              "fromStatus"::text AS "fromStatus"
         FROM upd`,
      [now, limit, actor, job],
    );
  }
}
