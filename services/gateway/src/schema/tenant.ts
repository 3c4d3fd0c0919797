import type { Tenant } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { localeArg, text } from "./localized.ts";
import { OfficeRef } from "./office.ts";
import { publicApi } from "./public.ts";
import { ServiceRef } from "./service.ts";

export const ThemeVariableRef = builder.objectRef<[string, string]>("ThemeVariable").implement({
  extensions: publicApi("public catalogue of an agency"),
  description: "A CSS custom property the widget sets on itself.",
  fields: (t) => ({ name: t.string({ resolve: ([name]) => name }), value: t.string({ resolve: ([, v]) => v }) }),
});

export const TenantRef = builder.objectRef<Tenant>("Tenant").implement({
  extensions: publicApi("public catalogue of an agency"),
  description: "An agency (Behörde) using Terminvergabe.",
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    name: t.string({ args: localeArg, resolve: (tenant, args, ctx) => text(tenant.name, args, ctx) }),
    timeZone: t.exposeString("timeZone"),
    defaultLocale: t.string({ resolve: (tenant) => tenant.locale }),
    privacyUrl: t.exposeString("privacyUrl", { nullable: true }),
    imprintUrl: t.exposeString("imprintUrl", { nullable: true, description: "The agency's legal notice (Impressum)." }),
    phoneRequired: t.boolean({ resolve: (tenant) => tenant.policy.phoneRequired }),
    cancellationCutoffMinutes: t.int({
      description: "Bookings cannot be changed online this many minutes before they start (the widget says so before a booking inside it).",
      resolve: (tenant) => tenant.policy.cancellationCutoffMinutes,
    }),
    membershipNumberRequired: t.boolean({
      description: "Portal customers give their membership number when registering.",
      resolve: (tenant) => tenant.policy.membershipNumberRequired,
    }),
    theme: t.field({ type: [ThemeVariableRef], resolve: (tenant) => Object.entries(tenant.theme) }),
    offices: t.field({ type: [OfficeRef], resolve: (tenant, _args, ctx) => ctx.services.tenants.offices(tenant.id) }),
    services: t.field({
      type: [ServiceRef],
      args: { onlineOnly: t.arg.boolean({ required: false, defaultValue: false }) },
      resolve: (tenant, args, ctx) => ctx.services.tenants.services(tenant.id, { onlineOnly: args.onlineOnly ?? false }),
    }),
  }),
});

builder.queryField("tenant", (t) =>
  t.field({
    extensions: publicApi("public catalogue of an agency"),
    type: TenantRef,
    nullable: true,
    description: "Entry point: an agency by its slug, or null when unknown.",
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.tenantBySlug(args.slug),
  }),
);
