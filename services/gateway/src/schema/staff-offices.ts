import type { CounterRecord, OfficeRecord, OpeningRuleRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { CounterHasBookings, InputError, NotFound } from "../errors/domain-errors.ts";
import { LocalizedTextRef } from "./localized.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

/** Text an admin enters: German required, English falls back to German. */
export const LocalizedTextInput = builder.inputType("LocalizedTextInput", {
  description: "German required; an empty or absent English text falls back to the German one.",
  fields: (t) => ({ de: t.string({ required: true }), en: t.string({ required: false }) }),
});

const ScheduleKindEnum = builder.enumType("ScheduleKind", {
  values: {
    APPOINTMENT: { description: "Appointments can be booked in this window." },
    WALK_IN: { description: "Open for walk-ins without appointment (shown, not bookable)." },
  },
});

export const ConfiguredOfficeRef = builder.objectRef<OfficeRecord>("ConfiguredOffice").implement({
  description: "An office as admins configure it.",
  authScopes: (o) => ({ adminOf: o.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    name: t.field({ type: LocalizedTextRef, resolve: (o) => o.name }),
    street: t.string({ resolve: (o) => o.address.street }),
    postalCode: t.string({ resolve: (o) => o.address.postalCode }),
    city: t.string({ resolve: (o) => o.address.city }),
    timeZone: t.exposeString("timeZone"),
    holidayRegion: t.exposeString("holidayRegion", { nullable: true, description: "German state for public holidays (e.g. BE, BB)." }),
    phoneHours: t.field({ type: LocalizedTextRef, nullable: true, resolve: (o) => o.notes.phoneHours ?? null }),
    position: t.exposeInt("position"),
  }),
});

export const CounterRef = builder.objectRef<CounterRecord>("Counter").implement({
  description: "A counter (Schalter) of an office and the concerns it serves.",
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    officeId: t.exposeID("officeId"),
    name: t.exposeString("name"),
    active: t.exposeBoolean("active", { description: "False: offers no times; existing bookings stay." }),
    serviceIds: t.idList({ description: "The concerns it serves.", resolve: (c) => c.serviceIds }),
  }),
});

export const OpeningRuleRef = builder.objectRef<OpeningRuleRecord>("OpeningRule").implement({
  description: "A recurring opening window of an office (or one counter).",
  authScopes: (r) => ({ adminOf: r.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    officeId: t.exposeID("officeId"),
    counterId: t.id({ nullable: true, description: "Null: every counter of the office.", resolve: (r) => r.counterId }),
    kind: t.field({ type: ScheduleKindEnum, resolve: (r) => r.kind }),
    rrule: t.exposeString("rrule", { nullable: true, description: "RFC 5545 RRULE body; null: a one-off opening on validFrom." }),
    startTime: t.exposeString("startTime"),
    endTime: t.exposeString("endTime"),
    validFrom: t.field({ type: "Date", resolve: (r) => r.validFrom }),
    validUntil: t.field({ type: "Date", nullable: true, resolve: (r) => r.validUntil }),
    note: t.field({ type: LocalizedTextRef, nullable: true, resolve: (r) => r.note }),
  }),
});

// ---- offices -------------------------------------------------------------------------------

const officeFields = (required: boolean) =>
  builder.inputType(required ? "CreateOfficeInput" : "UpdateOfficeInput", {
    description: required ? "A new office." : "The fields to change; absent ones stay.",
    fields: (t) => ({
      slug: t.string({ required, description: "Short name in URLs: a-z, 0-9, hyphens." }),
      name: t.field({ type: LocalizedTextInput, required }),
      street: t.string({ required }),
      postalCode: t.string({ required }),
      city: t.string({ required }),
      timeZone: t.string({ required: false, description: "IANA time zone; default Europe/Berlin." }),
      holidayRegion: t.string({ required: false, description: "German state for public holidays (e.g. BE); empty: none." }),
      phoneHours: t.field({ type: LocalizedTextInput, required: false, description: "When staff book by phone, shown to citizens." }),
      position: t.int({ required: false }),
    }),
  });
const CreateOfficeInput = officeFields(true);
const UpdateOfficeInput = officeFields(false);

builder.mutationField("createOffice", (t) =>
  t.field({
    type: ConfiguredOfficeRef,
    description: "Adds an office (admins). Counters and opening rules follow with createCounter and createOpeningRule.",
    args: { tenant: t.arg.string({ required: true }), input: t.arg({ type: CreateOfficeInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "CreateOfficeResult" } },
    resolve: async (_root, { tenant, input }, ctx) =>
      ctx.services.configuration.createOffice(callerOf(ctx), await checkedTenant(ctx, tenant), {
        // The create input's fields are non-null in the schema (one field list serves create and update).
        ...(input as typeof input & { slug: string; name: { de: string }; street: string; postalCode: string; city: string }),
        timeZone: input.timeZone ?? "Europe/Berlin",
      }),
  }),
);

builder.mutationField("updateOffice", (t) =>
  t.field({
    type: ConfiguredOfficeRef,
    description: "Changes an office (admins); citizens see it at once.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }), input: t.arg({ type: UpdateOfficeInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "UpdateOfficeResult" } },
    resolve: async (_root, { tenant, id, input }, ctx) => ctx.services.configuration.updateOffice(callerOf(ctx), await checkedTenant(ctx, tenant), String(id), input),
  }),
);

builder.mutationField("deleteOffice", (t) =>
  t.field({
    type: ConfiguredOfficeRef,
    description: "Deletes an office with its counters, rules and closures (admins); refused (CONFIG_IN_USE) while bookings or campaigns refer to it.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "DeleteOfficeResult" } },
    resolve: async (_root, { tenant, id }, ctx) => ctx.services.configuration.deleteOffice(callerOf(ctx), await checkedTenant(ctx, tenant), String(id)),
  }),
);

// ---- counters ------------------------------------------------------------------------------

const CreateCounterInput = builder.inputType("CreateCounterInput", {
  fields: (t) => ({
    office: t.string({ required: true, description: "Office id or slug." }),
    name: t.string({ required: true }),
    active: t.boolean({ required: false, defaultValue: true }),
    services: t.idList({ required: false, description: "The concerns the counter serves." }),
  }),
});

const UpdateCounterInput = builder.inputType("UpdateCounterInput", {
  description: "The fields to change; absent ones stay. `services` replaces the whole list.",
  fields: (t) => ({ name: t.string({ required: false }), active: t.boolean({ required: false }), services: t.idList({ required: false }) }),
});

builder.mutationField("createCounter", (t) =>
  t.field({
    type: CounterRef,
    description: "Adds a counter to an office with the concerns it serves (admins).",
    args: { tenant: t.arg.string({ required: true }), input: t.arg({ type: CreateCounterInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "CreateCounterResult" } },
    resolve: async (_root, { tenant, input }, ctx) =>
      ctx.services.configuration.createCounter(callerOf(ctx), await checkedTenant(ctx, tenant), input.office, {
        name: input.name,
        active: input.active ?? true,
        serviceIds: (input.services ?? []).map(String),
      }),
  }),
);

builder.mutationField("updateCounter", (t) =>
  t.field({
    type: CounterRef,
    description:
      "Renames a counter, (de)activates it or sets the concerns it serves (admins). Deactivating a counter with live bookings ahead is refused (CounterHasBookings, with their number): cancel them first, e.g. with a mass cancellation of this counter.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }), input: t.arg({ type: UpdateCounterInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound, CounterHasBookings], directResult: true, union: { name: "UpdateCounterResult" } },
    resolve: async (_root, { tenant, id, input }, ctx) =>
      ctx.services.configuration.updateCounter(callerOf(ctx), await checkedTenant(ctx, tenant), String(id), {
        name: input.name,
        active: input.active,
        serviceIds: input.services ? input.services.map(String) : null,
      }),
  }),
);

builder.mutationField("deleteCounter", (t) =>
  t.field({
    type: CounterRef,
    description: "Deletes a counter (admins); refused (CONFIG_IN_USE) while bookings refer to it — deactivate it instead.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "DeleteCounterResult" } },
    resolve: async (_root, { tenant, id }, ctx) => ctx.services.configuration.deleteCounter(callerOf(ctx), await checkedTenant(ctx, tenant), String(id)),
  }),
);

// ---- opening rules -------------------------------------------------------------------------

const ruleFields = (required: boolean) =>
  builder.inputType(required ? "CreateOpeningRuleInput" : "UpdateOpeningRuleInput", {
    description: required ? "A new opening window." : "The fields to change; absent ones stay.",
    fields: (t) => ({
      kind: t.field({ type: ScheduleKindEnum, required }),
      rrule: t.string({ required: false, description: "RFC 5545 RRULE body, e.g. FREQ=WEEKLY;BYDAY=MO,TU; absent: a one-off opening on validFrom." }),
      startTime: t.string({ required, description: "HH:MM, local time of the office." }),
      endTime: t.string({ required, description: "HH:MM (24:00 allowed), after startTime." }),
      validFrom: t.field({ type: "Date", required }),
      validUntil: t.field({ type: "Date", required: false, description: "Inclusive; absent: open-ended (in an update: unchanged)." }),
      ...(required ? {} : { openEnded: t.boolean({ required: false, description: "True: remove validUntil (the rule runs on without end)." }) }),
      counter: t.id({ required: false, description: "Only this counter; absent: every counter of the office (in an update: unchanged; \"\" for every counter)." }),
      note: t.field({ type: LocalizedTextInput, required: false }),
    }),
  });
const CreateOpeningRuleInput = ruleFields(true);
const UpdateOpeningRuleInput = ruleFields(false);

builder.mutationField("createOpeningRule", (t) =>
  t.field({
    type: OpeningRuleRef,
    description: "Adds an opening window to an office (admins). An RRULE that does not parse is an InputError on `rrule`.",
    args: { tenant: t.arg.string({ required: true }), office: t.arg.string({ required: true, description: "Office id or slug." }), input: t.arg({ type: CreateOpeningRuleInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "CreateOpeningRuleResult" } },
    resolve: async (_root, { tenant, office, input }, ctx) =>
      ctx.services.configuration.createOpeningRule(callerOf(ctx), await checkedTenant(ctx, tenant), office, {
        // Non-null in the schema (one field list serves create and update).
        ...(input as typeof input & { kind: "APPOINTMENT" | "WALK_IN"; startTime: string; endTime: string; validFrom: string }),
        counterId: input.counter ? String(input.counter) : null,
      }),
  }),
);

builder.mutationField("updateOpeningRule", (t) =>
  t.field({
    type: OpeningRuleRef,
    description: "Changes an opening window (admins); citizens see the new times at once.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }), input: t.arg({ type: UpdateOpeningRuleInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "UpdateOpeningRuleResult" } },
    resolve: async (_root, { tenant, id, input }, ctx) => {
      const { counter, openEnded, ...change } = input as typeof input & { openEnded?: boolean | null };
      return ctx.services.configuration.updateOpeningRule(callerOf(ctx), await checkedTenant(ctx, tenant), String(id), {
        ...change,
        counterId: counter === undefined || counter === null ? undefined : String(counter),
        // An empty end date is "no end" to the validator (null would mean "unchanged").
        ...(openEnded ? { validUntil: "" } : {}),
      });
    },
  }),
);

builder.mutationField("deleteOpeningRule", (t) =>
  t.field({
    type: OpeningRuleRef,
    description: "Deletes an opening window (admins); existing bookings in it stay.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [NotFound], directResult: true, union: { name: "DeleteOpeningRuleResult" } },
    resolve: async (_root, { tenant, id }, ctx) => ctx.services.configuration.deleteOpeningRule(callerOf(ctx), await checkedTenant(ctx, tenant), String(id)),
  }),
);
