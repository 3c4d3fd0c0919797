import { describe, expect, it } from "vitest";
import { allocateSlots, checkPool, describeSlot, type LotteryPreferences, type LotterySlot, moveUpCandidate, NO_PREFERENCES, type RankedApplication, slotTimeOfDay } from "./allocate.ts";

const slot = (id: string, start: string, counter = "c1", office = "north", weekday = 2, localTime = "09:00"): LotterySlot => ({
  id,
  office,
  counter,
  start: `${start}.000Z`,
  weekday,
  localTime,
});
const app = (entryCode: string, rank: number, preferences: Partial<LotteryPreferences> = {}): RankedApplication => ({
  entryCode,
  rank,
  preferences: { ...NO_PREFERENCES, ...preferences },
});
const won = (allocations: ReturnType<typeof allocateSlots>) => Object.fromEntries(allocations.map((a) => [a.entryCode, a.slotId]));

describe("time of day", () => {
  it("is MORNING before 12:00, AFTERNOON before 17:00, EVENING from 17:00", () => {
    expect(["00:00", "11:59", "12:00", "16:59", "17:00", "23:59"].map(slotTimeOfDay)).toEqual(["MORNING", "MORNING", "AFTERNOON", "AFTERNOON", "EVENING", "EVENING"]);
  });
});

describe("random serial dictatorship", () => {
  it("given applicants without preferences, hands out slots earliest first in rank order and waitlists the rest", () => {
    const slots = [slot("late", "2026-09-02T09:00:00"), slot("early", "2026-09-01T09:00:00")];
    const result = allocateSlots(slots, [app("B", 2), app("A", 1), app("C", 3)]);
    expect(result).toEqual([
      { entryCode: "A", rank: 1, slotId: "early" },
      { entryCode: "B", rank: 2, slotId: "late" },
      { entryCode: "C", rank: 3, slotId: null },
    ]);
  });
  it("breaks equal starts by counter, then by slot id", () => {
    const slots = [slot("z", "2026-09-01T09:00:00", "c2"), slot("y", "2026-09-01T09:00:00", "c1")];
    expect(won(allocateSlots(slots, [app("A", 1), app("B", 2)]))).toEqual({ A: "y", B: "z" });
  });
  it("gives each applicant the earliest slot that fits, even when an earlier one is still free", () => {
    const slots = [
      slot("tue-morning", "2026-09-01T07:00:00", "c1", "north", 2, "09:00"),
      slot("tue-afternoon", "2026-09-01T12:00:00", "c1", "north", 2, "14:00"),
      slot("wed-south", "2026-09-02T07:00:00", "c9", "south", 3, "09:00"),
    ];
    const result = allocateSlots(slots, [
      app("A", 1, { timesOfDay: ["AFTERNOON"] }),
      app("B", 2, { offices: ["south"] }),
      app("C", 3, { weekdays: [3] }),
      app("D", 4),
    ]);
    expect(won(result)).toEqual({ A: "tue-afternoon", B: "wed-south", C: null, D: "tue-morning" });
  });
  it("needs every preference to hold at once", () => {
    const slots = [slot("s", "2026-09-01T07:00:00", "c1", "north", 2, "09:00")];
    expect(won(allocateSlots(slots, [app("A", 1, { offices: ["north"], weekdays: [2], timesOfDay: ["EVENING"] })]))).toEqual({ A: null });
    expect(won(allocateSlots(slots, [app("A", 1, { offices: ["north", "south"], weekdays: [2, 5], timesOfDay: ["MORNING"] })]))).toEqual({ A: "s" });
  });
  it("agrees with the plain definition (scan all slots in order) on random pools", () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 30; round++) {
      const slots: LotterySlot[] = Array.from({ length: 40 }, (_, i) => {
        const day = 1 + Math.floor(rnd() * 14);
        const hour = 7 + Math.floor(rnd() * 12);
        return slot(`s${i}`, `2026-09-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00`, `c${Math.floor(rnd() * 3)}`, rnd() < 0.5 ? "north" : "south", 1 + (day % 7), `${String(hour + 2).padStart(2, "0")}:00`);
      });
      const unique = slots.filter((s, i) => slots.findIndex((t) => t.counter === s.counter && t.start === s.start) === i);
      const apps = Array.from({ length: 60 }, (_, i) =>
        app(`E${i}`, i + 1, {
          offices: rnd() < 0.3 ? ["north"] : [],
          weekdays: rnd() < 0.3 ? [1 + Math.floor(rnd() * 7), 1 + Math.floor(rnd() * 7)] : [],
          timesOfDay: rnd() < 0.3 ? ["AFTERNOON"] : [],
        }),
      );
      const taken = new Set<string>();
      const sorted = [...unique].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.counter < b.counter ? -1 : a.counter > b.counter ? 1 : a.id < b.id ? -1 : 1));
      const expected = apps.map((a) => {
        const pick = sorted.find((s) => !taken.has(s.id) && (a.preferences.offices.length === 0 || a.preferences.offices.includes(s.office)) && (a.preferences.weekdays.length === 0 || a.preferences.weekdays.includes(s.weekday)) && (a.preferences.timesOfDay.length === 0 || a.preferences.timesOfDay.includes(slotTimeOfDay(s.localTime))));
        if (pick) taken.add(pick.id);
        return { entryCode: a.entryCode, rank: a.rank, slotId: pick?.id ?? null };
      });
      expect(allocateSlots(unique, apps)).toEqual(expected);
    }
  });
});

describe("moving up", () => {
  const freed = slot("freed", "2026-09-01T07:00:00", "c1", "north", 2, "09:00");
  it("given waitlisted applicants, the freed slot goes to the best rank whose preferences it fits", () => {
    const waiting = [app("late", 40), app("picky", 12, { weekdays: [5] }), app("fits", 17, { offices: ["north"] })];
    expect(moveUpCandidate(freed, waiting)?.entryCode).toBe("fits");
  });
  it("given nobody it fits, stays free", () => {
    expect(moveUpCandidate(freed, [app("picky", 1, { timesOfDay: ["EVENING"] })])).toBeNull();
  });
});

describe("pool", () => {
  it("refuses malformed starts, weekdays, local times and a counter used twice at one start", () => {
    expect(checkPool([{ ...slot("a", "2026-09-01T07:00:00"), start: "2026-09-01T07:00:00Z" }]).ok).toBe(false);
    expect(checkPool([{ ...slot("a", "2026-09-01T07:00:00"), weekday: 0 }]).ok).toBe(false);
    expect(checkPool([{ ...slot("a", "2026-09-01T07:00:00"), localTime: "9:00" }]).ok).toBe(false);
    expect(checkPool([slot("a", "2026-09-01T07:00:00"), slot("b", "2026-09-01T07:00:00")])).toEqual({ ok: false, error: { type: "DUPLICATE_SLOT", slotId: "b" } });
    expect(checkPool([slot("a", "2026-09-01T07:00:00"), slot("b", "2026-09-01T07:00:00", "c2")]).ok).toBe(true);
  });
});

describe("describing a pool slot", () => {
  it("gives local weekday and time in the office's zone, summer and winter", () => {
    expect(describeSlot({ id: "a", office: "o", counter: "c", startsAt: new Date("2026-09-01T07:30:00Z"), timeZone: "Europe/Berlin" })).toEqual({
      id: "a", office: "o", counter: "c", start: "2026-09-01T07:30:00.000Z", weekday: 2, localTime: "09:30",
    });
    expect(describeSlot({ id: "a", office: "o", counter: "c", startsAt: new Date("2027-01-03T23:15:00Z"), timeZone: "Europe/Berlin" })).toMatchObject({ weekday: 1, localTime: "00:15" });
  });
});
