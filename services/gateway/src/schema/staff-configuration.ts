import type { ClosureRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

export const ClosureRef = builder.objectRef<ClosureRecord>("Closure").implement({
  description: "A closure (Schließtag) of an office or one counter: whole days, or a time range on each day (admins).",
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    officeId: t.exposeID("officeId"),
    counterId: t.id({ nullable: true, resolve: (c) => c.counterId }),
    from: t.field({ type: "Date", resolve: (c) => c.from }),
    to: t.field({ type: "Date", resolve: (c) => c.to }),
    startTime: t.string({ nullable: true, resolve: (c) => c.startTime }),
    endTime: t.string({ nullable: true, resolve: (c) => c.endTime }),
    reasonDe: t.string({ resolve: (c) => c.reason.de }),
    reasonEn: t.string({ resolve: (c) => c.reason.en }),
  }),
});

const ClosureReasonInput = builder.inputType("ClosureReasonInput", {
  description: "Shown to citizens; German required, English falls back to German.",
  fields: (t) => ({ de: t.string({ required: true }), en: t.string({ required: false }) }),
});

const CreateClosureInput = builder.inputType("CreateClosureInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    office: t.string({ required: true, description: "Office id or slug." }),
    counter: t.id({ required: false, description: "Only this counter; the whole office when absent." }),
    from: t.field({ type: "Date", required: true }),
    to: t.field({ type: "Date", required: true, description: "Inclusive." }),
    startTime: t.string({ required: false, description: "HH:MM; with endTime, closes only this range on each day." }),
    endTime: t.string({ required: false }),
    reason: t.field({ type: ClosureReasonInput, required: true }),
  }),
});

builder.mutationField("createClosure", (t) =>
  t.field({
    type: ClosureRef,
    description: "Closes an office (or a counter) for days or hours; citizens see it at once (caches dropped, live push). Existing bookings stay: cancel them with a mass cancellation.",
    args: { input: t.arg({ type: CreateClosureInput, required: true }) },
    authScopes: (_root, args, ctx) => adminOfArg(_root, args.input, ctx),
    errors: { types: [InputError], directResult: true, union: { name: "CreateClosureResult" } },
    resolve: async (_root, { input }, ctx) =>
      ctx.services.staff.createClosure(callerOf(ctx), await checkedTenant(ctx, input.tenant), { ...input, counter: input.counter ? String(input.counter) : null }),
  }),
);

builder.mutationField("deleteClosure", (t) =>
  t.field({
    type: ClosureRef,
    description: "Reopens what a closure closed; returns the deleted closure.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [NotFound], directResult: true, union: { name: "DeleteClosureResult" } },
    resolve: async (_root, args, ctx) => ctx.services.staff.deleteClosure(callerOf(ctx), await checkedTenant(ctx, args.tenant), String(args.id)),
  }),
);
