import { mayConfirmAnother, type TenantPolicy } from "@terminvergabe/core";
import { LimitReached } from "../errors/domain-errors.ts";
import type { LimiterStore } from "./limiter-store.ts";

/** Counters that only count: the limit is the tenant's policy, read per confirmation. */
const UNCAPPED = 1_000_000_000;

/**
 * Bookings confirmed per client address, tenant and hour (core `mayConfirmAnother`). Only
 * confirmations that succeed count, so a citizen who mistyped an address and tries again
 * loses nothing. With Redis the count holds across instances.
 */
export class BookingQuota {
  private readonly confirmed;

  /** `enabled` false (RATE_LIMITS=off): nothing is counted. */
  constructor(
    store: LimiterStore,
    private readonly enabled = true,
  ) {
    this.confirmed = store.limiter({ prefix: "confirmed-address", points: UNCAPPED, durationSeconds: 3_600 });
  }

  /** Throws LimitReached (TOO_MANY_BOOKINGS_FROM_ADDRESS) when the address booked its share this hour. */
  async check(tenant: { id: string; policy: TenantPolicy }, address: string): Promise<void> {
    if (!this.enabled || tenant.policy.maxBookingsPerAddressPerHour <= 0) return;
    const counted = await this.confirmed.get(`${tenant.id}:${address}`);
    if (mayConfirmAnother(counted?.consumedPoints ?? 0, tenant.policy)) return;
    throw new LimitReached("TOO_MANY_BOOKINGS_FROM_ADDRESS", { max: tenant.policy.maxBookingsPerAddressPerHour });
  }

  /** Counts a confirmed booking of `address`. */
  async count(tenant: { id: string; policy: TenantPolicy }, address: string): Promise<void> {
    if (!this.enabled || tenant.policy.maxBookingsPerAddressPerHour <= 0) return;
    await this.confirmed.consume(`${tenant.id}:${address}`);
  }
}
