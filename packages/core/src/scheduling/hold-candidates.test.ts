/** Which starts a hold tries, in Europe/Berlin summer time (UTC+2), Wednesday 8 September 2021. */
import { describe, expect, it } from "vitest";
import { holdCandidates, holdWish } from "./hold-candidates.ts";
import type { BusyInterval, Office, SchedulingContext, SlotRequest } from "./types.ts";

const at = (local: string) => new Date(`${local.replace(" ", "T")}:00+02:00`);
const wallClock = (d: Date) =>
  new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(d);
const now = new Date("2021-09-05T10:00:00Z");

const office: Office = {
  id: "office",
  timeZone: "Europe/Berlin",
  holidayRegion: "BB",
  counters: [{ id: "c1", serviceIds: ["pass"] }],
  rules: [
    {
      id: "mornings",
      kind: "APPOINTMENT",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      startTime: "09:00",
      endTime: "12:00",
      validFrom: "2021-09-01",
      validUntil: null,
      counterId: null,
    },
  ],
  closures: [],
};
const request: SlotRequest = { officeId: "office", items: [{ serviceId: "pass", quantity: 1 }], channel: "ONLINE" };
const given = (busy: BusyInterval[] = []): SchedulingContext => ({
  office,
  services: [{ id: "pass", durationMinutes: 30, maxQuantity: 1 }],
  busy,
  policy: { slotGridMinutes: 30, minNoticeMinutes: 0, horizonDays: 60 },
});
const taken = (from: string, to: string): BusyInterval => ({ counterId: "c1", start: at(from), end: at(to), channel: "ONLINE" });

describe("reading a hold wish", () => {
  it("an exact start, or the nearest free one when asked", () => {
    const start = at("2021-09-08 09:00");
    expect(holdWish({ start })).toEqual({ ok: true, value: { kind: "EXACT", start } });
    expect(holdWish({ start, orNearest: true })).toEqual({ ok: true, value: { kind: "NEAREST", start } });
  });

  it("any start on a day within a window", () => {
    expect(holdWish({ day: "2021-09-08", notBefore: "10:00", notAfter: "11:30" })).toEqual({
      ok: true,
      value: { kind: "ANY_ON_DAY", date: "2021-09-08", notBefore: "10:00", notAfter: "11:30" },
    });
  });

  it("needs exactly one of start and day", () => {
    expect(holdWish({})).toEqual({ ok: false, error: { type: "START_OR_DAY_REQUIRED" } });
    expect(holdWish({ start: at("2021-09-08 09:00"), day: "2021-09-08" })).toEqual({ ok: false, error: { type: "START_OR_DAY_REQUIRED" } });
  });

  it("refuses a window time that is not HH:MM", () => {
    expect(holdWish({ day: "2021-09-08", notBefore: "9 Uhr" })).toEqual({ ok: false, error: { type: "MALFORMED_TIME", field: "notBefore" } });
    expect(holdWish({ day: "2021-09-08", notAfter: "24:00" })).toEqual({ ok: false, error: { type: "MALFORMED_TIME", field: "notAfter" } });
  });
});

describe("the starts a hold tries", () => {
  it("EXACT: only the wanted start, taken or not", () => {
    const ctx = given([taken("2021-09-08 10:00", "2021-09-08 10:30")]);
    expect(holdCandidates(ctx, request, { kind: "EXACT", start: at("2021-09-08 10:00") }, now).map(wallClock)).toEqual(["10:00"]);
  });

  it("NEAREST: the wanted start first, then free starts by distance from it", () => {
    const ctx = given([taken("2021-09-08 10:00", "2021-09-08 11:00")]);
    const tried = holdCandidates(ctx, request, { kind: "NEAREST", start: at("2021-09-08 10:00") }, now, 4).map(wallClock);
    expect(tried).toEqual(["10:00", "09:30", "09:00", "11:00"]); // a tie goes to the earlier start
  });

  it("NEAREST: moves on to the next day when the wanted day is full", () => {
    const ctx = given([taken("2021-09-08 09:00", "2021-09-08 12:00")]);
    const tried = holdCandidates(ctx, request, { kind: "NEAREST", start: at("2021-09-08 11:30") }, now, 3);
    expect(tried.map((d) => d.toISOString())).toEqual([at("2021-09-08 11:30"), at("2021-09-09 09:00"), at("2021-09-09 09:30")].map((d) => d.toISOString()));
  });

  it("ANY_ON_DAY: the day's free starts within the window, earliest first", () => {
    const ctx = given([taken("2021-09-08 10:00", "2021-09-08 10:30")]);
    const wish = { kind: "ANY_ON_DAY", date: "2021-09-08", notBefore: "09:30", notAfter: "11:00" } as const;
    expect(holdCandidates(ctx, request, wish, now).map(wallClock)).toEqual(["09:30", "10:30", "11:00"]);
  });

  it("ANY_ON_DAY: nothing on a closed or full day", () => {
    expect(holdCandidates(given(), request, { kind: "ANY_ON_DAY", date: "2021-09-12" }, now)).toEqual([]);
    const full = given([taken("2021-09-08 09:00", "2021-09-08 12:00")]);
    expect(holdCandidates(full, request, { kind: "ANY_ON_DAY", date: "2021-09-08" }, now)).toEqual([]);
  });

  it("never tries more than the limit", () => {
    expect(holdCandidates(given(), request, { kind: "ANY_ON_DAY", date: "2021-09-08" }, now, 2)).toHaveLength(2);
  });
});
