/**
 * Daylight-saving change days in Europe/Berlin: 2021-03-28 (02:00 CET → 03:00 CEST, the hour
 * 02:00–03:00 does not exist) and 2021-10-31 (03:00 CEST → 02:00 CET, 02:00–03:00 twice).
 */
import { describe, expect, it } from "vitest";
import { calendar, checkStart, freeStarts } from "./engine.ts";
import { instantToLocal, localDayAround, localRangeToInstants, offsetAtMs } from "./time-zone.ts";
import { parseLocalDate } from "./local-date.ts";
import type { Closure, Office, SchedulingContext, SlotRequest } from "./types.ts";

const office = (startTime: string, endTime: string, closures: Closure[] = []): Office => ({
  id: "o",
  timeZone: "Europe/Berlin",
  holidayRegion: null,
  counters: [{ id: "c1", serviceIds: ["s"] }],
  // Open every day, Sundays included, so the change days (both Sundays) have hours.
  rules: [
    { id: "daily", kind: "APPOINTMENT", rrule: "FREQ=DAILY", startTime, endTime, validFrom: "2021-01-01", validUntil: null, counterId: null },
  ],
  closures,
});
const context = (o: Office, grid = 15): SchedulingContext => ({
  office: o,
  services: [{ id: "s", durationMinutes: 30, maxQuantity: 1 }],
  busy: [],
  policy: { slotGridMinutes: grid, minNoticeMinutes: 0, horizonDays: 400 },
});
const request: SlotRequest = { officeId: "o", items: [{ serviceId: "s", quantity: 1 }], channel: "ONLINE" };
const now = new Date("2021-01-01T00:00:00Z");

const wallClock = (d: Date) =>
  new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(d);
const startsOf = (ctx: SchedulingContext, date: string) => {
  const r = freeStarts(ctx, request, date, now);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.starts;
};

describe("daylight saving in Europe/Berlin", () => {
  const morning = context(office("09:00", "11:30"));
  const expectedMorning = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"];

  for (const [changeDay, before, after] of [
    ["2021-03-28", "2021-03-27", "2021-03-29"],
    ["2021-10-31", "2021-10-30", "2021-11-01"],
  ] as const) {
    it(`keeps a 09:00–11:30 window at 09:00–11:30 wall clock on ${changeDay}`, () => {
      for (const date of [before, changeDay, after]) {
        const starts = startsOf(morning, date);
        expect(starts.map((s) => wallClock(s.start).slice(0, 5)), date).toEqual(expectedMorning);
        expect(starts.every((s) => s.end.getTime() - s.start.getTime() === 30 * 60_000)).toBe(true);
      }
      const r = calendar(morning, request, before, after, now);
      expect(r.ok && r.value.days.map((d) => d.freeStartCount)).toEqual([9, 9, 9]);
    });
  }

  it("maps the same wall-clock start to the instant of the offset in force", () => {
    expect(startsOf(morning, "2021-03-27")[0]?.start.toISOString()).toBe("2021-03-27T08:00:00.000Z"); // CET
    expect(startsOf(morning, "2021-03-28")[0]?.start.toISOString()).toBe("2021-03-28T07:00:00.000Z"); // CEST
    expect(startsOf(morning, "2021-10-31")[0]?.start.toISOString()).toBe("2021-10-31T08:00:00.000Z"); // CET
  });

  it("spring forward: a 01:00–04:00 window lasts two real hours and offers no start in the missing hour", () => {
    const starts = startsOf(context(office("01:00", "04:00"), 30), "2021-03-28");
    expect(starts.map((s) => wallClock(s.start))).toEqual(["01:00 MEZ", "01:30 MEZ", "03:00 MESZ", "03:30 MESZ"]);
    // The 01:30 appointment lasts 30 real minutes and ends at 03:00 CEST.
    expect(starts[1]?.end.toISOString()).toBe(starts[2]?.start.toISOString());
    expect(starts.map((s) => s.start.toISOString())).toEqual([
      "2021-03-28T00:00:00.000Z",
      "2021-03-28T00:30:00.000Z",
      "2021-03-28T01:00:00.000Z",
      "2021-03-28T01:30:00.000Z",
    ]);
  });

  it("spring forward: a window inside the missing hour is empty, one starting in it begins at 03:00", () => {
    const gapOnly = calendar(context(office("02:00", "03:00"), 30), request, "2021-03-27", "2021-03-29", now);
    expect(gapOnly.ok && gapOnly.value.days.map((d) => [d.status, d.freeStartCount])).toEqual([
      ["AVAILABLE", 2],
      ["CLOSED", 0],
      ["AVAILABLE", 2],
    ]);
    const fromGap = startsOf(context(office("02:30", "04:00"), 30), "2021-03-28");
    expect(fromGap.map((s) => wallClock(s.start))).toEqual(["03:00 MESZ", "03:30 MESZ"]);
  });

  it("fall back: a 01:00–04:00 window lasts four real hours and offers the repeated hour twice", () => {
    const starts = startsOf(context(office("01:00", "04:00"), 30), "2021-10-31");
    expect(starts.map((s) => wallClock(s.start))).toEqual([
      "01:00 MESZ",
      "01:30 MESZ",
      "02:00 MESZ",
      "02:30 MESZ",
      "02:00 MEZ",
      "02:30 MEZ",
      "03:00 MEZ",
      "03:30 MEZ",
    ]);
    // Distinct, ascending, half-hourly instants: nothing doubled, nothing skipped.
    const ms = starts.map((s) => s.start.getTime());
    expect(ms.every((t, i) => i === 0 || t - (ms[i - 1] as number) === 30 * 60_000)).toBe(true);
    expect(starts[0]?.start.toISOString()).toBe("2021-10-30T23:00:00.000Z");
  });

  it("fall back: a 02:00–03:00 window covers both passes of the hour; a closure of 02:00–03:00 closes both", () => {
    const both = startsOf(context(office("02:00", "03:00"), 30), "2021-10-31");
    expect(both.map((s) => wallClock(s.start))).toEqual(["02:00 MESZ", "02:30 MESZ", "02:00 MEZ", "02:30 MEZ"]);

    const closure: Closure = { id: "x", from: "2021-10-31", to: "2021-10-31", startTime: "02:00", endTime: "03:00", reason: "Umstellung" };
    const closed = startsOf(context(office("01:00", "04:00", [closure]), 30), "2021-10-31");
    expect(closed.map((s) => wallClock(s.start))).toEqual(["01:00 MESZ", "01:30 MESZ", "03:00 MEZ", "03:30 MEZ"]);
  });

  it("checks starts in the repeated hour as the distinct instants they are", () => {
    const ctx = context(office("01:00", "04:00"), 30);
    const cest = checkStart(ctx, request, new Date("2021-10-31T00:00:00Z"), now); // 02:00 CEST
    const cet = checkStart(ctx, request, new Date("2021-10-31T01:00:00Z"), now); // 02:00 CET
    expect(cest).toMatchObject({ ok: true, value: { end: new Date("2021-10-31T00:30:00Z") } });
    expect(cet).toMatchObject({ ok: true, value: { end: new Date("2021-10-31T01:30:00Z") } });
  });

  it("converts wall-clock ranges of change days to exact instant ranges", () => {
    const day = (d: string) => parseLocalDate(d) as number;
    const ranges = (d: string, from: number, to: number) => {
      const out: number[] = [];
      localRangeToInstants("Europe/Berlin", day(d), from, to, out);
      return out.map((m) => new Date(m * 60_000).toISOString().slice(11, 16));
    };
    expect(ranges("2021-03-28", 0, 1440)).toEqual(["23:00", "22:00"]); // 23 h day
    expect(ranges("2021-10-31", 0, 1440)).toEqual(["22:00", "23:00"]); // 25 h day
    expect(ranges("2021-03-28", 120, 180)).toEqual([]);
    expect(ranges("2021-10-31", 60, 150)).toEqual(["23:00", "00:30", "01:00", "01:30"]); // 01:00–02:30: two pieces
    expect(instantToLocal("Europe/Berlin", Date.parse("2021-10-31T00:30:00Z"))).toEqual({ day: day("2021-10-31"), minuteOfDay: 150 });
    expect(instantToLocal("Europe/Berlin", Date.parse("2021-10-31T01:30:00Z"))).toEqual({ day: day("2021-10-31"), minuteOfDay: 150 });
  });

  it("names the local day around an instant, 23 or 25 hours long on change days", () => {
    const around = (iso: string) => {
      const { start, end } = localDayAround("Europe/Berlin", new Date(iso));
      return [start.toISOString(), end.toISOString()];
    };
    expect(around("2021-03-28T21:59:00Z")).toEqual(["2021-03-27T23:00:00.000Z", "2021-03-28T22:00:00.000Z"]);
    expect(around("2021-03-28T22:00:00Z")).toEqual(["2021-03-28T22:00:00.000Z", "2021-03-29T22:00:00.000Z"]);
    expect(around("2021-10-31T00:30:00Z")).toEqual(["2021-10-30T22:00:00.000Z", "2021-10-31T23:00:00.000Z"]);
  });

  it("handles other zones' change days the same way (America/New_York, 2021-03-14)", () => {
    const ny: Office = { ...office("01:00", "04:00"), timeZone: "America/New_York" };
    const starts = startsOf(context(ny, 30), "2021-03-14");
    expect(starts.map((s) => s.start.toISOString().slice(11, 16))).toEqual(["06:00", "06:30", "07:00", "07:30"]);
  });
});

describe("dates a zone skips", () => {
  it("treats Samoa's skipped 30 December 2011 as an empty, closed day", () => {
    const base = office("09:00", "12:00");
    const apia: Office = { ...base, timeZone: "Pacific/Apia", rules: base.rules.map((r) => ({ ...r, validFrom: "2011-01-01" })) };
    const r = calendar(context(apia), request, "2011-12-29", "2011-12-31", new Date("2011-12-01T00:00:00Z"));
    expect(r.ok && r.value.days.map((d) => [d.date, d.status, d.freeStartCount])).toEqual([
      ["2011-12-29", "AVAILABLE", 11],
      ["2011-12-30", "CLOSED", 0],
      ["2011-12-31", "AVAILABLE", 11],
    ]);
  });
});

describe("offsetAtMs remembered per quarter hour", () => {
  /** The offset as Intl names it ("GMT+05:45"), parsed: an independent reading. */
  const namedOffset = (timeZone: string, ms: number) => {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(ms).find((p) => p.type === "timeZoneName")!.value;
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };

  it("answers exactly, minute by minute, across transitions, asked twice (the second time from memory)", () => {
    const cases: [string, string][] = [
      ["Europe/Berlin", "2030-03-31T00:00:00Z"], // +01:00 -> +02:00 at 01:00Z
      ["Europe/Berlin", "2030-10-27T00:00:00Z"], // +02:00 -> +01:00 at 01:00Z
      ["Australia/Lord_Howe", "2030-04-06T14:00:00Z"], // half-hour daylight saving
      ["Asia/Kathmandu", "2030-01-01T00:00:00Z"], // +05:45, no transition
      ["America/St_Johns", "2030-03-10T04:00:00Z"], // -03:30 -> -02:30
      ["Europe/Berlin", "1893-03-31T22:00:00Z"], // local mean time +00:53:28 -> +01:00 at 23:06:32Z, inside a quarter hour
    ];
    for (const [zone, from] of cases) {
      for (const pass of [1, 2]) {
        for (let minute = 0; minute < 240; minute++) {
          const ms = Date.parse(from) + minute * 60_000 + (pass === 2 ? 29_000 : 0);
          expect([zone, ms, offsetAtMs(zone, ms)]).toEqual([zone, ms, namedOffset(zone, ms)]);
        }
      }
    }
  });
});
