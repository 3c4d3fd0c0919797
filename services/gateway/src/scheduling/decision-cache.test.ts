import { describe, expect, it } from "vitest";
import { DecisionCache } from "./decision-cache.ts";

const interval = (counterId: string, until: number | null) => ({
  counterId,
  start: new Date("2030-03-04T08:00:00Z"),
  end: new Date("2030-03-04T08:30:00Z"),
  channel: "ONLINE" as const,
  until,
});

describe("the decision cache", () => {
  it("serves a day until its time to live runs out", () => {
    let clock = 0;
    const cache = new DecisionCache(5_000, () => clock);
    expect(cache.get("o", 1, new Date(0))).toBeNull();
    cache.set("o", 1, [interval("c1", null)]);
    expect(cache.get("o", 1, new Date(0))).toHaveLength(1);
    expect(cache.get("o", 2, new Date(0))).toBeNull();
    clock = 5_000;
    expect(cache.get("o", 1, new Date(0))).toBeNull();
  });

  it("leaves out intervals that lapsed by the given instant (holds, cool-downs)", () => {
    const cache = new DecisionCache();
    cache.set("o", 1, [interval("held", 1_000), interval("booked", null)]);
    expect(cache.get("o", 1, new Date(999))!.map((b) => b.counterId)).toEqual(["held", "booked"]);
    expect(cache.get("o", 1, new Date(1_000))!.map((b) => b.counterId)).toEqual(["booked"]);
  });

  it("adds this instance's holds to cached days only, and drops all days of an office", () => {
    const cache = new DecisionCache();
    cache.set("o", 1, []);
    cache.set("p", 1, []);
    cache.add("o", 1, interval("c1", null));
    cache.add("o", 2, interval("c2", null));
    expect(cache.get("o", 1, new Date(0))!.map((b) => b.counterId)).toEqual(["c1"]);
    expect(cache.get("o", 2, new Date(0))).toBeNull();
    cache.dropOffice("o");
    expect(cache.get("o", 1, new Date(0))).toBeNull();
    expect(cache.get("p", 1, new Date(0))).toEqual([]);
  });
});
