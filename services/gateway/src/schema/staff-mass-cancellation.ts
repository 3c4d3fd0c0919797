import type { MassCancellationRun } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { MassCancellationPreview } from "../staff/staff-service.ts";
import { DeskBookingRef } from "./staff-desk.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

const MassCancellationStatusEnum = builder.enumType("MassCancellationStatus", { values: ["RUNNING", "DONE"] as const });

const LocalizedReasonInput = builder.inputType("LocalizedReasonInput", {
  description: "Text for the citizens, German required; English falls back to German.",
  fields: (t) => ({ de: t.string({ required: true }), en: t.string({ required: false }) }),
});

const MassCancellationInput = builder.inputType("MassCancellationInput", {
  fields: (t) => ({
    tenant: t.string({ required: true }),
    office: t.string({ required: true, description: "Office id or slug." }),
    counter: t.id({ required: false, description: "Only this counter." }),
    service: t.id({ required: false, description: "Only bookings with this concern." }),
    from: t.field({ type: "Date", required: true }),
    to: t.field({ type: "Date", required: true, description: "Inclusive." }),
    reason: t.field({ type: LocalizedReasonInput, required: true }),
  }),
});

const StartMassCancellationInput = builder.inputType("StartMassCancellationInput", {
  fields: (t) => ({
    cancellation: t.field({ type: MassCancellationInput, required: true }),
    closure: t.boolean({ required: true, description: "Also close the range, so it cannot be booked again." }),
  }),
});

const MassCancellationPreviewRef = builder.objectRef<MassCancellationPreview>("MassCancellationPreview").implement({
  authScopes: (p) => ({ adminOf: p.tenantId }),
  fields: (t) => ({
    count: t.exposeInt("count", { description: "Live bookings that would be cancelled." }),
    first: t.field({ type: [DeskBookingRef], description: "The first of them, in time order.", resolve: (p) => p.first }),
  }),
});

const MassCancellationRef = builder.objectRef<MassCancellationRun>("MassCancellation").implement({
  description: "A mass cancellation run and its progress.",
  authScopes: (run) => ({ adminOf: run.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    status: t.field({ type: MassCancellationStatusEnum, resolve: (run) => run.status }),
    officeId: t.exposeID("officeId"),
    counterId: t.id({ nullable: true, resolve: (run) => run.counterId }),
    serviceId: t.id({ nullable: true, resolve: (run) => run.serviceId }),
    from: t.field({ type: "Date", resolve: (run) => run.fromDate }),
    to: t.field({ type: "Date", resolve: (run) => run.toDate }),
    reasonDe: t.string({ resolve: (run) => run.reason.de }),
    reasonEn: t.string({ resolve: (run) => run.reason.en }),
    closureCreated: t.boolean({ resolve: (run) => run.closureId !== null }),
    total: t.exposeInt("total", { description: "Live bookings in scope when the run started." }),
    cancelled: t.exposeInt("cancelled", { description: "Cancelled by this run so far." }),
    startedAt: t.field({ type: "DateTime", resolve: (run) => run.createdAt }),
    finishedAt: t.field({ type: "DateTime", nullable: true, resolve: (run) => run.finishedAt }),
  }),
});

builder.queryField("previewMassCancellation", (t) =>
  t.field({
    type: MassCancellationPreviewRef,
    description: "How many live bookings a mass cancellation would cancel, and the first ones (admins).",
    args: { input: t.arg({ type: MassCancellationInput, required: true }) },
    authScopes: (_root, args, ctx) => adminOfArg(_root, args.input, ctx),
    errors: { types: [InputError], directResult: true, union: { name: "PreviewMassCancellationResult" } },
    resolve: async (_root, { input }, ctx) =>
      ctx.services.staff.previewMassCancellation(await checkedTenant(ctx, input.tenant), {
        ...input,
        counter: input.counter ? String(input.counter) : null,
        service: input.service ? String(input.service) : null,
      }),
  }),
);

builder.mutationField("startMassCancellation", (t) =>
  t.field({
    type: MassCancellationRef,
    description: "Starts cancelling every live booking in scope as a durable job; each citizen is mailed the reason and a cancelling calendar file.",
    args: { input: t.arg({ type: StartMassCancellationInput, required: true }) },
    authScopes: (_root, args, ctx) => adminOfArg(_root, args.input.cancellation, ctx),
    errors: { types: [InputError], directResult: true, union: { name: "StartMassCancellationResult" } },
    resolve: async (_root, { input }, ctx) => {
      const c = input.cancellation;
      return ctx.services.staff.startMassCancellation(callerOf(ctx), await checkedTenant(ctx, c.tenant), {
        ...c,
        counter: c.counter ? String(c.counter) : null,
        service: c.service ? String(c.service) : null,
        closure: input.closure,
      });
    },
  }),
);

builder.queryField("massCancellation", (t) =>
  t.field({
    type: MassCancellationRef,
    nullable: true,
    description: "A mass cancellation run's progress (admins); null when there is no such run in the agency.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    resolve: async (_root, args, ctx) => ctx.services.staff.massCancellation(await checkedTenant(ctx, args.tenant), String(args.id)),
  }),
);
