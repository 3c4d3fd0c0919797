import { createHash } from "node:crypto";

export interface Challenge {
  algorithm: string;
  challenge: string;
  salt: string;
  signature: string;
  maxNumber: number;
}

/**
 * Solves an ALTCHA (v1) challenge as a client does (here with node:crypto): the number n
 * ≤ maxNumber with SHA-256(salt + n) = challenge, sent as base64 JSON.
 */
export function solveProofOfWork(c: Challenge): string {
  for (let n = 0; n <= c.maxNumber; n++) {
    if (createHash("sha256").update(c.salt + n).digest("hex") === c.challenge) {
      return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature })).toString("base64");
    }
  }
  throw new Error("no solution within maxNumber");
}

export const CHALLENGE = /* GraphQL */ `
  query ($tenant: String!) {
    proofOfWorkChallenge(tenant: $tenant) { algorithm challenge salt signature maxNumber }
  }
`;
