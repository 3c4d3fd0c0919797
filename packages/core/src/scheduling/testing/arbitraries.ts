/**
 * fast-check generators of small random offices for the property tests. Each rule is
 * generated as a structured recurrence, rendered both as an RRULE body (for the engine) and
 * as a plain date predicate (for the oracle), so the oracle never parses RRULEs.
 */
import fc from "fast-check";
import type {
  BookingChannel,
  BusyInterval,
  Closure,
  Counter,
  Office,
  ScheduleRule,
  SchedulingPolicy,
  Service,
  SlotRequest,
} from "../types.ts";
import type { OccursOn } from "./oracle.ts";

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export type RecurrenceSpec =
  | { readonly kind: "weekly"; readonly days: readonly number[]; readonly interval: number }
  | { readonly kind: "monthly"; readonly nth: readonly { readonly n: number; readonly day: number }[] }
  | { readonly kind: "daily"; readonly interval: number }
  | { readonly kind: "once" };

const dayIndex = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86400000;
const mondayBased = (date: string): number => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
export const addDays = (date: string, n: number): string => new Date((dayIndex(date) + n) * 86400000).toISOString().slice(0, 10);
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export function rruleText(spec: RecurrenceSpec): string | null {
  switch (spec.kind) {
    case "weekly":
      return `FREQ=WEEKLY;INTERVAL=${spec.interval};BYDAY=${spec.days.map((d) => WEEKDAYS[d]).join(",")}`;
    case "monthly":
      return `FREQ=MONTHLY;BYDAY=${spec.nth.map((x) => `${x.n}${WEEKDAYS[x.day]}`).join(",")}`;
    case "daily":
      return `FREQ=DAILY;INTERVAL=${spec.interval}`;
    case "once":
      return null;
    default: {
      const never: never = spec;
      return never;
    }
  }
}

/** Whether the recurrence (started on `validFrom`) occurs on `date`, by plain date arithmetic. */
export function occurs(spec: RecurrenceSpec, validFrom: string, date: string): boolean {
  if (date < validFrom) return false;
  switch (spec.kind) {
    case "weekly": {
      const weeks = (dayIndex(date) - mondayBased(date) - (dayIndex(validFrom) - mondayBased(validFrom))) / 7;
      return spec.days.includes(mondayBased(date)) && weeks % spec.interval === 0;
    }
    case "monthly": {
      const dom = Number(date.slice(8, 10));
      const daysInMonth = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
      return spec.nth.some(
        (x) => x.day === mondayBased(date) && (x.n > 0 ? Math.ceil(dom / 7) === x.n : dom + 7 > daysInMonth),
      );
    }
    case "daily":
      return (dayIndex(date) - dayIndex(validFrom)) % spec.interval === 0;
    case "once":
      return date === validFrom;
    default: {
      const never: never = spec;
      return never;
    }
  }
}

/** One generated scenario: everything the engine and the oracle need. */
export interface Scenario {
  readonly office: Office;
  readonly services: Service[];
  readonly busy: BusyInterval[];
  readonly policy: SchedulingPolicy;
  readonly request: SlotRequest;
  readonly now: Date;
  /** Local dates to check, ascending and consecutive. */
  readonly dates: string[];
  readonly occursOn: OccursOn;
}

/** Dates near daylight-saving changes, holidays and month ends, to start ranges from. */
const BASE_DATES = [
  "2021-03-25",
  "2021-10-28",
  "2021-09-01",
  "2021-12-22",
  "2022-03-24",
  "2022-04-13",
  "2022-10-27",
  "2021-11-26",
];
const TIME_ZONES = ["Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "UTC", "America/New_York", "Australia/Sydney"];

const recurrenceArb: fc.Arbitrary<RecurrenceSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("weekly" as const), days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }), interval: fc.constantFrom(1, 1, 2) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("monthly" as const),
      nth: fc.uniqueArray(fc.record({ n: fc.constantFrom(1, 2, 3, 4, -1), day: fc.integer({ min: 0, max: 6 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (x) => `${x.n}${x.day}`,
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("daily" as const), interval: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "once" as const }) },
);

/** Start minute of a window: often around the 02:00–03:00 DST hour, sometimes off the 5-minute raster. */
// fast-check biases integers towards small values; office hours need the whole range.
const minuteArb = fc.oneof(
  fc.noBias(fc.integer({ min: 0, max: 60 * 5 })),
  fc.noBias(fc.integer({ min: 6 * 60, max: 20 * 60 })).map((m) => m - (m % 5)),
  fc.noBias(fc.integer({ min: 6 * 60, max: 20 * 60 })).map((m) => m - (m % 5)),
  fc.integer({ min: 0, max: 23 * 60 }),
);

const timeRangeArb = fc
  .tuple(minuteArb, fc.oneof(fc.integer({ min: 10, max: 480 }), fc.noBias(fc.integer({ min: 60, max: 480 }))))
  .map(([start, length]) => ({ start, end: Math.min(start + length, 1440) }));

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    timeZone: fc.constantFrom(...TIME_ZONES),
    holidayRegion: fc.constantFrom(null, "BB", "BY", "NW"),
    base: fc.constantFrom(...BASE_DATES),
    shift: fc.noBias(fc.integer({ min: 0, max: 6 })),
    days: fc.noBias(fc.integer({ min: 1, max: 7 })),
    services: fc.array(
      fc.record({
        durationMinutes: fc.integer({ min: 5, max: 45 }),
        additionalUnitMinutes: fc.option(fc.integer({ min: 0, max: 30 })),
        maxQuantity: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    // Mostly true, so that most requests have at least one counter serving everything.
    counterServes: fc.array(fc.array(fc.integer({ min: 0, max: 4 }).map((x) => x > 0), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
    rules: fc.array(
      fc.record({
        kindRoll: fc.integer({ min: 0, max: 3 }),
        recurrence: recurrenceArb,
        time: timeRangeArb,
        fromOffset: fc.oneof(fc.integer({ min: -45, max: 4 }), fc.noBias(fc.integer({ min: -45, max: 4 }))),
        untilOffset: fc.option(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.noBias(fc.integer({ min: 30, max: 90 }))), {
          freq: 3,
        }),
        counter: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 3 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    // Half of the offices get ordinary weekday opening hours on top of the random rules.
    baseline: fc.option(
      fc.record({
        days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 6 }),
        start: fc.noBias(fc.integer({ min: 6 * 12, max: 10 * 12 })).map((m) => m * 5),
        length: fc.noBias(fc.integer({ min: 3 * 12, max: 9 * 12 })).map((m) => m * 5),
      }),
      { freq: 2 },
    ),
    closures: fc.array(
      fc.record({
        fromOffset: fc.integer({ min: -1, max: 8 }),
        length: fc.integer({ min: 0, max: 2 }),
        time: fc.option(timeRangeArb),
        counter: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 2 }),
      }),
      { maxLength: 3 },
    ),
    busy: fc.array(
      fc.record({
        counter: fc.constantFrom(0, 0, 1, 1, 2, 3),
        // Mostly on a 5-minute raster in office hours (edges meet slot edges), sometimes anywhere.
        minute: fc.oneof(
          fc.noBias(fc.integer({ min: -1440, max: 9 * 1440 })),
          fc
            .tuple(
              fc.noBias(fc.integer({ min: 0, max: 6 })),
              fc.noBias(fc.integer({ min: 4 * 12, max: 20 * 12 })),
              fc.constantFrom(0, 0, 0, -1, 1),
            )
            .map(([day, slot, jitter]) => day * 1440 + slot * 5 + jitter),
        ),
        length: fc.oneof(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 24 }).map((k) => k * 5)),
        seconds: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 59 })),
        channel: fc.constantFrom<BookingChannel>("ONLINE", "STAFF"),
      }),
      { maxLength: 30, size: "medium" },
    ),
    // Quantity per service (0 = not requested); mostly one or two concerns, mostly once.
    items: fc.array(fc.constantFrom(0, 0, 1, 1, 1, 2, 3), { minLength: 3, maxLength: 3 }),
    channel: fc.constantFrom<BookingChannel>("ONLINE", "STAFF"),
    policy: fc.record({
      slotGridMinutes: fc.constantFrom(5, 10, 15, 30, 7, 20),
      minNoticeMinutes: fc.constantFrom(0, 0, 0, 15, 90, 1440, 4000),
      horizonDays: fc.oneof(fc.integer({ min: 0, max: 14 }), fc.noBias(fc.integer({ min: 0, max: 14 })), fc.constant(56)),
      bufferMinutes: fc.constantFrom(0, 0, 5, 15),
      staffReserveShare: fc.constantFrom(0, 0, 0, 0.2, 0.5, 1),
    }),
    nowMinute: fc.oneof(
      { weight: 3, arbitrary: fc.noBias(fc.integer({ min: -3 * 1440, max: 0 })) },
      { weight: 2, arbitrary: fc.noBias(fc.integer({ min: -3 * 1440, max: 7 * 1440 })) },
    ),
    nowMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })),
  })
  .map((g): Scenario => {
    const start = addDays(g.base, g.shift);
    const dates = Array.from({ length: g.days }, (_, i) => addDays(start, i));
    const startMinute = dayIndex(start) * 1440;

    const services: Service[] = g.services.map((s, i) => ({ id: `s${i + 1}`, ...s }));
    const counters: Counter[] = g.counterServes.map((serves, i) => ({
      id: `c${i + 1}`,
      serviceIds: services.filter((_, k) => serves[k]).map((s) => s.id),
    }));
    const counterId = (k: number | null): string | null =>
      k === null ? null : (counters[k % counters.length] as Counter).id;

    const specs = new Map<string, { spec: RecurrenceSpec; validFrom: string }>();
    const rules: ScheduleRule[] = g.rules.map((r, i) => {
      const validFrom = addDays(start, r.fromOffset);
      const id = `r${i + 1}`;
      specs.set(id, { spec: r.recurrence, validFrom });
      return {
        id,
        kind: r.kindRoll === 0 ? "WALK_IN" : "APPOINTMENT",
        rrule: rruleText(r.recurrence),
        startTime: hhmm(r.time.start),
        endTime: hhmm(r.time.end),
        validFrom,
        validUntil: r.untilOffset === null ? null : addDays(validFrom, r.untilOffset),
        counterId: counterId(r.counter),
      };
    });
    if (g.baseline !== null) {
      const id = `r${rules.length + 1}`;
      const spec: RecurrenceSpec = { kind: "weekly", days: g.baseline.days, interval: 1 };
      const validFrom = addDays(start, -30);
      specs.set(id, { spec, validFrom });
      rules.push({
        id,
        kind: "APPOINTMENT",
        rrule: rruleText(spec),
        startTime: hhmm(g.baseline.start),
        endTime: hhmm(g.baseline.start + g.baseline.length),
        validFrom,
        validUntil: null,
        counterId: null,
      });
    }
    const closures: Closure[] = g.closures.map((c, i) => {
      const from = addDays(start, c.fromOffset);
      return {
        id: `x${i + 1}`,
        from,
        to: addDays(from, c.length),
        startTime: c.time === null ? null : hhmm(c.time.start),
        endTime: c.time === null ? null : hhmm(c.time.end),
        counterId: counterId(c.counter),
        reason: `closure ${i + 1}`,
      };
    });
    const busy: BusyInterval[] = g.busy.map((b) => {
      const startMs = (startMinute + b.minute) * 60000 + b.seconds * 1000;
      return {
        counterId: b.counter < counters.length ? (counters[b.counter] as Counter).id : "elsewhere",
        start: new Date(startMs),
        end: new Date(startMs + b.length * 60000),
        channel: b.channel,
      };
    });
    const items = services
      .map((s, i) => ({ serviceId: s.id, quantity: Math.min(g.items[i] as number, s.maxQuantity) }))
      .filter((x) => x.quantity > 0);
    const request: SlotRequest = {
      officeId: "office",
      items: items.length > 0 ? items : [{ serviceId: "s1", quantity: 1 }],
      channel: g.channel,
    };
    return {
      office: { id: "office", timeZone: g.timeZone, holidayRegion: g.holidayRegion, counters, rules, closures },
      services,
      busy,
      policy: g.policy,
      request,
      now: new Date((startMinute + g.nowMinute) * 60000 + g.nowMs),
      dates,
      occursOn: (ruleId, date) => {
        const s = specs.get(ruleId);
        return s !== undefined && occurs(s.spec, s.validFrom, date);
      },
    };
  });
