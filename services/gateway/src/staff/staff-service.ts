import { randomUUID } from "node:crypto";
import {
  type Actor,
  actorLabel,
  type BookingEvent,
  type BookingState,
  decide,
  evolve,
  localDaysRange,
  type Locale,
  MASS_CANCELLATION_BATCH,
  type MassCancellationInput,
  type OfficeInfo,
  parseBookingSearch,
  type StaffContactInput,
  type Tenant,
  unmarkedPastBookingsOf,
  validateMassCancellation,
  parseTenantPolicy,
  noShowRate,
  decideStaffChange,
  type StaffChange,
  type StaffChangeRefusal,
  type ClosureInput,
  validateClosure,
} from "@terminvergabe/core";
import type {
  AuditEntry,
  AuditFilter,
  BookingRecord,
  BookingStatistics,
  ClosureRecord,
  DeskBooking,
  MassCancellationRun,
  MassCancellationScope,
  StaffRepository,
} from "@terminvergabe/db";
import type { BookingService } from "../booking/booking-service.ts";
import type { BookingConfirmation } from "../booking/hold-view.ts";
import { bookingMail, type RenderMail } from "../booking/mail-data.ts";
import type { Caller } from "../caller.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { rangeAndReasonError } from "../errors/map-configuration-errors.ts";
import { bookingRejectionError } from "../errors/map-domain-errors.ts";
import type { Logger } from "../logger.ts";
import type { PubSub } from "../pubsub.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import type { SchedulingService } from "../scheduling/scheduling-service.ts";
import { publishConfigurationChange } from "./configuration-changes.ts";

/** The job kind that works through a mass cancellation (one job per run, key `<kind>:<runId>`). */
export const MASS_CANCELLATION_JOB = "mass-cancellation";
/** Most bookings a search returns: the desk narrows its query rather than paging. */
export const SEARCH_LIMIT = 50;
/** How many entries a mass cancellation's preview lists. */
export const PREVIEW_FIRST = 20;

export type Attendance = "CHECKED_IN" | "COMPLETED" | "NO_SHOW" | "NONE";

export interface StaffBookInput {
  office: string;
  items: readonly { serviceId: string | number; quantity: number }[];
  start: Date;
  /** When `start` is taken, book the nearest free start instead. */
  orNearest?: boolean | null;
  contact: StaffContactInput;
  override?: { reason: string } | null;
  locale?: Locale | null;
}

export interface DayList {
  tenantId: string;
  office: OfficeInfo;
  date: string;
  bookings: DeskBooking[];
}

export interface MassCancellationPreview {
  tenantId: string;
  count: number;
  first: DeskBooking[];
}

export interface OfficeStatistics extends BookingStatistics {
  tenantId: string;
  office: OfficeInfo;
  from: string;
  to: string;
  byStatus: Record<string, number>;
  noShowRate: number | null;
}

export interface StaffServiceDeps {
  logger: Logger;
  pubsub: PubSub;
  tenants: CatalogCache;
  scheduling: SchedulingService;
  booking: BookingService;
  clock: () => Date;
}

function staffActor(caller: Caller): Extract<Actor, { kind: "staff" }> {
  if (caller.actor.kind !== "staff") throw new Error("a staff operation without a staff caller");
  return caller.actor;
}

/** A desk row as the booking record the mail templates read. */
function asRecord({ counterName: _name, ...b }: DeskBooking): BookingRecord {
  return {
    ...b,
    holdExpiresAt: null,
    holdTokenHash: null,
    manageTokenHash: null,
    verifyTokenHash: null,
    verifyDeadline: null,
    createdAt: b.start,
    confirmedAt: null,
    cancelledAt: null,
  };
}

/**
 * The agency's own side: phone bookings on behalf of callers, the day list and attendance,
 * closing past appointments, mass cancellations. Resolvers have checked the caller's role
 * for `tenant`; every rule is the core's, every write goes through the repositories in one
 * statement with status history and audit entry.
 */
export class StaffService {
  constructor(
    private readonly services: StaffServiceDeps,
    private readonly staff: StaffRepository,
    private readonly bookings: { byId(tenantId: string | null, id: string): Promise<BookingRecord | null> },
    private readonly renderMail: RenderMail,
    private readonly onMailQueued: () => void,
  ) {}

  private publish(officeId: string): void {
    const event = { officeId, eventId: randomUUID() };
    this.services.scheduling.noteChange(event);
    this.services.pubsub.publish("availability:changed", event);
    this.services.pubsub.publish("desk:changed", { officeId });
  }

  async office(tenant: Tenant, ref: string): Promise<OfficeInfo> {
    const office = (await this.services.tenants.offices(tenant.id)).find((o) => o.id === ref || o.slug === ref);
    if (!office) throw new InputError("UNKNOWN_OFFICE", "office");
    return office;
  }

  /** A live booking of the tenant, or NotFound (also for another tenant's). */
  private async record(tenant: Tenant, bookingId: string): Promise<BookingRecord> {
    const record = await this.bookings.byId(tenant.id, bookingId);
    if (!record || record.status === "HELD" || record.status === "EXPIRED") throw new NotFound();
    return record;
  }

  // ---- phone booking on behalf -------------------------------------------------------

  /**
   * Holds and confirms in one go, through the booking flow's own machinery with the clerk
   * as caller (channel STAFF: staff-only concerns and windows, the staff reserve). A refused
   * confirmation gives the held time back at once: no partial state.
   */
  async book(caller: Caller, tenant: Tenant, input: StaffBookInput): Promise<BookingConfirmation> {
    staffActor(caller);
    const hold = await this.services.booking.hold(caller, {
      tenant: tenant.slug,
      office: input.office,
      items: input.items,
      start: input.start,
      orNearest: input.orNearest ?? false,
    });
    try {
      return await this.services.booking.confirmOnBehalf(caller, {
        holdId: hold.id,
        token: hold.token,
        contact: input.contact,
        override: input.override ?? null,
        locale: input.locale ?? null,
      });
    } catch (error) {
      await this.services.booking.releaseHold(caller, hold.id, hold.token).catch(() => false);
      throw error;
    }
  }

  async cancel(caller: Caller, tenant: Tenant, bookingId: string, reason: string): Promise<BookingRecord> {
    staffActor(caller);
    if (reason.trim().length > 1000) throw new InputError("REASON_TOO_LONG", "reason", { max: 1000 });
    return this.services.booking.cancelOnBehalf(caller, await this.record(tenant, bookingId), tenant, reason);
  }

  async reschedule(caller: Caller, tenant: Tenant, bookingId: string, start: Date): Promise<BookingRecord> {
    staffActor(caller);
    return this.services.booking.rescheduleOnBehalf(caller, await this.record(tenant, bookingId), tenant, start);
  }

  async search(tenant: Tenant, text: string): Promise<DeskBooking[]> {
    const search = parseBookingSearch(text);
    if (!search.ok) {
      const e = search.error;
      throw e.type === "QUERY_TOO_SHORT" ? new InputError("QUERY_TOO_SHORT", "query", { min: e.min }) : new InputError("QUERY_TOO_LONG", "query", { max: e.max });
    }
    return this.staff.search(tenant.id, search.value, SEARCH_LIMIT);
  }

  // ---- day list and attendance --------------------------------------------------------

  async dayList(tenant: Tenant, officeRef: string, date: string, includeCancelled = false): Promise<DayList> {
    const office = await this.office(tenant, officeRef);
    const range = localDaysRange(office.timeZone, date);
    if (!range) throw new InputError("MALFORMED_DATE", "date");
    const bookings = await this.staff.dayList(tenant.id, office.id, range.start, range.end, includeCancelled);
    return { tenantId: tenant.id, office, date, bookings };
  }

  /**
   * Records attendance (or takes a mark back with NONE) as the core decides: a different
   * mark on the same day is an undo followed by the new mark, written as one change.
   */
  async setAttendance(caller: Caller, tenant: Tenant, bookingId: string, attendance: Attendance, reason: string | null): Promise<DeskBooking> {
    const actor = staffActor(caller);
    const booking = await this.staff.booking(tenant.id, bookingId);
    if (!booking) throw new NotFound();
    const office = await this.office(tenant, booking.officeId);
    const now = this.services.clock();
    let state: BookingState = { status: booking.status, start: booking.start, end: booking.end, holdExpiresAt: null, verifyDeadline: null };
    const events: BookingEvent[] = [];
    const step = (command: Parameters<typeof decide>[0]) => {
      const decision = decide(command, state, now);
      if (!decision.ok) throw bookingRejectionError(decision.error);
      events.push(...decision.value);
      state = decision.value.reduce<BookingState>((s, e) => evolve(s, e), state);
    };
    const marked = booking.status === "CHECKED_IN" || booking.status === "COMPLETED" || booking.status === "NO_SHOW";
    if (attendance === "NONE" || (marked && booking.status !== attendance)) step({ type: "UndoAttendance", timeZone: office.timeZone });
    if (attendance !== "NONE" && state.status !== attendance) {
      step(attendance === "CHECKED_IN" ? { type: "CheckIn" } : attendance === "COMPLETED" ? { type: "CompleteBooking" } : { type: "MarkNoShow" });
    }
    if (events.length === 0) return booking;
    const changed = await this.staff.setStatus({
      tenantId: tenant.id,
      bookingId: booking.id,
      from: booking.status,
      to: state.status,
      now,
      actor: actorLabel(actor),
      action: `booking.attendance`,
      reason: reason?.trim() || null,
      data: { events: events.map((e) => e.type) },
    });
    if (!changed) throw bookingRejectionError({ type: "NOT_ACTIVE", status: booking.status });
    this.publish(booking.officeId);
    return { ...booking, status: state.status };
  }

  /**
   * Job: appointments whose local day is over and that nobody closed become COMPLETED (a
   * person checked in, or every one where the tenant's policy says so) or UNMARKED — never
   * CONFIRMED forever. Decided per booking by the core; actor `system:<job>`.
   */
  async closePastBookings(job: string, limit = 500): Promise<number> {
    const now = this.services.clock();
    let closed = 0;
    for (;;) {
      const open = await this.staff.openPastBookings(now, limit);
      const changes: { id: string; from: BookingRecord["status"]; to: BookingRecord["status"] }[] = [];
      for (const b of open) {
        const policy = parseTenantPolicy(b.tenantPolicy);
        const state: BookingState = { status: b.status, start: b.start, end: b.end, holdExpiresAt: null, verifyDeadline: null };
        const decision = decide({ type: "ClosePastBooking", timeZone: b.timeZone, unmarked: unmarkedPastBookingsOf(policy) }, state, now);
        if (!decision.ok) continue;
        changes.push({ id: b.id, from: b.status, to: decision.value.reduce<BookingState>((s, e) => evolve(s, e), state).status });
      }
      const done = await this.staff.closeBookings(changes, now, actorLabel({ kind: "system", job }), job);
      closed += done.length;
      for (const officeId of new Set(done.map((d) => d.officeId))) this.publish(officeId);
      // A full batch of which nothing was due (today's appointments) ends the run too.
      if (open.length < limit || done.length === 0) return closed;
    }
  }

  // ---- configuration ------------------------------------------------------------------

  /** Drops cached definitions on every instance and tells live calendars: a configuration change shows at once. */
  private configurationChanged(officeId: string): void {
    publishConfigurationChange(this.services, [officeId]);
  }

  async createClosure(caller: Caller, tenant: Tenant, input: ClosureInput & { office: string; counter?: string | null }): Promise<ClosureRecord> {
    const actor = staffActor(caller);
    const valid = validateClosure(input);
    if (!valid.ok) throw rangeAndReasonError(valid.error);
    const office = await this.office(tenant, input.office);
    if (input.counter) {
      const schedule = await this.services.scheduling.office(tenant, office.id);
      if (!schedule.office.counters.some((c) => c.id === input.counter)) throw new InputError("UNKNOWN_COUNTER", "counter");
    }
    const closure = await this.staff.createClosure({
      tenantId: tenant.id,
      officeId: office.id,
      counterId: input.counter ?? null,
      from: valid.value.from,
      to: valid.value.to,
      startTime: valid.value.startTime ?? null,
      endTime: valid.value.endTime ?? null,
      reason: valid.value.reason,
      actor: actorLabel(actor),
      now: this.services.clock(),
    });
    this.configurationChanged(office.id);
    return closure;
  }

  async deleteClosure(caller: Caller, tenant: Tenant, id: string): Promise<ClosureRecord> {
    const actor = staffActor(caller);
    const deleted = await this.staff.deleteClosure(tenant.id, id, actorLabel(actor), this.services.clock());
    if (!deleted) throw new NotFound();
    this.configurationChanged(deleted.officeId);
    return deleted;
  }

  // ---- staff users ----------------------------------------------------------------------

  /** An admin changes a colleague's role or deactivates them (core `decideStaffChange`). */
  async changeStaffUser(caller: Caller, tenant: Tenant, userId: string, change: StaffChange): Promise<void> {
    const actor = staffActor(caller);
    const result = await this.staff.changeStaffUser({
      tenantId: tenant.id,
      userId,
      now: this.services.clock(),
      actor: actorLabel(actor),
      decide: (user, activeAdmins) => decideStaffChange(actor.userId, user, change, activeAdmins),
    });
    if (!result) throw new NotFound();
    if (!result.ok) {
      const refusal = result.error as StaffChangeRefusal;
      throw new InputError(refusal.type === "NO_CHANGE" ? "STAFF_NO_CHANGE" : refusal.type === "SELF_CHANGE" ? "STAFF_SELF_CHANGE" : "STAFF_LAST_ADMIN", "user");
    }
  }

  // ---- audit and statistics -----------------------------------------------------------

  /** The agency's audit log, newest first (at most `first`, ≤ 200), filtered. */
  async auditLog(tenant: Tenant, filter: AuditFilter, first: number): Promise<{ tenantId: string; entries: AuditEntry[] }> {
    if (!Number.isInteger(first) || first < 1 || first > 200) throw new InputError("INVALID_QUANTITY", "first", { max: 200 });
    if (filter.before && !/^\d{1,18}$/.test(filter.before)) throw new InputError("MALFORMED_CURSOR", "before");
    if (filter.from && filter.to && filter.to < filter.from) throw new InputError("INVALID_RANGE", "to");
    return { tenantId: tenant.id, entries: await this.staff.auditLog(tenant.id, filter, first) };
  }

  /** Counts of an office's bookings in a local date range: no personal data. */
  async statistics(tenant: Tenant, officeRef: string, from: string, to: string): Promise<OfficeStatistics> {
    const office = await this.office(tenant, officeRef);
    const range = localDaysRange(office.timeZone, from, to);
    if (!range) throw new InputError(/^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) ? "INVALID_RANGE" : "MALFORMED_DATE", "to");
    const stats = await this.staff.statistics(tenant.id, office.id, range.start, range.end);
    const byStatus: Record<string, number> = {};
    for (const g of stats.byStatusAndChannel) byStatus[g.status] = (byStatus[g.status] ?? 0) + g.count;
    return { tenantId: tenant.id, office, from, to, ...stats, byStatus, noShowRate: noShowRate(byStatus) };
  }

  // ---- mass cancellation --------------------------------------------------------------

  private async massScope(
    tenant: Tenant,
    input: MassCancellationInput & { office: string; counter?: string | null; service?: string | null },
  ): Promise<{ scope: MassCancellationScope; valid: ReturnType<typeof validateMassCancellation> & { ok: true } }> {
    const valid = validateMassCancellation(input);
    if (!valid.ok) throw rangeAndReasonError(valid.error);
    const office = await this.office(tenant, input.office);
    const schedule = await this.services.scheduling.office(tenant, office.id);
    if (input.counter && !schedule.office.counters.some((c) => c.id === input.counter)) throw new InputError("UNKNOWN_COUNTER", "counter");
    if (input.service && !schedule.services.some((s) => s.id === input.service)) throw new InputError("UNKNOWN_SERVICE", "service");
    const range = localDaysRange(office.timeZone, valid.value.from, valid.value.to)!;
    return {
      scope: {
        tenantId: tenant.id,
        officeId: office.id,
        counterId: input.counter ?? null,
        serviceId: input.service ?? null,
        rangeStart: range.start,
        rangeEnd: range.end,
      },
      valid,
    };
  }

  async previewMassCancellation(
    tenant: Tenant,
    input: MassCancellationInput & { office: string; counter?: string | null; service?: string | null },
  ): Promise<MassCancellationPreview> {
    const { scope } = await this.massScope(tenant, input);
    const preview = await this.staff.previewMassCancellation(scope, PREVIEW_FIRST);
    return { tenantId: tenant.id, ...preview };
  }

  /** Records the run (and the closure, if asked for) and enqueues its job, in one statement. */
  async startMassCancellation(
    caller: Caller,
    tenant: Tenant,
    input: MassCancellationInput & { office: string; counter?: string | null; service?: string | null; closure: boolean },
  ): Promise<MassCancellationRun> {
    const actor = staffActor(caller);
    const { scope, valid } = await this.massScope(tenant, input);
    const run = await this.staff.startMassCancellation({
      scope,
      fromDate: valid.value.from,
      toDate: valid.value.to,
      reason: valid.value.reason,
      closure: input.closure,
      actor: actorLabel(actor),
      now: this.services.clock(),
      jobKind: MASS_CANCELLATION_JOB,
    });
    // A closure changes what can be booked: drop cached schedules and tell live widgets.
    if (run.closureId) this.configurationChanged(run.officeId);
    return run;
  }

  massCancellation(tenant: Tenant, id: string): Promise<MassCancellationRun | null> {
    return this.staff.massCancellation(tenant.id, id);
  }

  /**
   * Job body: cancels the run's bookings batch by batch until none is left, then marks it
   * done. Idempotent and resumable: each batch is one statement that only cancels bookings
   * still live, so a killed run repeats at most the batch it was in, and nothing twice.
   */
  async runMassCancellation(runId: string, signal: AbortSignal, job: string): Promise<void> {
    const run = await this.staff.massCancellation(null, runId);
    if (!run || run.status === "DONE") return;
    const tenant = await this.services.tenants.byId(run.tenantId);
    if (!tenant) return;
    const actor = actorLabel({ kind: "system", job });
    const office = (await this.services.tenants.offices(tenant.id)).find((o) => o.id === run.officeId);
    if (!office) throw new Error(`office ${run.officeId} of mass cancellation ${run.id} is gone`);
    const services = await this.services.tenants.services(tenant.id);
    for (;;) {
      if (signal.aborted) throw new Error("mass cancellation interrupted (lease lost or shutdown)");
      const batch = await this.staff.massCancellationBatch(run, MASS_CANCELLATION_BATCH);
      if (batch.length === 0) break;
      const now = this.services.clock();
      const entries = batch.map((b) => ({
        id: b.id,
        mail: b.contactEmail
          ? bookingMail(this.renderMail, "CANCELLATION", {
              tenant,
              office,
              services,
              booking: asRecord(b),
              reference: b.reference ?? "",
              icsSequence: b.icsSequence + 1,
              manageUrl: "",
              cancellationReason: run.reason,
              now,
            })
          : null,
      }));
      const cancelled = await this.staff.applyMassCancellationBatch({ run, entries, now, actor });
      this.services.logger.info("staff.mass_cancellation_batch", { runId: run.id, cancelled: cancelled.length });
      if (cancelled.some((id) => batch.find((b) => b.id === id)?.contactEmail)) this.onMailQueued();
      this.publish(run.officeId);
    }
    await this.staff.finishMassCancellation(run, this.services.clock(), actor);
  }
}
