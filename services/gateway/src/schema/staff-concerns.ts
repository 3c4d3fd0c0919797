import type { ConcernInput } from "@terminvergabe/core";
import type { ConcernRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { LocalizedTextRef } from "./localized.ts";
import { LocalizedTextInput } from "./staff-offices.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

export const ConcernRef = builder.objectRef<ConcernRecord>("Concern").implement({
  description: "A concern (Anliegen) as admins configure it; citizens see it as `Service`.",
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    name: t.field({ type: LocalizedTextRef, resolve: (c) => c.name }),
    description: t.field({ type: LocalizedTextRef, resolve: (c) => c.description }),
    category: t.field({ type: LocalizedTextRef, resolve: (c) => c.category }),
    durationMinutes: t.exposeInt("durationMinutes"),
    additionalUnitMinutes: t.exposeInt("additionalUnitMinutes", { nullable: true, description: "Minutes of each further unit; null: the duration again." }),
    maxQuantity: t.exposeInt("maxQuantity"),
    documents: t.field({ type: [LocalizedTextRef], resolve: (c) => c.documents }),
    hints: t.field({ type: [LocalizedTextRef], resolve: (c) => c.hints }),
    leikaKey: t.exposeString("leikaKey", { nullable: true }),
    onlineBookable: t.exposeBoolean("onlineBookable", { description: "False: staff only (e.g. the emergency concern by phone)." }),
    active: t.exposeBoolean("active", { description: "False: not offered at all." }),
    position: t.exposeInt("position"),
  }),
});

const concernFields = (required: boolean) =>
  builder.inputType(required ? "CreateConcernInput" : "UpdateConcernInput", {
    description: required ? "A new concern." : "The fields to change; absent ones stay. Lists replace the whole list.",
    fields: (t) => ({
      slug: t.string({ required }),
      name: t.field({ type: LocalizedTextInput, required }),
      description: t.field({ type: LocalizedTextInput, required: false }),
      category: t.field({ type: LocalizedTextInput, required }),
      durationMinutes: t.int({ required }),
      additionalUnitMinutes: t.int({ required: false, description: "Minutes of each further unit; absent: the duration again." }),
      maxQuantity: t.int({ required: false, description: "How many units one booking may have (default 1)." }),
      documents: t.field({ type: [LocalizedTextInput], required: false, description: "What to bring." }),
      hints: t.field({ type: [LocalizedTextInput], required: false }),
      leikaKey: t.string({ required: false, description: "Leistungskatalog key (digits)." }),
      onlineBookable: t.boolean({ required: false, description: "False: only staff can book it (default true)." }),
      active: t.boolean({ required: false }),
      position: t.int({ required: false }),
    }),
  });
const CreateConcernInput = concernFields(true);
const UpdateConcernInput = concernFields(false);

builder.mutationField("createConcern", (t) =>
  t.field({
    type: ConcernRef,
    description: "Adds a concern (admins); counters offer it once updateCounter lists it.",
    args: { tenant: t.arg.string({ required: true }), input: t.arg({ type: CreateConcernInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "CreateConcernResult" } },
    resolve: async (_root, { tenant, input }, ctx) => {
      // Non-null in the schema (one field list serves create and update).
      const given = input as typeof input & { slug: string; name: { de: string }; category: { de: string }; durationMinutes: number };
      const concern: ConcernInput = { ...given, maxQuantity: input.maxQuantity ?? 1, onlineBookable: input.onlineBookable ?? true, active: input.active ?? true };
      return ctx.services.configuration.createConcern(callerOf(ctx), await checkedTenant(ctx, tenant), concern);
    },
  }),
);

builder.mutationField("updateConcern", (t) =>
  t.field({
    type: ConcernRef,
    description: "Changes a concern (admins): texts, durations, documents, online or staff-only; citizens see it at once.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }), input: t.arg({ type: UpdateConcernInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "UpdateConcernResult" } },
    resolve: async (_root, { tenant, id, input }, ctx) => ctx.services.configuration.updateConcern(callerOf(ctx), await checkedTenant(ctx, tenant), String(id), input),
  }),
);

builder.mutationField("deleteConcern", (t) =>
  t.field({
    type: ConcernRef,
    description: "Deletes a concern nobody has booked (admins); otherwise CONFIG_IN_USE — set `active: false` instead.",
    args: { tenant: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, NotFound], directResult: true, union: { name: "DeleteConcernResult" } },
    resolve: async (_root, { tenant, id }, ctx) => ctx.services.configuration.deleteConcern(callerOf(ctx), await checkedTenant(ctx, tenant), String(id)),
  }),
);
