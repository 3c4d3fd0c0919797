import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import type { ProofOfWorkChallenge } from "../abuse/proof-of-work.ts";
import { publicApi } from "./public.ts";

const ProofOfWorkChallengeRef = builder.objectRef<ProofOfWorkChallenge & { cost: number }>("ProofOfWorkChallenge").implement({
  extensions: publicApi("a puzzle anyone may ask for; it proves nothing about the caller"),
  description:
    "An ALTCHA challenge (v1): find the number n ≤ maxNumber for which SHA-256(salt + n), as lower-case hex, equals `challenge`. " +
    "Send base64(JSON {algorithm, challenge, number, salt, signature}) as `proofOfWork` with holdSlot or confirmBooking; each solution is accepted once.",
  fields: (t) => ({
    algorithm: t.exposeString("algorithm"),
    challenge: t.exposeString("challenge"),
    salt: t.exposeString("salt", { description: "Names the agency and the expiry; part of what is hashed." }),
    signature: t.exposeString("signature"),
    maxNumber: t.exposeInt("maxnumber", { description: "The cost: on average half of it is tried. Rises for addresses that keep coming back and under load." }),
  }),
});

builder.queryField("proofOfWorkChallenge", (t) =>
  t.field({
    extensions: publicApi("the anonymous booking flow, origin-checked per agency"),
    type: ProofOfWorkChallengeRef,
    nullable: true,
    description: "A proof-of-work challenge to solve before holdSlot and confirmBooking; null for an unknown agency or when the deployment asks for none.",
    args: { tenant: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.proofOfWork.challengeFor(callerOf(ctx), args.tenant),
  }),
);
