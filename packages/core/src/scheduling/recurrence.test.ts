import { describe, expect, it } from "vitest";
import { formatLocalDate, parseLocalDate } from "./local-date.ts";
import { compileRecurrence } from "./recurrence.ts";

const d = (s: string) => parseLocalDate(s) as number;
function dates(rrule: string | null, from: string, until: string | null, rangeFrom: string, rangeTo: string): string[] {
  const c = compileRecurrence(rrule, d(from), until === null ? Infinity : d(until));
  if (!c.ok) throw new Error(c.error);
  const out: string[] = [];
  for (let day = d(rangeFrom); day <= d(rangeTo); day++) if (c.value.occursOn(day)) out.push(formatLocalDate(day));
  return out;
}

describe("recurrences (floating dates, expanded with rrule)", () => {
  it("expands every 2nd and 4th Saturday as one rule", () => {
    expect(dates("FREQ=MONTHLY;BYDAY=2SA,4SA", "2021-09-01", null, "2021-09-01", "2021-10-31")).toEqual([
      "2021-09-11",
      "2021-09-25",
      "2021-10-09",
      "2021-10-23",
    ]);
  });

  it("counts INTERVAL weeks from the week of validFrom", () => {
    expect(dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2021-09-01", null, "2021-09-01", "2021-10-10")).toEqual([
      "2021-09-13",
      "2021-09-27",
    ]);
  });

  it("respects validFrom, validUntil (inclusive), COUNT and UNTIL", () => {
    expect(dates("FREQ=DAILY", "2021-09-03", "2021-09-05", "2021-09-01", "2021-09-10")).toEqual(["2021-09-03", "2021-09-04", "2021-09-05"]);
    expect(dates("FREQ=WEEKLY;BYDAY=FR;COUNT=2", "2021-09-01", null, "2021-09-01", "2021-09-30")).toEqual(["2021-09-03", "2021-09-10"]);
    expect(dates("FREQ=WEEKLY;BYDAY=FR;UNTIL=20210910", "2021-09-01", null, "2021-09-01", "2021-09-30")).toEqual(["2021-09-03", "2021-09-10"]);
  });

  it("treats a null rule as a one-off day", () => {
    expect(dates(null, "2021-09-12", null, "2021-09-01", "2021-09-30")).toEqual(["2021-09-12"]);
  });

  it("expands across block and year boundaries, far from validFrom", () => {
    const all = dates("FREQ=MONTHLY;BYMONTHDAY=1", "2015-01-01", null, "2024-11-01", "2025-03-01");
    expect(all).toEqual(["2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01", "2025-03-01"]);
    expect(dates("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", "2020-01-01", null, "2020-01-01", "2023-12-31")).toEqual([
      "2020-12-24",
      "2021-12-24",
      "2022-12-24",
      "2023-12-24",
    ]);
  });
});
