import type { BusyInterval, Office, Service } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import { asText } from "./mappers.ts";

const localDate = (d: Date) => d.toISOString().slice(0, 10);

/** A busy interval and the instant (epoch ms) it stops counting: a hold's expiry, a cool-down's end; null if it never lapses by itself. */
export type TimedBusyInterval = BusyInterval & { readonly until: number | null };

/** What the scheduling engine needs to know about one office, apart from busy times. */
export interface OfficeSchedule {
  office: Office;
  /** Active services of the tenant (engine view). */
  services: Service[];
  /** Ids of services that citizens may book online (others only through staff). */
  onlineServiceIds: Set<string>;
}

/** Reads offices' opening rules, closures, counters and busy times as engine types. */
export class ScheduleRepository {
  constructor(private readonly db: Database) {}

  /** The id of an office of this tenant given its id or slug; null when there is none. */
  async officeId(tenantId: string, ref: string): Promise<string | null> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    const row = await this.db.prisma.office.findFirst({
      where: isUuid ? { tenantId, id: ref } : { tenantId, slug: ref },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** Null when the office does not exist in this tenant. */
  async officeSchedule(tenantId: string, officeId: string): Promise<OfficeSchedule | null> {
    const p = this.db.prisma;
    const office = await p.office.findFirst({
      where: { tenantId, id: officeId },
      include: {
        counters: { where: { active: true }, include: { services: { select: { serviceId: true } } }, orderBy: { id: "asc" } },
        scheduleRules: true,
        closures: true,
      },
    });
    if (!office) return null;
    const services = await p.service.findMany({ where: { tenantId, active: true } });
    return {
      office: {
        id: office.id,
        timeZone: office.timeZone,
        holidayRegion: office.holidayRegion,
        counters: office.counters.map((c) => ({ id: c.id, serviceIds: c.services.map((s) => s.serviceId) })),
        rules: office.scheduleRules.map((r) => ({
          id: r.id,
          kind: r.kind,
          rrule: r.rrule,
          startTime: r.startTime,
          endTime: r.endTime,
          validFrom: localDate(r.validFrom),
          validUntil: r.validUntil ? localDate(r.validUntil) : null,
          counterId: r.counterId,
        })),
        closures: office.closures.map((c) => ({
          id: c.id,
          from: localDate(c.fromDate),
          to: localDate(c.toDate),
          startTime: c.startTime,
          endTime: c.endTime,
          counterId: c.counterId,
          reason: asText(c.reason).de,
        })),
      },
      services: services.map((s) => ({
        id: s.id,
        durationMinutes: s.durationMinutes,
        additionalUnitMinutes: s.additionalUnitMinutes,
        maxQuantity: s.maxQuantity,
      })),
      onlineServiceIds: new Set(services.filter((s) => s.onlineBookable).map((s) => s.id)),
    };
  }

  /**
   * Live bookings and unexpired holds of an office overlapping [from, to).
   * Expired holds not yet swept by the expiry job do not count. Online bookings
   * cancelled after `cooldownSince`, and the old times of online bookings rescheduled since,
   * still count (anti-trading cool-down: a freed slot is not offered again at once).
   */
  async busyIntervals(
    tenantId: string,
    officeId: string,
    from: Date,
    to: Date,
    now: Date,
    cooldownSince: Date | null = null,
  ): Promise<TimedBusyInterval[]> {
    // One row holding a JSON array (epoch milliseconds): a busy day has hundreds of
    // intervals, and one JSON.parse is far cheaper than parsing as many timestamp rows.
    type Row = [string, number, number, boolean, number | null];
    const [row] = await this.db.sql.query<{ busy: Row[] | string }>(
      `SELECT coalesce(json_agg(json_build_array(
                "counterId", date_part('epoch', "startsAt") * 1000, date_part('epoch', "endsAt") * 1000, online,
                date_part('epoch', until) * 1000)), '[]') AS busy
         FROM (
       SELECT "counterId", "startsAt", "endsAt", channel = 'ONLINE' AS online,
              CASE status WHEN 'HELD' THEN "holdExpiresAt"
                          WHEN 'CANCELLED' THEN "cancelledAt" + ($5::timestamptz - $6::timestamptz) END AS until
         FROM "Booking"
        WHERE "tenantId" = $1::uuid AND "officeId" = $2::uuid
          AND "startsAt" < $4::timestamptz AND "endsAt" > $3::timestamptz
          -- No appointment lasts a day: this lower bound keeps the index range tight.
          AND "startsAt" > $3::timestamptz - interval '1 day'
          AND (status IN ('CONFIRMED', 'PENDING_VERIFICATION', 'CHECKED_IN')
               OR (status = 'HELD' AND "holdExpiresAt" > $5::timestamptz)
               OR ($6::timestamptz IS NOT NULL AND status = 'CANCELLED' AND channel = 'ONLINE' AND "cancelledAt" > $6::timestamptz))
       UNION ALL
       -- The old times of rescheduled online bookings, in the same cool-down.
       SELECT "counterId", "startsAt", "endsAt", true, "releasedAt" + ($5::timestamptz - $6::timestamptz)
         FROM "ReleasedSlot"
        WHERE $6::timestamptz IS NOT NULL AND "tenantId" = $1::uuid AND "officeId" = $2::uuid
          AND "startsAt" < $4::timestamptz AND "endsAt" > $3::timestamptz
          AND "startsAt" > $3::timestamptz - interval '1 day'
          AND "releasedAt" > $6::timestamptz) AS busy`,
      [tenantId, officeId, from, to, now, cooldownSince],
      "busy-intervals",
    );
    const busy = typeof row?.busy === "string" ? (JSON.parse(row.busy) as Row[]) : (row?.busy ?? []);
    return busy.map(([counterId, start, end, online, until]) => ({
      counterId,
      start: new Date(start),
      end: new Date(end),
      channel: online ? "ONLINE" : "STAFF",
      until: until === null ? null : Number(until),
    }));
  }
}
