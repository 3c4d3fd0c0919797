/**
 * Marks a type or a root field as reachable without sign-in, with the reason why that is
 * safe. The auth-coverage test (auth-coverage.test.ts) accepts a field without `authScopes`
 * only when the field or its type carries this marker, so every new field needs a decision.
 * Root types (Query, Mutation, Subscription) are never marked as a whole: each root field is.
 */
export function publicApi(reason: string): { public: string } {
  return { public: reason };
}
