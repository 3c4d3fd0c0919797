import { describe, expect, it } from "vitest";
import { describeRruleDe, describeRruleEn } from "./rrule-text.ts";

describe("descriptions of rules the hours editor cannot edit", () => {
  it.each([
    ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "monatlich am letzten der Tage Mo, Di, Mi, Do, Fr"],
    ["FREQ=MONTHLY;BYMONTHDAY=1,15", "monatlich am 1. und 15. Tag des Monats"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "monatlich am letzten Tag des Monats"],
    ["FREQ=MONTHLY;BYDAY=4SA,2SA,-1FR", "monatlich am 2. und 4. Sa, letzten Fr"],
    ["FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;COUNT=10", "alle 3 Wochen am Mi, 10-mal"],
    ["FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270301", "wöchentlich am Mo, Do, bis 01.03.2027"],
    ["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", "jährlich im Dezember am 24. Tag des Monats"],
    ["RRULE:FREQ=DAILY;INTERVAL=2", "alle 2 Tage"],
  ])("given %s, when described in German, then %j", (body, text) => {
    expect(describeRruleDe(body)).toBe(text);
  });

  it("given parts it cannot describe or a rule that does not parse, when described, then null (the raw rule is shown)", () => {
    expect(describeRruleDe("FREQ=YEARLY;BYWEEKNO=20")).toBeNull();
    expect(describeRruleDe("FREQ=YEARLY;BYYEARDAY=100")).toBeNull();
    expect(describeRruleDe("FREQ=SOMETIMES")).toBeNull();
    expect(describeRruleDe("FREQ=HOURLY")).toBeNull();
  });

  it("given BYSETPOS, which the library's English leaves out, when described in English, then null; otherwise the library's text", () => {
    expect(describeRruleEn("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")).toBeNull();
    expect(describeRruleEn("FREQ=MONTHLY;BYMONTHDAY=15")).toBe("every month on the 15th");
    expect(describeRruleEn("FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;COUNT=10")).toBe("every 3 weeks on Wednesday for 10 times");
  });
});
