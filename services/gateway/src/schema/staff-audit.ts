import type { AuditEntry } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { OfficeStatistics } from "../staff/staff-service.ts";
import { BookingStatusEnum } from "./booking.ts";
import { OfficeRef } from "./office.ts";
import { ChannelEnum } from "./staff-desk.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

const AuditEntryRef = builder.objectRef<AuditEntry>("AuditEntry").implement({
  description: "Who changed what, when: an entry of the agency's audit log (admins).",
  authScopes: (entry) => ({ adminOf: entry.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id", { description: "Also the cursor: pass the last one as `before` for the next page." }),
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
    actor: t.exposeString("actor", { description: '"citizen", "staff:<id>", "customer:<id>" or "system:<job>".' }),
    action: t.exposeString("action"),
    entityType: t.exposeString("entityType"),
    entityId: t.exposeString("entityId"),
    data: t.string({ description: "Before/after, reason and details as JSON text.", resolve: (e) => JSON.stringify(e.data ?? {}) }),
  }),
});

const AuditLogRef = builder.objectRef<{ tenantId: string; entries: AuditEntry[] }>("AuditLog").implement({
  authScopes: (log) => ({ adminOf: log.tenantId }),
  fields: (t) => ({ entries: t.field({ type: [AuditEntryRef], resolve: (log) => log.entries }) }),
});

builder.queryField("auditLog", (t) =>
  t.field({
    type: AuditLogRef,
    description: "The agency's audit log by object, actor and time range, newest first (admins).",
    args: {
      tenant: t.arg.string({ required: true }),
      entityType: t.arg.string({ required: false }),
      entityId: t.arg.string({ required: false }),
      actor: t.arg.string({ required: false }),
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false }),
      before: t.arg.id({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
    },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "AuditLogResult" } },
    resolve: async (_root, args, ctx) =>
      ctx.services.staff.auditLog(
        await checkedTenant(ctx, args.tenant),
        {
          entityType: args.entityType ?? null,
          entityId: args.entityId ?? null,
          actor: args.actor ?? null,
          from: args.from ?? null,
          to: args.to ?? null,
          before: args.before ? String(args.before) : null,
        },
        args.first ?? 50,
      ),
  }),
);

const StatusCountRef = builder.objectRef<{ tenantId: string; status: string; channel: string; count: number }>("StatusChannelCount").implement({
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    status: t.field({ type: BookingStatusEnum, resolve: (c) => c.status as "CONFIRMED" }),
    channel: t.field({ type: ChannelEnum, resolve: (c) => c.channel as "ONLINE" }),
    count: t.exposeInt("count"),
  }),
});

const ServiceCountRef = builder.objectRef<{ tenantId: string; serviceId: string; bookings: number; units: number }>("ServiceCount").implement({
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    serviceId: t.exposeID("serviceId"),
    bookings: t.exposeInt("bookings"),
    units: t.exposeInt("units", { description: "Sum of quantities (two passports count twice)." }),
  }),
});

const StatisticsRef = builder.objectRef<OfficeStatistics>("OfficeStatistics").implement({
  description: "Bookings of an office in a period by status, channel and concern — no personal data (admins).",
  authScopes: (s) => ({ adminOf: s.tenantId }),
  fields: (t) => ({
    office: t.field({ type: OfficeRef, resolve: (s) => s.office }),
    from: t.field({ type: "Date", resolve: (s) => s.from }),
    to: t.field({ type: "Date", resolve: (s) => s.to }),
    byStatusAndChannel: t.field({ type: [StatusCountRef], resolve: (s) => s.byStatusAndChannel.map((c) => ({ ...c, tenantId: s.tenantId })) }),
    byService: t.field({ type: [ServiceCountRef], resolve: (s) => s.byService.map((c) => ({ ...c, tenantId: s.tenantId })) }),
    noShowRate: t.float({ nullable: true, description: "NO_SHOW / (NO_SHOW + CHECKED_IN + COMPLETED); null when no attendance was recorded.", resolve: (s) => s.noShowRate }),
    averageLeadMinutes: t.int({ nullable: true, description: "Average minutes from confirmation to the appointment.", resolve: (s) => s.averageLeadMinutes }),
  }),
});

builder.queryField("statistics", (t) =>
  t.field({
    type: StatisticsRef,
    description: "Statistics of an office for a local date range (admins).",
    args: {
      tenant: t.arg.string({ required: true }),
      office: t.arg.string({ required: true }),
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
    },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "StatisticsResult" } },
    resolve: async (_root, args, ctx) => ctx.services.staff.statistics(await checkedTenant(ctx, args.tenant), args.office, args.from, args.to),
  }),
);
