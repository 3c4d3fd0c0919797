import type { ServiceInfo } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import { localeArg, text } from "./localized.ts";
import { publicApi } from "./public.ts";

export const ServiceRef = builder.objectRef<ServiceInfo>("Service").implement({
  extensions: publicApi("public catalogue of an agency"),
  description: "A concern (Anliegen) a citizen can book, with what to bring.",
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    name: t.string({ args: localeArg, resolve: (s, args, ctx) => text(s.name, args, ctx) }),
    description: t.string({ args: localeArg, resolve: (s, args, ctx) => text(s.description, args, ctx) }),
    category: t.string({ args: localeArg, resolve: (s, args, ctx) => text(s.category, args, ctx) }),
    durationMinutes: t.exposeInt("durationMinutes", { description: "Duration of the first unit." }),
    additionalUnitMinutes: t.int({
      description: "Duration of each further unit (e.g. a second passport).",
      resolve: (s) => s.additionalUnitMinutes ?? s.durationMinutes,
    }),
    maxQuantity: t.exposeInt("maxQuantity"),
    documents: t.stringList({
      description: "Documents to bring.",
      args: localeArg,
      resolve: (s, args, ctx) => s.documents.map((d) => text(d, args, ctx)),
    }),
    hints: t.stringList({ args: localeArg, resolve: (s, args, ctx) => s.hints.map((h) => text(h, args, ctx)) }),
    leikaKey: t.exposeString("leikaKey", { nullable: true, description: "Leistungskatalog (LeiKa) key." }),
    onlineBookable: t.exposeBoolean("onlineBookable", {
      description: "False when only staff can book it (e.g. by phone).",
    }),
  }),
});
