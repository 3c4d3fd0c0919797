import type { Locale } from "@terminvergabe/core";
import type { BookingRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { HoldExpired, InputError, LimitReached, NotFound, SlotUnavailable, TooLate } from "../errors/domain-errors.ts";
import { BookingStatusEnum } from "./booking.ts";
import { LocaleEnum } from "./scalars.ts";
import { RequestItemInput } from "./slot.ts";
import { ChannelEnum } from "./staff-desk.ts";
import { checkedTenant, staffOfArg } from "./staff-scope.ts";

/** A booking a clerk made, cancelled or moved for a caller. */
interface StaffBookingView {
  record: BookingRecord;
  /** The manage link's token for a new booking (the clerk may pass it on); null otherwise. */
  manageToken: string | null;
}

const StaffBookingRef = builder.objectRef<StaffBookingView>("StaffBooking").implement({
  description: "A booking as the clerk who booked, cancelled or moved it on behalf of a caller sees it.",
  authScopes: (b) => ({ staffOf: b.record.tenantId }),
  fields: (t) => ({
    id: t.id({ resolve: (b) => b.record.id }),
    reference: t.string({ description: "Read it out to the caller.", resolve: (b) => b.record.reference ?? "" }),
    status: t.field({ type: BookingStatusEnum, resolve: (b) => b.record.status }),
    channel: t.field({ type: ChannelEnum, resolve: (b) => b.record.channel }),
    start: t.field({ type: "DateTime", resolve: (b) => b.record.start }),
    end: t.field({ type: "DateTime", resolve: (b) => b.record.end }),
    counterId: t.id({ resolve: (b) => b.record.counterId }),
    contactName: t.string({ nullable: true, resolve: (b) => b.record.contactName }),
    contactEmail: t.string({ nullable: true, resolve: (b) => b.record.contactEmail }),
    contactPhone: t.string({ nullable: true, resolve: (b) => b.record.contactPhone }),
    mailed: t.boolean({ description: "Whether the citizen gets a mail about it (false without e-mail address).", resolve: (b) => Boolean(b.record.contactEmail) }),
    manageToken: t.string({ nullable: true, description: "Token of the citizen's manage link for a new booking.", resolve: (b) => b.manageToken }),
  }),
});

const StaffContactInput = builder.inputType("StaffContactInput", {
  description: "The caller's contact: a name and an e-mail address or a phone number (phone alone is enough; no mail then).",
  fields: (t) => ({ name: t.string({ required: true }), email: t.string({ required: false }), phone: t.string({ required: false }) }),
});

const LimitOverrideInput = builder.inputType("LimitOverrideInput", {
  description: "Book although the caller reached an anti-hoarding limit; the reason is written to the audit log.",
  fields: (t) => ({ reason: t.string({ required: true }) }),
});

const StaffBookAppointmentInput = builder.inputType("StaffBookAppointmentInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    office: t.string({ required: true, description: "Office id or slug." }),
    items: t.field({ type: [RequestItemInput], required: true, description: "Concerns, staff-only ones included." }),
    start: t.field({ type: "DateTime", required: true }),
    orNearest: t.boolean({ required: false, defaultValue: false, description: "When `start` is taken, book the nearest free start." }),
    contact: t.field({ type: StaffContactInput, required: true }),
    override: t.field({ type: LimitOverrideInput, required: false }),
    locale: t.field({ type: LocaleEnum, required: false, description: "Language of the citizen's mails." }),
  }),
});

builder.mutationField("staffBookAppointment", (t) =>
  t.field({
    type: StaffBookingRef,
    description:
      "A clerk books for a caller (channel STAFF): staff-only concerns and windows and the staff reserve are open; the anti-hoarding limits apply unless overridden with a reason.",
    args: { input: t.arg({ type: StaffBookAppointmentInput, required: true }) },
    authScopes: (_root, args, ctx) => staffOfArg(_root, args.input, ctx),
    errors: { types: [SlotUnavailable, InputError, LimitReached, HoldExpired], directResult: true, union: { name: "StaffBookAppointmentResult" } },
    resolve: async (_root, { input }, ctx) => {
      const tenant = await checkedTenant(ctx, input.tenant);
      const confirmation = await ctx.services.staff.book(callerOf(ctx), tenant, {
        office: input.office,
        items: input.items,
        start: input.start,
        orNearest: input.orNearest ?? false,
        contact: input.contact,
        override: input.override ?? null,
        locale: (input.locale ?? null) as Locale | null,
      });
      return { record: confirmation.record, manageToken: confirmation.manageToken };
    },
  }),
);

builder.mutationField("staffCancelBooking", (t) =>
  t.field({
    type: StaffBookingRef,
    description: "Cancels a booking for a caller (no cut-off); the citizen's mail gives the reason and a cancelling calendar file.",
    args: { tenant: t.arg.string({ required: true }), booking: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    authScopes: staffOfArg,
    errors: { types: [NotFound, TooLate, InputError], directResult: true, union: { name: "StaffCancelBookingResult" } },
    resolve: async (_root, args, ctx) => ({
      record: await ctx.services.staff.cancel(callerOf(ctx), await checkedTenant(ctx, args.tenant), String(args.booking), args.reason),
      manageToken: null,
    }),
  }),
);

builder.mutationField("staffRescheduleBooking", (t) =>
  t.field({
    type: StaffBookingRef,
    description: "Moves a booking for a caller (no cut-off); the new time is secured before the old one is released.",
    args: { tenant: t.arg.string({ required: true }), booking: t.arg.id({ required: true }), start: t.arg({ type: "DateTime", required: true }) },
    authScopes: staffOfArg,
    errors: { types: [NotFound, TooLate, SlotUnavailable, InputError], directResult: true, union: { name: "StaffRescheduleBookingResult" } },
    resolve: async (_root, args, ctx) => ({
      record: await ctx.services.staff.reschedule(callerOf(ctx), await checkedTenant(ctx, args.tenant), String(args.booking), args.start),
      manageToken: null,
    }),
  }),
);
