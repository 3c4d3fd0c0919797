import { describe, expect, it } from "vitest";
import type { Office } from "../scheduling/types.ts";
import { generatePool, localDayOf } from "./pool.ts";

/** Two advisors for tax advice, one for something else; mornings on weekdays, a long Tuesday. */
const office: Office = {
  id: "o1",
  timeZone: "Europe/Berlin",
  holidayRegion: "NI",
  counters: [
    { id: "c1", serviceIds: ["tax"] },
    { id: "c2", serviceIds: ["tax"] },
    { id: "c3", serviceIds: ["other"] },
  ],
  rules: [
    { id: "r1", kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", startTime: "09:00", endTime: "12:00", validFrom: "2026-09-01", validUntil: null, counterId: null },
    { id: "r2", kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "13:00", endTime: "14:00", validFrom: "2026-09-01", validUntil: null, counterId: "c1" },
    { id: "r3", kind: "WALK_IN", rrule: "FREQ=WEEKLY;BYDAY=WE", startTime: "14:00", endTime: "16:00", validFrom: "2026-09-01", validUntil: null, counterId: null },
  ],
  closures: [{ id: "x1", from: "2026-09-03", to: "2026-09-03", startTime: "10:00", endTime: "12:00", reason: "team meeting" }],
};

describe("a campaign's slot pool from the opening rules", () => {
  it("given 45-minute advice on a 15-minute grid, tiles each window from its start on every counter serving the concern", () => {
    const pool = generatePool(office, "tax", 45, 15, "2026-09-01", "2026-09-01");
    expect(pool.ok).toBe(true);
    if (!pool.ok) return;
    const local = pool.value.map((s) => `${s.counterId} ${s.start.toISOString().slice(11, 16)}-${s.end.toISOString().slice(11, 16)}`);
    // Tuesday: 09:00–12:00 (UTC+2) gives 4 starts per counter, c1 also 13:00 (45 minutes fit in the hour).
    expect(local).toEqual([
      "c1 07:00-07:45", "c2 07:00-07:45", "c1 07:45-08:30", "c2 07:45-08:30",
      "c1 08:30-09:15", "c2 08:30-09:15", "c1 09:15-10:00", "c2 09:15-10:00",
      "c1 11:00-11:45",
    ]);
  });
  it("leaves out closures, holidays, weekends and walk-in hours", () => {
    const pool = generatePool(office, "tax", 45, 15, "2026-09-02", "2026-09-06");
    if (!pool.ok) throw new Error("pool refused");
    const perDay = new Map<string, number>();
    for (const s of pool.value) perDay.set(s.start.toISOString().slice(0, 10), (perDay.get(s.start.toISOString().slice(0, 10)) ?? 0) + 1);
    // Wed 8, Thu only 09:00–10:00 (one start each), Fri 8, nothing at the weekend.
    expect(Object.fromEntries(perDay)).toEqual({ "2026-09-02": 8, "2026-09-03": 2, "2026-09-04": 8 });
    const reformation = generatePool(office, "tax", 45, 15, "2026-10-31", "2026-10-31");
    expect(reformation.ok && reformation.value).toEqual([]); // Reformation Day: a holiday in Lower Saxony (and a Saturday)
  });
  it("refuses a reversed or too long period and a non-positive duration", () => {
    expect(generatePool(office, "tax", 45, 15, "2026-09-02", "2026-09-01")).toEqual({ ok: false, error: { type: "INVALID_PERIOD" } });
    expect(generatePool(office, "tax", 45, 15, "2026-01-01", "2027-12-31")).toEqual({ ok: false, error: { type: "PERIOD_TOO_LONG", maxDays: 400 } });
    expect(generatePool(office, "tax", 0, 15, "2026-09-01", "2026-09-01")).toEqual({ ok: false, error: { type: "INVALID_DURATION" } });
  });
});

describe("the local day of an instant", () => {
  it("is the office's date and ISO weekday, not UTC's", () => {
    expect(localDayOf("Europe/Berlin", new Date("2026-08-31T22:30:00Z"))).toEqual({ date: "2026-09-01", isoWeekday: 2 });
    expect(localDayOf("Europe/Berlin", new Date("2026-09-06T12:00:00Z"))).toEqual({ date: "2026-09-06", isoWeekday: 7 });
  });
});
