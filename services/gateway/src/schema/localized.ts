import { type Locale, type LocalizedText, localize } from "@terminvergabe/core";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { publicApi } from "./public.ts";
import { LocaleEnum } from "./scalars.ts";

export const LocalizedTextRef = builder.objectRef<LocalizedText>("LocalizedText").implement({
  extensions: publicApi("public catalogue of an agency"),
  description: "A text in every language the product speaks.",
  fields: (t) => ({ de: t.exposeString("de"), en: t.exposeString("en") }),
});

/** Arguments of every localized string field: an explicit locale overrides Accept-Language. */
export const localeArg = builder.args((t) => ({ locale: t.field({ type: LocaleEnum, required: false }) }));

export function pickLocale(args: { locale?: Locale | null }, context: Context): Locale {
  return args.locale ?? context.locale;
}

export function text(value: LocalizedText, args: { locale?: Locale | null }, context: Context): string {
  return localize(value, pickLocale(args, context));
}
