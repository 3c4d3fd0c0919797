/**
 * A GraphQL document as the plain string that is sent, with the result and variables types
 * generated from services/gateway/schema.graphql (src/generated/graphql.ts) attached to its
 * type only: `request`, `live` and the desk's and portal's clients infer the answer from it,
 * and a result type written at a call site must accept what the schema answers, so `tsc`
 * catches a hand-written type that drifted from the schema. Costs no bytes at run time.
 */
export type TypedDocument<Result, Variables = Record<string, never>> = string & {
  readonly " $result"?: Result;
  readonly " $variables"?: Variables;
};
