import type { Api } from "./api.ts";
import { request } from "./api.ts";
import type { ProofOfWorkChallengeQuery, ProofOfWorkChallengeQueryVariables } from "../generated/graphql.ts";
import type { TypedDocument } from "./typed-document.ts";

export const CHALLENGE = `query ProofOfWorkChallenge($tenant: String!) { proofOfWorkChallenge(tenant: $tenant) { algorithm challenge salt signature maxNumber } }` as TypedDocument<ProofOfWorkChallengeQuery, ProofOfWorkChallengeQueryVariables>;

export interface Challenge {
  algorithm: string;
  challenge: string;
  salt: string;
  signature: string;
  maxNumber: number;
}

/**
 * Finds n with SHA-256(salt + n) = challenge (ALTCHA v1) and returns the base64 payload the
 * gateway checks. Self-contained: its source also runs as the worker.
 */
export async function solve(c: Challenge): Promise<string | null> {
  const encoder = new TextEncoder();
  for (let n = 0; n <= c.maxNumber; n++) {
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(c.salt + n)));
    let hex = "";
    for (const byte of hash) hex += (byte + 256).toString(16).slice(1);
    if (hex === c.challenge) return btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature }));
  }
  return null;
}

/**
 * The proof of work the gateway asks for before a hold or a confirmation: fetched, then
 * solved with WebCrypto in a worker made from `solve` (the page stays responsive; no
 * third-party service, nothing to see or click). Where the host page's CSP forbids blob:
 * workers it is solved on the page instead. Null when the gateway asks for none.
 */
export async function proofOfWork(api: Api, tenant: string): Promise<string | null> {
  const { proofOfWorkChallenge: c } = await request<{ proofOfWorkChallenge: Challenge | null }>(api.client, CHALLENGE, { tenant });
  if (!c) return null;
  try {
    const worker = new Worker(URL.createObjectURL(new Blob([`onmessage=async e=>postMessage(await(${solve})(e.data))`], { type: "text/javascript" })));
    return await new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data as string | null);
      worker.onerror = reject;
      worker.postMessage(c);
    }).finally(() => worker.terminate()) as string | null;
  } catch {
    return solve(c);
  }
}
