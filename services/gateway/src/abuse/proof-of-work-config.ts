import { randomBytes } from "node:crypto";
import { DEFAULT_PROOF_OF_WORK_POLICY, type ProofOfWorkPolicy } from "@terminvergabe/core";

export interface ProofOfWorkConfig {
  /** PROOF_OF_WORK=off turns it off (tests of other things); on by default. */
  enabled: boolean;
  policy: ProofOfWorkPolicy;
  /**
   * Signs challenges (POW_SECRET). Unset: random per process, which is right for one
   * instance; several instances behind one address need the same secret.
   */
  secret: string;
  /** How long a challenge may be solved and used, in seconds. */
  ttlSeconds: number;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

export function parseProofOfWork(env: NodeJS.ProcessEnv): ProofOfWorkConfig {
  const base = DEFAULT_PROOF_OF_WORK_POLICY;
  const baseCost = Math.max(1, positive(env.POW_COST, base.baseCost, "POW_COST"));
  return {
    enabled: env.PROOF_OF_WORK !== "off" && env.PROOF_OF_WORK !== "false",
    policy: {
      baseCost,
      addressThresholds: base.addressThresholds,
      tenantLoadPerMinute: positive(env.POW_TENANT_LOAD, base.tenantLoadPerMinute, "POW_TENANT_LOAD"),
      maxCost: Math.max(baseCost, positive(env.POW_MAX_COST, base.maxCost, "POW_MAX_COST")),
    },
    secret: env.POW_SECRET || randomBytes(32).toString("hex"),
    ttlSeconds: Math.max(30, positive(env.POW_TTL_SECONDS, 600, "POW_TTL_SECONDS")),
  };
}
