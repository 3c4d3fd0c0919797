/**
 * Domain types of the scheduling engine. They are plain data: the database layer maps its
 * rows to them, the engine never mutates them. Local dates are `YYYY-MM-DD`, local times
 * `HH:MM`, both in the office's time zone; instants are `Date`s.
 */
import type { Result } from "../shared/result.ts";
import type { LocalDate, LocalTime } from "./local-date.ts";

export type { LocalDate, LocalTime };

/** How a booking was made: by the citizen online, or by staff (phone, counter). */
export type BookingChannel = "ONLINE" | "STAFF";

/** APPOINTMENT windows are bookable; WALK_IN windows are only shown (no appointment needed). */
export type ScheduleRuleKind = "APPOINTMENT" | "WALK_IN";

/** A bookable resource of an office (a desk, an advisor). */
export interface Counter {
  readonly id: string;
  /** Services this counter can serve. */
  readonly serviceIds: readonly string[];
}

/**
 * A recurring opening window (Öffnungszeit).
 *
 * The window is the set of instants whose local wall-clock time on an occurrence date lies
 * in `[startTime, endTime)` — on daylight-saving days this makes a window crossing the
 * nonexistent hour shorter and one crossing the repeated hour longer in real time, while
 * windows away from 02:00–03:00 keep their wall-clock times exactly.
 */
export interface ScheduleRule {
  readonly id: string;
  readonly kind: ScheduleRuleKind;
  /**
   * RFC 5545 RRULE body, e.g. `"FREQ=WEEKLY;BYDAY=TU,WE"` or `"FREQ=MONTHLY;BYDAY=2SA,4SA"`,
   * expanded from `validFrom` (its DTSTART). Frequencies YEARLY…DAILY; no DTSTART, TZID,
   * BYHOUR, BYMINUTE, BYSECOND. `null` is a one-off special opening on `validFrom`.
   */
  readonly rrule: string | null;
  /** Local wall-clock start, `HH:MM`. */
  readonly startTime: LocalTime;
  /** Local wall-clock end, `HH:MM` (exclusive; `"24:00"` allowed), after `startTime`. */
  readonly endTime: LocalTime;
  /** First local date the rule applies to (and the recurrence's DTSTART). */
  readonly validFrom: LocalDate;
  /** Last local date the rule applies to (inclusive); `null` = open-ended. */
  readonly validUntil: LocalDate | null;
  /** `null` = the window applies to every counter of the office; otherwise only to this one. */
  readonly counterId: string | null;
}

/**
 * A one-off closure (Schließtag) over local dates `from`…`to` (inclusive). Without times it
 * closes whole days; with `startTime`/`endTime` it closes that wall-clock range on each day.
 */
export interface Closure {
  readonly id: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly startTime?: LocalTime | null;
  readonly endTime?: LocalTime | null;
  /** `null`/absent = the whole office; otherwise only this counter. */
  readonly counterId?: string | null;
  /** Shown to staff and returned in `CLOSED` rejections. */
  readonly reason: string;
}

/** A place where appointments happen (Standort), with everything that defines its hours. */
export interface Office {
  readonly id: string;
  /** IANA time zone, e.g. `"Europe/Berlin"`. */
  readonly timeZone: string;
  /**
   * German state code for public holidays (date-holidays, e.g. `"BB"`, `"NW"`); `null` =
   * no holidays. Only holidays of type "public" close the office, for the whole day.
   */
  readonly holidayRegion: string | null;
  readonly counters: readonly Counter[];
  readonly rules: readonly ScheduleRule[];
  readonly closures: readonly Closure[];
}

/** A concern (Anliegen) a citizen can book. */
export interface Service {
  readonly id: string;
  /** Duration of the first unit, in minutes (positive integer). */
  readonly durationMinutes: number;
  /** Duration of the second and every further unit; defaults to `durationMinutes`. */
  readonly additionalUnitMinutes?: number | null;
  /** Largest quantity one request may ask for (≥ 1). */
  readonly maxQuantity: number;
}

/** Time a counter is occupied, by a live booking or a live hold. */
export interface BusyInterval {
  readonly counterId: string;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** Channel of the booking or hold; ONLINE intervals count against the staff reserve. */
  readonly channel: BookingChannel;
}

/** The effective booking policy of a tenant/office. */
export interface SchedulingPolicy {
  /** Slot grid in minutes (e.g. 5, 10, 15): durations round up to it, starts lie on it. */
  readonly slotGridMinutes: number;
  /** Earliest start is `now + minNoticeMinutes` (0 allows booking up to the start). */
  readonly minNoticeMinutes: number;
  /** Starts may lie on local dates up to today + `horizonDays`. */
  readonly horizonDays: number;
  /** Minimum free gap between a new appointment and any busy interval on the counter. Default 0. */
  readonly bufferMinutes?: number;
  /**
   * Share (0…1) of each day's appointment capacity kept for STAFF bookings. Default 0.
   * See {@link calendar} for the exact rule.
   */
  readonly staffReserveShare?: number;
}

/** One concern of a request, possibly more than once (two passports). */
export interface RequestItem {
  readonly serviceId: string;
  readonly quantity: number;
}

/** What is being searched: concerns × quantities at one office, through one channel. */
export interface SlotRequest {
  readonly officeId: string;
  readonly items: readonly RequestItem[];
  readonly channel: BookingChannel;
}

/** Everything the engine needs besides the request and the clock. */
export interface SchedulingContext {
  readonly office: Office;
  /** The tenant's services (at least those requested). */
  readonly services: readonly Service[];
  /** Live bookings and holds of the office's counters (others are ignored). */
  readonly busy: readonly BusyInterval[];
  readonly policy: SchedulingPolicy;
}

/** Day status of the availability calendar; see {@link calendar}. */
export type DayStatus = "AVAILABLE" | "FULL" | "CLOSED" | "WALK_IN_ONLY";

/** A half-open interval of instants. */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

/** One day of the availability calendar. */
export interface CalendarDay {
  readonly date: LocalDate;
  readonly status: DayStatus;
  /** Number of distinct free start instants for the request (0 unless AVAILABLE). */
  readonly freeStartCount: number;
  /** Walk-in windows of the office that day (after closures), for display only. */
  readonly walkInWindows: readonly TimeWindow[];
  /** Name of the public holiday, if the day is one. */
  readonly holiday: string | null;
}

/** A free start and the end of the appointment it would begin. */
export interface FreeStart {
  readonly start: Date;
  readonly end: Date;
}

/** A problem with the office/service/policy configuration (not the citizen's fault). */
export type ConfigurationIssue =
  | { readonly type: "INVALID_TIME_ZONE"; readonly timeZone: string }
  | { readonly type: "UNKNOWN_HOLIDAY_REGION"; readonly region: string }
  | { readonly type: "DUPLICATE_COUNTER"; readonly counterId: string }
  | { readonly type: "INVALID_RULE"; readonly ruleId: string; readonly message: string }
  | { readonly type: "INVALID_CLOSURE"; readonly closureId: string; readonly message: string }
  | { readonly type: "INVALID_SERVICE"; readonly serviceId: string; readonly message: string }
  | { readonly type: "INVALID_POLICY"; readonly field: keyof SchedulingPolicy; readonly message: string };

/** Which input a `MALFORMED_DATE` error is about. */
export type DateField = "from" | "to" | "date" | "start" | "now";

/**
 * Why a request (or its date arguments) cannot be served. Errors are values: every engine
 * function returns them instead of throwing; the gateway translates each `type`.
 */
export type RequestError =
  | { readonly type: "OFFICE_MISMATCH"; readonly officeId: string }
  | { readonly type: "EMPTY_REQUEST" }
  | { readonly type: "UNKNOWN_SERVICE"; readonly serviceId: string }
  | { readonly type: "DUPLICATE_SERVICE"; readonly serviceId: string }
  | {
      readonly type: "INVALID_QUANTITY";
      readonly serviceId: string;
      readonly quantity: number;
      readonly maxQuantity: number;
    }
  | { readonly type: "SERVICE_NOT_OFFERED"; readonly serviceId: string; readonly officeId: string }
  | { readonly type: "NO_COUNTER_SERVES_ALL"; readonly serviceIds: readonly string[]; readonly officeId: string }
  | { readonly type: "MALFORMED_DATE"; readonly field: DateField; readonly value: string }
  | { readonly type: "INVALID_RANGE"; readonly from: LocalDate; readonly to: LocalDate }
  | { readonly type: "RANGE_EXCEEDS_HORIZON"; readonly days: number; readonly maxDays: number }
  | { readonly type: "INVALID_CONFIGURATION"; readonly issues: readonly ConfigurationIssue[] };

/** Result of {@link validateRequest}. */
export type RequestValidation = Result<
  {
    /** Total duration, rounded up to the slot grid. */
    readonly durationMinutes: number;
    /** Counters serving every requested service, sorted by id. */
    readonly counterIds: readonly string[];
  },
  readonly RequestError[]
>;

/** Result of {@link calendar}. */
export type CalendarResult = Result<{ readonly durationMinutes: number; readonly days: readonly CalendarDay[] }, readonly RequestError[]>;

/** The free starts of one day. */
export interface FreeStartsOfDay {
  readonly date: LocalDate;
  readonly durationMinutes: number;
  /** Ascending, distinct. */
  readonly starts: readonly FreeStart[];
}

/** Result of {@link freeStarts}. */
export type FreeStartsResult = Result<FreeStartsOfDay, readonly RequestError[]>;

/**
 * Why a start is not bookable, in order of precedence: request errors, then the clock
 * (`TOO_SOON`, `BEYOND_HORIZON`), then the schedule as seen by the best counter
 * (`OUTSIDE_OPENING_HOURS` < `OFF_GRID` < `CLOSED` < `TAKEN`), with `STAFF_RESERVE_EXHAUSTED`
 * when a counter would be free but the online share of the day is used up.
 */
export type CheckStartRejection =
  | { readonly type: "INVALID_REQUEST"; readonly errors: readonly RequestError[] }
  | { readonly type: "TOO_SOON"; readonly earliestStart: Date }
  | { readonly type: "BEYOND_HORIZON"; readonly lastBookableDate: LocalDate }
  /** No appointment window of an eligible counter contains the whole appointment. */
  | { readonly type: "OUTSIDE_OPENING_HOURS" }
  /** A window contains it, but the start is not on the window's slot grid. */
  | { readonly type: "OFF_GRID" }
  /** A holiday or closure overlaps it; `reason` is the holiday name or closure reason. */
  | { readonly type: "CLOSED"; readonly reason: string }
  | { readonly type: "STAFF_RESERVE_EXHAUSTED" }
  /** Every eligible counter is busy (including buffer) at that time. */
  | { readonly type: "TAKEN" };

/** Result of {@link checkStart}. */
/** The start fits: the counter to take, every counter that fits (best first, `counterId` among them) and the range. */
export type CheckStartResult = Result<
  { readonly counterId: string; readonly counterIds: readonly string[]; readonly start: Date; readonly end: Date },
  CheckStartRejection
>;
