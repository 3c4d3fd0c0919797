import { describe, expect, it } from "vitest";
import { fromRrule, occurrences, splitRules, toRrule, validTimes } from "./hours.ts";

describe("hours editor rules", () => {
  it("given every 2nd and 4th Saturday, when written, then it is FREQ=MONTHLY;BYDAY=2SA,4SA and reads back", () => {
    const rule = { days: ["SA" as const], repeat: { kind: "monthly" as const, weeks: [4, 2] } };
    expect(toRrule(rule)).toBe("FREQ=MONTHLY;BYDAY=2SA,4SA");
    expect(fromRrule("FREQ=MONTHLY;BYDAY=2SA,4SA")).toEqual({ days: ["SA"], repeat: { kind: "monthly", weeks: [2, 4] } });
  });

  it("given weekdays out of order, when written weekly, then they are in week order", () => {
    expect(toRrule({ days: ["FR", "MO", "WE"], repeat: { kind: "every" } })).toBe("FREQ=WEEKLY;BYDAY=MO,WE,FR");
    expect(toRrule({ days: ["TU"], repeat: { kind: "biweekly" } })).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
    expect(toRrule({ days: ["TH"], repeat: { kind: "monthly", weeks: [-1, 1] } })).toBe("FREQ=MONTHLY;BYDAY=1TH,-1TH");
  });

  it("given a rule the editor cannot show, when read, then it is null", () => {
    expect(fromRrule("FREQ=DAILY")).toBeNull();
    expect(fromRrule("FREQ=MONTHLY;BYDAY=2SA,4SU")).toBeNull();
    expect(fromRrule("FREQ=WEEKLY;BYDAY=MO;COUNT=3")).toBeNull();
  });

  it("given every 2nd and 4th Saturday, when previewed for December 2026, then it is the 12th and 26th", () => {
    expect(occurrences("FREQ=MONTHLY;BYDAY=2SA,4SA", "2021-09-01", "2026-12-01", 31)).toEqual(["2026-12-12", "2026-12-26"]);
  });

  it("given every second Tuesday from 1 Dec 2026, when previewed for four weeks, then two Tuesdays", () => {
    expect(occurrences("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-12-01", "2026-12-01", 28)).toEqual(["2026-12-01", "2026-12-15"]);
  });

  it("checks times", () => {
    expect(validTimes("08:00", "12:00")).toBe(true);
    expect(validTimes("12:00", "08:00")).toBe(false);
    expect(validTimes("8:00", "12:00")).toBe(false);
  });

  it("given an office's stored rules, when split, then only weekdays × repeat are editable and every other rule is kept read-only, untouched", () => {
    const stored = [
      { id: "a", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
      { id: "b", rrule: "FREQ=MONTHLY;BYDAY=2SA,4SA" },
      { id: "c", rrule: "FREQ=MONTHLY;BYMONTHDAY=15" },
      { id: "d", rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1" },
      { id: "e", rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=3" },
      { id: "f", rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301" },
      { id: "g", rrule: "FREQ=WEEKLY;INTERVAL=3;BYDAY=WE" },
      { id: "h", rrule: null },
      { id: "i", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH" },
    ];
    const { editable, readOnly } = splitRules(stored);
    expect(editable.map((r) => [r.id, r.repeat.kind])).toEqual([["a", "every"], ["b", "monthly"], ["i", "biweekly"]]);
    expect(readOnly).toEqual(stored.filter((r) => "cdefgh".includes(r.id)));
  });

  it("given a one-off opening and a rule ending in the week, when previewed, then the day itself and nothing after the end", () => {
    expect(occurrences(null, "2026-12-03", "2026-12-01", 7)).toEqual(["2026-12-03"]);
    expect(occurrences(null, "2026-12-30", "2026-12-01", 7)).toEqual([]);
    expect(occurrences("FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-01", "2026-11-30", 14, "2026-12-07")).toEqual(["2026-11-30", "2026-12-03", "2026-12-07"]);
  });
});
