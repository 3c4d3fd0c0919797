import type { BookingSearch } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import { type BookingRecord, type OutboxInsert, UUID } from "./booking-records.ts";
import { CLOSURE_AUDIT, CLOSURE_COLUMNS, type ClosureRecord, toClosure } from "./closure-records.ts";

export type { ClosureRecord };

type Status = BookingRecord["status"];

/** One line of the desk's day list (or a search hit): what the desk shows of a booking (no token hashes), with the counter's name. */
export interface DeskBooking
  extends Pick<
    BookingRecord,
    "id" | "tenantId" | "officeId" | "counterId" | "reference" | "status" | "channel" | "start" | "end" | "contactName" | "contactEmail" | "contactPhone" | "locale" | "icsSequence" | "items"
  > {
  counterName: string;
}

/** A past appointment nobody closed, with what the decision needs. */
export interface OpenPastBooking {
  id: string;
  tenantId: string;
  officeId: string;
  status: "CONFIRMED" | "CHECKED_IN";
  start: Date;
  end: Date;
  timeZone: string;
  tenantPolicy: unknown;
}

export interface MassCancellationScope {
  tenantId: string;
  officeId: string;
  counterId: string | null;
  serviceId: string | null;
  rangeStart: Date;
  rangeEnd: Date;
}

export interface MassCancellationRun extends MassCancellationScope {
  id: string;
  fromDate: string;
  toDate: string;
  reason: { de: string; en: string };
  closureId: string | null;
  status: "RUNNING" | "DONE";
  total: number;
  /** Bookings this run has cancelled so far. */
  cancelled: number;
  startedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const DESK_COLUMNS = `b.id::text AS id, b."tenantId"::text AS "tenantId", b."officeId"::text AS "officeId", b."counterId"::text AS "counterId",
  (SELECT c.name FROM "Counter" c WHERE c.id = b."counterId") AS "counterName", b.reference, b.status::text AS status, b.channel::text AS channel, b."startsAt", b."endsAt", b."contactName", b."contactEmail",
  b."contactPhone", b.locale, b."icsSequence",
  coalesce((SELECT json_agg(json_build_object('serviceId', i."serviceId", 'quantity', i.quantity))
              FROM "BookingItem" i WHERE i."bookingId" = b.id), '[]'::json) AS items`;

function toDesk(row: Record<string, unknown>): DeskBooking {
  const items = typeof row.items === "string" ? JSON.parse(row.items) : row.items;
  return {
    id: String(row.id),
    tenantId: String(row.tenantId),
    officeId: String(row.officeId),
    counterId: String(row.counterId),
    counterName: String(row.counterName ?? ""),
    reference: (row.reference as string | null) ?? null,
    status: row.status as Status,
    channel: row.channel as DeskBooking["channel"],
    start: new Date(row.startsAt as string),
    end: new Date(row.endsAt as string),
    contactName: (row.contactName as string | null) ?? null,
    contactEmail: (row.contactEmail as string | null) ?? null,
    contactPhone: (row.contactPhone as string | null) ?? null,
    locale: row.locale === "en" ? "en" : "de",
    icsSequence: Number(row.icsSequence),
    items: (items as { serviceId: string; quantity: number }[]).map((i) => ({ serviceId: String(i.serviceId), quantity: Number(i.quantity) })),
  };
}

function toRun(row: Record<string, unknown>): MassCancellationRun {
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  const reason = (typeof row.reason === "string" ? JSON.parse(row.reason) : row.reason) as { de: string; en: string };
  return {
    id: String(row.id),
    tenantId: String(row.tenantId),
    officeId: String(row.officeId),
    counterId: (row.counterId as string | null) ?? null,
    serviceId: (row.serviceId as string | null) ?? null,
    rangeStart: new Date(row.rangeStart as string),
    rangeEnd: new Date(row.rangeEnd as string),
    fromDate: day(row.fromDate),
    toDate: day(row.toDate),
    reason,
    closureId: (row.closureId as string | null) ?? null,
    status: row.status as "RUNNING" | "DONE",
    total: Number(row.total),
    cancelled: Number(row.cancelled ?? 0),
    startedBy: String(row.startedBy),
    createdAt: new Date(row.createdAt as string),
    finishedAt: row.finishedAt ? new Date(row.finishedAt as string) : null,
  };
}

/** One entry of an agency's audit log. */
export interface AuditEntry {
  id: string;
  tenantId: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Entries older than this id (the previous page's last). */
  before?: string | null;
}

/** Counts of an office's bookings in a period, without personal data. */
export interface BookingStatistics {
  byStatusAndChannel: { status: string; channel: string; count: number }[];
  byService: { serviceId: string; bookings: number; units: number }[];
  /** Average minutes from booking (confirmation) to the appointment, of bookings that were confirmed. */
  averageLeadMinutes: number | null;
}

/** The live bookings a mass cancellation covers (params $1 tenant, $2 office, $3 counter, $4 service, $5 from, $6 to). */
const SCOPE = `b."tenantId" = $1::uuid AND b."officeId" = $2::uuid
   AND ($3::uuid IS NULL OR b."counterId" = $3::uuid)
   AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM "BookingItem" si WHERE si."bookingId" = b.id AND si."serviceId" = $4::uuid))
   AND b."startsAt" >= $5::timestamptz AND b."startsAt" < $6::timestamptz
   AND b.status IN ('CONFIRMED', 'PENDING_VERIFICATION')`;

/** The parameters $1–$6 of {@link SCOPE}, in its order. */
const scopeParams = (s: MassCancellationScope) => [s.tenantId, s.officeId, s.counterId, s.serviceId, s.rangeStart, s.rangeEnd];

/**
 * The staff desk's reads and writes: day lists, search, attendance marks, closing past
 * appointments and mass cancellations. Every query is scoped to one tenant (or, for
 * system jobs, writes the tenant of each row it touches); every write records the status
 * history and the audit log in the same statement.
 */
export class StaffRepository {
  constructor(private readonly db: Database) {}

  /** Bookings of an office starting in [from, to) — no holds, no expired ones — in time order. */
  async dayList(tenantId: string, officeId: string, from: Date, to: Date, includeCancelled: boolean): Promise<DeskBooking[]> {
    if (!UUID.test(officeId)) return [];
    const rows = await this.db.sql.query(
      `SELECT ${DESK_COLUMNS}
         FROM "Booking" b
        WHERE b."tenantId" = $1::uuid AND b."officeId" = $2::uuid
          AND b."startsAt" >= $3::timestamptz AND b."startsAt" < $4::timestamptz
          AND b.status NOT IN ('HELD', 'EXPIRED') AND ($5::boolean OR b.status <> 'CANCELLED')
        ORDER BY b."startsAt", b."counterId"`,
      [tenantId, officeId, from, to, includeCancelled],
      "desk-day-list",
    );
    return rows.map(toDesk);
  }

  /** A booking of the tenant by id (any status but a bare hold), or null. */
  async booking(tenantId: string, id: string): Promise<DeskBooking | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql.query(`SELECT ${DESK_COLUMNS} FROM "Booking" b WHERE b.id = $1::uuid AND b."tenantId" = $2::uuid AND b.status <> 'HELD'`, [id, tenantId]);
    return row ? toDesk(row) : null;
  }

  /** Bookings of the tenant matching a search, newest start first; each kind uses one index. */
  async search(tenantId: string, search: BookingSearch, limit: number): Promise<DeskBooking[]> {
    const where = {
      REFERENCE: `b.reference = $2`,
      EMAIL: `b."emailNormalized" = $2`,
      PHONE: `b."phoneNormalized" = $2`,
      // Prefix match on the expression index "Booking_name_search_idx"; LIKE wildcards in the input are literal.
      NAME: `lower(b."contactName") LIKE $2 ESCAPE '\\'`,
    }[search.kind];
    const value =
      search.kind === "REFERENCE" ? search.reference
      : search.kind === "EMAIL" ? search.emailNormalized
      : search.kind === "PHONE" ? search.phoneNormalized
      : `${search.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.db.sql.query(
      `SELECT ${DESK_COLUMNS} FROM "Booking" b
        WHERE b."tenantId" = $1::uuid AND ${where} AND b.status NOT IN ('HELD', 'EXPIRED')
        ORDER BY b."startsAt" DESC LIMIT $3`,
      [tenantId, value, limit],
      `desk-search-${search.kind.toLowerCase()}`,
    );
    return rows.map(toDesk);
  }

  /**
   * Changes one booking's status if it is still `from`, with the status history and an
   * audit entry (before/after and reason) — all in one statement, or nothing.
   * @returns whether the booking changed.
   */
  async setStatus(input: {
    tenantId: string;
    bookingId: string;
    from: Status;
    to: Status;
    now: Date;
    actor: string;
    action: string;
    reason: string | null;
    data?: Record<string, unknown>;
  }): Promise<boolean> {
    const [row] = await this.db.sql.query<{ n: number }>(
      `WITH upd AS (
         UPDATE "Booking" SET status = $4::"BookingStatus"
          WHERE id = $2::uuid AND "tenantId" = $1::uuid AND status = $3::"BookingStatus"
         RETURNING id, "tenantId"),
       hist AS (
         INSERT INTO "BookingStatusChange" ("tenantId", "bookingId", "fromStatus", "toStatus", actor, at, reason)
         SELECT "tenantId", id, $3::"BookingStatus", $4::"BookingStatus", $6, $5::timestamptz, $8 FROM upd),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $5::timestamptz, $6, $7, 'Booking', id::text,
                jsonb_build_object('before', jsonb_build_object('status', $3::text), 'after', jsonb_build_object('status', $4::text), 'reason', $8::text) || $9::jsonb
           FROM upd)
       SELECT count(*)::int AS n FROM upd`,
      [input.tenantId, input.bookingId, input.from, input.to, input.now, input.actor, input.action, input.reason, JSON.stringify(input.data ?? {})],
      "desk-set-status",
    );
    return Number(row?.n ?? 0) === 1;
  }

  /** Open appointments (confirmed or checked in) that ended before `endedBefore`, oldest first. */
  async openPastBookings(endedBefore: Date, limit: number): Promise<OpenPastBooking[]> {
    const rows = await this.db.sql.query(
      `SELECT b.id::text AS id, b."tenantId"::text AS "tenantId", b."officeId"::text AS "officeId", b.status::text AS status,
              b."startsAt", b."endsAt", o."timeZone", t.policy
         FROM "Booking" b
         JOIN "Office" o ON o.id = b."officeId"
         JOIN "Tenant" t ON t.id = b."tenantId"
        WHERE b.status IN ('CONFIRMED', 'CHECKED_IN') AND b."endsAt" < $1::timestamptz
        ORDER BY b."endsAt" LIMIT $2`,
      [endedBefore, limit],
      "desk-open-past",
    );
    return rows.map((row) => ({
      id: String(row.id),
      tenantId: String(row.tenantId),
      officeId: String(row.officeId),
      status: row.status as "CONFIRMED" | "CHECKED_IN",
      start: new Date(row.startsAt as string),
      end: new Date(row.endsAt as string),
      timeZone: String(row.timeZone),
      tenantPolicy: typeof row.policy === "string" ? JSON.parse(row.policy) : row.policy,
    }));
  }

  /** Applies decided closings (each guarded by its old status) with history and audit, as `actor`. */
  async closeBookings(changes: { id: string; from: Status; to: Status }[], now: Date, actor: string, job: string): Promise<{ id: string; officeId: string }[]> {
    if (changes.length === 0) return [];
    return this.db.sql.query<{ id: string; officeId: string }>(
      `WITH c AS (SELECT * FROM json_to_recordset($1::json) AS c(id uuid, "from" text, "to" text)),
       upd AS (
         UPDATE "Booking" b SET status = c."to"::"BookingStatus"
           FROM c WHERE b.id = c.id AND b.status = c."from"::"BookingStatus"
         RETURNING b.id, b."tenantId", b."officeId", c."from", c."to"),
       hist AS (
         INSERT INTO "BookingStatusChange" ("tenantId", "bookingId", "fromStatus", "toStatus", actor, at, reason)
         SELECT "tenantId", id, "from"::"BookingStatus", "to"::"BookingStatus", $3, $2::timestamptz, 'day over, attendance not recorded' FROM upd),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $2::timestamptz, $3, 'booking.closed', 'Booking', id::text,
                jsonb_build_object('before', jsonb_build_object('status', "from"), 'after', jsonb_build_object('status', "to"), 'job', $4::text)
           FROM upd)
       SELECT id::text AS id, "officeId"::text AS "officeId" FROM upd`,
      [JSON.stringify(changes), now, actor, job],
      "desk-close-past",
    );
  }

  /** The tenant's audit log, newest first, filtered; index ("tenantId", at) or ("tenantId", entityType, entityId). */
  async auditLog(tenantId: string, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.sql.query(
      `SELECT id::text AS id, "tenantId"::text AS "tenantId", at, actor, action, "entityType", "entityId", data
         FROM "AuditLog"
        WHERE "tenantId" = $1::uuid
          AND ($2::text IS NULL OR "entityType" = $2) AND ($3::text IS NULL OR "entityId" = $3) AND ($4::text IS NULL OR actor = $4)
          AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6) AND ($7::bigint IS NULL OR id < $7::bigint)
        ORDER BY "AuditLog".id DESC LIMIT $8`,
      [tenantId, filter.entityType ?? null, filter.entityId ?? null, filter.actor ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null, limit],
      "audit-log",
    );
    return rows.map((row) => ({
      id: String(row.id),
      tenantId: String(row.tenantId),
      at: new Date(row.at as string),
      actor: String(row.actor),
      action: String(row.action),
      entityType: String(row.entityType),
      entityId: String(row.entityId),
      data: typeof row.data === "string" ? JSON.parse(row.data) : row.data,
    }));
  }

  /** Counts of an office's bookings (no holds, no expired ones) starting in [from, to). */
  async statistics(tenantId: string, officeId: string, from: Date, to: Date): Promise<BookingStatistics> {
    const params = [tenantId, officeId, from, to];
    const scope = `b."tenantId" = $1::uuid AND b."officeId" = $2::uuid AND b."startsAt" >= $3::timestamptz AND b."startsAt" < $4::timestamptz
                   AND b.status NOT IN ('HELD', 'EXPIRED')`;
    const [groups, services, lead] = await Promise.all([
      this.db.sql.query<{ status: string; channel: string; n: number }>(
        `SELECT b.status::text AS status, b.channel::text AS channel, count(*)::int AS n FROM "Booking" b WHERE ${scope} GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      ),
      this.db.sql.query<{ serviceId: string; n: number; units: number }>(
        `SELECT i."serviceId"::text AS "serviceId", count(*)::int AS n, sum(i.quantity)::int AS units
           FROM "Booking" b JOIN "BookingItem" i ON i."bookingId" = b.id WHERE ${scope} GROUP BY 1 ORDER BY 2 DESC`,
        params,
      ),
      this.db.sql.query<{ minutes: number | null }>(
        `SELECT avg(extract(epoch FROM b."startsAt" - b."confirmedAt")) / 60 AS minutes FROM "Booking" b WHERE ${scope} AND b."confirmedAt" IS NOT NULL`,
        params,
      ),
    ]);
    const minutes = lead[0]?.minutes;
    return {
      byStatusAndChannel: groups.map((g) => ({ status: g.status, channel: g.channel, count: Number(g.n) })),
      byService: services.map((r) => ({ serviceId: r.serviceId, bookings: Number(r.n), units: Number(r.units) })),
      averageLeadMinutes: minutes === null || minutes === undefined ? null : Math.round(Number(minutes)),
    };
  }

  /**
   * Changes a staff member's role or active flag as `decide` rules on what it reads, in one
   * transaction serialised per tenant (so two admins cannot demote each other's way to no
   * admin): the update, the end of every session of a deactivated user, and the audit entry.
   * @returns the decision's refusal, or null when the user does not exist in the tenant.
   */
  async changeStaffUser<E>(input: {
    tenantId: string;
    userId: string;
    now: Date;
    actor: string;
    decide: (
      user: { id: string; role: "ADMIN" | "CLERK"; active: boolean },
      activeAdmins: number,
    ) => { ok: true; value: { role: "ADMIN" | "CLERK"; active: boolean } } | { ok: false; error: E };
  }): Promise<{ ok: true } | { ok: false; error: E } | null> {
    if (!UUID.test(input.userId)) return null;
    return this.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('staff-users:' || $1))`, input.tenantId);
      const user = await tx.staffUser.findFirst({ where: { id: input.userId, tenantId: input.tenantId }, select: { id: true, role: true, active: true } });
      if (!user) return null;
      const activeAdmins = await tx.staffUser.count({ where: { tenantId: input.tenantId, role: "ADMIN", active: true } });
      const decision = input.decide(user, activeAdmins);
      if (!decision.ok) return decision;
      const after = decision.value;
      await tx.staffUser.update({ where: { id: user.id }, data: { role: after.role, active: after.active } });
      // A deactivated user's sessions end at once (the session lookup also checks `active`).
      if (!after.active) await tx.session.deleteMany({ where: { tenantId: input.tenantId, staffUserId: user.id } });
      await tx.auditLog.create({
        data: {
          tenantId: input.tenantId,
          at: input.now,
          actor: input.actor,
          action: "staffUser.updated",
          entityType: "StaffUser",
          entityId: user.id,
          data: { before: { role: user.role, active: user.active }, after: { role: after.role, active: after.active } },
        },
      });
      return { ok: true as const };
    });
  }

  /** Creates a closure of an office (optionally one counter) with its audit entry, in one statement. */
  async createClosure(input: Omit<ClosureRecord, "id"> & { actor: string; now: Date }): Promise<ClosureRecord> {
    const [row] = await this.db.sql.query(
      `WITH c AS (
         INSERT INTO "Closure" ("tenantId", "officeId", "counterId", "fromDate", "toDate", "startTime", "endTime", reason)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::date, $5::date, $6, $7, $8::jsonb) RETURNING *),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $10::timestamptz, $9, 'closure.created', 'Closure', id::text,
                jsonb_build_object('after', ${CLOSURE_AUDIT}) FROM c)
       SELECT ${CLOSURE_COLUMNS} FROM c`,
      [input.tenantId, input.officeId, input.counterId, input.from, input.to, input.startTime, input.endTime, JSON.stringify(input.reason), input.actor, input.now],
      "closure-create",
    );
    return toClosure(row!);
  }

  /** Deletes a closure of the tenant with its audit entry (before); null when there is none. */
  async deleteClosure(tenantId: string, id: string, actor: string, now: Date): Promise<ClosureRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql.query(
      `WITH c AS (DELETE FROM "Closure" WHERE id = $1::uuid AND "tenantId" = $2::uuid RETURNING *),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $4::timestamptz, $3, 'closure.deleted', 'Closure', id::text,
                jsonb_build_object('before', ${CLOSURE_AUDIT}) FROM c)
       SELECT ${CLOSURE_COLUMNS} FROM c`,
      [id, tenantId, actor, now],
      "closure-delete",
    );
    return row ? toClosure(row) : null;
  }

  /** How many live bookings a mass cancellation would cancel, and the first ones. */
  async previewMassCancellation(scope: MassCancellationScope, first: number): Promise<{ count: number; first: DeskBooking[] }> {
    const params = scopeParams(scope);
    const [countRow] = await this.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Booking" b WHERE ${SCOPE}`, params);
    const rows = await this.db.sql.query(`SELECT ${DESK_COLUMNS} FROM "Booking" b WHERE ${SCOPE} ORDER BY b."startsAt" LIMIT $7`, [...params, first]);
    return { count: Number(countRow?.n ?? 0), first: rows.map(toDesk) };
  }

  /**
   * Starts a run in ONE statement: the run row (with the live bookings in scope counted),
   * the optional closure over the range, the job that works through it, and the audit entry.
   */
  async startMassCancellation(input: {
    scope: MassCancellationScope;
    fromDate: string;
    toDate: string;
    reason: { de: string; en: string };
    closure: boolean;
    actor: string;
    now: Date;
    jobKind: string;
  }): Promise<MassCancellationRun> {
    const [row] = await this.db.sql.query(
      `WITH closure AS (
         INSERT INTO "Closure" ("tenantId", "officeId", "counterId", "fromDate", "toDate", reason)
         SELECT $1::uuid, $2::uuid, $3::uuid, $7::date, $8::date, $9::jsonb WHERE $12::boolean
         RETURNING id),
       run AS (
         INSERT INTO "MassCancellation" ("tenantId", "officeId", "counterId", "serviceId", "fromDate", "toDate", "rangeStart", "rangeEnd",
                                         reason, total, "startedBy", "createdAt", "closureId")
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $7::date, $8::date, $5::timestamptz, $6::timestamptz, $9::jsonb,
                (SELECT count(*)::int FROM "Booking" b WHERE ${SCOPE}), $10, $11::timestamptz, (SELECT id FROM closure)
         RETURNING *),
       job AS (
         SELECT tv_add_job($13, jsonb_build_object('runId', run.id::text), $11::timestamptz, $13 || ':' || run.id::text, run."tenantId", 1000, 2000) AS id FROM run),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $11::timestamptz, $10, 'massCancellation.started', 'MassCancellation', id::text,
                jsonb_build_object('after', jsonb_build_object('officeId', "officeId", 'counterId', "counterId", 'serviceId', "serviceId",
                  'from', "fromDate", 'to', "toDate", 'total', total, 'closure', $12::boolean), 'reason', reason)
           FROM run)
       SELECT run.*, (SELECT id FROM job) AS "jobId", 0 AS cancelled FROM run`,
      [...scopeParams(input.scope), input.fromDate, input.toDate, JSON.stringify(input.reason), input.actor, input.now, input.closure, input.jobKind],
      "mass-cancellation-start",
    );
    return toRun(row!);
  }

  /** A run of the tenant with its progress; null when unknown (or another tenant's). */
  async massCancellation(tenantId: string | null, id: string): Promise<MassCancellationRun | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql.query(
      `SELECT m.*, (SELECT count(*)::int FROM "Booking" b WHERE b."massCancellationId" = m.id) AS cancelled
         FROM "MassCancellation" m WHERE m.id = $1::uuid AND ($2::uuid IS NULL OR m."tenantId" = $2::uuid)`,
      [id, tenantId],
      "mass-cancellation-by-id",
    );
    return row ? toRun(row) : null;
  }

  /**
   * The next live bookings of a run: in scope, booked before the run started (a booking made
   * later, where no closure keeps the range shut, is not the run's to cancel), oldest first.
   */
  async massCancellationBatch(run: MassCancellationRun, limit: number): Promise<DeskBooking[]> {
    const rows = await this.db.sql.query(
      `SELECT ${DESK_COLUMNS} FROM "Booking" b
        WHERE ${SCOPE} AND b."createdAt" <= $7::timestamptz
        ORDER BY b."startsAt", b.id LIMIT $8`,
      [...scopeParams(run), run.createdAt, limit],
      "mass-cancellation-batch",
    );
    return rows.map(toDesk);
  }

  /**
   * Cancels a batch in ONE statement: each booking only if still live (a citizen may have
   * cancelled it meanwhile), its status history, its mail (only for bookings this statement
   * cancelled) and audit entry. A crash before commit leaves the whole batch to the next try.
   * @returns the ids cancelled by this call.
   */
  async applyMassCancellationBatch(input: {
    run: MassCancellationRun;
    entries: { id: string; mail: OutboxInsert | null }[];
    now: Date;
    actor: string;
  }): Promise<string[]> {
    if (input.entries.length === 0) return [];
    const reason = input.run.reason.de;
    const rows = await this.db.sql.query<{ id: string }>(
      `WITH e AS (SELECT * FROM json_to_recordset($1::json) AS e(id uuid, mail json)),
       old AS (
         SELECT b.id, b.status, e.mail FROM "Booking" b JOIN e ON e.id = b.id
          WHERE b."tenantId" = $6::uuid AND b.status IN ('CONFIRMED', 'PENDING_VERIFICATION')
            FOR UPDATE OF b),
       upd AS (
         UPDATE "Booking" b SET status = 'CANCELLED', "cancelledAt" = $2::timestamptz, "cancelReason" = $4,
                "icsSequence" = b."icsSequence" + 1, "massCancellationId" = $5::uuid
           FROM old WHERE b.id = old.id AND b.status IN ('CONFIRMED', 'PENDING_VERIFICATION')
         RETURNING b.id, b."tenantId", old.status AS "fromStatus", old.mail),
       hist AS (
         INSERT INTO "BookingStatusChange" ("tenantId", "bookingId", "fromStatus", "toStatus", actor, at, reason)
         SELECT "tenantId", id, "fromStatus", 'CANCELLED', $3, $2::timestamptz, $4 FROM upd),
       mail AS (
         INSERT INTO "MailOutbox" ("tenantId", "bookingId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent")
         SELECT "tenantId", id, mail->>'kind', mail->>'toAddress', mail->>'subject', mail->>'textBody', mail->>'htmlBody',
                mail->>'icsMethod', mail->>'icsContent'
           FROM upd WHERE mail IS NOT NULL AND json_typeof(mail) = 'object'),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $2::timestamptz, $3, 'booking.cancelled', 'Booking', id::text,
                jsonb_build_object('after', jsonb_build_object('status', 'CANCELLED'), 'reason', $4::text, 'massCancellationId', $5::text)
           FROM upd)
       SELECT id::text AS id FROM upd`,
      [JSON.stringify(input.entries), input.now, input.actor, reason, input.run.id, input.run.tenantId],
      "mass-cancellation-apply",
    );
    return rows.map((r) => r.id);
  }

  /** Marks a run done (once), with an audit entry; false when it already was. */
  async finishMassCancellation(run: MassCancellationRun, now: Date, actor: string): Promise<boolean> {
    const [row] = await this.db.sql.query<{ n: number }>(
      `WITH upd AS (
         UPDATE "MassCancellation" SET status = 'DONE', "finishedAt" = $2::timestamptz WHERE id = $1::uuid AND status = 'RUNNING'
         RETURNING id, "tenantId", (SELECT count(*)::int FROM "Booking" b WHERE b."massCancellationId" = $1::uuid) AS cancelled),
       audit AS (
         INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data)
         SELECT "tenantId", $2::timestamptz, $3, 'massCancellation.finished', 'MassCancellation', id::text,
                jsonb_build_object('after', jsonb_build_object('status', 'DONE', 'cancelled', cancelled)) FROM upd)
       SELECT count(*)::int AS n FROM upd`,
      [run.id, now, actor],
      "mass-cancellation-finish",
    );
    return Number(row?.n ?? 0) === 1;
  }
}
