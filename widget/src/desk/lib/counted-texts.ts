import { msg, str } from "@lit/localize";
import { plural } from "../../lib/plural.ts";

// The desk's counted texts, singular and plural chosen by the language's plural rules
// (src/lib/plural.ts); the locale is passed in (the desk's getLocale()).

/** Bookings shown in the day list. */
export const appointments = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} Termin`), other: msg(str`${count} Termine`) });

/** Announced when bookings arrive live (more than one at once). */
export const newAppointments = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} neuer Termin`), other: msg(str`${count} neue Termine`) });

export const freeTimesFound = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} freie Zeit gefunden.`), other: msg(str`${count} freie Zeiten gefunden.`) });

export const freeTimesOnChosenDay = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} freie Zeit am gewählten Tag.`), other: msg(str`${count} freie Zeiten am gewählten Tag.`) });

export const searchHits = (locale: string, count: number): string =>
  // German says "1 Treffer" and "2 Treffer"; English needs two forms, so the one-form has an id of its own.
  plural(locale, count, { one: msg(str`${count} Treffer`, { id: "desk-search-hits-one" }), other: msg(str`${count} Treffer`) });

export const days = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} Tag`), other: msg(str`${count} Tage`) });

export const wouldCancel = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} Termin würde abgesagt`), other: msg(str`${count} Termine würden abgesagt`) });

export const cancelAppointments = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} Termin absagen`), other: msg(str`${count} Termine absagen`) });

export const cancelledDone = (locale: string, count: number): string =>
  plural(locale, count, {
    one: msg(str`Fertig: ${count} Termin abgesagt, die Mail ist unterwegs.`),
    other: msg(str`Fertig: ${count} Termine abgesagt, die Mails sind unterwegs.`),
  });
