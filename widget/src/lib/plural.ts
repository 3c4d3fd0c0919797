/**
 * The forms of a counted text: `other` always, `one` (and `zero`, `two`, `few`, `many`) where
 * a language has them. German and English use one and other.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Picks the form of a counted text for `count` with the language's plural rules
 * (Intl.PluralRules), instead of testing `count === 1`: "1 freier Termin", "2 freie Termine",
 * "0 freie Termine"; a language whose rules have more categories adds forms for them.
 */
export function plural(locale: string, count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
}
