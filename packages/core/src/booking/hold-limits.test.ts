import { describe, expect, it } from "vitest";
import { extendedHoldExpiry, holdDeadline, holdExtensionMs, MIN_HOLD_EXTENSIONS, mayConfirmAnother, mayHoldAnother } from "./hold-limits.ts";

const heldSince = new Date("2026-12-01T09:00:00Z");
const at = (minutes: number) => new Date(heldSince.getTime() + minutes * 60_000);
const policy = { holdMinutes: 10, holdMaxMinutes: 20, maxHoldsPerAddress: 3, maxBookingsPerAddressPerHour: 2 };

describe("a hold's total life (WCAG 2.2.1 with a cap)", () => {
  it("given a 10-minute hold capped at 20, when extended, then each extension adds one minute from the current expiry", () => {
    expect(holdExtensionMs(policy)).toBe(60_000);
    expect(extendedHoldExpiry(heldSince, at(10), at(8), policy)).toEqual(at(11));
  });

  it("given a citizen who extends whenever warned, then at least ten extensions succeed and the hold never outlives the cap", () => {
    let expiry = at(policy.holdMinutes);
    let extensions = 0;
    for (;;) {
      // Warned two minutes before the end (the widget's warning), the citizen extends.
      const now = new Date(Math.max(heldSince.getTime(), expiry.getTime() - 120_000));
      const next = extendedHoldExpiry(heldSince, expiry, now, policy);
      if (!next) break;
      expect(next.getTime()).toBeGreaterThan(expiry.getTime());
      expiry = next;
      extensions++;
    }
    expect(extensions).toBeGreaterThanOrEqual(MIN_HOLD_EXTENSIONS);
    expect(expiry).toEqual(at(20));
  });

  it("given a hold at its cap, when extended again, then it is refused", () => {
    expect(extendedHoldExpiry(heldSince, at(20), at(19), policy)).toBeNull();
  });

  it("given a lapsed expiry, when extended, then the step counts from now", () => {
    expect(extendedHoldExpiry(heldSince, at(10), at(12), policy)).toEqual(at(13));
  });

  it("given a cap no larger than the hold itself, when read, then it stretches so ten 20-second extensions still fit", () => {
    const tight = { holdMinutes: 10, holdMaxMinutes: 10 };
    expect(holdExtensionMs(tight)).toBe(20_000);
    expect(holdDeadline(heldSince, tight).getTime() - at(10).getTime()).toBe(MIN_HOLD_EXTENSIONS * 20_000);
  });
});

describe("holds per address", () => {
  it("given an address keeping as many holds as allowed, then it may not hold another", () => {
    expect(mayHoldAnother(2, policy)).toBe(true);
    expect(mayHoldAnother(3, policy)).toBe(false);
    expect(mayHoldAnother(50, { maxHoldsPerAddress: 0 })).toBe(true);
  });
});

describe("bookings per address and hour", () => {
  it("given an address that booked its share this hour, then it may not confirm another; 0 lifts the limit", () => {
    expect(mayConfirmAnother(1, policy)).toBe(true);
    expect(mayConfirmAnother(2, policy)).toBe(false);
    expect(mayConfirmAnother(99, { maxBookingsPerAddressPerHour: 0 })).toBe(true);
  });
});
