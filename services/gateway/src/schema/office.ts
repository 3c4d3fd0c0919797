import type { Address, OfficeInfo } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { localeArg, text } from "./localized.ts";
import { publicApi } from "./public.ts";
import { ServiceRef } from "./service.ts";

const AddressRef = builder.objectRef<Address>("Address").implement({
  extensions: publicApi("public catalogue of an agency"),
  fields: (t) => ({
    street: t.exposeString("street"),
    postalCode: t.exposeString("postalCode"),
    city: t.exposeString("city"),
  }),
});

export const OfficeRef = builder.objectRef<OfficeInfo>("Office").implement({
  extensions: publicApi("public catalogue of an agency"),
  description: "A place where appointments happen (Standort).",
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    name: t.string({ args: localeArg, resolve: (o, args, ctx) => text(o.name, args, ctx) }),
    address: t.field({ type: AddressRef, resolve: (o) => o.address }),
    timeZone: t.exposeString("timeZone"),
    phoneHours: t.string({
      nullable: true,
      args: localeArg,
      description: "When staff book appointments by phone.",
      resolve: (o, args, ctx) => (o.notes.phoneHours ? text(o.notes.phoneHours, args, ctx) : null),
    }),
    services: t.field({
      type: [ServiceRef],
      description: "Concerns some counter of this office serves.",
      resolve: (o, _args, ctx) => ctx.services.tenants.servicesOfOffice(o.tenantId, o.id),
    }),
  }),
});
