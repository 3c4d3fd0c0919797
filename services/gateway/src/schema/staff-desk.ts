import type { ServiceInfo } from "@terminvergabe/core";
import type { DeskBooking } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf, type Context } from "../context.ts";
import { InputError, NotFound, TooLate } from "../errors/domain-errors.ts";
import { subscriptionError } from "../errors/map-domain-errors.ts";
import type { DayList } from "../staff/staff-service.ts";
import { BookingStatusEnum } from "./booking.ts";
import { OfficeRef } from "./office.ts";
import { LocaleEnum } from "./scalars.ts";
import { ServiceRef } from "./service.ts";
import { checkedTenant, staffOfArg } from "./staff-scope.ts";

export const ChannelEnum = builder.enumType("BookingChannel", {
  values: { ONLINE: { description: "Booked by the citizen online." }, STAFF: { description: "Booked by staff (phone, desk)." }, LOTTERY: { description: "Allocated by a lottery campaign." } },
});

const AttendanceEnum = builder.enumType("Attendance", {
  description: "What the desk records; NONE takes a mark back (only on the appointment's day).",
  values: ["CHECKED_IN", "COMPLETED", "NO_SHOW", "NONE"] as const,
});

/** The tenant's concerns, loaded once per request however many bookings a list shows. */
const servicesPerRequest = new WeakMap<Context, Map<string, Promise<ServiceInfo[]>>>();
function servicesOf(ctx: Context, tenantId: string): Promise<ServiceInfo[]> {
  let byTenant = servicesPerRequest.get(ctx);
  if (!byTenant) servicesPerRequest.set(ctx, (byTenant = new Map()));
  let pending = byTenant.get(tenantId);
  if (!pending) byTenant.set(tenantId, (pending = ctx.services.tenants.services(tenantId)));
  return pending;
}

const DeskServiceRef = builder.objectRef<{ tenantId: string; serviceId: string; quantity: number }>("DeskBookedService").implement({
  authScopes: (item) => ({ staffOf: item.tenantId }),
  fields: (t) => ({
    quantity: t.exposeInt("quantity"),
    service: t.field({
      type: ServiceRef,
      nullable: true,
      description: "The concern, with its documents to bring and hints.",
      resolve: async (item, _args, ctx) => (await servicesOf(ctx, item.tenantId)).find((s) => s.id === item.serviceId) ?? null,
    }),
  }),
});

/** A booking as the agency's staff see it: contact data included, only for that agency's staff. */
export const DeskBookingRef = builder.objectRef<DeskBooking>("DeskBooking").implement({
  description: "A booking on the desk's day list or in a search (staff only).",
  authScopes: (b) => ({ staffOf: b.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    reference: t.string({ nullable: true, resolve: (b) => b.reference }),
    status: t.field({ type: BookingStatusEnum, resolve: (b) => b.status }),
    channel: t.field({ type: ChannelEnum, resolve: (b) => b.channel }),
    start: t.field({ type: "DateTime", resolve: (b) => b.start }),
    end: t.field({ type: "DateTime", resolve: (b) => b.end }),
    officeId: t.exposeID("officeId"),
    counterId: t.exposeID("counterId"),
    counterName: t.exposeString("counterName"),
    contactName: t.string({ nullable: true, resolve: (b) => b.contactName }),
    contactEmail: t.string({ nullable: true, resolve: (b) => b.contactEmail }),
    contactPhone: t.string({ nullable: true, resolve: (b) => b.contactPhone }),
    locale: t.field({ type: LocaleEnum, resolve: (b) => b.locale }),
    services: t.field({ type: [DeskServiceRef], resolve: (b) => b.items.map((i) => ({ ...i, tenantId: b.tenantId })) }),
  }),
});

const DayListRef = builder.objectRef<DayList>("DayList").implement({
  description: "Every booking of one office on one local day, in time order (Tagesliste).",
  authScopes: (list) => ({ staffOf: list.tenantId }),
  fields: (t) => ({
    date: t.field({ type: "Date", resolve: (list) => list.date }),
    office: t.field({ type: OfficeRef, resolve: (list) => list.office }),
    bookings: t.field({ type: [DeskBookingRef], resolve: (list) => list.bookings }),
  }),
});

builder.queryField("dayList", (t) =>
  t.field({
    type: DayListRef,
    description: "The desk's day list of an office (staff of the agency).",
    args: {
      tenant: t.arg.string({ required: true }),
      office: t.arg.string({ required: true, description: "Office id or slug." }),
      date: t.arg({ type: "Date", required: true }),
      includeCancelled: t.arg.boolean({ required: false, defaultValue: false }),
    },
    authScopes: staffOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "DayListResult" } },
    resolve: async (_root, args, ctx) =>
      ctx.services.staff.dayList(await checkedTenant(ctx, args.tenant), args.office, args.date, args.includeCancelled ?? false),
  }),
);

const BookingSearchRef = builder.objectRef<{ tenantId: string; bookings: DeskBooking[] }>("BookingSearch").implement({
  authScopes: (result) => ({ staffOf: result.tenantId }),
  fields: (t) => ({ bookings: t.field({ type: [DeskBookingRef], resolve: (result) => result.bookings }) }),
});

builder.queryField("findBookings", (t) =>
  t.field({
    type: BookingSearchRef,
    description: "Bookings by reference, e-mail address, phone number or the start of a name (at most 50, newest first).",
    args: { tenant: t.arg.string({ required: true }), query: t.arg.string({ required: true }) },
    authScopes: staffOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "FindBookingsResult" } },
    resolve: async (_root, args, ctx) => {
      const tenant = await checkedTenant(ctx, args.tenant);
      return { tenantId: tenant.id, bookings: await ctx.services.staff.search(tenant, args.query) };
    },
  }),
);

builder.mutationField("setAttendance", (t) =>
  t.field({
    type: DeskBookingRef,
    description: "Checked in, completed or no-show; NONE undoes a mark on the appointment's day. No-shows count against the no-show limit.",
    args: {
      tenant: t.arg.string({ required: true }),
      booking: t.arg.id({ required: true }),
      attendance: t.arg({ type: AttendanceEnum, required: true }),
      reason: t.arg.string({ required: false }),
    },
    authScopes: staffOfArg,
    errors: { types: [NotFound, TooLate, InputError], directResult: true, union: { name: "SetAttendanceResult" } },
    resolve: async (_root, args, ctx) =>
      ctx.services.staff.setAttendance(callerOf(ctx), await checkedTenant(ctx, args.tenant), String(args.booking), args.attendance, args.reason ?? null),
  }),
);

/** Changes within this long of each other reload a desk's list once. */
const COALESCE_MS = 150;

async function* liveDayList(ctx: Context, args: { tenant: string; office: string; date: string }): AsyncGenerator<DayList> {
  const events = ctx.services.pubsub.subscribe("desk:changed");
  try {
    const tenant = await checkedTenant(ctx, args.tenant);
    const load = async () => {
      try {
        return await ctx.services.staff.dayList(tenant, args.office, args.date);
      } catch (error) {
        throw subscriptionError(error, ctx.locale);
      }
    };
    const first = await load();
    yield first;
    // Events only mark the list stale; a burst (a mass cancellation's batches) arriving
    // while the list reloads becomes one more reload, not one per event.
    let stale = false;
    let ended = false;
    const waker: { wake: (() => void) | null } = { wake: null };
    void (async () => {
      for await (const event of events) {
        if (event.officeId !== first.office.id) continue;
        stale = true;
        waker.wake?.();
      }
      ended = true;
      waker.wake?.();
    })();
    for (;;) {
      if (!stale && !ended) await new Promise<void>((resolve) => (waker.wake = resolve));
      waker.wake = null;
      if (ended) return;
      await new Promise((r) => setTimeout(r, COALESCE_MS));
      stale = false;
      yield await load();
    }
  } finally {
    await events.return?.(undefined);
  }
}

builder.subscriptionField("dayListChanged", (t) =>
  t.field({
    type: DayListRef,
    description: "The day list now and after every change at the office (bookings online and by phone, cancellations, attendance).",
    args: {
      tenant: t.arg.string({ required: true }),
      office: t.arg.string({ required: true }),
      date: t.arg({ type: "Date", required: true }),
    },
    authScopes: staffOfArg,
    subscribe: (_root, args, ctx) => liveDayList(ctx, args),
    resolve: (list: DayList) => list,
  }),
);
