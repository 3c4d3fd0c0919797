import type { Locale } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import type { BookingConfirmation, HoldView } from "../booking/hold-view.ts";
import { HoldExpired, InputError, LimitReached, SlotUnavailable, WaitingRoomRequired } from "../errors/domain-errors.ts";
import { BookingRef } from "./booking.ts";
import { publicApi } from "./public.ts";
import { LocaleEnum } from "./scalars.ts";
import { RequestItemInput } from "./slot.ts";

const HoldRef = builder.objectRef<HoldView>("Hold").implement({
  extensions: publicApi("reached only by the citizen who holds it (hold token)"),
  description: "A short reservation of a time while the citizen enters contact data (Reservierung).",
  fields: (t) => ({
    id: t.exposeID("id"),
    token: t.exposeString("token", { description: "Proves ownership of the hold; keep it in the browser only." }),
    start: t.field({ type: "DateTime", resolve: (h) => h.start }),
    end: t.field({ type: "DateTime", resolve: (h) => h.end }),
    expiresAt: t.field({ type: "DateTime", resolve: (h) => h.expiresAt }),
    latestExpiry: t.field({
      type: "DateTime",
      description: "The latest the hold can last, however often it is extended: warn the citizen before it (WCAG 2.2.1).",
      resolve: (h) => h.latestExpiry,
    }),
    substituted: t.exposeBoolean("substituted", {
      description: "True when the asked-for start was taken and the server held the nearest free one instead (orNearest).",
    }),
  }),
});

const HoldSlotInput = builder.inputType("HoldSlotInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    office: t.string({ required: true, description: "Office id or slug." }),
    items: t.field({ type: [RequestItemInput], required: true }),
    start: t.field({ type: "DateTime", required: false, description: "The start to hold. Give either this or `day`." }),
    orNearest: t.boolean({
      required: false,
      defaultValue: false,
      description: "When `start` is taken, hold the free start nearest to it instead (same day first, then the following days).",
    }),
    day: t.field({ type: "Date", required: false, description: "Hold any free start on this day (the server picks). Give either this or `start`." }),
    notBefore: t.string({ required: false, description: "With `day`: earliest local start time, HH:MM." }),
    notAfter: t.string({ required: false, description: "With `day`: latest local start time, HH:MM." }),
    waitingRoomTicket: t.string({ required: false, description: "While an announced release's waiting room is open: the ticket from enterWaitingRoom." }),
    proofOfWork: t.string({ required: false, description: "A solved proofOfWorkChallenge of this agency (required unless the deployment asks for none)." }),
  }),
});

const HoldTokenInput = builder.inputType("HoldTokenInput", {
  fields: (t) => ({ holdId: t.id({ required: true }), token: t.string({ required: true }) }),
});

const ContactInput = builder.inputType("ContactInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    email: t.string({ required: true }),
    phone: t.string({ required: false }),
  }),
});

const ConfirmBookingInput = builder.inputType("ConfirmBookingInput", {
  fields: (t) => ({
    holdId: t.id({ required: true }),
    token: t.string({ required: true }),
    contact: t.field({ type: ContactInput, required: true }),
    consent: t.boolean({ required: true, description: "Consent to the agency's privacy notice." }),
    locale: t.field({ type: LocaleEnum, required: false, description: "Language of the mails; default: the request's." }),
    proofOfWork: t.string({ required: false, description: "A solved proofOfWorkChallenge of the hold's agency (required unless the deployment asks for none)." }),
  }),
});

const BookingConfirmationRef = builder.objectRef<BookingConfirmation>("BookingConfirmation").implement({
  extensions: publicApi("returned once to the citizen who confirmed their hold"),
  fields: (t) => ({
    manageToken: t.exposeString("manageToken", { description: "Token of the manage link; also sent by mail. Shown once." }),
    verificationRequired: t.exposeBoolean("verificationRequired", {
      description: "True when the e-mail address must be confirmed through the link in the mail.",
    }),
    booking: t.field({ type: BookingRef, resolve: (c) => ({ record: c.record, tenant: c.tenant, token: c.manageToken }) }),
  }),
});

builder.mutationField("holdSlot", (t) =>
  t.field({
    extensions: publicApi("the anonymous booking flow, origin-checked per agency"),
    type: HoldRef,
    description: "Claims a start time for a request; the database makes a double claim impossible.",
    errors: { types: [SlotUnavailable, InputError, LimitReached, WaitingRoomRequired], directResult: true, union: { name: "HoldSlotResult" } },
    args: { input: t.arg({ type: HoldSlotInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.booking.hold(callerOf(ctx), input),
  }),
);

builder.mutationField("extendHold", (t) =>
  t.field({
    extensions: publicApi("the hold token proves ownership"),
    type: HoldRef,
    description: "Gives the citizen more time (WCAG 2.2.1): a short step each time, at least ten times, never past `latestExpiry` (then LimitReached).",
    errors: { types: [HoldExpired, LimitReached], directResult: true, union: { name: "ExtendHoldResult" } },
    args: { input: t.arg({ type: HoldTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.booking.extendHold(callerOf(ctx), String(input.holdId), input.token),
  }),
);

builder.mutationField("releaseHold", (t) =>
  t.boolean({
    extensions: publicApi("the hold token proves ownership"),
    description: "Gives a held time back at once; false when it was no longer held.",
    args: { input: t.arg({ type: HoldTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      try {
        return await ctx.services.booking.releaseHold(callerOf(ctx), String(input.holdId), input.token);
      } catch (error) {
        if (error instanceof HoldExpired) return false;
        throw error;
      }
    },
  }),
);

builder.mutationField("confirmBooking", (t) =>
  t.field({
    extensions: publicApi("the hold token proves ownership"),
    type: BookingConfirmationRef,
    description: "Turns a hold into a binding booking (or one awaiting e-mail verification) and queues the mail.",
    errors: {
      types: [HoldExpired, InputError, LimitReached, SlotUnavailable],
      directResult: true,
      union: { name: "ConfirmBookingResult" },
    },
    args: { input: t.arg({ type: ConfirmBookingInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.booking.confirm(callerOf(ctx), {
        holdId: String(input.holdId),
        token: input.token,
        contact: input.contact,
        consent: input.consent,
        locale: (input.locale ?? null) as Locale | null,
        proofOfWork: input.proofOfWork ?? null,
      }),
  }),
);
