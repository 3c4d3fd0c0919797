import { type ProofOfWorkLoad, proofOfWorkCost } from "@terminvergabe/core";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import type { Caller } from "../caller.ts";
import { LimitReached } from "../errors/domain-errors.ts";
import type { LimiterStore } from "./limiter-store.ts";
import type { ProofOfWorkConfig } from "./proof-of-work-config.ts";

/** An ALTCHA (v1) challenge: find `number` ≤ `maxnumber` with SHA-256(salt + number) = challenge. */
export interface ProofOfWorkChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** A solved payload is base64 of a small JSON object; anything longer is not one. */
const MAX_PAYLOAD_LENGTH = 1_024;
/** Counters that only count (the limit is the core's cost rule, not the limiter's). */
const UNCAPPED = 1_000_000_000;

/**
 * Proof of work before holding and confirming (ALTCHA, solved by the widget in a worker
 * with WebCrypto; no third-party service, no puzzle to see). A challenge names its tenant
 * and expires; each solved challenge is accepted once (across instances with Redis). The
 * cost follows the core's rule from how often the address and the tenant asked lately.
 */
export class ProofOfWork {
  private readonly addressVisits;
  private readonly tenantVisits;
  private readonly used;

  constructor(
    private readonly config: ProofOfWorkConfig,
    store: LimiterStore,
  ) {
    this.addressVisits = store.limiter({ prefix: "pow-address", points: UNCAPPED, durationSeconds: 3_600 });
    this.tenantVisits = store.limiter({ prefix: "pow-tenant", points: UNCAPPED, durationSeconds: 60 });
    this.used = store.limiter({ prefix: "pow-used", points: 1, durationSeconds: config.ttlSeconds });
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  /**
   * A challenge for the caller to solve before one hold or confirmation in the agency;
   * null for an unknown agency, and while proof of work is off (then none is asked for).
   */
  async challengeFor(caller: Caller, tenantSlug: string): Promise<(ProofOfWorkChallenge & { cost: number }) | null> {
    if (!this.config.enabled) return null;
    const tenant = await caller.tenantBySlug(tenantSlug);
    return tenant ? this.challenge(tenant.id, caller.address ?? "unknown") : null;
  }

  /** A challenge for `address` to solve before one hold or confirmation in the tenant. */
  async challenge(tenantId: string, address: string): Promise<ProofOfWorkChallenge & { cost: number }> {
    const [byAddress, byTenant] = await Promise.all([this.addressVisits.consume(address), this.tenantVisits.consume(tenantId)]);
    const load: ProofOfWorkLoad = { addressLastHour: byAddress.consumedPoints, tenantLastMinute: byTenant.consumedPoints };
    const cost = proofOfWorkCost(load, this.config.policy);
    const challenge = await createChallenge({
      hmacKey: this.config.secret,
      maxnumber: cost,
      expires: new Date(Date.now() + this.config.ttlSeconds * 1_000),
      params: { t: tenantId },
    });
    return { ...challenge, maxnumber: cost, cost };
  }

  /**
   * Accepts a solved challenge of the tenant once, or throws LimitReached
   * (PROOF_OF_WORK_REQUIRED) for a missing, forged, expired, foreign or reused one.
   */
  async verify(tenantId: string, payload: string | null | undefined): Promise<void> {
    if (!this.config.enabled) return;
    const refuse = () => new LimitReached("PROOF_OF_WORK_REQUIRED");
    if (!payload || payload.length > MAX_PAYLOAD_LENGTH) throw refuse();
    let parsed: { salt?: unknown; signature?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as typeof parsed;
    } catch {
      throw refuse();
    }
    if (typeof parsed?.salt !== "string" || typeof parsed.signature !== "string") throw refuse();
    const params = new URLSearchParams(parsed.salt.split("?")[1] ?? "");
    if (params.get("t") !== tenantId) throw refuse();
    if (!(await verifySolution(payload, this.config.secret, true))) throw refuse();
    // Once only: the first use records the signature until the challenge would expire anyway.
    try {
      await this.used.consume(parsed.signature);
    } catch {
      throw refuse();
    }
  }
}
