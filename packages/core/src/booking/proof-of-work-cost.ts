/**
 * How hard the proof of work before holding and confirming is: the ALTCHA challenge's
 * largest number, so a browser tries on average half of it in SHA-256 hashes. A citizen
 * books once or twice and never notices the default; an address that keeps coming back,
 * or any address of a tenant under a rush, pays more.
 */
export interface ProofOfWorkPolicy {
  /** The cost everyone starts with (ALTCHA "maxnumber"), e.g. 1,000. */
  baseCost: number;
  /** Challenges per address and hour past which the cost rises tenfold, each threshold once. */
  addressThresholds: readonly number[];
  /** Challenges per tenant and minute past which every address of it pays one step more. */
  tenantLoadPerMinute: number;
  /** The cost never exceeds this. */
  maxCost: number;
}

export const DEFAULT_PROOF_OF_WORK_POLICY: Readonly<ProofOfWorkPolicy> = Object.freeze({
  baseCost: 1_000,
  // Munich's and Berlin's systems raise 1,000 to 10,000 after ten visits an hour.
  addressThresholds: Object.freeze([10, 30, 100]),
  tenantLoadPerMinute: 600,
  maxCost: 1_000_000,
});

export interface ProofOfWorkLoad {
  /** Challenges this address asked for in the last hour, this one included. */
  addressLastHour: number;
  /** Challenges the tenant handed out in the last minute, this one included. */
  tenantLastMinute: number;
}

/** The cost of the next challenge for an address of a tenant under the given load. */
export function proofOfWorkCost(load: ProofOfWorkLoad, policy: ProofOfWorkPolicy = DEFAULT_PROOF_OF_WORK_POLICY): number {
  let steps = policy.addressThresholds.filter((threshold) => load.addressLastHour > threshold).length;
  if (policy.tenantLoadPerMinute > 0 && load.tenantLastMinute > policy.tenantLoadPerMinute) steps += 1;
  return Math.min(policy.maxCost, Math.max(1, policy.baseCost) * 10 ** steps);
}
