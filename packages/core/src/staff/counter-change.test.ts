import { describe, expect, it } from "vitest";
import { err, ok } from "../shared/result.ts";
import { decideCounterChange } from "./counter-change.ts";

describe("changing a counter (issue 13)", () => {
  const active = { active: true };
  const inactive = { active: false };

  it("given an active counter with 3 live bookings ahead, when the admin deactivates it, then it is refused naming the 3 bookings", () => {
    expect(decideCounterChange(active, inactive, 3)).toEqual(err({ type: "COUNTER_HAS_FUTURE_BOOKINGS", bookings: 3 }));
  });

  it("given an active counter with one live booking ahead, when the admin deactivates it, then the one booking is named", () => {
    expect(decideCounterChange(active, inactive, 1)).toEqual(err({ type: "COUNTER_HAS_FUTURE_BOOKINGS", bookings: 1 }));
  });

  it("given an active counter without bookings ahead, when the admin deactivates it, then it may", () => {
    expect(decideCounterChange(active, inactive, 0)).toEqual(ok(undefined));
  });

  it("given a counter with bookings ahead, when the admin renames it or keeps it active, then it may", () => {
    expect(decideCounterChange(active, active, 12)).toEqual(ok(undefined));
  });

  it("given an inactive counter with bookings ahead (made before this rule), when it stays inactive or is activated again, then it may", () => {
    expect(decideCounterChange(inactive, inactive, 2)).toEqual(ok(undefined));
    expect(decideCounterChange(inactive, active, 2)).toEqual(ok(undefined));
  });
});
