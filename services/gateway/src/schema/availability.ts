import {
  calendar,
  type CalendarDay,
  type FreeStart,
  freeStarts,
  type SchedulingPolicy,
  type SlotRequest,
} from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { InputError } from "../errors/domain-errors.ts";
import { resolveRequestScope } from "../scheduling/request-scope.ts";
import { memoizeResult, toInputError } from "../scheduling/scheduling-service.ts";
import { publicApi } from "./public.ts";
import { RequestItemInput, SlotRef, TimeWindowRef } from "./slot.ts";

export const DayStatusEnum = builder.enumType("DayStatus", {
  description: "AVAILABLE: free times for the request; FULL: appointment hours but none free (booked up, too soon, beyond the horizon); CLOSED: no hours; WALK_IN_ONLY: only walk-in hours.",
  values: ["AVAILABLE", "FULL", "CLOSED", "WALK_IN_ONLY"] as const,
});

const AvailabilityDayRef = builder.objectRef<CalendarDay>("AvailabilityDay").implement({
  extensions: publicApi("public availability of an agency's offices"),
  fields: (t) => ({
    date: t.field({ type: "Date", resolve: (d) => d.date }),
    status: t.field({ type: DayStatusEnum, resolve: (d) => d.status }),
    freeSlots: t.int({ description: "Number of free start times for the request.", resolve: (d) => d.freeStartCount }),
    walkInWindows: t.field({
      type: [TimeWindowRef],
      description: "Hours without appointment that day (shown, not bookable).",
      resolve: (d) => [...d.walkInWindows],
    }),
    holiday: t.string({ nullable: true, description: "Name of the public holiday, if any.", resolve: (d) => d.holiday }),
  }),
});

export interface AvailabilityCalendar {
  officeId: string;
  timeZone: string;
  durationMinutes: number;
  days: readonly CalendarDay[];
}

export const AvailabilityCalendarRef = builder.objectRef<AvailabilityCalendar>("AvailabilityCalendar").implement({
  extensions: publicApi("public availability of an agency's offices"),
  description: "Per-day status for a date range: the green/red calendar.",
  fields: (t) => ({
    officeId: t.exposeID("officeId"),
    timeZone: t.exposeString("timeZone"),
    durationMinutes: t.exposeInt("durationMinutes", { description: "Length of the requested appointment." }),
    days: t.field({ type: [AvailabilityDayRef], resolve: (c) => [...c.days] }),
  }),
});

export interface SlotList {
  officeId: string;
  date: string;
  durationMinutes: number;
  slots: readonly FreeStart[];
}

export const SlotListRef = builder.objectRef<SlotList>("SlotList").implement({
  extensions: publicApi("public availability of an agency's offices"),
  description: "The free start times of one day for a request.",
  fields: (t) => ({
    officeId: t.exposeID("officeId"),
    date: t.field({ type: "Date", resolve: (s) => s.date }),
    durationMinutes: t.exposeInt("durationMinutes"),
    slots: t.field({ type: [SlotRef], resolve: (s) => [...s.slots] }),
  }),
});

export const requestArgs = builder.args((t) => ({
  tenant: t.string({ required: true, description: "Tenant slug." }),
  office: t.string({ required: true, description: "Office id or slug." }),
  items: t.field({ type: [RequestItemInput], required: true }),
}));

/** Everything besides busy times that an engine result depends on; the engine rounds `now` up to the minute. */
function resultKey(request: SlotRequest, policy: SchedulingPolicy, now: Date, what: string): string {
  const items = [...request.items].sort((a, b) => a.serviceId.localeCompare(b.serviceId)).map((i) => `${i.serviceId}x${i.quantity}`);
  return `${request.officeId}|${request.channel}|${items.join(",")}|${what}|${Math.ceil(now.getTime() / 60_000)}|${JSON.stringify(policy)}`;
}

/** Computes the calendar; shared by the query and the subscription. */
export async function loadAvailability(
  ctx: Parameters<typeof resolveRequestScope>[0],
  args: Parameters<typeof resolveRequestScope>[1] & { from: string; to: string },
): Promise<AvailabilityCalendar> {
  const scope = await resolveRequestScope(ctx, args);
  const now = ctx.services.clock();
  const engineCtx = await ctx.services.scheduling.context(scope.tenant, scope.schedule, now, scope.request.channel);
  const key = resultKey(scope.request, engineCtx.policy, now, `cal|${args.from}|${args.to}`);
  const result = memoizeResult(engineCtx, key, () => calendar(engineCtx, scope.request, args.from, args.to, now));
  if (!result.ok) throw toInputError(result.errors, ctx.services.logger);
  return {
    officeId: scope.schedule.office.id,
    timeZone: scope.schedule.office.timeZone,
    durationMinutes: result.durationMinutes,
    days: result.days,
  };
}

/** Computes one day's free times; shared by the query and the subscription. */
export async function loadSlots(
  ctx: Parameters<typeof resolveRequestScope>[0],
  args: Parameters<typeof resolveRequestScope>[1] & { date: string },
): Promise<SlotList> {
  const scope = await resolveRequestScope(ctx, args);
  const now = ctx.services.clock();
  const engineCtx = await ctx.services.scheduling.context(scope.tenant, scope.schedule, now, scope.request.channel);
  const key = resultKey(scope.request, engineCtx.policy, now, `day|${args.date}`);
  const result = memoizeResult(engineCtx, key, () => freeStarts(engineCtx, scope.request, args.date, now));
  if (!result.ok) throw toInputError(result.errors, ctx.services.logger);
  return {
    officeId: scope.schedule.office.id,
    date: result.date,
    durationMinutes: result.durationMinutes,
    slots: result.starts,
  };
}

builder.queryField("availability", (t) =>
  t.field({
    extensions: publicApi("public availability of an agency's offices"),
    type: AvailabilityCalendarRef,
    description: "Per-day status (AVAILABLE / FULL / CLOSED / WALK_IN_ONLY) and free-slot counts for a date range.",
    errors: { types: [InputError], directResult: true, union: { name: "AvailabilityResult" } },
    args: {
      ...requestArgs,
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
    },
    resolve: (_root, args, ctx) => loadAvailability(ctx, args),
  }),
);

builder.queryField("slots", (t) =>
  t.field({
    extensions: publicApi("public availability of an agency's offices"),
    type: SlotListRef,
    description: "Free start times of one day for a request (concerns × quantities) at an office.",
    errors: { types: [InputError], directResult: true, union: { name: "SlotsResult" } },
    args: { ...requestArgs, date: t.arg({ type: "Date", required: true }) },
    resolve: (_root, args, ctx) => loadSlots(ctx, args),
  }),
);
