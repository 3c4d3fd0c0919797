import type { LocalizedText } from "../catalog/types.ts";
import { isValidHolidayRegion } from "../scheduling/holidays.ts";
import { parseLocalDate, parseLocalTime } from "../scheduling/local-date.ts";
import { compileRecurrence } from "../scheduling/recurrence.ts";
import { isValidTimeZone } from "../scheduling/time-zone.ts";
import type { ScheduleRuleKind } from "../scheduling/types.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { normalizeThemeValue, THEME_RADIUS_MAX_PX, THEME_TOKENS } from "./theme.ts";

/**
 * Checks of what an admin configures (offices, counters, concerns, opening rules, embed
 * origins, theme, legal links). Each validator takes the whole object as it would be saved
 * (an update is merged with the current state first) and returns it normalized (trimmed,
 * English falling back to German) or the first problem, naming the field to correct.
 */
export type ConfigurationError =
  | { readonly type: "REQUIRED"; readonly field: string }
  | { readonly type: "TOO_LONG"; readonly field: string; readonly max: number }
  | { readonly type: "TOO_MANY"; readonly field: string; readonly max: number }
  | { readonly type: "OUT_OF_RANGE"; readonly field: string; readonly min: number; readonly max: number }
  | { readonly type: "MALFORMED_SLUG"; readonly field: "slug" }
  | { readonly type: "INVALID_TIME_ZONE"; readonly field: "timeZone" }
  | { readonly type: "UNKNOWN_HOLIDAY_REGION"; readonly field: "holidayRegion" }
  | { readonly type: "MALFORMED_LEIKA_KEY"; readonly field: "leikaKey" }
  | { readonly type: "MALFORMED_TIME"; readonly field: "startTime" | "endTime" }
  | { readonly type: "MALFORMED_DATE"; readonly field: "validFrom" | "validUntil" }
  | { readonly type: "INVALID_RANGE"; readonly field: "endTime" | "validUntil" }
  | { readonly type: "INVALID_RRULE"; readonly field: "rrule"; readonly message: string }
  | { readonly type: "MALFORMED_URL"; readonly field: string }
  | { readonly type: "MALFORMED_ORIGIN"; readonly field: "origins"; readonly origin: string }
  | { readonly type: "MALFORMED_THEME"; readonly field: "theme"; readonly name: string }
  | { readonly type: "MALFORMED_COLOR"; readonly field: string; readonly name: string }
  | { readonly type: "UNKNOWN_FONT"; readonly field: string };

export type ConfigurationResult<T> = Result<T, ConfigurationError>;

/** Text given by an admin: German required (or optional), English falls back to German. */
export interface TextInput {
  readonly de: string;
  readonly en?: string | null;
}

export const CONFIG_LIMITS = Object.freeze({
  slug: 64,
  name: 200,
  text: 2000,
  address: 200,
  listEntries: 30,
  counterName: 100,
  rruleLength: 500,
  noteLength: 500,
  origins: 50,
  themeEntries: 40,
  themeValue: 200,
  url: 500,
  durationMinutes: 480,
  maxQuantity: 20,
  position: 10_000,
});

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** LeiKa keys are 14 digits; older catalogues use shorter ones, so 1–14 digits. */
const LEIKA_KEY = /^\d{1,14}$/;
const THEME_NAME = /^--tv-[a-z0-9-]{1,60}$/;
/** A CSS value without anything that could end the declaration or open markup. */
const THEME_VALUE = /^[^;{}<>"'\\]+$/;

class Invalid extends Error {
  constructor(readonly error: ConfigurationError) {
    super(error.type);
  }
}
const fail = (error: ConfigurationError): never => {
  throw new Invalid(error);
};
function run<T>(check: () => T): ConfigurationResult<T> {
  try {
    return ok(check());
  } catch (e) {
    if (e instanceof Invalid) return err(e.error);
    throw e;
  }
}

function required(value: string, field: string, max: number): string {
  const v = value.trim();
  if (!v) fail({ type: "REQUIRED", field });
  if (v.length > max) fail({ type: "TOO_LONG", field, max });
  return v;
}

function optional(value: string | null | undefined, field: string, max: number): string | null {
  const v = value?.trim() ?? "";
  if (v.length > max) fail({ type: "TOO_LONG", field, max });
  return v || null;
}

function text(value: TextInput, field: string, max: number, isRequired = true): LocalizedText {
  const de = isRequired ? required(value.de, `${field}.de`, max) : (optional(value.de, `${field}.de`, max) ?? "");
  const en = optional(value.en, `${field}.en`, max) ?? de;
  return { de, en };
}

function int(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) fail({ type: "OUT_OF_RANGE", field, min, max });
  return value;
}

function slug(value: string): string {
  const v = value.trim().toLowerCase();
  if (!SLUG.test(v)) fail({ type: "MALFORMED_SLUG", field: "slug" });
  return v;
}

/** An absolute http(s) URL (http only for localhost), or null. */
function url(value: string | null | undefined, field: string): string | null {
  const v = optional(value, field, CONFIG_LIMITS.url);
  if (v === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    return fail({ type: "MALFORMED_URL", field });
  }
  const local = parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1";
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && local)) fail({ type: "MALFORMED_URL", field });
  if (parsed.username || parsed.password) fail({ type: "MALFORMED_URL", field });
  return parsed.href;
}

// ---- offices ---------------------------------------------------------------------------

export interface OfficeInput {
  readonly slug: string;
  readonly name: TextInput;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly timeZone: string;
  readonly holidayRegion?: string | null;
  /** When staff book by phone, shown to citizens. */
  readonly phoneHours?: TextInput | null;
  readonly position?: number | null;
}

export interface ValidOffice {
  readonly slug: string;
  readonly name: LocalizedText;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly timeZone: string;
  readonly holidayRegion: string | null;
  readonly phoneHours: LocalizedText | null;
  readonly position: number;
}

export function validateOfficeInput(input: OfficeInput): ConfigurationResult<ValidOffice> {
  return run(() => {
    const timeZone = input.timeZone.trim();
    if (!isValidTimeZone(timeZone)) fail({ type: "INVALID_TIME_ZONE", field: "timeZone" });
    const holidayRegion = optional(input.holidayRegion, "holidayRegion", 20);
    if (holidayRegion !== null && !isValidHolidayRegion(holidayRegion)) fail({ type: "UNKNOWN_HOLIDAY_REGION", field: "holidayRegion" });
    const phoneHours = input.phoneHours ? text(input.phoneHours, "phoneHours", CONFIG_LIMITS.noteLength, false) : null;
    return {
      slug: slug(input.slug),
      name: text(input.name, "name", CONFIG_LIMITS.name),
      street: required(input.street, "street", CONFIG_LIMITS.address),
      postalCode: required(input.postalCode, "postalCode", 20),
      city: required(input.city, "city", CONFIG_LIMITS.address),
      timeZone,
      holidayRegion,
      phoneHours: phoneHours && phoneHours.de ? phoneHours : null,
      position: int(input.position ?? 0, "position", 0, CONFIG_LIMITS.position),
    };
  });
}

// ---- counters --------------------------------------------------------------------------

export interface CounterInput {
  readonly name: string;
  readonly active: boolean;
  /** Ids of the concerns the counter serves (existence is checked against the tenant's). */
  readonly serviceIds: readonly string[];
}

export function validateCounterInput(input: CounterInput): ConfigurationResult<CounterInput> {
  return run(() => {
    if (input.serviceIds.length > 200) fail({ type: "TOO_MANY", field: "services", max: 200 });
    return { name: required(input.name, "name", CONFIG_LIMITS.counterName), active: input.active, serviceIds: [...new Set(input.serviceIds)] };
  });
}

// ---- concerns --------------------------------------------------------------------------

export interface ConcernInput {
  readonly slug: string;
  readonly name: TextInput;
  readonly description?: TextInput | null;
  readonly category: TextInput;
  readonly durationMinutes: number;
  /** Minutes of the 2nd and every further unit; null = the duration again. */
  readonly additionalUnitMinutes?: number | null;
  readonly maxQuantity: number;
  readonly documents?: readonly TextInput[] | null;
  readonly hints?: readonly TextInput[] | null;
  readonly leikaKey?: string | null;
  /** False: only staff can book it (e.g. the emergency concern by phone). */
  readonly onlineBookable: boolean;
  readonly active: boolean;
  readonly position?: number | null;
}

export interface ValidConcern {
  readonly slug: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly category: LocalizedText;
  readonly durationMinutes: number;
  readonly additionalUnitMinutes: number | null;
  readonly maxQuantity: number;
  readonly documents: LocalizedText[];
  readonly hints: LocalizedText[];
  readonly leikaKey: string | null;
  readonly onlineBookable: boolean;
  readonly active: boolean;
  readonly position: number;
}

function textList(list: readonly TextInput[] | null | undefined, field: string): LocalizedText[] {
  const entries = list ?? [];
  if (entries.length > CONFIG_LIMITS.listEntries) fail({ type: "TOO_MANY", field, max: CONFIG_LIMITS.listEntries });
  return entries.map((entry, i) => text(entry, `${field}.${i}`, CONFIG_LIMITS.noteLength));
}

export function validateConcernInput(input: ConcernInput): ConfigurationResult<ValidConcern> {
  return run(() => {
    const leikaKey = optional(input.leikaKey, "leikaKey", 14);
    if (leikaKey !== null && !LEIKA_KEY.test(leikaKey)) fail({ type: "MALFORMED_LEIKA_KEY", field: "leikaKey" });
    const additional = input.additionalUnitMinutes ?? null;
    return {
      slug: slug(input.slug),
      name: text(input.name, "name", CONFIG_LIMITS.name),
      description: input.description ? text(input.description, "description", CONFIG_LIMITS.text, false) : { de: "", en: "" },
      category: text(input.category, "category", CONFIG_LIMITS.name),
      durationMinutes: int(input.durationMinutes, "durationMinutes", 1, CONFIG_LIMITS.durationMinutes),
      additionalUnitMinutes: additional === null ? null : int(additional, "additionalUnitMinutes", 0, CONFIG_LIMITS.durationMinutes),
      maxQuantity: int(input.maxQuantity, "maxQuantity", 1, CONFIG_LIMITS.maxQuantity),
      documents: textList(input.documents, "documents"),
      hints: textList(input.hints, "hints"),
      leikaKey,
      onlineBookable: input.onlineBookable,
      active: input.active,
      position: int(input.position ?? 0, "position", 0, CONFIG_LIMITS.position),
    };
  });
}

// ---- opening rules ---------------------------------------------------------------------

export interface OpeningRuleInput {
  readonly kind: ScheduleRuleKind;
  /** RFC 5545 RRULE body (e.g. `FREQ=WEEKLY;BYDAY=MO,TU`); null = a one-off opening on validFrom. */
  readonly rrule?: string | null;
  readonly startTime: string;
  readonly endTime: string;
  readonly validFrom: string;
  readonly validUntil?: string | null;
  /** Null: every counter of the office (existence is checked against the office's). */
  readonly counterId?: string | null;
  readonly note?: TextInput | null;
}

export interface ValidOpeningRule {
  readonly kind: ScheduleRuleKind;
  readonly rrule: string | null;
  readonly startTime: string;
  readonly endTime: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly counterId: string | null;
  readonly note: LocalizedText | null;
}

/**
 * Checks an opening rule as the scheduling engine will read it: times, validity and the
 * RRULE — compiled by the engine's own recurrence code, so a rule that saves also runs.
 */
export function validateOpeningRuleInput(input: OpeningRuleInput): ConfigurationResult<ValidOpeningRule> {
  return run(() => {
    const start = parseLocalTime(input.startTime);
    if (start === null) fail({ type: "MALFORMED_TIME", field: "startTime" });
    const end = parseLocalTime(input.endTime, true);
    if (end === null) fail({ type: "MALFORMED_TIME", field: "endTime" });
    if (end! <= start!) fail({ type: "INVALID_RANGE", field: "endTime" });
    const from = parseLocalDate(input.validFrom);
    if (from === null) fail({ type: "MALFORMED_DATE", field: "validFrom" });
    const validUntil = input.validUntil || null;
    const until = validUntil === null ? Infinity : parseLocalDate(validUntil);
    if (until === null) fail({ type: "MALFORMED_DATE", field: "validUntil" });
    if (until! < from!) fail({ type: "INVALID_RANGE", field: "validUntil" });
    const rrule = optional(input.rrule?.replace(/^RRULE:/i, ""), "rrule", CONFIG_LIMITS.rruleLength);
    if (rrule !== null) {
      if (/DTSTART|TZID|\n/i.test(rrule)) fail({ type: "INVALID_RRULE", field: "rrule", message: "DTSTART and TZID are not allowed; use validFrom" });
      const compiled = compileRecurrence(rrule, from!, until!);
      if (!compiled.ok) fail({ type: "INVALID_RRULE", field: "rrule", message: compiled.error });
    }
    const note = input.note ? text(input.note, "note", CONFIG_LIMITS.noteLength, false) : null;
    return {
      kind: input.kind,
      rrule,
      startTime: input.startTime,
      endTime: input.endTime,
      validFrom: input.validFrom,
      validUntil,
      counterId: input.counterId || null,
      note: note && note.de ? note : null,
    };
  });
}

// ---- embedding, theme, legal links -----------------------------------------------------

/**
 * Origins allowed to embed the widget: `https://host[:port]` (http only for localhost),
 * no path, no wildcard; returned in their canonical form, without duplicates.
 */
export function validateAllowedOrigins(origins: readonly string[]): ConfigurationResult<string[]> {
  return run(() => {
    if (origins.length > CONFIG_LIMITS.origins) fail({ type: "TOO_MANY", field: "origins", max: CONFIG_LIMITS.origins });
    const out = new Set<string>();
    for (const raw of origins) {
      const origin = raw.trim();
      let parsed: URL | null = null;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = null;
      }
      const local = parsed !== null && (parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1");
      const ok =
        parsed !== null &&
        origin.length <= CONFIG_LIMITS.url &&
        (parsed.protocol === "https:" || (parsed.protocol === "http:" && local)) &&
        /^[a-z0-9.-]+$/.test(parsed.hostname) &&
        parsed.origin === origin.replace(/\/$/, "").toLowerCase();
      if (!ok) fail({ type: "MALFORMED_ORIGIN", field: "origins", origin: origin.slice(0, 100) });
      out.add(parsed!.origin);
    }
    return [...out];
  });
}

/**
 * Theme tokens: CSS custom properties named `--tv-…` with plain values; colours as
 * `#rrggbb`, the font from the offered list, the radius 0–24px (theme.ts). The contrast
 * rule is checked apart (checkThemeContrast), on the valid theme.
 */
export function validateTheme(theme: Readonly<Record<string, string>>): ConfigurationResult<Record<string, string>> {
  return run(() => {
    const entries = Object.entries(theme);
    if (entries.length > CONFIG_LIMITS.themeEntries) fail({ type: "TOO_MANY", field: "theme", max: CONFIG_LIMITS.themeEntries });
    const out: Record<string, string> = {};
    for (const [name, raw] of entries) {
      const value = raw.trim();
      if (!THEME_NAME.test(name) || !value || value.length > CONFIG_LIMITS.themeValue || !THEME_VALUE.test(value) || /url\s*\(|expression\s*\(/i.test(value)) {
        fail({ type: "MALFORMED_THEME", field: "theme", name: name.slice(0, 64) });
      }
      const normalized = normalizeThemeValue(name, value);
      if (normalized === false) {
        const field = `theme.${name}`;
        if (name === THEME_TOKENS.fontFamily) fail({ type: "UNKNOWN_FONT", field });
        if (name === THEME_TOKENS.radius) fail({ type: "OUT_OF_RANGE", field, min: 0, max: THEME_RADIUS_MAX_PX });
        fail({ type: "MALFORMED_COLOR", field, name });
      }
      out[name] = normalized || value;
    }
    return out;
  });
}

/** The agency's Impressum and Datenschutz pages, as absolute https URLs (or none). */
export function validateLegalLinks(input: { imprintUrl?: string | null; privacyUrl?: string | null }): ConfigurationResult<{ imprintUrl: string | null; privacyUrl: string | null }> {
  return run(() => ({ imprintUrl: url(input.imprintUrl, "imprintUrl"), privacyUrl: url(input.privacyUrl, "privacyUrl") }));
}
