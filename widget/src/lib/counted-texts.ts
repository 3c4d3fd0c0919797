import { msg, str } from "@lit/localize";
import { plural } from "./plural.ts";

// The counted texts of the widget and the portal, each with its singular and plural form; the
// locale is passed in (getLocale() where they are shown) so the unit test can set it.

/** Announced when the free times of a day are shown. */
export const freeTimesOnDay = (locale: string, count: number, day: string): string =>
  plural(locale, count, { one: msg(str`${count} freie Uhrzeit am ${day}`), other: msg(str`${count} freie Uhrzeiten am ${day}`) });

/** A day's free appointments in the calendar. */
export const freeAppointments = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`${count} freier Termin`), other: msg(str`${count} freie Termine`) });

/** Announced when the contact form has problems. */
export const fieldsToCorrect = (locale: string, count: number): string =>
  plural(locale, count, { one: msg(str`Bitte korrigieren Sie ${count} Angabe.`), other: msg(str`Bitte korrigieren Sie ${count} Angaben.`) });

/** The expected duration of the chosen concerns. */
export const expectedDuration = (locale: string, minutes: number): string =>
  plural(locale, minutes, { one: msg(str`Voraussichtliche Dauer: ${minutes} Minute`), other: msg(str`Voraussichtliche Dauer: ${minutes} Minuten`) });

/** Whole days left to answer a lottery offer (under a day is said differently). */
export const offerDaysLeft = (locale: string, days: number): string =>
  plural(locale, days, { one: msg(str`Noch ${days} Tag.`), other: msg(str`Noch ${days} Tage.`) });
