import { configureLocalization } from "@lit/localize";
import { sourceLocale, targetLocales } from "../generated/locale-codes.ts";

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
