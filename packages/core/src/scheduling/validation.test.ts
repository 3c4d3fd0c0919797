import { describe, expect, it } from "vitest";
import { calendar, checkStart, freeStarts } from "./engine.ts";
import { validateOffice, validatePolicy, validateRequest } from "./validation.ts";
import type { Office, ScheduleRule, SchedulingContext, SlotRequest } from "./types.ts";

const rule: ScheduleRule = {
  id: "r1",
  kind: "APPOINTMENT",
  rrule: "FREQ=WEEKLY;BYDAY=MO,TU",
  startTime: "09:00",
  endTime: "12:00",
  validFrom: "2021-09-01",
  validUntil: null,
  counterId: null,
};
const office: Office = {
  id: "office",
  timeZone: "Europe/Berlin",
  holidayRegion: "BB",
  counters: [
    { id: "c1", serviceIds: ["a", "b"] },
    { id: "c2", serviceIds: ["c"] },
  ],
  rules: [rule],
  closures: [],
};
const ctx: SchedulingContext = {
  office,
  services: [
    { id: "a", durationMinutes: 10, maxQuantity: 2 },
    { id: "b", durationMinutes: 10, maxQuantity: 1 },
    { id: "c", durationMinutes: 10, maxQuantity: 1 },
    { id: "nowhere", durationMinutes: 10, maxQuantity: 1 },
  ],
  busy: [],
  policy: { slotGridMinutes: 15, minNoticeMinutes: 0, horizonDays: 56 },
};
const request = (items: [string, number][], officeId = "office"): SlotRequest => ({
  officeId,
  items: items.map(([serviceId, quantity]) => ({ serviceId, quantity })),
  channel: "ONLINE",
});
const errorsOf = (r: { ok: true } | { ok: false; error: readonly unknown[] }) => (r.ok ? [] : r.error);
const now = new Date("2021-09-01T08:00:00Z");

describe("validateRequest", () => {
  it("accepts a good request and tells duration and counters", () => {
    expect(validateRequest(ctx, request([["a", 2], ["b", 1]]))).toEqual({ ok: true, value: { durationMinutes: 30, counterIds: ["c1"] } });
  });

  it("returns every problem of the request as a typed value", () => {
    expect(errorsOf(validateRequest(ctx, request([])))).toEqual([{ type: "EMPTY_REQUEST" }]);
    expect(errorsOf(validateRequest(ctx, request([["a", 1]], "other")))).toEqual([{ type: "OFFICE_MISMATCH", officeId: "other" }]);
    expect(errorsOf(validateRequest(ctx, request([["x", 1], ["a", 0], ["b", 2], ["nowhere", 1], ["a", 1]])))).toEqual([
      { type: "UNKNOWN_SERVICE", serviceId: "x" },
      { type: "INVALID_QUANTITY", serviceId: "a", quantity: 0, maxQuantity: 2 },
      { type: "INVALID_QUANTITY", serviceId: "b", quantity: 2, maxQuantity: 1 },
      { type: "SERVICE_NOT_OFFERED", serviceId: "nowhere", officeId: "office" },
      { type: "DUPLICATE_SERVICE", serviceId: "a" },
    ]);
    expect(errorsOf(validateRequest(ctx, request([["a", 1.5]])))).toEqual([
      { type: "INVALID_QUANTITY", serviceId: "a", quantity: 1.5, maxQuantity: 2 },
    ]);
    expect(errorsOf(validateRequest(ctx, request([["a", 1], ["c", 1]])))).toEqual([
      { type: "NO_COUNTER_SERVES_ALL", serviceIds: ["a", "c"], officeId: "office" },
    ]);
  });
});

describe("date arguments", () => {
  it("rejects malformed dates, reversed ranges and ranges longer than the horizon", () => {
    const ok = request([["a", 1]]);
    expect(errorsOf(calendar(ctx, ok, "2021-9-1", "2021-02-30", now))).toEqual([
      { type: "MALFORMED_DATE", field: "from", value: "2021-9-1" },
      { type: "MALFORMED_DATE", field: "to", value: "2021-02-30" },
    ]);
    expect(errorsOf(calendar(ctx, ok, "2021-09-10", "2021-09-01", now))).toEqual([
      { type: "INVALID_RANGE", from: "2021-09-10", to: "2021-09-01" },
    ]);
    expect(calendar(ctx, ok, "2021-09-01", "2021-10-27", now).ok).toBe(true); // 57 dates = today … today + 56
    expect(errorsOf(calendar(ctx, ok, "2021-09-01", "2021-10-28", now))).toEqual([
      { type: "RANGE_EXCEEDS_HORIZON", days: 58, maxDays: 57 },
    ]);
    expect(errorsOf(freeStarts(ctx, ok, "tomorrow", now))).toEqual([{ type: "MALFORMED_DATE", field: "date", value: "tomorrow" }]);
    expect(errorsOf(freeStarts(ctx, ok, "2021-09-06", new Date("nope")))).toEqual([
      { type: "MALFORMED_DATE", field: "now", value: "Invalid Date" },
    ]);
  });

  it("reports request and date errors together", () => {
    expect(errorsOf(calendar(ctx, request([]), "x", "2021-09-01", now))).toEqual([
      { type: "EMPTY_REQUEST" },
      { type: "MALFORMED_DATE", field: "from", value: "x" },
    ]);
  });
});

describe("configuration", () => {
  const issues = (o: Partial<Office>) => validateOffice({ ...office, ...o });

  it("accepts the example office", () => {
    expect(issues({})).toEqual([]);
  });

  it("rejects unknown time zones and holiday regions", () => {
    expect(issues({ timeZone: "Europe/Atlantis", holidayRegion: "XX" })).toEqual([
      { type: "INVALID_TIME_ZONE", timeZone: "Europe/Atlantis" },
      { type: "UNKNOWN_HOLIDAY_REGION", region: "XX" },
    ]);
  });

  it("rejects rules the engine cannot expand", () => {
    const bad = (patch: Partial<ScheduleRule>) => issues({ rules: [{ ...rule, ...patch }] }).map((i) => (i.type === "INVALID_RULE" ? i.message : i.type));
    expect(bad({ rrule: "FREQ=WEEKLY;BYDAY=XX" })).toEqual(["invalid BYDAY value"]);
    expect(bad({ rrule: "FREQ=SOMETIMES" })).toHaveLength(1);
    expect(bad({ rrule: "BYDAY=MO" })).toEqual(["FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY"]);
    expect(bad({ rrule: "FREQ=HOURLY" })).toEqual(["FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY"]);
    expect(bad({ rrule: "FREQ=WEEKLY;BYHOUR=9" })).toEqual(["BYHOUR, BYMINUTE and BYSECOND are not allowed; use startTime/endTime"]);
    expect(bad({ rrule: "DTSTART:20210101T000000Z\nRRULE:FREQ=WEEKLY" })).toEqual([
      "only an RRULE body is allowed; the start comes from validFrom",
    ]);
    expect(bad({ rrule: "FOO=1" })).toEqual(["Unknown RRULE property 'FOO'"]);
    expect(bad({ startTime: "12:00", endTime: "09:00" })).toEqual(["endTime must be after startTime"]);
    expect(bad({ startTime: "9:00", endTime: "24:01" })).toEqual(["malformed startTime 9:00", "malformed endTime 24:01"]);
    expect(bad({ validFrom: "2021-09-10", validUntil: "2021-09-01" })).toEqual(["validUntil is before validFrom"]);
    expect(bad({ counterId: "c9" })).toEqual(["unknown counter c9"]);
    // Accepted: an RRULE: prefix, COUNT/UNTIL, end of day.
    expect(bad({ rrule: "RRULE:FREQ=MONTHLY;BYDAY=2SA,4SA;COUNT=10", endTime: "24:00" })).toEqual([]);
  });

  it("rejects bad closures and duplicate counters", () => {
    expect(
      issues({
        counters: [...office.counters, { id: "c1", serviceIds: [] }],
        closures: [
          { id: "x1", from: "2021-09-10", to: "2021-09-01", reason: "" },
          { id: "x2", from: "2021-09-01", to: "2021-09-01", startTime: "10:00", reason: "" },
        ],
      }),
    ).toEqual([
      { type: "DUPLICATE_COUNTER", counterId: "c1" },
      { type: "INVALID_CLOSURE", closureId: "x1", message: "to is before from" },
      { type: "INVALID_CLOSURE", closureId: "x2", message: "startTime and endTime must be given together" },
    ]);
  });

  it("rejects bad policies", () => {
    expect(validatePolicy({ slotGridMinutes: 0, minNoticeMinutes: -1, horizonDays: 1.5, bufferMinutes: -5, staffReserveShare: 2 }).map((i) => i.type === "INVALID_POLICY" && i.field)).toEqual([
      "slotGridMinutes",
      "minNoticeMinutes",
      "horizonDays",
      "bufferMinutes",
      "staffReserveShare",
    ]);
  });

  it("turns a broken configuration into one INVALID_CONFIGURATION error instead of throwing", () => {
    const broken: SchedulingContext = {
      ...ctx,
      office: { ...office, rules: [{ ...rule, rrule: "FREQ=WEEKLY;BYDAY=XX" }] },
      services: [{ id: "a", durationMinutes: 0, maxQuantity: 1 }],
    };
    const expected = [
      {
        type: "INVALID_CONFIGURATION",
        issues: [
          { type: "INVALID_RULE", ruleId: "r1", message: "invalid BYDAY value" },
          { type: "INVALID_SERVICE", serviceId: "a", message: "durationMinutes must be a positive integer" },
        ],
      },
    ];
    expect(errorsOf(calendar(broken, request([["a", 1]]), "2021-09-01", "2021-09-07", now))).toEqual(expected);
    expect(checkStart(broken, request([["a", 1]]), now, now)).toEqual({ ok: false, error: { type: "INVALID_REQUEST", errors: expected } });
  });
});
