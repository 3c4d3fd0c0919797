/**
 * DESIGN.md case B: the citizens' service of a mid-size city in Brandenburg, schedule in
 * force from 1 September 2021, checked over September 2021 – February 2022.
 */
import { describe, expect, it } from "vitest";
import { calendar, freeStarts } from "./engine.ts";
import type { BusyInterval, CalendarDay, Office, ScheduleRule, SchedulingContext, SlotRequest } from "./types.ts";

const rule = (id: string, kind: ScheduleRule["kind"], rrule: string, startTime: string, endTime: string): ScheduleRule => ({
  id,
  kind,
  rrule,
  startTime,
  endTime,
  validFrom: "2021-09-01",
  validUntil: null,
  counterId: null,
});

const cityService: Office = {
  id: "buergerservice",
  timeZone: "Europe/Berlin",
  holidayRegion: "BB",
  counters: [
    { id: "counter-1", serviceIds: ["id-card", "registration"] },
    { id: "counter-2", serviceIds: ["id-card"] },
  ],
  rules: [
    rule("mon-thu-morning", "WALK_IN", "FREQ=WEEKLY;BYDAY=MO,TH", "09:00", "11:30"),
    rule("mon-thu-afternoon", "WALK_IN", "FREQ=WEEKLY;BYDAY=MO,TH", "13:00", "15:00"),
    rule("tue-wed-morning", "APPOINTMENT", "FREQ=WEEKLY;BYDAY=TU,WE", "09:00", "11:30"),
    rule("tue-afternoon", "WALK_IN", "FREQ=WEEKLY;BYDAY=TU", "14:00", "18:00"),
    rule("friday", "APPOINTMENT", "FREQ=WEEKLY;BYDAY=FR", "08:00", "12:00"),
    rule("second-and-fourth-saturday", "APPOINTMENT", "FREQ=MONTHLY;BYDAY=2SA,4SA", "08:00", "12:00"),
  ],
  closures: [],
};

const context = (busy: BusyInterval[] = [], office: Office = cityService): SchedulingContext => ({
  office,
  services: [
    { id: "id-card", durationMinutes: 20, maxQuantity: 3 },
    { id: "registration", durationMinutes: 15, maxQuantity: 5 },
  ],
  busy,
  policy: { slotGridMinutes: 15, minNoticeMinutes: 0, horizonDays: 200 },
});
const request: SlotRequest = { officeId: "buergerservice", items: [{ serviceId: "id-card", quantity: 1 }], channel: "ONLINE" };
const now = new Date("2021-08-31T10:00:00Z");

const wallClock = (d: Date) =>
  new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(d);
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday

function days(): CalendarDay[] {
  const r = calendar(context(), request, "2021-09-01", "2022-02-28", now);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return [...r.value.days];
}

describe("case B: city citizens' service (Brandenburg), September 2021 – February 2022", () => {
  it("opens exactly on the 2nd and 4th Saturdays, except Christmas Day", () => {
    const saturdays = days().filter((d) => weekday(d.date) === 6);
    expect(saturdays.filter((d) => d.status === "AVAILABLE").map((d) => d.date)).toEqual([
      "2021-09-11",
      "2021-09-25",
      "2021-10-09",
      "2021-10-23",
      "2021-11-13",
      "2021-11-27",
      "2021-12-11",
      // 2021-12-25 is the 4th Saturday of December, but 1. Weihnachtstag.
      "2022-01-08",
      "2022-01-22",
      "2022-02-12",
      "2022-02-26",
    ]);
    expect(saturdays.filter((d) => d.status !== "AVAILABLE").every((d) => d.status === "CLOSED")).toBe(true);
    expect(saturdays.find((d) => d.date === "2021-12-25")).toMatchObject({ status: "CLOSED", holiday: "1. Weihnachtstag" });
  });

  it("shows Mondays and Thursdays as walk-in only, with both walk-in windows", () => {
    const monThu = days().filter((d) => weekday(d.date) === 1 || weekday(d.date) === 4);
    expect(monThu).toHaveLength(52);
    expect(new Set(monThu.map((d) => d.status))).toEqual(new Set(["WALK_IN_ONLY"]));
    for (const d of monThu) {
      expect(d.freeStartCount).toBe(0);
      expect(d.walkInWindows.map((w) => `${wallClock(w.start)}–${wallClock(w.end)}`)).toEqual(["09:00–11:30", "13:00–15:00"]);
    }
    // Summer and winter time: the same wall-clock windows are different UTC instants.
    const summer = monThu.find((d) => d.date === "2021-09-06");
    const winter = monThu.find((d) => d.date === "2021-11-08");
    expect(summer?.walkInWindows[0]?.start.toISOString()).toBe("2021-09-06T07:00:00.000Z");
    expect(winter?.walkInWindows[0]?.start.toISOString()).toBe("2021-11-08T08:00:00.000Z");
  });

  it("keeps Sundays closed", () => {
    const sundays = days().filter((d) => weekday(d.date) === 0);
    expect(sundays).toHaveLength(26);
    expect(sundays.every((d) => d.status === "CLOSED" && d.walkInWindows.length === 0)).toBe(true);
  });

  it("offers appointments on Tuesdays, Wednesdays and Fridays, with the Tuesday walk-in afternoon shown", () => {
    const all = days();
    const tueWedFri = all.filter((d) => [2, 3, 5].includes(weekday(d.date)));
    expect(tueWedFri).toHaveLength(77);
    expect(tueWedFri.every((d) => d.status === "AVAILABLE")).toBe(true);
    // 30-minute appointments (20 min rounded up to the 15-minute grid).
    expect(new Set(tueWedFri.filter((d) => weekday(d.date) !== 5).map((d) => d.freeStartCount))).toEqual(new Set([9])); // 09:00…11:00
    expect(new Set(tueWedFri.filter((d) => weekday(d.date) === 5).map((d) => d.freeStartCount))).toEqual(new Set([15])); // 08:00…11:30
    const tuesday = all.find((d) => d.date === "2021-09-07");
    expect(tuesday?.walkInWindows.map((w) => `${wallClock(w.start)}–${wallClock(w.end)}`)).toEqual(["14:00–18:00"]);
  });

  it("knows the Brandenburg public holidays of the period — none of them falls on a weekday", () => {
    const holidays = days()
      .filter((d) => d.holiday !== null)
      .map((d) => [d.date, d.holiday, d.status]);
    expect(holidays).toEqual([
      ["2021-10-03", "Tag der Deutschen Einheit", "CLOSED"],
      ["2021-10-31", "Reformationstag", "CLOSED"],
      ["2021-12-25", "1. Weihnachtstag", "CLOSED"],
      ["2021-12-26", "2. Weihnachtstag", "CLOSED"],
      ["2022-01-01", "Neujahr", "CLOSED"],
    ]);
    // Christmas Eve and New Year's Eve are Fridays and not public holidays: open unless closed explicitly.
    const eves = days().filter((d) => d.date === "2021-12-24" || d.date === "2021-12-31");
    expect(eves.map((d) => d.status)).toEqual(["AVAILABLE", "AVAILABLE"]);
    const withClosures: Office = {
      ...cityService,
      closures: [
        { id: "xmas-eve", from: "2021-12-24", to: "2021-12-24", reason: "Heiligabend" },
        { id: "nye", from: "2021-12-31", to: "2021-12-31", reason: "Silvester" },
      ],
    };
    const closed = calendar(context([], withClosures), request, "2021-12-20", "2021-12-31", now);
    expect(closed.ok && closed.value.days.filter((d) => d.status === "CLOSED").map((d) => d.date)).toEqual([
      "2021-12-24",
      "2021-12-25",
      "2021-12-26",
      "2021-12-31",
    ]);
  });

  it("closes weekday holidays too: Good Friday and Easter Monday 2022", () => {
    const r = calendar(context(), request, "2022-04-11", "2022-04-19", new Date("2022-04-01T10:00:00Z"));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.days.map((d) => `${d.date} ${d.status}`)).toEqual([
      "2022-04-11 WALK_IN_ONLY",
      "2022-04-12 AVAILABLE",
      "2022-04-13 AVAILABLE",
      "2022-04-14 WALK_IN_ONLY",
      "2022-04-15 CLOSED", // Karfreitag
      "2022-04-16 CLOSED", // 3rd Saturday
      "2022-04-17 CLOSED", // Ostersonntag
      "2022-04-18 CLOSED", // Ostermontag: the walk-in hours are closed as well
      "2022-04-19 AVAILABLE",
    ]);
    expect(r.value.days[4]?.holiday).toBe("Karfreitag");
  });

  it("lists the free times of a Friday around existing bookings", () => {
    const booked: BusyInterval[] = [
      // counter-1 09:00–09:30 and counter-2 09:00–10:00 (CEST = UTC+2)
      { counterId: "counter-1", start: new Date("2021-09-10T07:00:00Z"), end: new Date("2021-09-10T07:30:00Z"), channel: "ONLINE" },
      { counterId: "counter-2", start: new Date("2021-09-10T07:00:00Z"), end: new Date("2021-09-10T08:00:00Z"), channel: "STAFF" },
    ];
    const r = freeStarts(context(booked), request, "2021-09-10", now);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.starts.map((s) => wallClock(s.start))).toEqual([
      "08:00",
      "08:15",
      "08:30",
      // 08:45 would end 09:15 and 09:00/09:15 collide on both counters;
      // 09:30 and 09:45 are free on counter-1 only.
      "09:30",
      "09:45",
      "10:00",
      "10:15",
      "10:30",
      "10:45",
      "11:00",
      "11:15",
      "11:30",
    ]);
    expect(r.value.starts.every((s) => s.end.getTime() - s.start.getTime() === 30 * 60_000)).toBe(true);
  });

  it("offers nothing under the new schedule before 1 September", () => {
    const r = calendar(context(), request, "2021-08-27", "2021-09-01", new Date("2021-08-20T10:00:00Z"));
    expect(r.ok && r.value.days.map((d) => d.status)).toEqual(["CLOSED", "CLOSED", "CLOSED", "CLOSED", "CLOSED", "AVAILABLE"]);
  });
});
