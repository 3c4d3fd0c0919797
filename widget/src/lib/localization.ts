import { configureLocalization } from "@lit/localize";
import { sourceLocale, targetLocales } from "../generated/locale-codes.ts";
import { scriptUrl } from "./script-url.ts";

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * Runtime localization: German is compiled in; other locales are ES modules loaded on
 * demand from next to the widget script (`<gateway>/widget/locales/en.js`).
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) =>
    import.meta.env.DEV
      ? import(`../generated/locales/${locale}.js`)
      : import(/* @vite-ignore */ new URL(`widget/locales/${locale}.js`, scriptUrl).href),
});

/** Maps a BCP 47 tag (`en-GB`, `de-AT`, `fr`) to a locale the widget speaks; German otherwise. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? "").toLowerCase().split("-")[0];
  return (targetLocales as readonly string[]).includes(language ?? "") ? (language as Locale) : sourceLocale;
}
