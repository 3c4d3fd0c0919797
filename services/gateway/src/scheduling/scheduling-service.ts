import {
  type BookingChannel,
  type BusyInterval,
  calendar,
  type CalendarDay,
  type FreeStart,
  freeStarts,
  localDayAround,
  type Office,
  type SchedulingContext,
  type SchedulingPolicy,
  type SlotRequest,
  type Tenant,
} from "@terminvergabe/core";
import type { OfficeSchedule, ScheduleRepository } from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import { InputError } from "../errors/domain-errors.ts";
import { toInputError } from "../errors/map-domain-errors.ts";
import type { Logger } from "../logger.ts";
import type { AvailabilityChange } from "../pubsub.ts";
import { BusySnapshots } from "./busy-snapshots.ts";
import { DecisionCache } from "./decision-cache.ts";
import { type RequestArgs, resolveRequestScope } from "./request-scope.ts";
import { isLookupRef } from "./lookup-ref.ts";
import { TtlCache } from "./ttl-cache.ts";

/** The green/red calendar of a date range for one request at one office. */
export interface AvailabilityCalendar {
  officeId: string;
  timeZone: string;
  durationMinutes: number;
  days: readonly CalendarDay[];
}

/** One day's free start times for one request at one office. */
export interface SlotList {
  officeId: string;
  date: string;
  durationMinutes: number;
  slots: readonly FreeStart[];
}

/** Everything besides busy times that an engine result depends on; the engine rounds `now` up to the minute. */
function resultKey(request: SlotRequest, policy: SchedulingPolicy, now: Date, what: string): string {
  const items = [...request.items].sort((a, b) => a.serviceId.localeCompare(b.serviceId)).map((i) => `${i.serviceId}x${i.quantity}`);
  return `${request.officeId}|${request.channel}|${items.join(",")}|${what}|${Math.ceil(now.getTime() / 60_000)}|${JSON.stringify(policy)}`;
}

const DAY_MS = 86_400_000;

/** The local date (YYYY-MM-DD) of `instant` in `timeZone`. */
function localDate(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The engine's policy view of a tenant policy. */
export function schedulingPolicy(tenant: Tenant): SchedulingPolicy {
  const p = tenant.policy;
  return {
    slotGridMinutes: p.slotGridMinutes,
    minNoticeMinutes: p.minNoticeMinutes,
    horizonDays: p.horizonDays,
    bufferMinutes: p.bufferMinutes,
    staffReserveShare: p.staffReserveShare,
  };
}

/** Online bookings cancelled after this instant still block their slot (anti-trading cool-down); null: no cool-down. */
function cooldownSince(tenant: Tenant, now: Date): Date | null {
  const minutes = tenant.policy.cancelledSlotCooldownMinutes;
  return minutes > 0 ? new Date(now.getTime() - minutes * 60_000) : null;
}

const onlineViews = new WeakMap<OfficeSchedule, Office>();
const results = new WeakMap<Office, WeakMap<readonly BusyInterval[], Map<string, unknown>>>();

/**
 * Memoizes an engine result for one office definition and one snapshot of busy times. A
 * change or a reload makes a new snapshot (or definition), so nothing stale survives;
 * `key` must name everything else the result depends on (request, dates, policy, the
 * minute of `now` the engine rounds to).
 */
export function memoizeResult<T>(ctx: SchedulingContext, key: string, compute: () => T): T {
  // Per office definition too: after a configuration change the definitions are read anew
  // while the busy snapshot may still be the old one, and must not answer with old hours.
  let byBusy = results.get(ctx.office);
  if (!byBusy) {
    byBusy = new WeakMap();
    results.set(ctx.office, byBusy);
  }
  let memo = byBusy.get(ctx.busy);
  if (!memo) {
    memo = new Map();
    byBusy.set(ctx.busy, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  if (memo.size > 500) memo.clear();
  memo.set(key, value);
  return value;
}

function onlineView(schedule: OfficeSchedule): Office {
  let view = onlineViews.get(schedule);
  if (!view) {
    const counters = schedule.office.counters
      .map((c) => ({ ...c, serviceIds: c.serviceIds.filter((id) => schedule.onlineServiceIds.has(id)) }))
      .filter((c) => c.serviceIds.length > 0);
    const ids = new Set(counters.map((c) => c.id));
    view = {
      ...schedule.office,
      counters,
      rules: schedule.office.rules.filter((r) => r.counterId === null || ids.has(r.counterId)),
      closures: schedule.office.closures.filter((c) => !c.counterId || ids.has(c.counterId)),
    };
    onlineViews.set(schedule, view);
  }
  return view;
}

/** How long a change may stay unseen by plain availability reads (see BusySnapshots). */
export const DEFAULT_SNAPSHOT_STALENESS_MS = 1_000;

/**
 * Feeds the scheduling engine. Office definitions are cached per office (short TTL);
 * busy times are per-office snapshots that every booking change — on this instance or,
 * through Redis, on any other — marks stale: plain reads see a change within the
 * staleness bound, live subscriptions and hold decisions at once.
 */
export class SchedulingService {
  /** Office definitions by tenant and reference; unknown references (of a valid shape) too, bounded. */
  private readonly schedules = new TtlCache<string, OfficeSchedule | null>(30_000, { max: 2_000 });
  private readonly busy: BusySnapshots;
  private readonly decisions = new DecisionCache();
  /** Drops the caches outside this service that hold configuration (agencies, offices, concerns). */
  private readonly onConfigurationChange: () => void;

  constructor(
    private readonly repository: ScheduleRepository,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
    options: { snapshotStalenessMs?: number; onConfigurationChange?: () => void } = {},
  ) {
    this.onConfigurationChange = options.onConfigurationChange ?? (() => {});
    // Holds expire by the clock: a snapshot older than 5 s is read again anyway.
    this.busy = new BusySnapshots({ maxStalenessMs: options.snapshotStalenessMs ?? DEFAULT_SNAPSHOT_STALENESS_MS, ttlMs: 5_000 });
  }

  /**
   * The calendar of `from`…`to` for the caller's request. `fresh` (live subscriptions,
   * pushed right after a change) waits for busy times that include every noted change;
   * plain queries answer from the shared snapshot.
   */
  async availability(caller: Caller, args: RequestArgs & { from: string; to: string }, options: { fresh?: boolean } = {}): Promise<AvailabilityCalendar> {
    const scope = await resolveRequestScope(this, caller, args);
    const now = this.clock();
    const engineCtx = await this.context(scope.tenant, scope.schedule, now, scope.request.channel, options);
    const key = resultKey(scope.request, engineCtx.policy, now, `cal|${args.from}|${args.to}`);
    const result = memoizeResult(engineCtx, key, () => calendar(engineCtx, scope.request, args.from, args.to, now));
    if (!result.ok) throw toInputError(result.error, this.logger);
    return {
      officeId: scope.schedule.office.id,
      timeZone: scope.schedule.office.timeZone,
      durationMinutes: result.value.durationMinutes,
      days: result.value.days,
    };
  }

  /** The free times of one day for the caller's request; `fresh` as for {@link availability}. */
  async slots(caller: Caller, args: RequestArgs & { date: string }, options: { fresh?: boolean } = {}): Promise<SlotList> {
    const scope = await resolveRequestScope(this, caller, args);
    const now = this.clock();
    const engineCtx = await this.context(scope.tenant, scope.schedule, now, scope.request.channel, options);
    const key = resultKey(scope.request, engineCtx.policy, now, `day|${args.date}`);
    const result = memoizeResult(engineCtx, key, () => freeStarts(engineCtx, scope.request, args.date, now));
    if (!result.ok) throw toInputError(result.error, this.logger);
    return { officeId: scope.schedule.office.id, date: result.value.date, durationMinutes: result.value.durationMinutes, slots: result.value.starts };
  }

  /**
   * The online calendars of the released period (today … the booking horizon), one per
   * office and online concern, from the shared busy snapshots: what the waiting room's
   * sold-out check looks at. Memoized per snapshot like every calendar.
   */
  async releasedCalendars(tenant: Tenant, officeIds: readonly string[]): Promise<(readonly CalendarDay[])[]> {
    const now = this.clock();
    const calendars: (readonly CalendarDay[])[] = [];
    for (const officeId of officeIds) {
      const schedule = await this.office(tenant, officeId);
      const engineCtx = await this.context(tenant, schedule, now, "ONLINE");
      const from = localDate(schedule.office.timeZone, now);
      const to = localDate("UTC", new Date(Date.parse(`${from}T12:00:00Z`) + tenant.policy.horizonDays * DAY_MS));
      for (const serviceId of schedule.onlineServiceIds) {
        const request: SlotRequest = { officeId: schedule.office.id, items: [{ serviceId, quantity: 1 }], channel: "ONLINE" };
        const key = resultKey(request, engineCtx.policy, now, `cal|${from}|${to}`);
        const result = memoizeResult(engineCtx, key, () => calendar(engineCtx, request, from, to, now));
        if (result.ok) calendars.push(result.value.days);
      }
    }
    return calendars;
  }

  /** The office of this tenant named by id or slug, or an UNKNOWN_OFFICE input error. */
  async office(tenant: Tenant, ref: string): Promise<OfficeSchedule> {
    if (!isLookupRef(ref)) throw new InputError("UNKNOWN_OFFICE", "office");
    const id = await this.schedules.get(`ref:${tenant.id}:${ref}`, async () => {
      const officeId = await this.repository.officeId(tenant.id, ref);
      return officeId ? this.repository.officeSchedule(tenant.id, officeId) : null;
    });
    if (!id) throw new InputError("UNKNOWN_OFFICE", "office");
    return id;
  }

  /**
   * The engine context for an office: definitions, tenant policy and current busy times.
   * Citizens (ONLINE) see only counters that serve some online-bookable concern, so a
   * staff-only emergency counter neither offers times nor turns a walk-in day "FULL".
   */
  async context(
    tenant: Tenant,
    schedule: OfficeSchedule,
    now: Date,
    channel: BookingChannel,
    options: { fresh?: boolean } = {},
  ): Promise<SchedulingContext> {
    const key = schedule.office.id;
    const busy = await this.busy.get(key, now, () => this.loadBusy(tenant, key, now), options.fresh ?? false);
    return {
      office: channel === "ONLINE" ? onlineView(schedule) : schedule.office,
      services: schedule.services,
      busy,
      policy: schedulingPolicy(tenant),
    };
  }

  private readonly seenEvents = new Set<string>();

  /**
   * Applies a published change once per event, whoever sees it first (the instance-wide
   * listener or a subscriber about to recompute), so no recomputation uses stale times.
   * A new hold is added to the cached day it falls on; any other change drops the
   * office's cached days; a configuration change also drops every cached definition.
   */
  noteChange(event: AvailabilityChange): void {
    if (this.seenEvents.has(event.eventId)) return;
    this.seenEvents.add(event.eventId);
    if (this.seenEvents.size > 10_000) this.seenEvents.clear();
    if (event.configuration) {
      this.invalidateSchedules();
      this.onConfigurationChange();
    }
    this.invalidateBusy(event.officeId);
    const hold = event.hold;
    if (!hold) return this.decisions.dropOffice(event.officeId);
    this.decisions.add(event.officeId, hold.dayStartMs, {
      counterId: hold.counterId,
      start: new Date(hold.startMs),
      end: new Date(hold.endMs),
      channel: hold.channel,
      until: hold.untilMs,
    });
  }

  /** Start (epoch ms) of the office's local day around `instant`: the decision cache's day key. */
  dayStart(schedule: OfficeSchedule, instant: Date): number {
    return localDayAround(schedule.office.timeZone, instant).start.getTime();
  }

  /**
   * The engine context for decisions about `around` (holding, rescheduling): the busy times
   * of its local day, widened by the buffer, which is all `checkStart` looks at. Served from
   * the decision cache unless `fresh`; `cached` tells which, so the caller can re-read
   * before it turns a request away.
   */
  async decisionContext(
    tenant: Tenant,
    schedule: OfficeSchedule,
    now: Date,
    channel: BookingChannel,
    around: Date,
    options: { fresh?: boolean } = {},
  ): Promise<SchedulingContext & { cached: boolean }> {
    const officeId = schedule.office.id;
    const day = localDayAround(schedule.office.timeZone, around);
    const cachedBusy = options.fresh ? null : this.decisions.get(officeId, day.start.getTime(), now);
    let busy: readonly BusyInterval[];
    if (cachedBusy) busy = cachedBusy;
    else {
      const buffer = tenant.policy.bufferMinutes * 60_000;
      const read = await this.repository.busyIntervals(
        tenant.id,
        officeId,
        new Date(day.start.getTime() - buffer),
        new Date(day.end.getTime() + buffer),
        now,
        cooldownSince(tenant, now),
      );
      this.decisions.set(officeId, day.start.getTime(), read);
      busy = read;
    }
    return {
      office: channel === "ONLINE" ? onlineView(schedule) : schedule.office,
      services: schedule.services,
      busy,
      policy: schedulingPolicy(tenant),
      cached: cachedBusy !== null,
    };
  }

  /** Marks an office's busy times as changed (after a booking change). */
  private invalidateBusy(officeId: string): void {
    this.busy.noteChange(officeId);
  }

  /** Office definitions cached now (tests of the bound). */
  cachedSchedules(): number {
    return this.schedules.size;
  }

  /** Drops cached office definitions (after a configuration change). */
  invalidateSchedules(): void {
    this.schedules.clear();
  }

  private async loadBusy(tenant: Tenant, officeId: string, now: Date): Promise<BusyInterval[]> {
    const from = new Date(now.getTime() - DAY_MS);
    const to = new Date(now.getTime() + (tenant.policy.horizonDays + 2) * DAY_MS);
    const intervals = await this.repository.busyIntervals(tenant.id, officeId, from, to, now, cooldownSince(tenant, now));
    this.logger.debug("scheduling.busy_loaded", { officeId, count: intervals.length });
    return intervals;
  }
}
