import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, formatLocalDate, parseLocalDate, parseLocalTime } from "./local-date.ts";

describe("local dates", () => {
  it("round-trips day numbers and agrees with Date.UTC", () => {
    for (let n = -800_000; n <= 800_000; n += 997) {
      const { year, month, day } = civilFromDays(n);
      expect(daysFromCivil(year, month, day)).toBe(n);
      if (year >= 1000 && year <= 9999) expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(n);
    }
  });

  it("parses strict YYYY-MM-DD of real days only", () => {
    expect(parseLocalDate("1970-01-01")).toBe(0);
    expect(parseLocalDate("2024-02-29")).toBe(19782);
    for (const bad of ["2023-02-29", "2021-13-01", "2021-00-10", "2021-9-1", "2021-09-01T00:00", " 2021-09-01", ""]) {
      expect(parseLocalDate(bad), bad).toBeNull();
    }
    expect(formatLocalDate(19782)).toBe("2024-02-29");
  });

  it("parses HH:MM, with 24:00 only as an end", () => {
    expect(parseLocalTime("00:00")).toBe(0);
    expect(parseLocalTime("23:59")).toBe(1439);
    expect(parseLocalTime("24:00")).toBeNull();
    expect(parseLocalTime("24:00", true)).toBe(1440);
    for (const bad of ["9:00", "12:60", "25:00", "12:00:00", "noon"]) expect(parseLocalTime(bad, true), bad).toBeNull();
  });
});
