import { describe, expect, it } from "vitest";
import { changeTenantPolicy, validateTenantPolicy } from "./policy.ts";
import { DEFAULT_TENANT_POLICY, type TenantPolicy } from "./types.ts";

const policy = (change: Partial<TenantPolicy>): TenantPolicy => ({ ...DEFAULT_TENANT_POLICY, ...change });

describe("validateTenantPolicy", () => {
  it("given the defaults, when checked, then they are valid", () => {
    expect(validateTenantPolicy(DEFAULT_TENANT_POLICY).ok).toBe(true);
  });

  it("given demo-buergerservice's lead time 0 and cut-off 60, when checked, then the cut-off is refused: such bookings could never be changed", () => {
    const result = validateTenantPolicy(policy({ minNoticeMinutes: 0, cancellationCutoffMinutes: 60 }));
    expect(result).toEqual({ ok: false, error: [{ type: "CUTOFF_EXCEEDS_LEAD_TIME", field: "cancellationCutoffMinutes", leadMinutes: 0 }] });
  });

  it("given a cut-off equal to the lead time, when checked, then it is valid (a booking is made no later than its cut-off)", () => {
    expect(validateTenantPolicy(policy({ minNoticeMinutes: 60, cancellationCutoffMinutes: 60 })).ok).toBe(true);
  });

  it("given double opt-in with a confirmation window longer than the lead time, when checked, then the deadline would fall after the appointment", () => {
    const result = validateTenantPolicy(policy({ requireEmailVerification: true, minNoticeMinutes: 30, verificationWindowMinutes: 60 }));
    expect(result).toEqual({ ok: false, error: [{ type: "VERIFICATION_AFTER_APPOINTMENT", field: "verificationWindowMinutes", leadMinutes: 30 }] });
  });

  it("given no double opt-in, when the window is longer than the lead time, then that does not matter", () => {
    expect(validateTenantPolicy(policy({ requireEmailVerification: false, minNoticeMinutes: 0, verificationWindowMinutes: 60 })).ok).toBe(true);
  });

  it("given a lead time reaching past the horizon, when checked, then the horizon is refused", () => {
    const result = validateTenantPolicy(policy({ minNoticeMinutes: 2 * 1440, horizonDays: 2 }));
    expect(result.ok || result.error.map((e) => e.type)).toEqual(["HORIZON_WITHIN_LEAD_TIME"]);
  });

  it("given a total hold life shorter than the first term, when checked, then it is refused", () => {
    const result = validateTenantPolicy(policy({ holdMinutes: 15, holdMaxMinutes: 10 }));
    expect(result.ok || result.error.map((e) => e.field)).toEqual(["holdMaxMinutes"]);
  });

  it("given numbers out of range, fractions or unknown choices, when checked, then each is named", () => {
    const result = validateTenantPolicy(policy({ holdMinutes: 0, horizonDays: 1.5, staffReserveShare: 1.2, unmarkedPastBookings: "MAYBE", releaseAt: "soon" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.field).sort()).toEqual(["holdMinutes", "horizonDays", "releaseAt", "staffReserveShare", "unmarkedPastBookings"]);
    expect(result.error.find((e) => e.field === "holdMinutes")).toEqual({ type: "OUT_OF_RANGE", field: "holdMinutes", min: 1, max: 60 });
  });

  it("accepts a fractional staff reserve share and an ISO release instant", () => {
    expect(validateTenantPolicy(policy({ staffReserveShare: 0.25, releaseAt: "2030-09-01T06:00:00.000Z" })).ok).toBe(true);
  });
});

describe("changeTenantPolicy", () => {
  it("given a consistent policy, when only the lead time is lowered below the cut-off, then the change is refused as a whole", () => {
    const current = policy({ minNoticeMinutes: 120, cancellationCutoffMinutes: 60 });
    const result = changeTenantPolicy(current, { minNoticeMinutes: 30 });
    expect(result.ok || result.error[0]!.type).toBe("CUTOFF_EXCEEDS_LEAD_TIME");
  });

  it("given a change of several settings, when together consistent, then absent and null ones keep their value", () => {
    const current = policy({ minNoticeMinutes: 0, cancellationCutoffMinutes: 0 });
    const result = changeTenantPolicy(current, { minNoticeMinutes: 90, cancellationCutoffMinutes: 60, holdMinutes: undefined, noShowLimit: null as never });
    expect(result.ok && result.value).toEqual({ ...current, minNoticeMinutes: 90, cancellationCutoffMinutes: 60 });
  });
});
