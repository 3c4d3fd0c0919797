import { changeable, type Tenant } from "@terminvergabe/core";
import type { BookingRecord } from "@terminvergabe/db";
import { icsKey } from "../booking/ics-key.ts";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError, NotFound, SlotUnavailable, TooLate } from "../errors/domain-errors.ts";
import { publicApi } from "./public.ts";
import { LocaleEnum } from "./scalars.ts";
import { OfficeRef } from "./office.ts";
import { ServiceRef } from "./service.ts";

/** A booking as its holder sees it; `token` is known when the request proved it. */
export interface BookingView {
  record: BookingRecord;
  tenant: Tenant;
  token: string | null;
}

export const BookingStatusEnum = builder.enumType("BookingStatus", {
  values: ["HELD", "PENDING_VERIFICATION", "CONFIRMED", "CANCELLED", "EXPIRED", "CHECKED_IN", "COMPLETED", "NO_SHOW", "UNMARKED"] as const,
});

const BookedServiceRef = builder.objectRef<{ tenantId: string; serviceId: string; quantity: number }>("BookedService").implement({
  extensions: publicApi("part of a Booking (see there)"),
  fields: (t) => ({
    quantity: t.exposeInt("quantity"),
    service: t.field({
      type: ServiceRef,
      nullable: true,
      resolve: async (item, _args, ctx) =>
        (await ctx.services.tenants.services(item.tenantId)).find((s) => s.id === item.serviceId) ?? null,
    }),
  }),
});

export const BookingRef = builder.objectRef<BookingView>("Booking").implement({
  extensions: publicApi("reached only through its manage token, or at confirmation by the holder of the hold token"),
  description: "A booked appointment (Termin).",
  fields: (t) => ({
    id: t.id({ resolve: (b) => b.record.id }),
    reference: t.string({ description: "Short reference for phone and mail, e.g. K7QF-M2XA.", resolve: (b) => b.record.reference ?? "" }),
    status: t.field({ type: BookingStatusEnum, resolve: (b) => b.record.status }),
    start: t.field({ type: "DateTime", resolve: (b) => b.record.start }),
    end: t.field({ type: "DateTime", resolve: (b) => b.record.end }),
    locale: t.field({ type: LocaleEnum, resolve: (b) => b.record.locale }),
    contactName: t.string({ resolve: (b) => b.record.contactName ?? "" }),
    contactEmail: t.string({ resolve: (b) => b.record.contactEmail ?? "" }),
    contactPhone: t.string({ nullable: true, resolve: (b) => b.record.contactPhone }),
    office: t.field({
      type: OfficeRef,
      resolve: async (b, _args, ctx) => {
        const office = (await ctx.services.tenants.offices(b.tenant.id)).find((o) => o.id === b.record.officeId);
        if (!office) throw new Error("office of booking missing");
        return office;
      },
    }),
    services: t.field({
      type: [BookedServiceRef],
      resolve: (b) => b.record.items.map((i) => ({ ...i, tenantId: b.tenant.id })),
    }),
    changeable: t.boolean({
      description: "Whether it can still be cancelled or rescheduled online (status and the agency's cut-off).",
      resolve: (b, _args, ctx) => changeable(b.record, ctx.services.clock(), b.tenant.policy.cancellationCutoffMinutes),
    }),
    icsUrl: t.string({
      nullable: true,
      description: "Download link of the calendar file, with a download-only key (never the manage token).",
      resolve: (b, _args, ctx) => {
        const key = b.token && b.record.reference ? icsKey(b.record) : null;
        return key ? `${ctx.services.config.publicUrl}/ics/${encodeURIComponent(b.tenant.slug)}/${b.record.reference}.ics?key=${encodeURIComponent(key)}` : null;
      },
    }),
  }),
});

const view = (record: BookingRecord, tenant: Tenant, token: string | null): BookingView => ({ record, tenant, token });

builder.queryField("booking", (t) =>
  t.field({
    extensions: publicApi("the manage token proves ownership; a wrong token answers NotFound"),
    type: BookingRef,
    nullable: true,
    description: "A citizen's own booking through the manage link; null when reference or token do not match.",
    args: {
      tenant: t.arg.string({ required: true }),
      reference: t.arg.string({ required: true }),
      token: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const found = await ctx.services.booking.find(callerOf(ctx), args.tenant, args.reference, args.token);
      return found ? view(found.record, found.tenant, args.token) : null;
    },
  }),
);

const ManageBookingInput = builder.inputType("ManageBookingInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    reference: t.string({ required: true }),
    token: t.string({ required: true, description: "The manage token from the confirmation (or the verification token for verifyBooking)." }),
  }),
});

const RescheduleBookingInput = builder.inputType("RescheduleBookingInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    reference: t.string({ required: true }),
    token: t.string({ required: true }),
    start: t.field({ type: "DateTime", required: true }),
  }),
});

builder.mutationField("cancelBooking", (t) =>
  t.field({
    extensions: publicApi("the manage token proves ownership"),
    type: BookingRef,
    errors: { types: [NotFound, TooLate], directResult: true, union: { name: "CancelBookingResult" } },
    args: { input: t.arg({ type: ManageBookingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const record = await ctx.services.booking.cancel(callerOf(ctx), input.tenant, input.reference, input.token);
      const tenant = (await ctx.tenantBySlug(input.tenant))!;
      return view(record, tenant, input.token);
    },
  }),
);

builder.mutationField("rescheduleBooking", (t) =>
  t.field({
    extensions: publicApi("the manage token proves ownership"),
    type: BookingRef,
    description: "Moves a booking; the new time is secured before the old one is released.",
    errors: { types: [NotFound, TooLate, SlotUnavailable, InputError], directResult: true, union: { name: "RescheduleBookingResult" } },
    args: { input: t.arg({ type: RescheduleBookingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const record = await ctx.services.booking.reschedule(callerOf(ctx), input.tenant, input.reference, input.token, input.start);
      const tenant = (await ctx.tenantBySlug(input.tenant))!;
      return view(record, tenant, input.token);
    },
  }),
);

builder.mutationField("verifyBooking", (t) =>
  t.field({
    extensions: publicApi("the verification token proves ownership"),
    type: BookingRef,
    description: "Confirms a booking awaiting e-mail verification (double opt-in link).",
    errors: { types: [NotFound, TooLate], directResult: true, union: { name: "VerifyBookingResult" } },
    args: { input: t.arg({ type: ManageBookingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const record = await ctx.services.booking.verify(callerOf(ctx), input.tenant, input.reference, input.token);
      const tenant = (await ctx.tenantBySlug(input.tenant))!;
      return view(record, tenant, null);
    },
  }),
);
