import { err, ok, type Result } from "../shared/result.ts";
import type { TenantPolicy } from "./types.ts";

type NumericField = { [K in keyof TenantPolicy]: TenantPolicy[K] extends number ? K : never }[keyof TenantPolicy];

/** The range each number of a tenant policy may take (inclusive); whole numbers except the share. */
export const POLICY_RANGES: Readonly<Record<NumericField, { min: number; max: number; integer: boolean }>> = Object.freeze({
  slotGridMinutes: { min: 1, max: 1440, integer: true },
  minNoticeMinutes: { min: 0, max: 43_200, integer: true },
  horizonDays: { min: 1, max: 730, integer: true },
  bufferMinutes: { min: 0, max: 240, integer: true },
  staffReserveShare: { min: 0, max: 1, integer: false },
  holdMinutes: { min: 1, max: 60, integer: true },
  holdMaxMinutes: { min: 1, max: 240, integer: true },
  maxHoldsPerAddress: { min: 0, max: 1000, integer: true },
  maxBookingsPerAddressPerHour: { min: 0, max: 1000, integer: true },
  maxActiveBookingsPerPerson: { min: 0, max: 100, integer: true },
  noShowLimit: { min: 0, max: 100, integer: true },
  noShowWindowMonths: { min: 1, max: 36, integer: true },
  cancellationCutoffMinutes: { min: 0, max: 43_200, integer: true },
  cancelledSlotCooldownMinutes: { min: 0, max: 1440, integer: true },
  verificationWindowMinutes: { min: 1, max: 10_080, integer: true },
  waitingRoomOpensMinutes: { min: 0, max: 1440, integer: true },
  waitingRoomAdmitPerSecond: { min: 1, max: 10_000, integer: true },
  retentionDays: { min: 0, max: 3650, integer: true },
  reminderHours: { min: 0, max: 336, integer: true },
});

/** Why a tenant policy cannot be saved; `field` names the setting to correct. */
export type PolicyIssue =
  | { readonly type: "OUT_OF_RANGE"; readonly field: NumericField; readonly min: number; readonly max: number }
  | { readonly type: "MALFORMED"; readonly field: "releaseAt" | "nextReleaseAt" | "unmarkedPastBookings" }
  /** Bookings made at the earliest allowed moment would already be past the cut-off: never changeable. */
  | { readonly type: "CUTOFF_EXCEEDS_LEAD_TIME"; readonly field: "cancellationCutoffMinutes"; readonly leadMinutes: number }
  /** A booking made at the earliest allowed moment would have its verification deadline after its start. */
  | { readonly type: "VERIFICATION_AFTER_APPOINTMENT"; readonly field: "verificationWindowMinutes"; readonly leadMinutes: number }
  /** A hold could never live as long as its first term. */
  | { readonly type: "HOLD_MAX_BELOW_HOLD"; readonly field: "holdMaxMinutes"; readonly holdMinutes: number }
  /** The lead time reaches past the booking horizon: nothing could ever be booked. */
  | { readonly type: "HORIZON_WITHIN_LEAD_TIME"; readonly field: "horizonDays"; readonly leadMinutes: number };

/**
 * Checks a whole tenant policy: every number in its range, the choices known, and the
 * settings consistent with each other, so that
 * - a booking can always be changed: the cancellation cut-off is at most the lead time
 *   (a booking is made at least `minNoticeMinutes` before its start, so it is made before
 *   its cut-off);
 * - with double opt-in, the verification deadline (booking + `verificationWindowMinutes`)
 *   falls before the appointment, even for a booking made at the last allowed moment;
 * - a hold may live at least its first term;
 * - the horizon reaches beyond the lead time.
 * Returns every issue, first the ranges, then the consistency rules.
 */
export function validateTenantPolicy(policy: TenantPolicy): Result<TenantPolicy, readonly PolicyIssue[]> {
  const issues: PolicyIssue[] = [];
  for (const [field, range] of Object.entries(POLICY_RANGES) as [NumericField, (typeof POLICY_RANGES)[NumericField]][]) {
    const value = policy[field];
    const fits = typeof value === "number" && Number.isFinite(value) && (!range.integer || Number.isInteger(value)) && value >= range.min && value <= range.max;
    if (!fits) issues.push({ type: "OUT_OF_RANGE", field, min: range.min, max: range.max });
  }
  for (const field of ["releaseAt", "nextReleaseAt"] as const) {
    const value = policy[field];
    if (value !== "" && (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))) issues.push({ type: "MALFORMED", field });
  }
  if (policy.unmarkedPastBookings !== "COMPLETED" && policy.unmarkedPastBookings !== "UNMARKED") issues.push({ type: "MALFORMED", field: "unmarkedPastBookings" });
  if (issues.length > 0) return err(issues);

  const lead = policy.minNoticeMinutes;
  if (policy.cancellationCutoffMinutes > lead) issues.push({ type: "CUTOFF_EXCEEDS_LEAD_TIME", field: "cancellationCutoffMinutes", leadMinutes: lead });
  if (policy.requireEmailVerification && policy.verificationWindowMinutes > lead) {
    issues.push({ type: "VERIFICATION_AFTER_APPOINTMENT", field: "verificationWindowMinutes", leadMinutes: lead });
  }
  if (policy.holdMaxMinutes < policy.holdMinutes) issues.push({ type: "HOLD_MAX_BELOW_HOLD", field: "holdMaxMinutes", holdMinutes: policy.holdMinutes });
  if (lead >= policy.horizonDays * 1440) issues.push({ type: "HORIZON_WITHIN_LEAD_TIME", field: "horizonDays", leadMinutes: lead });
  return issues.length > 0 ? err(issues) : ok(policy);
}

/** A change of some settings: the fields given replace the current ones, then the whole policy is checked. */
export function changeTenantPolicy(current: TenantPolicy, change: Partial<TenantPolicy>): Result<TenantPolicy, readonly PolicyIssue[]> {
  const next: TenantPolicy = { ...current };
  for (const [key, value] of Object.entries(change) as [keyof TenantPolicy, unknown][]) {
    if (value !== undefined && value !== null && key in current) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return validateTenantPolicy(next);
}
