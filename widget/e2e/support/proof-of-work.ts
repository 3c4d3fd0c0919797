/**
 * What a script calling the API from outside the browser must add since issue 16: a solved
 * proof-of-work challenge with every holdSlot and confirmBooking (the widget solves them
 * in the browser itself). A confirmation names only its hold, so the agency of each hold
 * is remembered from the hold's answer.
 */
import { CHALLENGE, type Challenge, solveProofOfWork } from "../../../services/gateway/test/proof-of-work-solver.ts";

type Send = (query: string, variables: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;

export function withProofOfWork(send: Send): Send {
  const agencyOfHold = new Map<string, string>();
  return async (query, variables) => {
    const input = variables.input as Record<string, unknown> | undefined;
    const holding = /\bholdSlot\s*\(/.test(query);
    const confirming = /\bconfirmBooking\s*\(/.test(query);
    const tenant = holding ? (input?.tenant as string) : confirming ? agencyOfHold.get(String(input?.holdId)) : undefined;
    let sent = variables;
    // Always a fresh one: an input copied from the widget's request carries a solution the
    // gateway accepts once.
    if (input && tenant) {
      const { data } = await send(CHALLENGE, { tenant });
      const challenge = data?.proofOfWorkChallenge as Challenge | null;
      if (challenge) sent = { ...variables, input: { ...input, proofOfWork: solveProofOfWork(challenge) } };
    }
    const body = await send(query, sent);
    const held = body.data?.holdSlot;
    if (holding && held?.id && tenant) agencyOfHold.set(held.id, tenant);
    return body;
  };
}
