/**
 * Example tests of the slot rules, in Europe/Berlin during summer time (UTC+2), September 2021:
 * Mon 6, Tue 7, Wed 8, Thu 9, Fri 10, Sun 12.
 */
import { describe, expect, it } from "vitest";
import { clearSchedulingCaches } from "./caches.ts";
import { calendar, checkStart, freeStarts } from "./engine.ts";
import { validateRequest } from "./validation.ts";
import type {
  BusyInterval,
  Closure,
  Office,
  RequestItem,
  ScheduleRule,
  SchedulingContext,
  SchedulingPolicy,
  Service,
  SlotRequest,
} from "./types.ts";

/** A local Berlin summer-time wall-clock instant, e.g. `at("2021-09-08 09:00")`. */
const at = (local: string) => new Date(`${local.replace(" ", "T")}:00+02:00`);
const wallClock = (d: Date) =>
  new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(d);

const services: Service[] = [
  { id: "passport", durationMinutes: 20, additionalUnitMinutes: 10, maxQuantity: 3 },
  { id: "certificate", durationMinutes: 15, maxQuantity: 2 },
  { id: "registration", durationMinutes: 10, additionalUnitMinutes: 0, maxQuantity: 5 },
  { id: "notary", durationMinutes: 30, maxQuantity: 1 },
];

const weekly = (id: string, byday: string, startTime: string, endTime: string, extra: Partial<ScheduleRule> = {}): ScheduleRule => ({
  id,
  kind: "APPOINTMENT",
  rrule: `FREQ=WEEKLY;BYDAY=${byday}`,
  startTime,
  endTime,
  validFrom: "2021-09-01",
  validUntil: null,
  counterId: null,
  ...extra,
});

const baseOffice: Office = {
  id: "office",
  timeZone: "Europe/Berlin",
  holidayRegion: "BB",
  counters: [
    { id: "c1", serviceIds: ["passport", "certificate", "notary"] },
    { id: "c2", serviceIds: ["passport", "certificate", "registration"] },
  ],
  rules: [
    weekly("mornings", "MO,TU,WE,TH,FR", "09:00", "12:00"),
    weekly("thursday-c2", "TH", "14:00", "16:00", { counterId: "c2" }),
    weekly("tuesday-walk-in", "TU", "14:00", "16:00", { kind: "WALK_IN" }),
  ],
  closures: [],
};
const basePolicy: SchedulingPolicy = { slotGridMinutes: 15, minNoticeMinutes: 0, horizonDays: 300 };
const lastSunday = new Date("2021-09-05T10:00:00Z");

interface Setup {
  office?: Partial<Office>;
  policy?: Partial<SchedulingPolicy>;
  busy?: BusyInterval[];
}
const given = (setup: Setup = {}): SchedulingContext => ({
  office: { ...baseOffice, ...setup.office },
  services,
  busy: setup.busy ?? [],
  policy: { ...basePolicy, ...setup.policy },
});
const ask = (items: Record<string, number>, channel: SlotRequest["channel"] = "ONLINE"): SlotRequest => ({
  officeId: "office",
  items: Object.entries(items).map(([serviceId, quantity]): RequestItem => ({ serviceId, quantity })),
  channel,
});
const busy = (counterId: string, from: string, to: string, channel: BusyInterval["channel"] = "ONLINE"): BusyInterval => ({
  counterId,
  start: at(from),
  end: at(to),
  channel,
});

function times(ctx: SchedulingContext, request: SlotRequest, date: string, now = lastSunday): string[] {
  const r = freeStarts(ctx, request, date, now);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.starts.map((s) => wallClock(s.start));
}
function statuses(ctx: SchedulingContext, request: SlotRequest, from: string, to: string, now = lastSunday) {
  const r = calendar(ctx, request, from, to, now);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return Object.fromEntries(r.value.days.map((d) => [d.date, `${d.status} ${d.freeStartCount}`]));
}

describe("durations", () => {
  const duration = (items: Record<string, number>, grid = 15) => {
    const r = validateRequest(given({ policy: { slotGridMinutes: grid } }), ask(items));
    return r.ok ? r.value.durationMinutes : r.error;
  };

  it("sums concerns and rounds up to the grid", () => {
    expect(duration({ passport: 1, certificate: 1 })).toBe(45); // 20 + 15 = 35 → 45
    expect(duration({ passport: 1, certificate: 1 }, 5)).toBe(35);
    expect(duration({ passport: 1, certificate: 1 }, 10)).toBe(40);
  });

  it("uses the additional-unit duration from the second unit on", () => {
    expect(duration({ passport: 3 }, 5)).toBe(40); // 20 + 2 × 10
    expect(duration({ certificate: 2 }, 5)).toBe(30); // no additional duration: 2 × 15
    expect(duration({ registration: 5 }, 5)).toBe(10); // additional units take no time
    expect(duration({ passport: 2, certificate: 2, registration: 1 }, 5)).toBe(70); // 30 + 30 + 10
  });

  it("books the whole duration: the last start leaves room for it before the window ends", () => {
    const r = freeStarts(given(), ask({ passport: 2, certificate: 2, registration: 1 }), "2021-09-08", lastSunday);
    expect(r.ok && r.value.durationMinutes).toBe(75);
    expect(r.ok && r.value.starts.map((s) => [wallClock(s.start), wallClock(s.end)])).toEqual([
      ["09:00", "10:15"],
      ["09:15", "10:30"],
      ["09:30", "10:45"],
      ["09:45", "11:00"],
      ["10:00", "11:15"],
      ["10:15", "11:30"],
      ["10:30", "11:45"],
      ["10:45", "12:00"],
    ]);
  });
});

describe("grid", () => {
  const office: Partial<Office> = { rules: [weekly("odd", "WE", "09:05", "10:00")] };

  it("anchors starts at the window start", () => {
    expect(times(given({ office }), ask({ registration: 1 }), "2021-09-08")).toEqual(["09:05", "09:20", "09:35"]);
  });

  it("keeps the anchor after a partial closure and after bookings", () => {
    const closures: Closure[] = [{ id: "x", from: "2021-09-08", to: "2021-09-08", startTime: "09:20", endTime: "09:30", reason: "Pause" }];
    expect(times(given({ office: { ...office, closures } }), ask({ registration: 1 }), "2021-09-08")).toEqual(["09:05", "09:35"]);
    const booked = given({ office, busy: [busy("c2", "2021-09-08 09:05", "2021-09-08 09:27")] });
    expect(times(booked, ask({ registration: 1 }), "2021-09-08")).toEqual(["09:35"]);
  });

  it("merges touching windows of different rules into one window", () => {
    const rules = [weekly("a", "WE", "09:00", "10:00"), weekly("b", "WE", "10:00", "11:00")];
    // 60 minutes fit across the seam 10:00.
    expect(times(given({ office: { rules } }), ask({ certificate: 2 }), "2021-09-08")).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30"]);
    expect(times(given({ office: { rules } }), ask({ passport: 1, certificate: 2 }), "2021-09-08")).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00"]);
  });
});

describe("counters", () => {
  it("uses only counters that serve every requested concern", () => {
    const ctx = given({ busy: [busy("c2", "2021-09-08 09:00", "2021-09-08 10:00")] });
    // registration is served by c2 only, which is booked until 10:00
    expect(times(ctx, ask({ registration: 1 }), "2021-09-08")[0]).toBe("10:00");
    // passport is served by c1 as well
    expect(times(ctx, ask({ passport: 1 }), "2021-09-08")[0]).toBe("09:00");
    expect(times(ctx, ask({ passport: 1, registration: 1 }), "2021-09-08")[0]).toBe("10:00");
  });

  it("counts a start free on several counters once", () => {
    expect(statuses(given(), ask({ passport: 1 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "AVAILABLE 11" });
  });

  it("applies counter-specific rules only to that counter", () => {
    // Thursday afternoon is c2's; notary is served by c1 only.
    expect(times(given(), ask({ registration: 1 }), "2021-09-09").slice(-3)).toEqual(["15:15", "15:30", "15:45"]);
    expect(times(given(), ask({ notary: 1 }), "2021-09-09").slice(-1)).toEqual(["11:30"]);
  });

  it("applies counter-specific closures only to that counter", () => {
    const closures: Closure[] = [{ id: "sick", from: "2021-09-08", to: "2021-09-08", counterId: "c1", reason: "krank" }];
    const ctx = given({ office: { closures } });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08")).toEqual([]);
    expect(times(ctx, ask({ passport: 1 }), "2021-09-08")).toHaveLength(11);
    expect(statuses(ctx, ask({ notary: 1 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "FULL 0" });
  });

  it("ignores busy intervals of counters of other offices and empty intervals", () => {
    const ctx = given({
      busy: [busy("elsewhere", "2021-09-08 09:00", "2021-09-08 12:00"), busy("c1", "2021-09-08 10:00", "2021-09-08 10:00")],
    });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08")).toHaveLength(11);
  });

  it("blocks the whole minute of a busy interval that does not end on a minute", () => {
    const b: BusyInterval = { counterId: "c1", start: at("2021-09-08 09:00"), end: new Date(at("2021-09-08 09:30").getTime() + 1000), channel: "STAFF" };
    expect(times(given({ busy: [b], policy: { slotGridMinutes: 1 } }), ask({ notary: 1 }), "2021-09-08")[0]).toBe("09:31");
  });
});

describe("buffer between appointments", () => {
  it("keeps bufferMinutes free before and after every busy interval", () => {
    const ctx = given({ policy: { slotGridMinutes: 5, bufferMinutes: 10 }, busy: [busy("c1", "2021-09-08 10:00", "2021-09-08 10:30")] });
    const starts = times(ctx, ask({ notary: 1 }), "2021-09-08");
    expect(starts).toContain("09:20"); // ends 09:50, 10 minutes before
    expect(starts).not.toContain("09:25");
    expect(starts).not.toContain("10:35");
    expect(starts).toContain("10:40"); // 10 minutes after 10:30
    expect(starts.filter((s) => s > "09:20" && s < "10:40")).toEqual([]);
  });

  it("does not need the buffer at window edges", () => {
    const ctx = given({ policy: { bufferMinutes: 10 } });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08")).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]);
  });

  it("lets appointments touch when the buffer is 0", () => {
    const ctx = given({ busy: [busy("c1", "2021-09-08 09:30", "2021-09-08 10:00")] });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08").slice(0, 3)).toEqual(["09:00", "10:00", "10:15"]);
  });
});

describe("minimum notice", () => {
  it("with 0 minutes, allows any start from now on (rounded up to the next minute)", () => {
    expect(times(given(), ask({ notary: 1 }), "2021-09-08", at("2021-09-08 09:07"))[0]).toBe("09:15");
    expect(times(given(), ask({ notary: 1 }), "2021-09-08", at("2021-09-08 09:15"))[0]).toBe("09:15");
    expect(times(given(), ask({ notary: 1 }), "2021-09-08", new Date(at("2021-09-08 09:15").getTime() + 1))[0]).toBe("09:30");
  });

  it("with notice, starts no earlier than now + notice, and says so", () => {
    const ctx = given({ policy: { minNoticeMinutes: 120 } });
    const now = at("2021-09-08 09:00");
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08", now)).toEqual(["11:00", "11:15", "11:30"]);
    expect(checkStart(ctx, ask({ notary: 1 }), at("2021-09-08 10:45"), now)).toEqual({
      ok: false,
      error: { type: "TOO_SOON", earliestStart: at("2021-09-08 11:00") },
    });
    expect(statuses(ctx, ask({ notary: 1 }), "2021-09-07", "2021-09-09", now)).toEqual({
      "2021-09-07": "FULL 0", // in the past
      "2021-09-08": "AVAILABLE 3",
      "2021-09-09": "AVAILABLE 11",
    });
  });
});

describe("horizon", () => {
  // 00:30 local on Tuesday 7 September: "today" is the local date.
  const now = new Date("2021-09-06T22:30:00Z");
  const ctx = given({ policy: { horizonDays: 7 } });

  it("offers local dates up to today + horizonDays", () => {
    expect(statuses(ctx, ask({ notary: 1 }), "2021-09-08", "2021-09-15", now)).toMatchObject({
      "2021-09-14": "AVAILABLE 11",
      "2021-09-15": "FULL 0",
    });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-15", now)).toEqual([]);
    expect(checkStart(ctx, ask({ notary: 1 }), at("2021-09-15 09:00"), now)).toEqual({
      ok: false,
      error: { type: "BEYOND_HORIZON", lastBookableDate: "2021-09-14" },
    });
  });

  it("rejects calendar ranges longer than today…today + horizon", () => {
    expect(calendar(ctx, ask({ notary: 1 }), "2021-09-07", "2021-09-14", now).ok).toBe(true);
    expect(calendar(ctx, ask({ notary: 1 }), "2021-09-07", "2021-09-15", now)).toEqual({
      ok: false,
      error: [{ type: "RANGE_EXCEEDS_HORIZON", days: 9, maxDays: 8 }],
    });
  });
});

describe("staff reserve", () => {
  // c1 only: 09:00–12:00 = 180 minutes a day.
  const office: Partial<Office> = {
    counters: [{ id: "c1", serviceIds: ["passport", "certificate"] }],
    rules: [weekly("mornings", "MO,TU,WE,TH,FR", "09:00", "12:00")],
  };

  it("lets online bookings use at most (capacity − ⌈share × capacity⌉) minutes a day", () => {
    const ctx = given({ office, policy: { staffReserveShare: 0.5 }, busy: [busy("c1", "2021-09-08 09:00", "2021-09-08 10:00")] });
    // 60 online + 30 = 90 ≤ 180 − 90: fits exactly.
    expect(statuses(ctx, ask({ certificate: 2 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "AVAILABLE 7" });
    // 60 online + 45 = 105 > 90: the rest of the day is for staff.
    expect(statuses(ctx, ask({ passport: 1, certificate: 1 }), "2021-09-08", "2021-09-09")).toEqual({
      "2021-09-08": "FULL 0",
      "2021-09-09": "AVAILABLE 10",
    });
    expect(checkStart(ctx, ask({ passport: 1, certificate: 1 }), at("2021-09-08 10:00"), lastSunday)).toEqual({
      ok: false,
      error: { type: "STAFF_RESERVE_EXHAUSTED" },
    });
  });

  it("does not apply to STAFF requests, and STAFF bookings do not use the online share", () => {
    const ctx = given({
      office,
      policy: { staffReserveShare: 0.5 },
      busy: [busy("c1", "2021-09-08 09:00", "2021-09-08 10:00"), busy("c1", "2021-09-08 10:00", "2021-09-08 11:00", "STAFF")],
    });
    expect(statuses(ctx, ask({ passport: 1, certificate: 1 }, "STAFF"), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "AVAILABLE 2" });
    expect(statuses(ctx, ask({ certificate: 2 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "AVAILABLE 3" });
  });

  it("computes capacity after closures and reserves whole minutes", () => {
    // Closure 09:00–10:00 leaves 120 minutes; share 0.3 reserves ⌈36⌉ = 36, online may use 84.
    const closures: Closure[] = [{ id: "x", from: "2021-09-08", to: "2021-09-08", startTime: "09:00", endTime: "10:00", reason: "Meeting" }];
    const base = { office: { ...office, closures }, policy: { staffReserveShare: 0.3 } };
    const fits = given({ ...base, busy: [busy("c1", "2021-09-07 09:00", "2021-09-07 09:00"), busy("c1", "2021-09-08 10:00", "2021-09-08 10:54")] });
    expect(statuses(fits, ask({ certificate: 2 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "AVAILABLE 3" }); // 54 + 30 = 84
    const over = given({ ...base, busy: [busy("c1", "2021-09-08 10:00", "2021-09-08 10:55")] });
    expect(statuses(over, ask({ certificate: 2 }), "2021-09-08", "2021-09-08")).toEqual({ "2021-09-08": "FULL 0" }); // 55 + 30 = 85
  });
});

describe("closures and holidays", () => {
  it("removes starts overlapping a partial closure and reports CLOSED with its reason", () => {
    const closures: Closure[] = [{ id: "x", from: "2021-09-08", to: "2021-09-10", startTime: "10:00", endTime: "11:00", reason: "Betriebsversammlung" }];
    const ctx = given({ office: { closures } });
    expect(times(ctx, ask({ notary: 1 }), "2021-09-08")).toEqual(["09:00", "09:15", "09:30", "11:00", "11:15", "11:30"]);
    expect(checkStart(ctx, ask({ notary: 1 }), at("2021-09-10 09:45"), lastSunday)).toEqual({
      ok: false,
      error: { type: "CLOSED", reason: "Betriebsversammlung" },
    });
  });

  it("closes whole days, and public holidays of the office's state", () => {
    const closures: Closure[] = [{ id: "x", from: "2021-09-08", to: "2021-09-09", reason: "Umzug" }];
    expect(statuses(given({ office: { closures } }), ask({ passport: 1 }), "2021-09-07", "2021-09-10")).toEqual({
      "2021-09-07": "AVAILABLE 11",
      "2021-09-08": "CLOSED 0",
      "2021-09-09": "CLOSED 0",
      "2021-09-10": "AVAILABLE 11",
    });
    expect(checkStart(given(), ask({ passport: 1 }), new Date("2022-04-15T07:00:00Z"), lastSunday)).toEqual({
      ok: false,
      error: { type: "CLOSED", reason: "Karfreitag" },
    });
    // Reformation Day is a holiday in Brandenburg, not in North Rhine-Westphalia (2022-10-31 is a Monday).
    const now = new Date("2022-10-01T00:00:00Z");
    expect(statuses(given(), ask({ passport: 1 }), "2022-10-31", "2022-10-31", now)).toEqual({ "2022-10-31": "CLOSED 0" });
    expect(statuses(given({ office: { holidayRegion: "NW" } }), ask({ passport: 1 }), "2022-10-31", "2022-10-31", now)).toEqual({
      "2022-10-31": "AVAILABLE 11",
    });
  });
});

describe("walk-in windows", () => {
  it("reports walk-in windows for display but never offers them", () => {
    const r = calendar(given(), ask({ passport: 1 }), "2021-09-07", "2021-09-07", lastSunday);
    expect(r.ok && r.value.days[0]?.walkInWindows.map((w) => `${wallClock(w.start)}–${wallClock(w.end)}`)).toEqual(["14:00–16:00"]);
    expect(times(given(), ask({ passport: 1 }), "2021-09-07").every((t) => t < "12:00")).toBe(true);
    expect(checkStart(given(), ask({ passport: 1 }), at("2021-09-07 14:00"), lastSunday)).toEqual({
      ok: false,
      error: { type: "OUTSIDE_OPENING_HOURS" },
    });
  });

  it("trims walk-in windows by closures", () => {
    const closures: Closure[] = [{ id: "x", from: "2021-09-07", to: "2021-09-07", startTime: "15:00", endTime: "17:00", reason: "Schulung" }];
    const r = calendar(given({ office: { closures } }), ask({ passport: 1 }), "2021-09-07", "2021-09-07", lastSunday);
    expect(r.ok && r.value.days[0]?.walkInWindows.map((w) => `${wallClock(w.start)}–${wallClock(w.end)}`)).toEqual(["14:00–15:00"]);
  });
});

describe("rule validity and special days", () => {
  it("opens one-off special days (rrule null) and ends rules on validUntil inclusive", () => {
    const rules: ScheduleRule[] = [
      weekly("until-wednesday", "MO,TU,WE,TH,FR", "09:00", "12:00", { validUntil: "2021-09-08" }),
      { ...weekly("special-sunday", "SU", "10:00", "12:00"), rrule: null, validFrom: "2021-09-12" },
    ];
    expect(statuses(given({ office: { rules } }), ask({ passport: 1 }), "2021-09-07", "2021-09-13")).toEqual({
      "2021-09-07": "AVAILABLE 11",
      "2021-09-08": "AVAILABLE 11",
      "2021-09-09": "CLOSED 0",
      "2021-09-10": "CLOSED 0",
      "2021-09-11": "CLOSED 0",
      "2021-09-12": "AVAILABLE 7",
      "2021-09-13": "CLOSED 0",
    });
  });
});

describe("checkStart", () => {
  it("gives the start to the least-loaded counter of that day, ties by counter id", () => {
    const loads = [
      busy("c1", "2021-09-08 09:00", "2021-09-08 10:00"),
      busy("c2", "2021-09-08 09:00", "2021-09-08 09:30", "STAFF"),
      busy("c1", "2021-09-09 09:00", "2021-09-09 09:30"), // other days do not count
      busy("c2", "2021-09-07 09:00", "2021-09-07 12:00"),
    ];
    expect(checkStart(given({ busy: loads }), ask({ passport: 1 }), at("2021-09-08 11:00"), lastSunday)).toEqual({
      ok: true,
      value: {
        counterId: "c2",
        counterIds: ["c2", "c1"], // every counter that fits, least loaded first
        start: at("2021-09-08 11:00"),
        end: at("2021-09-08 11:30"),
      },
    });
    // equal loads keep the counters' order
    expect(checkStart(given(), ask({ passport: 1 }), at("2021-09-08 11:00"), lastSunday)).toMatchObject({
      ok: true,
      value: { counterId: "c1", counterIds: ["c1", "c2"] },
    });
    // Only a counter that is free at that time can get it, however loaded.
    expect(checkStart(given({ busy: loads }), ask({ passport: 1 }), at("2021-09-08 09:30"), lastSunday)).toMatchObject({
      ok: true,
      value: {
        counterId: "c2",
      },
    });
    expect(checkStart(given({ busy: loads }), ask({ passport: 1 }), at("2021-09-08 09:00"), lastSunday)).toEqual({
      ok: false,
      error: { type: "TAKEN" },
    });
  });

  it("names why a start is not bookable", () => {
    const reason = (start: Date, request = ask({ passport: 1 })) => {
      const r = checkStart(given(), request, start, lastSunday);
      return r.ok ? "ok" : r.error.type;
    };
    expect(reason(at("2021-09-08 09:05"))).toBe("OFF_GRID");
    expect(reason(new Date(at("2021-09-08 09:00").getTime() + 30_000))).toBe("OFF_GRID");
    expect(reason(at("2021-09-08 11:45"))).toBe("OUTSIDE_OPENING_HOURS"); // would end after 12:00
    expect(reason(at("2021-09-12 10:00"))).toBe("OUTSIDE_OPENING_HOURS"); // Sunday
    expect(reason(at("2021-09-01 10:00"))).toBe("TOO_SOON");
    expect(reason(at("2021-09-08 09:00"), ask({ nothing: 1 }))).toBe("INVALID_REQUEST");
    expect(checkStart(given(), ask({ passport: 1 }), new Date(Number.NaN), lastSunday)).toEqual({
      ok: false,
      error: { type: "INVALID_REQUEST", errors: [{ type: "MALFORMED_DATE", field: "start", value: "Invalid Date" }] },
    });
  });
});

describe("determinism", () => {
  it("gives the same answers with cold and warm caches", () => {
    const ctx = given({ busy: [busy("c1", "2021-09-08 09:00", "2021-09-08 10:00")] });
    const first = calendar(ctx, ask({ passport: 1 }), "2021-09-06", "2021-10-31", lastSunday);
    clearSchedulingCaches();
    expect(calendar(ctx, ask({ passport: 1 }), "2021-09-06", "2021-10-31", lastSunday)).toEqual(first);
  });
});
