import { configureLocalization } from "@lit/localize";
// One locale-codes module for widget and desk: both lit-localize configs name the same
// locales and write it (lit-localize.json, lit-localize.desk.json).
import { sourceLocale, targetLocales } from "../../generated/locale-codes.ts";

export type DeskLocale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * German is compiled in; English is an ES module the gateway serves next to the desk
 * bundle (/desk/locales/en.js), loaded when a clerk switches.
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(/* @vite-ignore */ new URL(`/desk/locales/${locale}.js`, location.origin).href),
});
