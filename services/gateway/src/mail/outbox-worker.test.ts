import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, retryDelayMs } from "./outbox-worker.ts";

describe("retryDelayMs (exponential backoff with equal jitter)", () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it("doubles per attempt between half and all of the ceiling", () => {
    expect(retryDelayMs(1, () => 0, policy)).toBe(500);
    expect(retryDelayMs(1, () => 1, policy)).toBe(1_000);
    expect(retryDelayMs(2, () => 0, policy)).toBe(1_000);
    expect(retryDelayMs(3, () => 0.5, policy)).toBe(3_000);
    expect(retryDelayMs(4, () => 1, policy)).toBe(8_000);
  });

  it("caps the delay, even after very many attempts", () => {
    expect(retryDelayMs(7, () => 1, policy)).toBe(60_000);
    expect(retryDelayMs(10_000, () => 1, policy)).toBe(60_000);
    expect(retryDelayMs(10_000, () => 0, policy)).toBe(30_000);
  });

  it("stays within bounds for any random value", () => {
    for (let attempts = 1; attempts <= 20; attempts++) {
      for (const r of [0, 0.123, 0.5, 0.999, 1, -5, 7]) {
        const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1));
        const d = retryDelayMs(attempts, () => r, policy);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("by default retries for several hours before giving up", () => {
    let total = 0;
    for (let a = 1; a < DEFAULT_RETRY.maxAttempts; a++) total += retryDelayMs(a, () => 0, DEFAULT_RETRY);
    expect(total).toBeGreaterThan(2 * 60 * 60_000);
  });
});
