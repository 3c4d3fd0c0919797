import type { TenantPolicy } from "../catalog/types.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** How long an expired hold (never a booking) is kept for diagnosis before it is deleted. */
export const EXPIRED_HOLD_RETENTION_MS = DAY_MS;

/**
 * Appointments that ended before the returned instant lose their personal data (name,
 * e-mail, phone, tokens); `retentionDays` 0 keeps them (the agency deletes by its own
 * process): null.
 */
export function personalDataCutoff(policy: Pick<TenantPolicy, "retentionDays">, now: Date): Date | null {
  const days = policy.retentionDays;
  if (!Number.isFinite(days) || days <= 0) return null;
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * When a confirmed appointment's reminder goes out: `reminderHours` before its start, or
 * null when the tenant sends none (0) or that moment has already passed (a booking made
 * at short notice needs no reminder).
 */
export function reminderAt(policy: Pick<TenantPolicy, "reminderHours">, start: Date, now: Date): Date | null {
  const hours = policy.reminderHours;
  if (!Number.isFinite(hours) || hours <= 0) return null;
  const at = new Date(start.getTime() - hours * HOUR_MS);
  return at.getTime() > now.getTime() ? at : null;
}
