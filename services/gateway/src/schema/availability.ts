import type { CalendarDay } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { InputError } from "../errors/domain-errors.ts";
import { callerOf } from "../context.ts";
import type { AvailabilityCalendar, SlotList } from "../scheduling/scheduling-service.ts";
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
    resolve: (_root, args, ctx) => ctx.services.scheduling.availability(callerOf(ctx), args),
  }),
);

builder.queryField("slots", (t) =>
  t.field({
    extensions: publicApi("public availability of an agency's offices"),
    type: SlotListRef,
    description: "Free start times of one day for a request (concerns × quantities) at an office.",
    errors: { types: [InputError], directResult: true, union: { name: "SlotsResult" } },
    args: { ...requestArgs, date: t.arg({ type: "Date", required: true }) },
    resolve: (_root, args, ctx) => ctx.services.scheduling.slots(callerOf(ctx), args),
  }),
);
