import type { Locale } from "@terminvergabe/core";

/** Every text the API itself returns to a citizen or clerk, German first. */
export const messages = {
  ORIGIN_NOT_ALLOWED: {
    de: "Diese Website darf die Terminbuchung dieser Behörde nicht einbinden.",
    en: "This website is not allowed to embed this agency's booking.",
  },
  INTERNAL: {
    de: "Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
    en: "An unexpected error occurred. Please try again later.",
  },
} as const satisfies Record<string, { de: string; en: string }>;

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, locale: Locale): string {
  return messages[key][locale];
}

/** Picks "de" or "en" from an Accept-Language header; German is the default. */
export function localeFromHeader(header: string | null | undefined): Locale {
  if (!header) return "de";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang === "de" || entry.lang === "en")
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? "de";
}
