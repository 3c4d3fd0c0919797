import { holdDeadline, mayHoldAnother, type TenantPolicy } from "@terminvergabe/core";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { LimitReached } from "../errors/domain-errors.ts";
import type { LimiterStore } from "./limiter-store.ts";

/** Counters that only count: the limit is the tenant's policy, read per hold. */
const UNCAPPED = 1_000_000_000;

/**
 * How many holds each client address keeps per tenant (core `mayHoldAnother`). A hold
 * counts from its making until it is confirmed or released, or at most for its longest
 * possible life (the counter's window), so abandoned holds stop counting once they could
 * no longer be alive. With Redis the count holds across instances.
 */
export class HoldQuota {
  private readonly limiters = new Map<number, RateLimiterAbstract>();

  /** `enabled` false (RATE_LIMITS=off): nothing is counted. */
  constructor(
    private readonly store: LimiterStore,
    private readonly enabled = true,
  ) {}

  private limiter(policy: TenantPolicy): RateLimiterAbstract {
    const seconds = Math.ceil((holdDeadline(new Date(0), policy).getTime()) / 1000);
    let limiter = this.limiters.get(seconds);
    if (!limiter) {
      limiter = this.store.limiter({ prefix: `holds-${seconds}`, points: UNCAPPED, durationSeconds: seconds });
      this.limiters.set(seconds, limiter);
    }
    return limiter;
  }

  /** Counts a new hold of `address`, or throws LimitReached (TOO_MANY_HOLDS) when it keeps enough already. */
  async take(tenant: { id: string; policy: TenantPolicy }, address: string): Promise<void> {
    if (!this.enabled || tenant.policy.maxHoldsPerAddress <= 0) return;
    const limiter = this.limiter(tenant.policy);
    const key = `${tenant.id}:${address}`;
    // Counted first, checked after: a burst of parallel holds cannot all see a free quota.
    const counted = await limiter.consume(key);
    if (mayHoldAnother(counted.consumedPoints - 1, tenant.policy)) return;
    await limiter.reward(key, 1);
    throw new LimitReached("TOO_MANY_HOLDS", { max: tenant.policy.maxHoldsPerAddress });
  }

  /** A hold of `address` ended (confirmed, released, or never made): it no longer counts. */
  async give(tenant: { id: string; policy: TenantPolicy }, address: string): Promise<void> {
    if (!this.enabled || tenant.policy.maxHoldsPerAddress <= 0) return;
    const limiter = this.limiter(tenant.policy);
    const key = `${tenant.id}:${address}`;
    const current = await limiter.get(key);
    if (current && current.consumedPoints > 0) await limiter.reward(key, 1);
  }
}
