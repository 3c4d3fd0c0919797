import { LIVE_STATUSES, type LocalizedText, type OfficeInfo, type ScheduleRuleKind, type ServiceInfo, type ValidConcern, type ValidOffice, type ValidOpeningRule } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";
import { UUID } from "./booking-records.ts";
import { CLOSURE_COLUMNS, type ClosureRecord, toClosure } from "./closure-records.ts";
import { asStringRecord, asText, toOffice, toService } from "./mappers.ts";

type Tx = Prisma.TransactionClient;

/** A counter (Schalter) and the concerns it serves. */
export interface CounterRecord {
  id: string;
  tenantId: string;
  officeId: string;
  name: string;
  active: boolean;
  serviceIds: string[];
}

/** A concern as admins see it: what citizens see, plus whether it is offered at all and its order. */
export interface ConcernRecord extends ServiceInfo {
  active: boolean;
  position: number;
}

/** An office as admins see it, with its order. */
export interface OfficeRecord extends OfficeInfo {
  position: number;
}

/** A recurring opening window of an office (or one counter). */
export interface OpeningRuleRecord {
  id: string;
  tenantId: string;
  officeId: string;
  counterId: string | null;
  kind: ScheduleRuleKind;
  rrule: string | null;
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string | null;
  note: LocalizedText | null;
}

/** The agency-wide settings: policy (raw, as stored), embedding, theme, legal links. */
export interface TenantSettingsRecord {
  tenantId: string;
  policy: unknown;
  allowedOrigins: string[];
  theme: Record<string, string>;
  privacyUrl: string | null;
  imprintUrl: string | null;
}

/** Why a configuration write did not happen (besides the caller's own decision). */
export type ConfigurationRefusal =
  | { type: "NOT_FOUND" }
  /** Another object of the tenant has this slug. */
  | { type: "SLUG_TAKEN" }
  /** Bookings (or campaigns) still refer to it: deactivate instead. */
  | { type: "IN_USE" }
  /** A counter or concern named in the input is not the tenant's (or the office's). */
  | { type: "UNKNOWN_REFERENCE"; field: "services" | "counter" };

export type ConfigurationOutcome<T, E> = { ok: true; value: T } | { ok: false; error: E | ConfigurationRefusal };

type Decision<V, E> = { ok: true; value: V } | { ok: false; error: E };

type Decide<C, V, E> = (current: C) => Decision<V, E>;

/** How a configuration write reads its row (of the tenant, by id) and maps it to its record. */
interface RowStep<Row, R> {
  read: (tx: Tx, where: { tenantId: string; id: string }) => Promise<Row | null>;
  record: (row: Row) => R;
}

interface Audit {
  tenantId: string;
  actor: string;
  now: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A counter's row with the concerns it serves. */
const COUNTER_SERVICES = { services: { select: { serviceId: true } } } as const;

function toOfficeRecord(row: Parameters<typeof toOffice>[0]): OfficeRecord {
  return { ...toOffice(row), position: row.position };
}

function toConcern(row: Parameters<typeof toService>[0]): ConcernRecord {
  return { ...toService(row), active: row.active, position: row.position };
}

function toCounter(row: { id: string; tenantId: string; officeId: string; name: string; active: boolean; services: { serviceId: string }[] }): CounterRecord {
  return { id: row.id, tenantId: row.tenantId, officeId: row.officeId, name: row.name, active: row.active, serviceIds: row.services.map((s) => s.serviceId).sort() };
}

function toRule(row: {
  id: string;
  tenantId: string;
  officeId: string;
  counterId: string | null;
  kind: ScheduleRuleKind;
  rrule: string | null;
  startTime: string;
  endTime: string;
  validFrom: Date;
  validUntil: Date | null;
  note: unknown;
}): OpeningRuleRecord {
  const note = asText(row.note);
  return {
    id: row.id,
    tenantId: row.tenantId,
    officeId: row.officeId,
    counterId: row.counterId,
    kind: row.kind,
    rrule: row.rrule,
    startTime: row.startTime,
    endTime: row.endTime,
    validFrom: day(row.validFrom),
    validUntil: row.validUntil ? day(row.validUntil) : null,
    note: note.de ? note : null,
  };
}

function officeData(o: ValidOffice) {
  return {
    slug: o.slug,
    name: { ...o.name },
    street: o.street,
    postalCode: o.postalCode,
    city: o.city,
    timeZone: o.timeZone,
    holidayRegion: o.holidayRegion,
    position: o.position,
  };
}

function concernData(c: ValidConcern) {
  return {
    slug: c.slug,
    name: { ...c.name },
    description: { ...c.description },
    category: { ...c.category },
    durationMinutes: c.durationMinutes,
    additionalUnitMinutes: c.additionalUnitMinutes,
    maxQuantity: c.maxQuantity,
    documents: c.documents.map((d) => ({ ...d })),
    hints: c.hints.map((h) => ({ ...h })),
    leikaKey: c.leikaKey,
    onlineBookable: c.onlineBookable,
    active: c.active,
    position: c.position,
  };
}

function ruleData(r: ValidOpeningRule) {
  return {
    counterId: r.counterId,
    kind: r.kind,
    rrule: r.rrule,
    startTime: r.startTime,
    endTime: r.endTime,
    validFrom: new Date(`${r.validFrom}T00:00:00Z`),
    validUntil: r.validUntil ? new Date(`${r.validUntil}T00:00:00Z`) : null,
    note: r.note ? { ...r.note } : {},
  };
}

/** Stops a transaction with a refusal: rolled back, reported as a value. */
class Refused extends Error {
  constructor(readonly refusal: unknown) {
    super("refused");
  }
}

/** The caller's decision on the current row (missing: NOT_FOUND); a refusal rolls the transaction back. */
function decideOn<C, V, E>(current: C | null, decide: Decide<C, V, E>, refuse: (error: E | ConfigurationRefusal) => never): { before: C; next: V } {
  if (current === null) return refuse({ type: "NOT_FOUND" });
  const decision = decide(current);
  return decision.ok ? { before: current, next: decision.value } : refuse(decision.error);
}

/**
 * The agency's configuration, written by admins: offices, counters and the concerns each
 * serves, concerns, opening rules, and the agency-wide settings. Every write is one
 * transaction that reads the current state, lets the caller decide on it (the core's
 * validators), writes, and records the audit entry with before and after — or changes
 * nothing at all.
 */
export class ConfigurationRepository {
  constructor(private readonly db: Database) {}

  /**
   * Runs `work` in a transaction and records its audit entry there. A refusal thrown by
   * `work` (or a slug taken, a row still referred to) rolls everything back and comes
   * back as a value.
   */
  private async audited<T, E>(
    audit: Audit & { action: string; entityType: string },
    work: (tx: Tx, refuse: (error: E | ConfigurationRefusal) => never) => Promise<{ entityId: string; before: unknown; after: unknown; value: T }>,
  ): Promise<ConfigurationOutcome<T, E>> {
    try {
      const value = await this.db.prisma.$transaction(async (tx) => {
        const done = await work(tx, (error) => {
          throw new Refused(error);
        });
        await tx.auditLog.create({
          data: {
            tenantId: audit.tenantId,
            at: audit.now,
            actor: audit.actor,
            action: audit.action,
            entityType: audit.entityType,
            entityId: done.entityId,
            data: JSON.parse(JSON.stringify({ before: done.before ?? null, after: done.after ?? null })),
          },
        });
        return done.value;
      });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof Refused) return { ok: false, error: error.refusal as E | ConfigurationRefusal };
      const state = sqlStateOf(error);
      const code = (error as { code?: unknown }).code;
      if (state === SqlState.uniqueViolation || code === "P2002") return { ok: false, error: { type: "SLUG_TAKEN" } };
      if (state === SqlState.foreignKeyViolation || code === "P2003") return { ok: false, error: { type: "IN_USE" } };
      throw error;
    }
  }

  /**
   * The shared update step: reads the tenant's row `id` (missing, or no UUID: NOT_FOUND), lets
   * `decide` rule on its record, writes the decision and audits before and after.
   */
  private updateOne<Row, R, V, E>(
    audit: Audit & { action: string; entityType: string },
    id: string,
    step: RowStep<Row, R> & {
      decide: (before: R, tx: Tx) => Decision<V, E> | Promise<Decision<V, E>>;
      write: (tx: Tx, next: V, current: { row: Row; before: R }, refuse: (error: E | ConfigurationRefusal) => never) => Promise<Row>;
    },
  ): Promise<ConfigurationOutcome<R, E>> {
    return this.audited<R, E>(audit, async (tx, refuse) => {
      const row = UUID.test(id) ? await step.read(tx, { tenantId: audit.tenantId, id }) : null;
      if (row === null) return refuse({ type: "NOT_FOUND" });
      const before = step.record(row);
      const decision = await step.decide(before, tx);
      if (!decision.ok) return refuse(decision.error);
      const value = step.record(await step.write(tx, decision.value, { row, before }, refuse));
      return { entityId: id, before, after: value, value };
    });
  }

  /** The shared delete step: as {@link updateOne}, but IN_USE while `inUse` counts anything that refers to the row. */
  private deleteOne<Row, R>(
    audit: Audit & { action: string; entityType: string },
    id: string,
    step: RowStep<Row, R> & { inUse?: (tx: Tx) => Promise<number>; remove: (tx: Tx) => Promise<unknown> },
  ): Promise<ConfigurationOutcome<R, never>> {
    return this.audited<R, never>(audit, async (tx, refuse) => {
      const row = UUID.test(id) ? await step.read(tx, { tenantId: audit.tenantId, id }) : null;
      if (row === null) return refuse({ type: "NOT_FOUND" });
      if (step.inUse && (await step.inUse(tx)) > 0) refuse({ type: "IN_USE" });
      await step.remove(tx);
      const before = step.record(row);
      return { entityId: id, before, after: null, value: before };
    });
  }

  // ---- reads ---------------------------------------------------------------------------

  /** Everything an admin configures, in display order; closures only where they have not ended before `since`. */
  async configuration(
    tenantId: string,
    since: Date,
  ): Promise<{ offices: OfficeRecord[]; counters: CounterRecord[]; rules: OpeningRuleRecord[]; closures: ClosureRecord[]; concerns: ConcernRecord[] }> {
    const p = this.db.prisma;
    const [offices, counters, rules, closures, concerns] = await Promise.all([
      p.office.findMany({ where: { tenantId }, orderBy: [{ position: "asc" }, { slug: "asc" }] }),
      p.counter.findMany({ where: { tenantId }, include: { services: { select: { serviceId: true } } }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      p.scheduleRule.findMany({ where: { tenantId }, orderBy: [{ validFrom: "asc" }, { startTime: "asc" }, { id: "asc" }] }),
      this.db.sql.query(
        `SELECT ${CLOSURE_COLUMNS} FROM "Closure" WHERE "tenantId" = $1::uuid AND "toDate" >= $2::date ORDER BY "fromDate", id LIMIT 1000`,
        [tenantId, day(since)],
        "closure-list",
      ),
      p.service.findMany({ where: { tenantId }, orderBy: [{ position: "asc" }, { slug: "asc" }] }),
    ]);
    return {
      offices: offices.map(toOfficeRecord),
      counters: counters.map(toCounter),
      rules: rules.map(toRule),
      closures: closures.map(toClosure),
      concerns: concerns.map(toConcern),
    };
  }

  async settings(tenantId: string): Promise<TenantSettingsRecord | null> {
    const row = await this.db.prisma.tenant.findUnique({ where: { id: tenantId } });
    return row ? toSettings(row) : null;
  }

  // ---- offices -------------------------------------------------------------------------

  createOffice<E>(audit: Audit, office: ValidOffice): Promise<ConfigurationOutcome<OfficeRecord, E>> {
    return this.audited<OfficeRecord, E>({ ...audit, action: "office.created", entityType: "Office" }, async (tx) => {
      const row = await tx.office.create({ data: { tenantId: audit.tenantId, ...officeData(office), notes: notesWith({}, office.phoneHours) } });
      const value = toOfficeRecord(row);
      return { entityId: row.id, before: null, after: value, value };
    });
  }

  updateOffice<E>(audit: Audit, id: string, decide: Decide<OfficeRecord, ValidOffice, E>): Promise<ConfigurationOutcome<OfficeRecord, E>> {
    return this.updateOne({ ...audit, action: "office.updated", entityType: "Office" }, id, {
      read: (tx, where) => tx.office.findFirst({ where }),
      record: toOfficeRecord,
      decide,
      write: (tx, next, { row }) => tx.office.update({ where: { id }, data: { ...officeData(next), notes: notesWith(row.notes, next.phoneHours) } }),
    });
  }

  /** Deletes an office with its counters, rules and closures; refused while bookings or campaigns refer to it. */
  deleteOffice(audit: Audit, id: string): Promise<ConfigurationOutcome<OfficeRecord, never>> {
    return this.deleteOne({ ...audit, action: "office.deleted", entityType: "Office" }, id, {
      read: (tx, where) => tx.office.findFirst({ where }),
      record: toOfficeRecord,
      inUse: async (tx) => (await tx.booking.count({ where: { tenantId: audit.tenantId, officeId: id } })) + (await tx.campaign.count({ where: { tenantId: audit.tenantId, officeId: id } })),
      remove: (tx) => tx.office.delete({ where: { id } }),
    });
  }

  // ---- counters ------------------------------------------------------------------------

  private async checkServices(tx: Tx, tenantId: string, serviceIds: readonly string[], refuse: (e: ConfigurationRefusal) => never): Promise<void> {
    if (serviceIds.some((s) => !UUID.test(s))) refuse({ type: "UNKNOWN_REFERENCE", field: "services" });
    const found = await tx.service.count({ where: { tenantId, id: { in: [...serviceIds] } } });
    if (found !== serviceIds.length) refuse({ type: "UNKNOWN_REFERENCE", field: "services" });
  }

  createCounter<E>(audit: Audit, officeId: string, counter: { name: string; active: boolean; serviceIds: readonly string[] }): Promise<ConfigurationOutcome<CounterRecord, E>> {
    return this.audited<CounterRecord, E>({ ...audit, action: "counter.created", entityType: "Counter" }, async (tx, refuse) => {
      await this.checkServices(tx, audit.tenantId, counter.serviceIds, refuse);
      const row = await tx.counter.create({ data: { tenantId: audit.tenantId, officeId, name: counter.name, active: counter.active } });
      await tx.counterService.createMany({ data: counter.serviceIds.map((serviceId) => ({ tenantId: audit.tenantId, counterId: row.id, serviceId })) });
      const value = toCounter({ ...row, services: counter.serviceIds.map((serviceId) => ({ serviceId })) });
      return { entityId: row.id, before: null, after: value, value };
    });
  }

  /**
   * Changes a counter as `decide` rules on its current state and the number of its live
   * bookings that start after `audit.now` (counted only while it is active: the count
   * decides whether it may be deactivated).
   */
  updateCounter<E>(
    audit: Audit,
    id: string,
    decide: (current: CounterRecord, futureLiveBookings: number) => { ok: true; value: { name: string; active: boolean; serviceIds: readonly string[] } } | { ok: false; error: E },
  ): Promise<ConfigurationOutcome<CounterRecord, E>> {
    return this.updateOne({ ...audit, action: "counter.updated", entityType: "Counter" }, id, {
      read: (tx, where) => tx.counter.findFirst({ where, include: COUNTER_SERVICES }),
      record: toCounter,
      decide: async (before, tx) => {
        let futureLiveBookings = 0;
        if (before.active) {
          // The counter's write lock (0004): a booking being written on it now commits before the count, or waits until the change is done.
          await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(29814, hashtext($1::text))`, id);
          futureLiveBookings = await tx.booking.count({
            where: { tenantId: audit.tenantId, counterId: id, status: { in: [...LIVE_STATUSES] }, startsAt: { gt: audit.now } },
          });
        }
        return decide(before, futureLiveBookings);
      },
      write: async (tx, next, _current, refuse) => {
        await this.checkServices(tx, audit.tenantId, next.serviceIds, refuse);
        await tx.counterService.deleteMany({ where: { counterId: id, serviceId: { notIn: [...next.serviceIds] } } });
        await tx.counterService.createMany({ data: next.serviceIds.map((serviceId) => ({ tenantId: audit.tenantId, counterId: id, serviceId })), skipDuplicates: true });
        return tx.counter.update({ where: { id }, data: { name: next.name, active: next.active }, include: COUNTER_SERVICES });
      },
    });
  }

  /** Deletes a counter (its rules and closures go with it); refused while bookings refer to it. */
  deleteCounter(audit: Audit, id: string): Promise<ConfigurationOutcome<CounterRecord, never>> {
    return this.deleteOne({ ...audit, action: "counter.deleted", entityType: "Counter" }, id, {
      read: (tx, where) => tx.counter.findFirst({ where, include: COUNTER_SERVICES }),
      record: toCounter,
      inUse: async (tx) => (await tx.booking.count({ where: { tenantId: audit.tenantId, counterId: id } })) + (await tx.campaignSlot.count({ where: { tenantId: audit.tenantId, counterId: id } })),
      remove: (tx) => tx.counter.delete({ where: { id } }),
    });
  }

  // ---- concerns ------------------------------------------------------------------------

  createConcern<E>(audit: Audit, concern: ValidConcern): Promise<ConfigurationOutcome<ConcernRecord, E>> {
    return this.audited<ConcernRecord, E>({ ...audit, action: "service.created", entityType: "Service" }, async (tx) => {
      const row = await tx.service.create({ data: { tenantId: audit.tenantId, ...concernData(concern) } });
      const value = toConcern(row);
      return { entityId: row.id, before: null, after: value, value };
    });
  }

  updateConcern<E>(audit: Audit, id: string, decide: Decide<ConcernRecord, ValidConcern, E>): Promise<ConfigurationOutcome<ConcernRecord, E>> {
    return this.updateOne({ ...audit, action: "service.updated", entityType: "Service" }, id, {
      read: (tx, where) => tx.service.findFirst({ where }),
      record: toConcern,
      decide,
      write: (tx, next) => tx.service.update({ where: { id }, data: concernData(next) }),
    });
  }

  /** Deletes a concern nobody ever booked; refused otherwise (deactivate it instead). */
  deleteConcern(audit: Audit, id: string): Promise<ConfigurationOutcome<ConcernRecord, never>> {
    return this.deleteOne({ ...audit, action: "service.deleted", entityType: "Service" }, id, {
      read: (tx, where) => tx.service.findFirst({ where }),
      record: toConcern,
      inUse: async (tx) => (await tx.bookingItem.count({ where: { tenantId: audit.tenantId, serviceId: id } })) + (await tx.campaign.count({ where: { tenantId: audit.tenantId, serviceId: id } })),
      remove: (tx) => tx.service.delete({ where: { id } }),
    });
  }

  // ---- opening rules -------------------------------------------------------------------

  private async checkCounter(tx: Tx, tenantId: string, officeId: string, counterId: string | null, refuse: (e: ConfigurationRefusal) => never): Promise<void> {
    if (counterId === null) return;
    const found = UUID.test(counterId) ? await tx.counter.count({ where: { tenantId, officeId, id: counterId } }) : 0;
    if (found !== 1) refuse({ type: "UNKNOWN_REFERENCE", field: "counter" });
  }

  createOpeningRule<E>(audit: Audit, officeId: string, rule: ValidOpeningRule): Promise<ConfigurationOutcome<OpeningRuleRecord, E>> {
    return this.audited<OpeningRuleRecord, E>({ ...audit, action: "openingRule.created", entityType: "ScheduleRule" }, async (tx, refuse) => {
      await this.checkCounter(tx, audit.tenantId, officeId, rule.counterId, refuse);
      const row = await tx.scheduleRule.create({ data: { tenantId: audit.tenantId, officeId, ...ruleData(rule) } });
      const value = toRule(row);
      return { entityId: row.id, before: null, after: value, value };
    });
  }

  updateOpeningRule<E>(audit: Audit, id: string, decide: Decide<OpeningRuleRecord, ValidOpeningRule, E>): Promise<ConfigurationOutcome<OpeningRuleRecord, E>> {
    return this.updateOne({ ...audit, action: "openingRule.updated", entityType: "ScheduleRule" }, id, {
      read: (tx, where) => tx.scheduleRule.findFirst({ where }),
      record: toRule,
      decide,
      write: async (tx, next, { before }, refuse) => {
        await this.checkCounter(tx, audit.tenantId, before.officeId, next.counterId, refuse);
        return tx.scheduleRule.update({ where: { id }, data: ruleData(next) });
      },
    });
  }

  deleteOpeningRule(audit: Audit, id: string): Promise<ConfigurationOutcome<OpeningRuleRecord, never>> {
    return this.deleteOne({ ...audit, action: "openingRule.deleted", entityType: "ScheduleRule" }, id, {
      read: (tx, where) => tx.scheduleRule.findFirst({ where }),
      record: toRule,
      remove: (tx) => tx.scheduleRule.delete({ where: { id } }),
    });
  }

  // ---- agency-wide settings ------------------------------------------------------------

  /**
   * Changes some of the agency's settings as `decide` rules on the current ones (the policy
   * as stored, so the caller parses and checks it); `what` names the change in the audit log.
   * The row is locked for the change, so two admins' edits apply one after the other.
   */
  updateSettings<E>(
    audit: Audit,
    what: "policy" | "allowedOrigins" | "theme" | "legalLinks",
    decide: Decide<TenantSettingsRecord, Partial<Omit<TenantSettingsRecord, "tenantId">>, E>,
  ): Promise<ConfigurationOutcome<TenantSettingsRecord, E>> {
    return this.audited<TenantSettingsRecord, E>({ ...audit, action: `tenant.${what}Updated`, entityType: "Tenant" }, async (tx, refuse) => {
      await tx.$executeRawUnsafe(`SELECT 1 FROM "Tenant" WHERE id = $1::uuid FOR UPDATE`, audit.tenantId);
      const current = await tx.tenant.findUnique({ where: { id: audit.tenantId } });
      const { before, next: change } = decideOn(current && toSettings(current), decide, refuse);
      const row = await tx.tenant.update({
        where: { id: audit.tenantId },
        data: {
          ...(change.policy !== undefined ? { policy: JSON.parse(JSON.stringify(change.policy)) } : {}),
          ...(change.allowedOrigins !== undefined ? { allowedOrigins: change.allowedOrigins } : {}),
          ...(change.theme !== undefined ? { theme: change.theme } : {}),
          ...(change.privacyUrl !== undefined ? { privacyUrl: change.privacyUrl } : {}),
          ...(change.imprintUrl !== undefined ? { imprintUrl: change.imprintUrl } : {}),
        },
      });
      const value = toSettings(row);
      const pick = (s: TenantSettingsRecord) => Object.fromEntries(Object.keys(change).map((k) => [k, s[k as keyof TenantSettingsRecord]]));
      return { entityId: audit.tenantId, before: pick(before), after: pick(value), value };
    });
  }
}

function toSettings(row: { id: string; policy: unknown; allowedOrigins: string[]; theme: unknown; privacyUrl: string | null; imprintUrl: string | null }): TenantSettingsRecord {
  return {
    tenantId: row.id,
    policy: row.policy,
    allowedOrigins: row.allowedOrigins,
    theme: asStringRecord(row.theme),
    privacyUrl: row.privacyUrl,
    imprintUrl: row.imprintUrl,
  };
}

/** The office's notes with phone hours set (or removed), other notes kept. */
function notesWith(notes: unknown, phoneHours: LocalizedText | null): Prisma.InputJsonObject {
  const rest = notes !== null && typeof notes === "object" ? { ...(notes as Record<string, unknown>) } : {};
  delete rest.phoneHours;
  return JSON.parse(JSON.stringify(phoneHours ? { ...rest, phoneHours } : rest));
}
