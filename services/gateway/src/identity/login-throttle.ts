import { LRUCache } from "lru-cache";

export interface ThrottlePolicy {
  /** Attempts per account (tenant + e-mail) in one window. */
  perAccount: number;
  /** Attempts per client address in one window. */
  perAddress: number;
  windowMs: number;
  /** Most keys remembered; the least recently used are forgotten first (bounded memory). */
  maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000, maxKeys: 50_000 };

interface Window {
  count: number;
  resetAt: number;
}

export type ThrottleDecision = { allowed: true; release(success: boolean): void } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window throttle of sign-in attempts per account and per client address, in memory
 * (per process: with several instances an attacker gets the limit once per instance).
 * An attempt counts when it starts, so a burst of parallel guesses cannot all pass
 * before the first failure is recorded; a successful one is given back (the account's
 * count is cleared, the address's decremented).
 * Unknown accounts are counted exactly like known ones, so the answer tells nothing.
 */
export class LoginThrottle {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {
    this.windows = new LRUCache({ max: policy.maxKeys });
  }

  attempt(account: string, address: string): ThrottleDecision {
    const now = this.now();
    const keys = [
      { key: `a:${account}`, limit: this.policy.perAccount },
      { key: `i:${address}`, limit: this.policy.perAddress },
    ];
    const windows = keys.map(({ key, limit }) => {
      let window = this.windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + this.policy.windowMs };
        this.windows.set(key, window);
      }
      return { key, limit, window };
    });
    const blocked = windows.filter(({ window, limit }) => window.count >= limit);
    if (blocked.length) {
      const resetAt = Math.max(...blocked.map(({ window }) => window.resetAt));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
    }
    for (const { window } of windows) window.count += 1;
    return {
      allowed: true,
      release: (success) => {
        if (!success) return;
        // Only failures count: the account starts afresh, the address gets its attempt back.
        this.windows.delete(`a:${account}`);
        const address = windows[1]!.window;
        if (address.count > 0) address.count -= 1;
      },
    };
  }
}
