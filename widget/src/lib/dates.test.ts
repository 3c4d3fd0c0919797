import { describe, expect, it } from "vitest";
import {
  addDays, addMonths, dateOf, endOfMonth, formatCountdown, formatDate, formatTime, monthGrid, nearest, today, weekday,
} from "./dates.ts";

describe("plain calendar dates", () => {
  it("adds days and months across month and year ends, clamping to the month's last day", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(endOfMonth("2026-02-10")).toBe("2026-02-28");
  });

  it("lays a month out in Monday-to-Sunday weeks", () => {
    // November 2026 starts on a Sunday and has 30 days: six rows.
    const grid = monthGrid("2026-11-21");
    expect(grid).toHaveLength(6);
    expect(grid[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(grid[5]).toEqual(["2026-11-30", null, null, null, null, null, null]);
    expect(weekday("2026-11-23")).toBe(0);
    // February 2027 starts on a Monday: exactly four rows.
    expect(monthGrid("2027-02-01")).toHaveLength(4);
  });
});

describe("time zones", () => {
  it("takes today from the office's time zone, not the browser's", () => {
    const lateEvening = new Date("2026-11-21T23:30:00Z");
    expect(today("Europe/Berlin", lateEvening)).toBe("2026-11-22");
    expect(today("America/New_York", lateEvening)).toBe("2026-11-21");
    expect(dateOf("2026-03-28T23:30:00Z", "Europe/Berlin")).toBe("2026-03-29");
  });

  it("formats times in the office's time zone on both sides of a daylight-saving change", () => {
    // 29 March 2026: clocks go from 02:00 to 03:00 in Germany.
    expect(formatTime("2026-03-28T08:00:00Z", "de", "Europe/Berlin")).toBe("09:00");
    expect(formatTime("2026-03-30T07:00:00Z", "de", "Europe/Berlin")).toBe("09:00");
    expect(formatDate("2026-03-29", "de")).toBe("Sonntag, 29. März 2026");
    expect(formatDate("2026-03-29", "en")).toBe("Sunday, March 29, 2026");
    expect(formatDate("2026-03-29", "de", "month")).toBe("März 2026");
  });
});

describe("helpers", () => {
  it("formats the hold countdown", () => {
    expect(formatCountdown(600)).toBe("10:00");
    expect(formatCountdown(61.9)).toBe("1:01");
    expect(formatCountdown(-3)).toBe("0:00");
  });

  it("offers the free times nearest to a taken one, in order", () => {
    const at = (t: string) => ({ start: `2026-11-23T${t}:00Z` });
    const free = [at("07:00"), at("07:30"), at("08:10"), at("08:15"), at("09:00")];
    expect(nearest(free, "2026-11-23T08:00:00Z").map((s) => s.start.slice(11, 16))).toEqual(["07:30", "08:10", "08:15"]);
  });
});
